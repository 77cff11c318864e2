/**
 * Deterministic PII tokens, byte-compatible with Python ecsctx:
 *
 * ```
 * sub_key = HMAC-SHA256(key = primary master key, msg = UTF-8(env + "|" + field_type))
 * token   = "ptok:v1:" + base64url-no-pad(HMAC-SHA256(key = sub_key, msg = UTF-8(normalized value)))
 * ```
 *
 * `|` is not escaped, so (`eu|prod`, `email`) and (`eu`, `prod|email`) share a sub-key, as in Python.
 *
 * @see reference/vectors/README.md in the repository, "Tokens" (the cross-language contract)
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { PiiError } from '../errors';
import { keyObjectOf, type Keyset } from './keyset';
import { normalizeForToken } from './normalize';
import { HmacSha256 } from './hmac-sha256';

/** Prefix of every token this version makes. */
export const TOKEN_PREFIX = 'ptok:v1:';

/** Field types whose sub-keys are cached per tokenizer; beyond this, sub-keys are derived per call. */
export const MAX_CACHED_FIELD_TYPES = 256;

/** Turns a value into its deterministic token. Never throws for string input. */
export interface PiiTokenizer {
  /** `ptok:v1:…` token of `value` normalized for `fieldType`. */
  tokenize(value: string, fieldType: string): string;
}

/** Joins env and field type the way Python does (no escaping). */
export function tokenContext(env: string, fieldType: string): string {
  return env + '|' + fieldType;
}

/** `HMAC-SHA256(master, env|fieldType)`: the per-context sub-key. */
export function deriveSubKey(master: KeyObject, env: string, fieldType: string): Buffer {
  return createHmac('sha256', master).update(tokenContext(env, fieldType), 'utf8').digest();
}

/** HMAC-SHA256 under one sub-key: JavaScript for short values, `createHmac` for the rest. */
class SubKeyHmac {
  readonly #fast: HmacSha256;
  readonly #key: KeyObject;

  constructor(key: KeyObject) {
    this.#key = key;
    const raw = key.export();
    this.#fast = new HmacSha256(raw);
    raw.fill(0);
  }

  /** `prefix` + base64url (no padding) of HMAC-SHA256(sub-key, UTF-8 of `text`). */
  digest(text: string, prefix: string): string {
    return this.#fast.digestBase64url(text, prefix) ?? prefix + createHmac('sha256', this.#key).update(text, 'utf8').digest('base64url');
  }
}

/**
 * A tokenizer bound to one keyset's primary key and one env. Derived sub-keys are cached per
 * field type, so a token costs one HMAC over the normalized value.
 */
class KeysetTokenizer implements PiiTokenizer {
  readonly #master: KeyObject;
  readonly #env: string;
  readonly #subKeys = new Map<string, SubKeyHmac>();

  constructor(master: KeyObject, env: string) {
    this.#master = master;
    this.#env = env;
  }

  tokenize(value: string, fieldType: string): string {
    let subKey = this.#subKeys.get(fieldType);
    if (subKey === undefined) {
      subKey = new SubKeyHmac(createSecretKey(deriveSubKey(this.#master, this.#env, fieldType)));
      if (this.#subKeys.size < MAX_CACHED_FIELD_TYPES) this.#subKeys.set(fieldType, subKey);
    }
    const text = typeof value === 'string' ? value : String(value);
    return subKey.digest(normalizeForToken(text, fieldType), TOKEN_PREFIX);
  }

  toString(): string {
    return `PiiTokenizer(env=${this.#env})`;
  }
}

/**
 * Makes the tokenizer for `keyset`'s primary key under `env`.
 *
 * @throws PiiError `ERR_ECSCTX_PII_KEY_NOT_FOUND` when the primary kid is not in the keyset.
 */
export function createTokenizer(keyset: Keyset, env: string): PiiTokenizer {
  const master = keyObjectOf(keyset, keyset.primaryKid);
  if (master === undefined) {
    throw new PiiError(
      'ERR_ECSCTX_PII_KEY_NOT_FOUND',
      `the token keyset's primary_kid ${JSON.stringify(keyset.primaryKid)} is not one of its keys`,
    );
  }
  return new KeysetTokenizer(master, env);
}
