/**
 * Process-wide masking settings (`configureMasking`), shared by every mask format; formats
 * pick up a change on their next line.
 */
import { compileExemptPath } from './exempt-paths';
import { KeyClassifier, type KeyRules } from './classify-key';

/** Options of {@link configureMasking}. */
export interface MaskingConfig {
  /** Paths whose values are not tokenized by key (free-text emails and phones still are). */
  exemptPaths?: readonly string[];
  /** More credential key words or word pairs: values under them are masked as `[REDACTED]`. */
  secretKeys?: readonly string[];
  /** More keys never tokenized nor masked (compared by word parts). */
  safeKeys?: readonly string[];
  /** More PII key words: a string under a key holding one is tokenized whole. */
  sensitiveKeyParts?: readonly string[];
}

interface MaskingState {
  version: number;
  exemptPaths: readonly string[];
  /** The key rules added to every mask's own (see {@link MaskingConfig}). */
  keyRules: KeyRules;
}

const STATE_KEY = Symbol.for('ecsctx.masking.v1');
const globalStore = globalThis as unknown as Record<symbol, MaskingState | undefined>;
const state: MaskingState = globalStore[STATE_KEY] ?? (globalStore[STATE_KEY] = { version: 0, exemptPaths: [], keyRules: {} });
state.keyRules ??= {}; // a state made by an older copy of the library

/**
 * Sets process-wide masking options (added to each mask format's own options and the
 * `PII_MASK_*` variables). Patterns and key lists are validated here: a malformed one throws
 * `EcsctxOptionsError`.
 */
export function configureMasking(config: MaskingConfig): void {
  const paths = [...(config.exemptPaths ?? [])];
  for (const p of paths) compileExemptPath(p);
  const keyRules: KeyRules = {
    secretKeys: config.secretKeys === undefined ? undefined : [...config.secretKeys],
    safeKeys: config.safeKeys === undefined ? undefined : [...config.safeKeys],
    sensitiveKeyParts: config.sensitiveKeyParts === undefined ? undefined : [...config.sensitiveKeyParts],
  };
  new KeyClassifier(keyRules); // validates: a malformed list throws here, not on a log call
  state.exemptPaths = paths;
  state.keyRules = keyRules;
  state.version++;
}

/** The current process-wide settings and their version. */
export function maskingState(): Readonly<MaskingState> {
  return state;
}
