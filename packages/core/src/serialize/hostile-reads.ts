/**
 * Reads of values a caller can make hostile (throwing getters, Proxy traps): a read that
 * throws is counted on the walk's report and gives a marker instead.
 */
import { types } from 'node:util';
import { GETTER_THREW } from './markers';
import type { SanitizeReport } from './sanitize-report';

/** `obj[key]`, or {@link GETTER_THREW} (counted) when reading it throws. */
export function readProperty(obj: object, key: string, report: SanitizeReport): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    report.getterErrors++;
    return GETTER_THREW;
  }
}

/** `arr[i]`, or {@link GETTER_THREW} (counted) when reading it throws. */
export function readIndex(arr: readonly unknown[], i: number, report: SanitizeReport): unknown {
  try {
    return arr[i];
  } catch {
    report.getterErrors++;
    return GETTER_THREW;
  }
}

/** A toJSON the object path would call (a throwing getter counts: the object path decides). */
export function hasToJson(value: object): boolean {
  try {
    return typeof (value as { toJSON?: unknown }).toJSON === 'function';
  } catch {
    return true;
  }
}

/**
 * True when the prototype of `value` is `Object.prototype` or `null` (a Proxy of such an
 * object included; its trap may throw).
 */
export function hasPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Marks a value that is no boxed primitive (see {@link boxedPrimitive}). */
export const NOT_BOXED: unique symbol = Symbol('ecsctx.not-boxed') as never;

/**
 * The primitive inside a boxed primitive (`new String('x')`, `Object(1n)`), read with the
 * built-in `valueOf` (an own `valueOf` is the caller's and is not called), as
 * `JSON.stringify` writes it; {@link NOT_BOXED} for any other object.
 */
export function boxedPrimitive(value: object): unknown {
  if (!types.isBoxedPrimitive(value)) return NOT_BOXED;
  if (types.isStringObject(value)) return String.prototype.valueOf.call(value);
  if (types.isNumberObject(value)) return Number.prototype.valueOf.call(value);
  if (types.isBooleanObject(value)) return Boolean.prototype.valueOf.call(value);
  if (types.isBigIntObject(value)) return BigInt.prototype.valueOf.call(value);
  return Symbol.prototype.valueOf.call(value);
}

