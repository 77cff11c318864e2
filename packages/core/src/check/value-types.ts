/**
 * Whether a JSON value fits an Elasticsearch field type, as Elasticsearch indexes it with its
 * defaults (`coerce` on, `ignore_malformed` off, the default date format). An `error` means
 * Elasticsearch rejects the document or silently loses data; a `warning` means it coerces the
 * value (accepted, but not the type ECS asks for).
 */
import { isIP } from 'node:net';
import type { CheckSeverity } from './findings';
import type { JsonScalar } from './line-fields';

/** Why a value does not fit: the severity and a description without the value itself. */
export interface TypeMismatch {
  readonly severity: CheckSeverity;
  /** E.g. `a string that is not an IP address`. */
  readonly got: string;
}

const TEXT_TYPES = new Set(['keyword', 'constant_keyword', 'wildcard', 'text', 'match_only_text']);
const INTEGER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  long: [-(2 ** 63), 2 ** 63 - 1],
  integer: [-(2 ** 31), 2 ** 31 - 1],
  short: [-32768, 32767],
  byte: [-128, 127],
};
const FLOAT_TYPES = new Set(['float', 'double', 'half_float', 'scaled_float']);
const OBJECT_TYPES = new Set(['object', 'nested', 'flattened']);
const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const EPOCH_MILLIS = /^-?\d{1,19}$/;
/** `strict_date_optional_time`: yyyy[-MM[-dd[THH[:mm[:ss[.fraction]]][zone]]]]. */
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/** True for types whose value is an object (`object`, `nested`, `flattened`). */
export function isObjectType(type: string): boolean {
  return OBJECT_TYPES.has(type);
}

/** True when `text` is a date Elasticsearch's default date format accepts (calendar-checked). */
export function isEsDate(text: string): boolean {
  if (EPOCH_MILLIS.test(text)) return true;
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [, year, month, day, hour, minute, second, zone] = m;
  if (month !== undefined) {
    const mo = Number(month);
    if (mo < 1 || mo > 12) return false;
    if (day !== undefined) {
      const y = Number(year);
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
      const d = Number(day);
      if (d < 1 || d > days) return false;
    }
  }
  if (hour !== undefined && Number(hour) > 23) return false;
  if (minute !== undefined && Number(minute) > 59) return false;
  if (second !== undefined && Number(second) > 59) return false;
  if (zone !== undefined && zone !== 'Z' && (Number(zone.slice(1, 3)) > 18 || (zone.length > 3 && Number(zone.slice(-2)) > 59))) return false;
  return true;
}

function describe(value: JsonScalar): string {
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : 'a boolean';
}

/**
 * How `value` fails to fit `type`, or `undefined` when it fits. Object types and unknown
 * types are not judged here (a scalar in an object field is a structural problem).
 */
export function valueMismatch(type: string, value: JsonScalar): TypeMismatch | undefined {
  if (TEXT_TYPES.has(type)) {
    return typeof value === 'string' ? undefined : { severity: 'warning', got: `${describe(value)} (Elasticsearch stores it as text)` };
  }
  const limits = INTEGER_LIMITS[type];
  if (limits !== undefined) {
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < limits[0] || value > limits[1]) return { severity: 'error', got: `a number out of the ${type} range` };
      return Number.isInteger(value) ? undefined : { severity: 'error', got: 'a number with a fraction (Elasticsearch truncates it)' };
    }
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return { severity: 'warning', got: 'a numeric string (Elasticsearch coerces it)' };
    return { severity: 'error', got: `${describe(value)} that is not a number` };
  }
  if (FLOAT_TYPES.has(type)) {
    if (typeof value === 'number') return undefined;
    if (typeof value === 'string' && NUMERIC_TEXT.test(value)) return { severity: 'warning', got: 'a numeric string (Elasticsearch coerces it)' };
    return { severity: 'error', got: `${describe(value)} that is not a number` };
  }
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return undefined;
      if (value === 'true' || value === 'false' || value === '') return { severity: 'warning', got: 'a string (Elasticsearch coerces "true"/"false")' };
      return { severity: 'error', got: `${describe(value)} that is not true or false` };
    case 'ip':
      return typeof value === 'string' && isIP(value) !== 0 ? undefined : { severity: 'error', got: typeof value === 'string' ? 'a string that is not an IP address' : describe(value) };
    case 'date':
      if (typeof value === 'number') return Number.isInteger(value) ? undefined : { severity: 'error', got: 'a number that is not epoch milliseconds' };
      return typeof value === 'string' && isEsDate(value) ? undefined : { severity: 'error', got: `${describe(value)} that is not an ISO 8601 date` };
    case 'geo_point':
      return typeof value === 'string' ? undefined : { severity: 'error', got: `${describe(value)} alone (a geo_point is an object, a string or [lon, lat])` };
    default:
      return undefined;
  }
}
