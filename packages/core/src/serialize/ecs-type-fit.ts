/**
 * Whether a JSON value fits the Elasticsearch type of its ECS 1.12.0 field, so the document is
 * not rejected at ingest: strings for keyword-like fields (and one of the allowed values where
 * ECS lists them), integers in range for long/integer, finite numbers for float, booleans for
 * boolean, an IPv4/IPv6 address for ip, an ISO-8601 date or epoch milliseconds for date, an
 * object for object/nested/flattened/geo_point fields. `null` fits every field (it is missing).
 * Arrays fit when every item fits.
 */
import { isIP } from 'node:net';
import type { EcsFieldType } from '../check/ecs-fields.generated';

/** The ECS 1.12.0 fields with allowed values (`allowed_values` in the field table). */
const ALLOWED_VALUES: Readonly<Record<string, ReadonlySet<string>>> = {
  'event.category': new Set(['authentication', 'configuration', 'database', 'driver', 'file', 'host', 'iam', 'intrusion_detection', 'malware', 'network', 'package', 'process', 'registry', 'session', 'threat', 'web']),
  'event.kind': new Set(['alert', 'enrichment', 'event', 'metric', 'state', 'pipeline_error', 'signal']),
  'event.outcome': new Set(['failure', 'success', 'unknown']),
  'event.type': new Set(['access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'end', 'error', 'group', 'indicator', 'info', 'installation', 'protocol', 'start', 'user']),
};

/** Every ECS 1.12.0 field with allowed values is under this prefix. */
export const ALLOWED_VALUES_PREFIX = 'event.';

const LONG_MAX = 9223372036854775807;
const INTEGER_MAX = 2147483647;
const FLOAT_MAX = 3.4028234663852886e38;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EPOCH_TEXT = /^-?\d+(?:\.\d+)?$/;
const IP_SCOPE = /%[^%]*$/;

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
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= LONG_MAX;
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
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && (ISO_DATE.test(value) || EPOCH_TEXT.test(value)));
    case 'object':
    case 'nested':
    case 'flattened':
    case 'geo_point':
      return isObjectValue(value) || (type === 'geo_point' && typeof value === 'string');
    default:
      return true;
  }
}

/** Whether `value` (JSON data) fits the ECS field `path` of type `type`. */
export function fitsEcsType(path: string, type: EcsFieldType, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) {
    if (type === 'geo_point') return true;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (Array.isArray(item) ? !fitsEcsType(path, type, item) : !(item === null || scalarFits(path, type, item))) return false;
    }
    return true;
  }
  return scalarFits(path, type, value);
}
