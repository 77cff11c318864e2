/**
 * Reversible PII encryption, byte-compatible with Python ecsctx:
 *
 * ```
 * penc:v1:<kid>:<base64url-no-pad(nonce(12) || AES-GCM ciphertext || tag(16))>
 * AAD = UTF-8(env + "|" + field_type)
 * ```
 *
 * Reading is strict: exactly `penc:v1:`, a non-empty kid, then canonical base64url without
 * padding. Python also accepts other version segments, `=` padding, the `+`/`/` alphabet and
 * stray characters in the payload; this port refuses them (docs/pii.md, "Strict ciphertexts").
 *
 * @see reference/vectors/README.md in the repository (the cross-language contract), "Ciphertexts"
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCMTypes, type KeyObject } from 'node:crypto';
import { PiiError } from '../errors';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64';
import { keyObjectOf, type Keyset } from './keyset';
import { tokenContext } from './token';

/** First segment of a ciphertext. */
export const CIPHERTEXT_SCHEME = 'penc';
/** The one version segment this port writes and reads. */
export const CIPHERTEXT_VERSION = 'v1';
/** AES-GCM nonce length in bytes. */
const NONCE_LENGTH = 12;
/** AES-GCM tag length in bytes. */
const TAG_LENGTH = 16;

/**
 * AES-GCM variant by key length. 16- and 24-byte keys are accepted because Python accepts them
 * and ciphertexts made with them must stay readable; new keys should be 32 bytes.
 */
export const AES_GCM_BY_KEY_LENGTH: Readonly<Record<number, CipherGCMTypes>> = Object.freeze({
  16: 'aes-128-gcm',
  24: 'aes-192-gcm',
  32: 'aes-256-gcm',
});

/** The four `:`-separated parts of a ciphertext, split as Python splits them (`split(":", 3)`). */
export interface CiphertextParts {
  readonly scheme: string;
  readonly version: string;
  readonly kid: string;
  readonly payload: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function quote(text: string, max = 64): string {
  return JSON.stringify(text.length > max ? text.slice(0, max) + '…' : text);
}

function malformed(why: string): PiiError {
  return new PiiError(
    'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
    `not a valid encrypted value: ${why} (expected penc:v1:<kid>:<base64url payload>)`,
  );
}

/**
 * Splits `value` at its first three `:` like Python's `value.split(":", 3)`; returns `undefined`
 * unless there are four parts and the first is `penc`. `penc:v1:a:b:c` has kid `a` and payload
 * `b:c`; `penc:v1::AAAA` has the empty kid.
 */
export function splitCiphertext(value: string): CiphertextParts | undefined {
  const first = value.indexOf(':');
  if (first === -1) return undefined;
  const second = value.indexOf(':', first + 1);
  if (second === -1) return undefined;
  const third = value.indexOf(':', second + 1);
  if (third === -1) return undefined;
  const scheme = value.slice(0, first);
  if (scheme !== CIPHERTEXT_SCHEME) return undefined;
  return {
    scheme,
    version: value.slice(first + 1, second),
    kid: value.slice(second + 1, third),
    payload: value.slice(third + 1),
  };
}

function aesKey(keyset: Keyset, kid: string): { key: KeyObject; cipher: CipherGCMTypes } | undefined {
  const key = keyObjectOf(keyset, kid);
  if (key === undefined) return undefined;
  const size = key.symmetricKeySize ?? 0;
  const cipher = AES_GCM_BY_KEY_LENGTH[size];
  if (cipher === undefined) {
    throw new PiiError(
      'ERR_ECSCTX_PII_KEYSET_INVALID',
      `reveal key ${quote(kid)} has ${size} bytes; AES-GCM needs 16, 24 or 32 (32 recommended)`,
    );
  }
  return { key, cipher };
}

/**
 * Encrypts `plaintext` (as given, never normalized) with the primary key of `keyset`.
 * `nonce` is for reproducing reference vectors only; normal use draws 12 random bytes.
 *
 * @throws PiiError `ERR_ECSCTX_PII_KEY_NOT_FOUND` when the primary kid is not in the keyset,
 *   `ERR_ECSCTX_PII_KEYSET_INVALID` when the primary key cannot be used for AES-GCM.
 */
export function sealValue(keyset: Keyset, env: string, fieldType: string, plaintext: string, nonce?: Uint8Array): string {
  const kid = keyset.primaryKid;
  if (kid === '' || kid.includes(':')) {
    throw new PiiError('ERR_ECSCTX_PII_KEYSET_INVALID', `reveal primary kid ${quote(kid)} cannot be written in a ciphertext`);
  }
  const found = aesKey(keyset, kid);
  if (found === undefined) {
    throw new PiiError('ERR_ECSCTX_PII_KEY_NOT_FOUND', `the reveal keyset's primary_kid ${quote(kid)} is not one of its keys`);
  }
  const iv = nonce === undefined ? randomBytes(NONCE_LENGTH) : Buffer.from(nonce);
  if (iv.length !== NONCE_LENGTH) throw new RangeError(`nonce must be ${NONCE_LENGTH} bytes`);
  const cipher = createCipheriv(found.cipher, found.key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(tokenContext(env, fieldType), 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const payload = Buffer.concat([iv, body, cipher.getAuthTag()]);
  return `${CIPHERTEXT_SCHEME}:${CIPHERTEXT_VERSION}:${kid}:${encodeBase64Url(payload)}`;
}

/**
 * Decrypts a `penc:v1:` value with the key its kid names in `keyset` (so old kids keep working
 * after rotation), authenticating `env|fieldType`.
 *
 * @throws PiiError with code
 *   `ERR_ECSCTX_PII_CIPHERTEXT_INVALID` (malformed input, including every lenient form Python accepts),
 *   `ERR_ECSCTX_PII_KEY_NOT_FOUND` (kid not in the keyset),
 *   `ERR_ECSCTX_PII_DECRYPT_FAILED` (authentication failed: altered value, other env or field type, or
 *   other key bytes under the same kid; AES-GCM cannot tell these apart).
 */
export function openValue(keyset: Keyset, env: string, fieldType: string, ciphertext: string): string {
  if (typeof ciphertext !== 'string') throw malformed('not a string');
  const parts = splitCiphertext(ciphertext);
  if (parts === undefined) throw malformed('wrong prefix or missing parts');
  if (parts.version !== CIPHERTEXT_VERSION) {
    throw malformed(`unsupported version segment ${quote(parts.version, 16)}, only v1 is read`);
  }
  if (parts.kid === '') throw malformed('empty key id');
  const bytes = decodeBase64UrlStrict(parts.payload);
  if (bytes === undefined) throw malformed('the payload is not base64url without padding');
  if (bytes.length < NONCE_LENGTH + TAG_LENGTH) {
    throw malformed(`the payload has ${bytes.length} bytes, fewer than nonce (12) + tag (16)`);
  }
  const found = aesKey(keyset, parts.kid);
  if (found === undefined) {
    throw new PiiError(
      'ERR_ECSCTX_PII_KEY_NOT_FOUND',
      `unknown key id ${quote(parts.kid)} in ciphertext; the reveal keyset has ${keyset.kids.map((kid) => quote(kid)).join(', ') || 'no keys'}`,
    );
  }
  const iv = bytes.subarray(0, NONCE_LENGTH);
  const tag = bytes.subarray(bytes.length - TAG_LENGTH);
  const body = bytes.subarray(NONCE_LENGTH, bytes.length - TAG_LENGTH);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv(found.cipher, found.key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.from(tokenContext(env, fieldType), 'utf8'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new PiiError(
      'ERR_ECSCTX_PII_DECRYPT_FAILED',
      `cannot decrypt value with kid ${quote(parts.kid)} for env ${quote(env)} and field type ${quote(fieldType)}: ` +
        'authentication failed (the value was altered, was made for another env or field type, or with other key bytes under this kid)',
    );
  }
  try {
    return utf8.decode(plain);
  } catch {
    throw malformed('the decrypted bytes are not UTF-8');
  } finally {
    plain.fill(0);
  }
}
