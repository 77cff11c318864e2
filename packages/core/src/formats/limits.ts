import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../serialize/sanitize-limits';
import { EcsctxOptionsError } from '../errors';
import { MIN_LINE_BYTES } from '../serialize/fit-line';

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
