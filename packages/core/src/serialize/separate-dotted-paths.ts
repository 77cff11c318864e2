/** A dotted key that would make Elasticsearch map one field as a value and an object. */
import { setOwn } from './own-property';

/**
 * Elasticsearch expands a dotted key into objects, so `{ a: 1, 'a.b': 2 }` asks one field to
 * be a value and an object. Both are kept: a dotted key whose path starts with another key
 * of the same object (`a`, or `a.b` for `a.b.c`) is written with its dots as `_` (`a_b`).
 */
export function separateDottedPaths(record: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(record);
  const names = new Set(keys);
  let clash = false;
  for (let i = 0; i < keys.length && !clash; i++) clash = hasPrefixKey(keys[i], names);
  if (!clash) return record;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const name = hasPrefixKey(key, names) ? key.replace(/\./g, '_') : key;
    // the rewritten name can be a key of its own: the later value is kept as its own key
    setOwn(out, Object.prototype.hasOwnProperty.call(out, name) || (name !== key && names.has(name)) ? name + '_' + i : name, record[key]);
  }
  return out;
}

function hasPrefixKey(key: string, names: ReadonlySet<string>): boolean {
  for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
    if (names.has(key.slice(0, dot))) return true;
  }
  return false;
}
