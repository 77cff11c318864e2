/**
 * Custom fields across lines: Elasticsearch maps a field that neither ECS nor the template
 * knows from the first value it sees (strings as `keyword`, as the shipped template's
 * `strings_as_keyword` and `date_detection: false` make it), and rejects a later document whose
 * value cannot be indexed into that type. This tracks the first type per path over a whole
 * run and says when a later value would be rejected.
 */
import type { JsonScalar } from './line-fields';
import { isNumericText } from './value-types';

/** The type a dynamic mapping gives a field. */
type DynamicType = 'object' | 'keyword' | 'long' | 'float' | 'boolean';

/** Paths remembered at most (a run that creates more has a mapping explosion anyway). */
const MAX_TRACKED_PATHS = 50_000;

/** The dynamic type a first value gives its field. */
function dynamicTypeOf(value: JsonScalar | 'object'): DynamicType {
  if (value === 'object') return 'object';
  if (typeof value === 'string') return 'keyword';
  if (typeof value === 'boolean') return 'boolean';
  return Number.isInteger(value) ? 'long' : 'float';
}

function describe(value: JsonScalar | 'object'): string {
  if (value === 'object') return 'an object';
  if (typeof value === 'string') return isNumericText(value) ? 'a numeric string' : 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
}

/** True when Elasticsearch indexes `value` into a field of `type` without rejecting or truncating it. */
function fits(type: DynamicType, value: JsonScalar | 'object'): boolean {
  if (type === 'object' || value === 'object') return type === 'object' && value === 'object';
  switch (type) {
    case 'keyword':
      return true; // numbers and booleans are indexed as their text
    case 'long':
      return typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && isNumericText(value) && Number.isInteger(Number(value));
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && isNumericText(value));
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' || value === '';
  }
}

/** The first type seen for each custom path of one run. */
export class DynamicMappings {
  private readonly first = new Map<string, { readonly type: DynamicType; readonly where: string }>();

  /**
   * Checks `value` at `path` against the type the path's first value fixed (recording it when
   * the path is new). Returns the problem, or `undefined`. `where` names the line (`app.log line 3`).
   */
  observe(path: string, value: JsonScalar | 'object', where: string): string | undefined {
    const known = this.first.get(path);
    if (known === undefined) {
      if (this.first.size < MAX_TRACKED_PATHS) this.first.set(path, { type: dynamicTypeOf(value), where });
      return undefined;
    }
    if (fits(known.type, value)) return undefined;
    return `${path} is ${describe(value)} here, but its first value (${known.where}) made Elasticsearch map it as ${known.type}: this document would be rejected or its value truncated (mapping conflict)`;
  }
}
