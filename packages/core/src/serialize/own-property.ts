/**
 * Prototype-safe property writes. Assigning `obj['__proto__'] = value` on a plain object
 * replaces its prototype; attacker-controlled keys (JSON.parse'd bodies, headers, job data)
 * must land as plain data instead. Every copy and merge in the library writes through here.
 */

/** Writes `value` as an own enumerable data property, even when `key` is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** True for `{}`-style objects (prototype `Object.prototype` or `null`). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-merges plain objects into a new object: values of `source` win, nested plain objects
 * merge, everything else replaces. Neither input is modified; `__proto__` keys stay data.
 * Nesting beyond `maxDepth` is kept by reference (the serializer caps it later).
 */
export function deepMerge(
  target: Readonly<Record<string, unknown>> | undefined,
  source: Readonly<Record<string, unknown>>,
  maxDepth = 32,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (target) {
    const tkeys = Object.keys(target);
    for (let i = 0; i < tkeys.length; i++) setOwn(out, tkeys[i], target[tkeys[i]]);
  }
  const skeys = Object.keys(source);
  for (let i = 0; i < skeys.length; i++) {
    const key = skeys[i];
    const value = source[key];
    if (value === undefined) continue;
    const existing = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
    if (maxDepth > 0 && isPlainObject(value) && isPlainObject(existing)) {
      setOwn(out, key, deepMerge(existing, value, maxDepth - 1));
    } else if (maxDepth > 0 && isPlainObject(value)) {
      setOwn(out, key, deepMerge(undefined, value, maxDepth - 1));
    } else {
      setOwn(out, key, value);
    }
  }
  return out;
}
