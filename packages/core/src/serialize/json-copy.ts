/** A bounded JSON copy of a value, by the walk every line uses, without masking. */
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from './sanitize-limits';
import { newSanitizeReport } from './sanitize-report';
import { sanitizeValue } from './sanitize';

/** The limits of each depth asked for (a handful per process). */
const LIMITS_BY_DEPTH = new Map<number, Readonly<SanitizeLimits>>();

/**
 * Copies `value` into plain JSON data, as a log line's fields are copied: cycles, BigInt,
 * Dates, Maps, Errors, throwing getters and Proxy traps become JSON values or markers
 * (`[Circular]`, `[getter threw]`), and objects nested deeper than `maxDepth` become a marker.
 * `JSON.stringify` of the copy never throws. Never throws.
 */
export function boundedJsonCopy(value: unknown, maxDepth: number): unknown {
  let limits = LIMITS_BY_DEPTH.get(maxDepth);
  if (limits === undefined) {
    limits = Object.freeze({ ...DEFAULT_SANITIZE_LIMITS, maxDepth });
    LIMITS_BY_DEPTH.set(maxDepth, limits);
  }
  return sanitizeValue(value, limits, newSanitizeReport());
}
