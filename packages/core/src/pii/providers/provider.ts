/**
 * What every keyset provider (file, Vault, static) gives the PII runtime: the current keysets,
 * swapped atomically on reload, and a way to stop its timers.
 */
import type { Keyset } from '../keyset';
import type { PiiProviderName } from '../state';

/** The keysets in force at one moment. */
export interface KeysetSnapshot {
  /** The token (HMAC) keyset. Always present and usable: its primary kid resolves. */
  readonly token: Keyset;
  /** The reveal (AES-GCM) keyset; present only with access `full`. */
  readonly reveal: Keyset | undefined;
}

/** A source of keysets. `current()` is a field read: no I/O, never throws. */
export interface KeysetProvider {
  readonly name: PiiProviderName;
  /** The last good keysets. */
  current(): KeysetSnapshot;
  /** Stops reload timers; idempotent. */
  close(): void;
}
