/**
 * The process-wide PII state, kept on `globalThis` under `Symbol.for('ecsctx.pii.v1')` so that
 * two copies of the package (CommonJS and ESM, or two versions in one tree) share one
 * configuration. Everything a copy needs from it is reached through methods on the stored
 * runtime, never through module-private helpers of the copy that configured it.
 *
 * The shape below is the `v1` contract: change it only additively, or bump the key.
 */
import type { PiiTokenizer } from './token';

/** `tokenize`: token keyset only (least privilege). `full`: token and reveal keysets. */
export type PiiAccess = 'tokenize' | 'full';

/** Where the keysets come from. */
export type PiiProviderName = 'file' | 'vault' | 'static';

/** A configured PII engine: the current keysets and the operations on them. */
export interface PiiRuntime {
  readonly provider: PiiProviderName;
  readonly access: PiiAccess;
  readonly env: string;
  /** The tokenizer of the current token keyset, or `undefined` when it cannot tokenize. Cheap; no I/O. */
  tokenizer(): PiiTokenizer | undefined;
  /** Tokenizes or throws a PiiError explaining why it cannot. */
  tokenize(value: string, fieldType: string): string;
  /** Encrypts with the reveal keyset's primary key (`nonce` only to reproduce vectors). */
  protect(value: string, fieldType: string, nonce?: Uint8Array): string;
  /** Decrypts with the key the ciphertext's kid names. */
  reveal(ciphertext: string, fieldType: string): string;
  /** What is loaded, without key material. */
  status(): PiiStatus;
  /** Stops timers and forgets keys. */
  close(): void;
}

/** A keyset as `describePii()` reports it: ids only. */
export interface PiiKeysetStatus {
  readonly primaryKid: string;
  readonly kids: readonly string[];
}

/** What `describePii()` reports about the configured engine. */
export interface PiiStatus {
  readonly provider: PiiProviderName;
  readonly access: PiiAccess;
  readonly env: string;
  readonly tokenKeyset: PiiKeysetStatus;
  /** Present with access `full`. */
  readonly revealKeyset: PiiKeysetStatus | undefined;
}

/** The shared slot. */
export interface PiiGlobalState {
  runtime: PiiRuntime | undefined;
  /** Whether the one-time synchronous auto-configuration from the environment was already tried. */
  autoConfigured: boolean;
  /** Bumped by every configure/reset; a configuration that finishes late does not replace a newer one. */
  generation: number;
}

const STATE_KEY = Symbol.for('ecsctx.pii.v1');
const globalStore = globalThis as unknown as Record<symbol, PiiGlobalState | undefined>;

/** The shared state (created on first use). */
export function piiState(): PiiGlobalState {
  return (globalStore[STATE_KEY] ??= { runtime: undefined, autoConfigured: false, generation: 0 });
}
