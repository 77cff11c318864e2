/**
 * Keysets given in memory (`provider: 'static'`): for tests, or for applications that fetch
 * keys themselves. Never reloads.
 */
import { assertUsableKeyset, type KeysetRole } from '../keyset-checks';
import { isKeyset, type Keyset } from '../keyset';
import { parseKeyset, type KeysetSource } from '../parse-keyset';
import type { KeysetProvider, KeysetSnapshot } from './provider';

function load(input: Keyset | KeysetSource, role: KeysetRole): Keyset {
  const keyset = isKeyset(input) ? input : parseKeyset(input);
  assertUsableKeyset(keyset, role);
  return keyset;
}

/**
 * A provider over fixed keysets (parsed here when given as documents or JSON text).
 *
 * @throws PiiError when a keyset cannot be parsed or used for its role.
 */
export function openStaticProvider(token: Keyset | KeysetSource, reveal: Keyset | KeysetSource | undefined): KeysetProvider {
  const snapshot: KeysetSnapshot = Object.freeze({
    token: load(token, 'token'),
    reveal: reveal === undefined ? undefined : load(reveal, 'reveal'),
  });
  return { name: 'static', current: () => snapshot, close: () => undefined };
}
