/**
 * Prototype-safe property writes. Assigning `obj['__proto__'] = value` on a plain object
 * replaces its prototype; attacker-controlled keys (JSON.parse'd bodies, headers, job data)
 * must land as plain data instead. Every copy and merge in the library writes through here.
 */
import { types } from 'node:util';
import { GETTER_THREW } from './markers';

const { isProxy } = types;

/** `value instanceof Error`, false when the check itself throws (a Proxy's `getPrototypeOf` trap). */
export function isErrorObject(value: unknown): value is Error {
  if (value === null || typeof value !== 'object') return false;
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** `obj[key]`, or {@link GETTER_THREW} when reading it throws. */
export function readOwn(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return GETTER_THREW;
  }
}

/** Writes `value` as an own enumerable data property, even when `key` is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** True for `{}`-style objects (prototype `Object.prototype` or `null`), never for a Proxy. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // a Proxy is never plain data: its traps run on every read (the sanitizer reads it guarded)
  if (isProxy(value)) return false;
  let proto: unknown;
  try {
    proto = Object.getPrototypeOf(value);
  } catch {
    return false; // a revoked Proxy, a throwing trap: not plain data
  }
  return proto === Object.prototype || proto === null;
}

/** A value that lost its place to another value for the same path (see {@link deepMerge}). */
export interface DisplacedValue {
  /** Dotted path of the value, from where the merge started. */
  readonly path: string;
  readonly value: unknown;
}

/**
 * Deep-merges plain objects into a new object: values of `source` win, nested plain objects
 * merge, everything else replaces. Neither input is modified; `__proto__` keys stay data.
 * Nesting beyond `maxDepth` is kept by reference (the serializer caps it later). Given
 * `displaced`, each value of `target` replaced by a different one is collected with its
 * path (prefixed by `path`).
 */
export function deepMerge(
  target: Readonly<Record<string, unknown>> | undefined,
  source: Readonly<Record<string, unknown>>,
  maxDepth = 32,
  displaced?: DisplacedValue[],
  path = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (target) {
    const tkeys = Object.keys(target);
    for (let i = 0; i < tkeys.length; i++) setOwn(out, tkeys[i], readOwn(target, tkeys[i]));
  }
  const skeys = Object.keys(source);
  for (let i = 0; i < skeys.length; i++) {
    const key = skeys[i];
    const value = readOwn(source, key);
    if (value === undefined) continue;
    const existing = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
    if (maxDepth > 0 && isPlainObject(value) && isPlainObject(existing)) {
      setOwn(out, key, deepMerge(existing, value, maxDepth - 1, displaced, displaced === undefined ? '' : path + key + '.'));
    } else if (maxDepth > 0 && isPlainObject(value)) {
      if (displaced !== undefined && existing !== undefined) displaced.push({ path: path + key, value: existing });
      setOwn(out, key, deepMerge(undefined, value, maxDepth - 1));
    } else {
      if (displaced !== undefined && existing !== undefined && existing !== value) displaced.push({ path: path + key, value: existing });
      setOwn(out, key, value);
    }
  }
  return out;
}
