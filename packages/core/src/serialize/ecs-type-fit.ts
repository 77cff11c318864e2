/**
 * Whether a JSON value fits the Elasticsearch type of its ECS 1.12.0 field: a value fits only
 * when Elasticsearch's mapping for that type accepts it, so the document is not rejected at
 * ingest. Strings for keyword-like fields (and one of the allowed values where ECS lists
 * them); integers within the type's signed range for long (64 bits, as the number's JSON text) and integer (32 bits);
 * finite numbers for float; booleans for boolean; an IPv4/IPv6 address for ip; for date, a
 * real calendar date-time in `strict_date_optional_time` or epoch milliseconds within a
 * JavaScript Date's range; for geo_point, a point with latitude in −90..90 and longitude in
 * −180..180 (`{ lat, lon }`, GeoJSON, `[lon, lat]`, `"lat,lon"`, `"POINT (lon lat)"` or a
 * geohash); an object for object/nested/flattened fields. `null` fits every field (it is
 * missing). Arrays fit when every item fits.
 */
import { isIP } from 'node:net';
import type { EcsFieldType } from '../ecs/ecs-fields.generated';

/** The ECS 1.12.0 fields with allowed values (`allowed_values` in the field table). */
const ALLOWED_VALUES: Readonly<Record<string, ReadonlySet<string>>> = {
  'event.category': new Set(['authentication', 'configuration', 'database', 'driver', 'file', 'host', 'iam', 'intrusion_detection', 'malware', 'network', 'package', 'process', 'registry', 'session', 'threat', 'web']),
  'event.kind': new Set(['alert', 'enrichment', 'event', 'metric', 'state', 'pipeline_error', 'signal']),
  'event.outcome': new Set(['failure', 'success', 'unknown']),
  'event.type': new Set(['access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'end', 'error', 'group', 'indicator', 'info', 'installation', 'protocol', 'start', 'user']),
};

/** Every ECS 1.12.0 field with allowed values is under this prefix. */
export const ALLOWED_VALUES_PREFIX = 'event.';

/**
 * 2^63: a long's magnitude stays below it. Not even -2^63 fits: JSON writes it as
 * -9223372036854776000, which is past the long range as text.
 */
const LONG_LIMIT = 2 ** 63;
const INTEGER_MAX = 2147483647;
const FLOAT_MAX = 3.4028234663852886e38;
/** `strict_date_optional_time` as the library accepts it: a full date, then `T`, hours and minutes at least. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** `epoch_millis`: an integer with at most 6 decimals (nanoseconds of the millisecond). */
const EPOCH_TEXT = /^-?\d+(?:\.\d{1,6})?$/;
/** The milliseconds a JavaScript Date reaches either side of 1970, well within Elasticsearch's dates. */
const EPOCH_MAX = 8.64e15;
const IP_SCOPE = /%[^%]*$/;
const GEO_NUMBER = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?';
const GEO_LAT_LON = new RegExp(`^\\s*(${GEO_NUMBER})\\s*,\\s*(${GEO_NUMBER})\\s*(?:,\\s*${GEO_NUMBER}\\s*)?$`);
const GEO_WKT = new RegExp(`^\\s*POINT\\s*Z?\\s*\\(\\s*(${GEO_NUMBER})\\s+(${GEO_NUMBER})(?:\\s+${GEO_NUMBER})?\\s*\\)\\s*$`, 'i');
const GEOHASH = /^[0-9b-hjkmnp-z]{1,12}$/i;
const NUMERIC_TEXT = new RegExp(`^${GEO_NUMBER}$`);

/** True for a calendar date-time Elasticsearch's `strict_date_optional_time` parses (no 2024-13-45, no 25:00). */
function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return m[8] === undefined || (Number(m[8]) <= 18 && Number(m[9] ?? 0) <= 59);
}

/** True for epoch milliseconds Elasticsearch's `epoch_millis` parses, as JSON writes a number or as text. */
function isEpochMillis(value: number | string): boolean {
  const text = typeof value === 'number' ? String(value) : value;
  return EPOCH_TEXT.test(text) && Math.abs(Number(text)) <= EPOCH_MAX;
}

/** A latitude and longitude given as numbers (or numeric text, which Elasticsearch coerces), in range. */
function isLatLon(lat: unknown, lon: unknown): boolean {
  const a = typeof lat === 'string' && NUMERIC_TEXT.test(lat.trim()) ? Number(lat) : lat;
  const o = typeof lon === 'string' && NUMERIC_TEXT.test(lon.trim()) ? Number(lon) : lon;
  return typeof a === 'number' && typeof o === 'number' && Math.abs(a) <= 90 && Math.abs(o) <= 180;
}

/** `[lon, lat]` or `[lon, lat, z]`, numbers only. */
function isLonLatArray(value: readonly unknown[]): boolean {
  return (value.length === 2 || value.length === 3) && value.every((n) => typeof n === 'number') && isLatLon(value[1], value[0]);
}

function isGeoObject(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value).sort().join(',');
  if (keys === 'lat,lon') return isLatLon(value.lat, value.lon);
  if (keys !== 'coordinates,type') return false;
  const { type, coordinates } = value;
  return typeof type === 'string' && type.toLowerCase() === 'point' && Array.isArray(coordinates) && isLonLatArray(coordinates);
}

function isGeoString(text: string): boolean {
  const pair = GEO_LAT_LON.exec(text);
  if (pair !== null) return isLatLon(Number(pair[1]), Number(pair[2]));
  const wkt = GEO_WKT.exec(text);
  if (wkt !== null) return isLatLon(Number(wkt[2]), Number(wkt[1]));
  return GEOHASH.test(text);
}

/** One geo point in any form Elasticsearch's geo_point parses, or a list of them; coordinates in range. */
function geoPointFits(value: unknown, inList = false): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return isGeoString(value);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((n) => typeof n === 'number')) return isLonLatArray(value);
    return !inList && value.every((item) => geoPointFits(item, true));
  }
  return isObjectValue(value) && isGeoObject(value as Record<string, unknown>);
}

function isObjectValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function scalarFits(path: string, type: EcsFieldType, value: unknown): boolean {
  switch (type) {
    case 'keyword':
    case 'wildcard':
    case 'match_only_text':
    case 'constant_keyword': {
      if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? ALLOWED_VALUES[path] === undefined : false;
      const allowed = ALLOWED_VALUES[path];
      return allowed === undefined || allowed.has(value);
    }
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < LONG_LIMIT;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= -INTEGER_MAX - 1 && value <= INTEGER_MAX;
    case 'float':
    case 'scaled_float':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= FLOAT_MAX;
    case 'boolean':
      return typeof value === 'boolean';
    case 'ip':
      return typeof value === 'string' && isIP(value.replace(IP_SCOPE, '')) !== 0;
    case 'date':
      return (typeof value === 'number' || typeof value === 'string') && (isEpochMillis(value) || (typeof value === 'string' && isIsoDate(value)));
    case 'geo_point':
      return geoPointFits(value);
    case 'object':
    case 'nested':
    case 'flattened':
      return isObjectValue(value);
    default:
      return true;
  }
}

/** Whether `value` (JSON data) fits the ECS field `path` of type `type`. */
export function fitsEcsType(path: string, type: EcsFieldType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (type === 'geo_point') return geoPointFits(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (Array.isArray(item) ? !fitsEcsType(path, type, item) : !(item === null || scalarFits(path, type, item))) return false;
    }
    return true;
  }
  return scalarFits(path, type, value);
}
