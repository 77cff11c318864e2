/**
 * Process-wide masking settings (`configureMasking`), shared by every mask format; formats
 * pick up a change on their next line.
 */
import { compileExemptPath } from './exempt-paths';

/** Options of {@link configureMasking}. */
export interface MaskingConfig {
  /** Paths whose values are not tokenized by key (free-text emails and phones still are). */
  exemptPaths?: readonly string[];
}

interface MaskingState {
  version: number;
  exemptPaths: readonly string[];
}

const STATE_KEY = Symbol.for('ecsctx.masking.v1');
const globalStore = globalThis as unknown as Record<symbol, MaskingState | undefined>;
const state: MaskingState = globalStore[STATE_KEY] ?? (globalStore[STATE_KEY] = { version: 0, exemptPaths: [] });

/**
 * Sets process-wide masking options (added to each mask format's own options and
 * `PII_MASK_EXEMPT_PATHS`). Patterns are validated here: a malformed one throws.
 */
export function configureMasking(config: MaskingConfig): void {
  const paths = [...(config.exemptPaths ?? [])];
  for (const p of paths) compileExemptPath(p);
  state.exemptPaths = paths;
  state.version++;
}

/** The current process-wide settings and their version. */
export function maskingState(): Readonly<MaskingState> {
  return state;
}
