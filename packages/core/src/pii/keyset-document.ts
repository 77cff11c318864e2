/**
 * Writes a keyset back as a document, key bytes included: for the CLI's `keyset generate` and
 * `keyset rotate`, which write files with mode 0600. Not exported from the package entry.
 */
import type { KeyObject } from 'node:crypto';
import { encodeBase64Url } from './base64';
import { keyObjectOf, type Keyset } from './keyset';
import type { KeysetDocument, OctJwkSet } from './parse-keyset';

/** The document for `keyset` in its own format (ecsctx JSON keyset or JWK Set). */
export function toKeysetDocument(keyset: Keyset): KeysetDocument | OctJwkSet {
  const keyB64 = (kid: string): string => encodeBase64Url((keyObjectOf(keyset, kid) as KeyObject).export());
  if (keyset.format === 'jwk-set') {
    return {
      keys: keyset.describe().map((key) => ({
        kty: 'oct' as const,
        kid: key.kid,
        k: keyB64(key.kid),
        ...(key.alg !== '' ? { alg: key.alg } : {}),
      })),
    };
  }
  const keys: KeysetDocument['keys'] = {};
  for (const key of keyset.describe()) {
    keys[key.kid] = { alg: key.alg, created_at: key.createdAt, key_b64: keyB64(key.kid) };
  }
  return { schema_version: keyset.schemaVersion, primary_kid: keyset.primaryKid, keys };
}
