/**
 * The kinds Elasticsearch maps a value as, and the rule that an array holds one kind:
 * arrays are flattened, so their items' kinds count.
 */

/** The Elasticsearch kind of a value: arrays are flattened, so their items' kinds count. */
export const enum Kind {
  None = 0,
  String = 1,
  Integer = 2,
  Fraction = 4,
  Boolean = 8,
  Object = 16,
}

/** JSON writes integers from 1e21 on with an exponent (`1e+21`), which Elasticsearch reads as a fraction. */
const EXPONENT_FROM = 1e21;

/** The kind of a number as its JSON text reads: an integer written without an exponent, or a fraction. */
function numberKind(value: number): number {
  return Number.isInteger(value) && Math.abs(value) < EXPONENT_FROM ? Kind.Integer : Kind.Fraction;
}

/** The kind of one sanitized value (arrays: their items' kinds). */
export function kindOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return Kind.String;
    case 'number':
      return numberKind(value);
    case 'boolean':
      return Kind.Boolean;
    default:
      if (value === null) return Kind.None;
      return Array.isArray(value) ? kindsOf(value) : Kind.Object;
  }
}

/** The kinds of the items of `items`, OR-ed (nested arrays flattened). */
export function kindsOf(items: readonly unknown[]): number {
  let kinds = 0;
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    switch (typeof v) {
      case 'string':
        kinds |= Kind.String;
        break;
      case 'number':
        kinds |= numberKind(v);
        break;
      case 'boolean':
        kinds |= Kind.Boolean;
        break;
      default:
        if (Array.isArray(v)) kinds |= kindsOf(v);
        else if (v !== null) kinds |= Kind.Object;
    }
  }
  return kinds;
}

/** True when `kinds` holds at most one kind. */
export function isOneKind(kinds: number): boolean {
  return (kinds & (kinds - 1)) === 0;
}

/**
 * Elasticsearch maps a field from the first value it sees, array items included: `[1, "a"]`
 * or `[{...}, "a"]` gets the document rejected. An array whose items are of mixed kinds is
 * written as an array of strings (non-strings as their JSON text; `masker` masks the text of
 * a scalar, which the mask saw as a number or a boolean, as a string item in `state`).
 */
export function homogenize<S>(items: unknown[], masker?: { string(text: string, state: S): string }, state?: S): unknown[] {
  const kinds = kindsOf(items);
  if (isOneKind(kinds)) return items;
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (typeof v === 'string' || v === null) continue;
    const text = JSON.stringify(v);
    // a number that becomes text is masked as text (`2125550100` is a phone number there)
    items[i] = masker !== undefined && typeof v !== 'object' ? masker.string(text, state as S) : text;
  }
  return items;
}
