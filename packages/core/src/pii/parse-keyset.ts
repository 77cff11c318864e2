/**
 * Reads keyset documents: the Python ecsctx JSON keyset (read exactly as Python reads it) and a
 * JWK Set of `oct` keys (RFC 7517 §5, RFC 7518 §6.4).
 *
 * Error messages name key ids and fields, never key bytes or document text (a JSON syntax error
 * from V8 quotes the input, so it is not passed on, not even as `cause`).
 *
 * @see reference/vectors/README.md in the repository (the cross-language contract), "Keyset documents" and `keyset_parsing`
 */
import type { base64url as JoseBase64Url } from 'jose' with { 'resolution-mode': 'import' };
import { PiiError } from '../errors';
import { decodeKeyBase64 } from './base64';
import { Keyset, type KeyInit } from './keyset';

/** One key of a Python ecsctx keyset document. */
export interface KeysetDocumentKey {
  /** Informative algorithm name (`HMAC-SHA-256`, `AES-256-GCM`); not checked. */
  alg: string;
  /** The raw key, base64url without padding (padding and the standard alphabet are also read). */
  key_b64: string;
  /** ISO-8601 creation time; optional. */
  created_at?: string;
}

/** The Python ecsctx keyset document. */
export interface KeysetDocument {
  /** `1`; not checked. */
  schema_version?: number;
  /** Id of the key used for new tokens / ciphertexts. */
  primary_kid: string;
  /** Key id → key. */
  keys: Record<string, KeysetDocumentKey>;
}

/** One symmetric JWK (RFC 7518 §6.4). */
export interface OctJwk {
  kty: 'oct';
  kid: string;
  /** base64url key bytes. */
  k: string;
  alg?: string;
}

/** A JWK Set of `oct` keys. The first key is the primary key. */
export interface OctJwkSet {
  keys: OctJwk[];
}

/** What {@link parseKeyset} reads: JSON text (string or UTF-8 bytes) or an already parsed document. */
export type KeysetSource = string | Uint8Array | KeysetDocument | OctJwkSet | Record<string, unknown>;

// jose is ESM-only; Node >= 20.19 can require() it, which keeps parsing synchronous.
let jose: { base64url: typeof JoseBase64Url } | undefined;
function joseBase64Url(): typeof JoseBase64Url {
  jose ??= require('jose') as { base64url: typeof JoseBase64Url };
  return jose.base64url;
}

function invalid(message: string): PiiError {
  return new PiiError('ERR_ECSCTX_PII_KEYSET_INVALID', `invalid keyset: ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeKid(kid: string): string {
  return JSON.stringify(kid.length > 64 ? kid.slice(0, 64) + '…' : kid);
}

/**
 * Parses a keyset. Accepts
 *
 * - the Python ecsctx document `{schema_version, primary_kid, keys: {kid: {alg, key_b64, created_at}}}`,
 *   exactly as Python reads it: `key_b64` in either base64 alphabet, padded or not, with
 *   whitespace inside; `alg` and `schema_version` not checked; `created_at` and
 *   `schema_version` optional; unknown fields ignored; a `primary_kid` missing from `keys`
 *   parses (the keyset then cannot make tokens or ciphertexts). Stricter than Python in one
 *   place: an empty key (`key_b64: ""`) is refused.
 * - a JWK Set `{"keys": [{"kty": "oct", "kid": …, "k": …}, …]}`: every key must be `oct` with a
 *   unique non-empty `kid`; the FIRST key is the primary key.
 *
 * @throws PiiError `ERR_ECSCTX_PII_KEYSET_INVALID` when the document cannot be read.
 * @example
 * const keyset = parseKeyset('{"schema_version": 1, "primary_kid": "k1", "keys": {"k1": ' +
 *   '{"alg": "HMAC-SHA-256", "key_b64": "FvQuNHNoc3kNq3LIkIweAroepBkhLCKq3SShU823zmk"}}}');
 * keyset.primaryKid; // 'k1'
 * parseKeyset({ keys: [{ kty: 'oct', kid: 'j1', k: 'FvQuNHNoc3kNq3LIkIweAroepBkhLCKq3SShU823zmk' }] }).primaryKid; // 'j1'
 */
export function parseKeyset(source: KeysetSource): Keyset {
  let document: unknown = source;
  if (typeof source === 'string' || source instanceof Uint8Array) {
    const text = typeof source === 'string' ? source : Buffer.from(source).toString('utf8');
    try {
      document = JSON.parse(text);
    } catch {
      throw invalid('not valid JSON');
    }
  }
  if (!isObject(document)) throw invalid('the document is not a JSON object');
  if (Array.isArray(document.keys)) return parseJwkSet(document.keys);
  return parseEcsctxDocument(document);
}

function parseEcsctxDocument(document: Record<string, unknown>): Keyset {
  if (!('keys' in document)) throw invalid("missing 'keys'");
  if (!('primary_kid' in document)) throw invalid("missing 'primary_kid'");
  const { keys, primary_kid: primaryKid, schema_version: schemaVersion = 1 } = document;
  if (!isObject(keys)) throw invalid("'keys' is not an object");
  if (typeof primaryKid !== 'string') throw invalid("'primary_kid' is not a string");
  if (typeof schemaVersion !== 'number') throw invalid("'schema_version' is not a number");
  const inits: KeyInit[] = [];
  for (const kid of Object.keys(keys)) {
    const entry = keys[kid];
    const where = `key ${describeKid(kid)}`;
    if (!isObject(entry)) throw invalid(`${where} is not an object`);
    if (!('alg' in entry)) throw invalid(`${where}: missing 'alg'`);
    if (!('key_b64' in entry)) throw invalid(`${where}: missing 'key_b64'`);
    const { alg, key_b64: keyB64, created_at: createdAt = '' } = entry;
    if (typeof alg !== 'string') throw invalid(`${where}: 'alg' is not a string`);
    if (typeof keyB64 !== 'string') throw invalid(`${where}: 'key_b64' is not a string`);
    if (typeof createdAt !== 'string') throw invalid(`${where}: 'created_at' is not a string`);
    let key: Buffer;
    try {
      key = decodeKeyBase64(keyB64);
    } catch (error) {
      throw invalid(`${where}: 'key_b64' is not valid base64 (${(error as Error).message})`);
    }
    if (key.length === 0) throw invalid(`${where}: the key is empty`);
    inits.push({ kid, key, alg, createdAt });
  }
  return new Keyset({ format: 'ecsctx', schemaVersion, primaryKid, keys: inits });
}

function parseJwkSet(jwks: readonly unknown[]): Keyset {
  if (jwks.length === 0) throw invalid('the JWK Set has no keys');
  const inits: KeyInit[] = [];
  const seen = new Set<string>();
  jwks.forEach((jwk, index) => {
    const where = `JWK #${index}`;
    if (!isObject(jwk)) throw invalid(`${where} is not an object`);
    if (jwk.kty !== 'oct') throw invalid(`${where}: only 'oct' keys are supported`);
    const { kid, k, alg } = jwk;
    if (typeof kid !== 'string' || kid === '') throw invalid(`${where}: 'kid' must be a non-empty string`);
    if (seen.has(kid)) throw invalid(`${where}: duplicate kid ${describeKid(kid)}`);
    seen.add(kid);
    if (typeof k !== 'string' || k === '') throw invalid(`${where} (${describeKid(kid)}): 'k' must be a non-empty string`);
    if (alg !== undefined && typeof alg !== 'string') throw invalid(`${where}: 'alg' is not a string`);
    let key: Uint8Array;
    try {
      key = joseBase64Url().decode(k);
    } catch {
      throw invalid(`${where} (${describeKid(kid)}): 'k' is not valid base64url`);
    }
    if (key.length === 0) throw invalid(`${where} (${describeKid(kid)}): the key is empty`);
    inits.push({ kid, key, alg: alg ?? '' });
  });
  return new Keyset({ format: 'jwk-set', schemaVersion: 1, primaryKid: inits[0].kid, keys: inits });
}
