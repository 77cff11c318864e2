/**
 * An object that holds one name–value pair (`{ name, value }`: Kubernetes env entries, HAR
 * headers; `{ Key, Value }`: AWS tags) is one key and its value: the mask judges its `value`
 * as a value under that name (`{ name: 'DB_PASSWORD', value: … }` is a password).
 */

/** The sibling keys that name a pair's value, in the order they are looked for. */
const NAME_KEYS = ['name', 'key', 'Name', 'Key'] as const;
/** Longest name taken as a key (a longer string is text, not a name). */
const MAX_NAME = 64;

/**
 * The key the mask judges `record[key]` under: for `value` (or `Value`), the string its
 * sibling `name`/`key` holds; else `key`. Reads own data properties only (no getter runs, a
 * Proxy trap that throws leaves `key`).
 */
export function maskKeyOf(record: object, key: string): string {
  if (key !== 'value' && key !== 'Value') return key;
  for (const nameKey of NAME_KEYS) {
    let name: unknown;
    try {
      const desc = Object.getOwnPropertyDescriptor(record, nameKey);
      name = desc !== undefined && 'value' in desc ? desc.value : undefined;
    } catch {
      return key;
    }
    if (typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME) return name;
  }
  return key;
}
