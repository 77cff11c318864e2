/** The caps of the sanitizing walk, their defaults, and the check of a user's limits. */
import { EcsctxOptionsError } from '../errors';
import { MIN_LINE_BYTES } from './fit-line';

/** Caps applied while sanitizing; each cut leaves a visible marker. */
export interface SanitizeLimits {
  /** Object nesting below the root (arrays do not count, as in Elasticsearch). Deeper objects become a marker string. */
  maxDepth: number;
  /** Longer strings are cut and end with `…[truncated N chars]`. */
  maxStringLength: number;
  /** Keys kept per object; the rest are counted in a `…` key. */
  maxKeys: number;
  /** Items kept per array; a final marker string counts the rest. */
  maxArrayItems: number;
  /**
   * Keys written per line in all; past it, objects keep a `…` marker key. Elasticsearch maps
   * every new key for good, and the ECS template leaves ~870 of its 2 000 fields for custom ones.
   */
  maxFields: number;
  /**
   * Bytes per rendered line, at least 1 024; a longer line is shrunk (strings first, then the
   * largest fields) and is then never longer than this.
   */
  maxLineBytes: number;
}

/**
 * Defaults that keep a line indexable by a stock ECS template: Elasticsearch rejects
 * documents nested deeper than 20 objects (`index.mapping.depth.limit`).
 */
export const DEFAULT_SANITIZE_LIMITS: Readonly<SanitizeLimits> = Object.freeze({
  maxDepth: 16,
  maxStringLength: 8_192,
  maxKeys: 200,
  maxArrayItems: 200,
  maxFields: 500,
  // Docker's json-file driver splits lines at 16 KiB; one byte is the newline
  maxLineBytes: 16_383,
});

/** Validates partial limits once, at format creation, and fills in the defaults. */
export function resolveLimits(limits: Partial<SanitizeLimits> | undefined): SanitizeLimits {
  const out: SanitizeLimits = { ...DEFAULT_SANITIZE_LIMITS, ...(limits ?? {}) };
  for (const key of Object.keys(out) as (keyof SanitizeLimits)[]) {
    const value = out[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new EcsctxOptionsError(`limits.${key} must be a positive integer, got ${String(value)}`);
    }
  }
  if (out.maxLineBytes < MIN_LINE_BYTES) {
    throw new EcsctxOptionsError(`limits.maxLineBytes must be at least ${MIN_LINE_BYTES}`);
  }
  if (out.maxDepth > 19) {
    throw new EcsctxOptionsError('limits.maxDepth must be at most 19: Elasticsearch rejects objects nested deeper than 20');
  }
  return out;
}
