/**
 * Turns any value a caller can log into plain JSON data in one pass, so that rendering is a
 * single native `JSON.stringify` that cannot throw: circular references, BigInt, Symbols,
 * functions, throwing getters, Buffers, Map/Set, Dates, Errors, class instances, huge
 * strings and deep nesting all come out as valid, bounded JSON. Inputs are never modified.
 *
 * The PII mask runs inside this same walk through `SanitizeHooks`, so a line is walked once.
 * The walk itself: `bounded-copy.ts` (the object path) and `sanitize-walker.ts` (the same
 * walk written straight as JSON text).
 */
import type { SanitizeHooks } from './sanitize-hooks';
import type { SanitizeLimits } from './sanitize-limits';
import type { SanitizeReport } from './sanitize-report';
import { SanitizeWalker } from './sanitize-walker';

/**
 * Sanitizes the own enumerable fields of `record` (depth counts from 1 for its children)
 * into a new plain object. Never throws.
 */
export function sanitizeRecord<S>(
  record: Record<string, unknown>,
  limits: SanitizeLimits,
  report: SanitizeReport,
  hooks?: SanitizeHooks<S>,
  state?: S,
): Record<string, unknown> {
  return new SanitizeWalker<S>(limits, hooks, report).record(record, 0, state as S);
}

/** Sanitizes one value (a message, for example). Never throws. */
export function sanitizeValue<S>(
  value: unknown,
  limits: SanitizeLimits,
  report: SanitizeReport,
  hooks?: SanitizeHooks<S>,
  state?: S,
): unknown {
  return new SanitizeWalker<S>(limits, hooks, report).value(value, 0, state as S);
}
