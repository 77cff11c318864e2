/**
 * The text of a call argument that neither the message nor the meta took (`extra.args`):
 * always text, so the field keeps one type from line to line whatever the caller passes. A
 * string is itself; a number, boolean, bigint, symbol, `null` or `undefined` is written as
 * `String` writes it; an object or array is written as the JSON of its bounded copy (cycles,
 * throwing getters and caps marked as anywhere else), where the text maskers still find a
 * credential or PII by its name.
 */
import { sanitizeValue } from '../serialize/sanitize';
import { DEFAULT_SANITIZE_LIMITS } from '../serialize/sanitize-limits';
import { newSanitizeReport } from '../serialize/sanitize-report';
import { UNREADABLE_MARKER } from '../serialize/markers';
import { countDegradedLine } from '../degraded-lines';

/** The text `extra.args` holds for `value`. Never throws. */
export function argumentText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
    return JSON.stringify(sanitizeValue(value, DEFAULT_SANITIZE_LIMITS, newSanitizeReport())) ?? String(value);
  } catch {
    countDegradedLine('unreadable');
    return UNREADABLE_MARKER;
  }
}
