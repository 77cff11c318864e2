/**
 * What makes a parsed keyset usable for its role. Checked when a provider loads or reloads a
 * keyset, so a keyset that cannot work fails start-up (or is refused on reload, keeping the
 * last good one) instead of failing later on the log path.
 */
import { PiiError } from '../errors';
import { AES_GCM_BY_KEY_LENGTH } from './cipher';
import type { Keyset } from './keyset';

/** Which job a keyset does. */
export type KeysetRole = 'token' | 'reveal';

function quote(kid: string): string {
  return JSON.stringify(kid.length > 64 ? kid.slice(0, 64) + '…' : kid);
}

/**
 * Throws unless `keyset` can do its job: its primary kid names one of its keys; for a reveal
 * keyset also that every key is 16, 24 or 32 bytes and the primary kid can be written in a
 * ciphertext (non-empty, no `:`).
 *
 * @throws PiiError `ERR_ECSCTX_PII_KEY_NOT_FOUND` or `ERR_ECSCTX_PII_KEYSET_INVALID`.
 */
export function assertUsableKeyset(keyset: Keyset, role: KeysetRole): void {
  if (!keyset.primaryResolves) {
    throw new PiiError(
      'ERR_ECSCTX_PII_KEY_NOT_FOUND',
      `the ${role} keyset's primary_kid ${quote(keyset.primaryKid)} is not one of its keys`,
    );
  }
  if (role === 'token') return;
  if (keyset.primaryKid === '' || keyset.primaryKid.includes(':')) {
    throw new PiiError(
      'ERR_ECSCTX_PII_KEYSET_INVALID',
      `the reveal keyset's primary_kid ${quote(keyset.primaryKid)} cannot be written in a ciphertext (empty or contains ':')`,
    );
  }
  for (const key of keyset.describe()) {
    if (AES_GCM_BY_KEY_LENGTH[key.length] === undefined) {
      throw new PiiError(
        'ERR_ECSCTX_PII_KEYSET_INVALID',
        `reveal key ${quote(key.kid)} has ${key.length} bytes; AES-GCM needs 16, 24 or 32 (32 recommended)`,
      );
    }
  }
}
