/** Which keys Elasticsearch takes as field names, and how the others are rewritten. */
import { quoteJson } from './json-text';

/** True when a part of a dotted key is whitespace only (`"a. "`): Elasticsearch rejects it. */
function hasBlankPart(key: string): boolean {
  if (key.indexOf('.') === -1) return false;
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) if (parts[i].trim() === '') return true;
  return false;
}

/**
 * A key Elasticsearch accepts as a field name: not empty or blank, no leading or trailing
 * dot, no `..`, no blank part between dots (dots inside a key are expanded into objects). Other keys are rewritten:
 * dots become `_`, an empty or blank key becomes `_`.
 */
export function safeFieldName(key: string): string {
  const n = key.length;
  if (n > 0 && key.charCodeAt(0) !== 46 && key.charCodeAt(n - 1) !== 46 && key.charCodeAt(0) > 32 && key.indexOf('..') === -1 && !hasBlankPart(key)) return key;
  if (key.trim() === '') return '_';
  return key.indexOf('.') === -1 ? key : key.replace(/\./g, '_');
}

/** `"key":` of keys Elasticsearch takes as they are, made once per key (bounded). */
const KEY_PREFIXES = new Map<string, string>();
const MAX_KEY_PREFIXES = 4096;

/** `"key":` (the key's JSON text and a colon) when `key` needs no rewriting (see {@link safeFieldName}), else `undefined`. */
export function fieldNamePrefix(key: string): string | undefined {
  return safeFieldName(key) === key ? quoteJson(key) + ':' : undefined;
}

/** {@link fieldNamePrefix}, kept per key (bounded). */
export function cachedFieldNamePrefix(key: string): string | undefined {
  let prefix = KEY_PREFIXES.get(key);
  if (prefix === undefined) {
    prefix = fieldNamePrefix(key);
    if (prefix === undefined) return undefined;
    if (KEY_PREFIXES.size < MAX_KEY_PREFIXES) KEY_PREFIXES.set(key, prefix);
  }
  return prefix;
}
