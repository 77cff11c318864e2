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
const EPOCH_MILLIS = /^-?\d{1,19}$/;
const DATE_PART = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const ZONE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/;
const CLOCK = /^\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a decimal number written as text (what Elasticsearch coerces into numeric fields). */
export function isNumericText(text: string): boolean {
  const trimmed = text.trim();
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed);
}

/** True for types whose value is an object (`object`, `nested`, `flattened`). */
export function isObjectType(type: string): boolean {
  return OBJECT_TYPES.has(type);
}

/**
 * True when `text` is a date Elasticsearch's default format (`strict_date_optional_time` or
 * `epoch_millis`) accepts: `yyyy`, `yyyy-MM`, `yyyy-MM-dd`, optionally `T` and a time of day
 * (`HH`, `HH:mm`, `HH:mm:ss`, fractions up to nanoseconds) and a zone; calendar-checked.
 */
export function isEsDate(text: string): boolean {
  if (EPOCH_MILLIS.test(text)) return true;
  const t = text.indexOf('T');
  const datePart = t === -1 ? text : text.slice(0, t);
  if (!DATE_PART.test(datePart)) return false;
  const [year, month, day] = datePart.split('-').map(Number);
  if (month !== undefined && (month < 1 || month > 12)) return false;
  if (day !== undefined) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    if (day < 1 || day > days) return false;
  }
  if (t === -1) return true;
  if (day === undefined) return false; // a time needs a full date
  let clock = text.slice(t + 1);
  const zone = ZONE.exec(clock);
  if (zone !== null) {
    clock = clock.slice(0, zone.index);
    const z = zone[0];
    if (z !== 'Z' && (Number(z.slice(1, 3)) > 18 || (z.length > 3 && Number(z.slice(-2)) > 59))) return false;
  }
  if (!CLOCK.test(clock)) return false;
  const [hours, minutes, seconds] = clock.split(/[:.,]/).map(Number);
  return hours <= 23 && (minutes === undefined || minutes <= 59) && (seconds === undefined || seconds <= 59);
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
    if (typeof value === 'string' && isNumericText(value)) return { severity: 'warning', got: 'a numeric string (Elasticsearch coerces it)' };
    return { severity: 'error', got: `${describe(value)} that is not a number` };
  }
  if (FLOAT_TYPES.has(type)) {
    if (typeof value === 'number') return undefined;
    if (typeof value === 'string' && isNumericText(value)) return { severity: 'warning', got: 'a numeric string (Elasticsearch coerces it)' };
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
