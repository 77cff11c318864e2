/**
 * Name–value pairs written without an object key, judged by the mask as a value under that name:
 *
 * - an object that holds one pair (`{ name, value }`: Kubernetes env entries, HAR headers;
 *   `{ Key, Value }`: AWS tags): its `value` (`{ name: 'DB_PASSWORD', value: … }` is a password);
 * - a validation error that echoes what was sent (`{ path: 'password', value }`,
 *   `{ instancePath: '/user/password', data }`): under the field's name;
 * - in an array, the item after a command-line option (`['--password', 'x']`, `['-Password', 'x']`: an argv);
 * - the second item of a two-item array whose first is a name (`['password', 'x']`, as
 *   `Object.entries` and `Headers` write pairs).
 */
import type { SanitizeHooks } from './sanitize-hooks';

/** The sibling keys that name a pair's value, in the order they are looked for. */
const NAME_KEYS = ['name', 'key', 'Name', 'Key'] as const;
/**
 * The sibling keys that name the field a validation error's `value` came from: a field name
 * or a path to it (express-validator's `path`/`param`, class-validator's `property`, yup's
 * `path`, a form library's `field`); ajv's `instancePath` names its `data`.
 */
const FIELD_KEYS = ['path', 'param', 'field', 'property'] as const;
/**
 * Longest name taken as a key or read as one in text (a longer string is text, not a name):
 * the one bound for pairs in arrays and objects here and for the maskers' names in text.
 */
export const MAX_NAME = 64;

/** The own data property `name` of `record` (no getter runs), or `undefined`; throws what a Proxy trap throws. */
function ownData(record: object, name: string): unknown {
  const desc = Object.getOwnPropertyDescriptor(record, name);
  return desc !== undefined && 'value' in desc ? desc.value : undefined;
}

/** The last name of a path (`/user/password`, `user.password`, `items[0].token`, `['user', 'password']`), or `undefined`. */
function lastPathName(path: unknown): string | undefined {
  if (Array.isArray(path)) {
    // the last name, past index numbers (`['tokens', 1]`); at most a few steps back
    for (let i = path.length - 1; i >= 0 && i >= path.length - 4; i--) {
      const part: unknown = path[i];
      if (typeof part === 'string') return part.length > 0 && part.length <= MAX_NAME && !/^\d+$/.test(part) ? part : undefined;
      if (typeof part !== 'number') return undefined;
    }
    return undefined;
  }
  if (typeof path !== 'string' || path.length === 0 || path.length > 4 * MAX_NAME) return undefined;
  const parts = path.split(/[/.[\]]+/);
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] !== '' && !/^\d+$/.test(parts[i])) return parts[i].length <= MAX_NAME ? parts[i] : undefined;
  }
  return undefined;
}

/**
 * The key the mask judges `record[key]` under: for a pair object's `name` or `key`, a neutral
 * one (see `pairNameKey`); for `value` (or `Value`), the string its
 * sibling `name`/`key` holds, else the last name of its sibling `path`/`param`/`field`/
 * `property` (a validation error echoing what was sent: an error's own `name`, `…Error`, names
 * the error, not the value); for `data`, the last name of its sibling `instancePath` (ajv) or
 * `dataPath` (ajv 6); else `key`. Reads own data properties of the record (a Proxy trap that
 * throws leaves `key`); a path array's items are read as any array's.
 */
export function maskKeyOf(record: object, key: string): string {
  if (key !== 'value' && key !== 'Value' && key !== 'data') return NAME_KEYS.includes(key as never) ? pairNameKey(record, key) : key;
  try {
    if (key === 'data') return lastPathName(ownData(record, 'instancePath')) ?? lastPathName(ownData(record, 'dataPath')) ?? key;
    let named: string | undefined;
    for (const nameKey of NAME_KEYS) {
      const name = ownData(record, nameKey);
      if (typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME) {
        named = name;
        break;
      }
    }
    // an error's own name (`ValidationError`) names the error, not the value: its field does
    if (named !== undefined && !named.endsWith('Error')) return named;
    for (const fieldKey of FIELD_KEYS) {
      const name = lastPathName(ownData(record, fieldKey));
      if (name !== undefined) return name;
    }
    if (named !== undefined) return named;
  } catch {
    // a Proxy's trap threw
  }
  return key;
}

/**
 * The key a pair object's `name` (or `key`) is judged under: a neutral one when the object
 * holds one pair (`{ name: 'LOG_LEVEL', value }`: the name names the value, it is no one's
 * name), else `key`.
 */
function pairNameKey(record: object, key: string): string {
  try {
    return ownData(record, 'value') !== undefined || ownData(record, 'Value') !== undefined ? PAIR_NAME_KEY : key;
  } catch {
    return key; // a Proxy's trap threw
  }
}

/** What a pair object's name is judged under: a word no rule acts on. */
const PAIR_NAME_KEY = 'field';

/** A name as a pair's first item or an option's: name characters only (letters, digits, `_ - .`). */
const PAIR_NAME = /^[A-Za-z][\w.-]*$/;

/**
 * The name of the pair whose value is item `index` of an array of `length` items, given the
 * item before it (`previous`): an option's name (`'--password'`, `'-Password'` → `password`), or the first
 * item of a two-item array; else `undefined`.
 */
export function arrayPairName(length: number, index: number, previous: unknown): string | undefined {
  if (typeof previous !== 'string' || previous.length > MAX_NAME + 2) return undefined;
  if (previous.charCodeAt(0) === 45) {
    // `--password` or `-Password` (PowerShell and Java tools write options with one dash)
    const name = previous.slice(previous.charCodeAt(1) === 45 ? 2 : 1);
    return PAIR_NAME.test(name) ? name : undefined;
  }
  return length === 2 && index === 1 && PAIR_NAME.test(previous) ? previous : undefined;
}

/**
 * True when a two-item array is a list of two names, not a pair: its second item is itself a
 * name the mask acts on, word for word (`['pwd', 'otp']`, `['email', 'phone']`, a schema's
 * `required`); a value that merely holds such a word (`'SuperSecret'`) is a value. An option's
 * value (`['--password', 'secret']`) is always a value.
 */
export function isNameList(previous: unknown, item: unknown, isActedOnName: (text: string) => boolean): boolean {
  if (typeof previous === 'string' && previous.charCodeAt(0) === 45) return false;
  return typeof item === 'string' && item.length <= MAX_NAME && PAIR_NAME.test(item) && isActedOnName(item);
}

/** The state item `index` (`item`) of an array is judged under: `state`, or the pair's (see {@link arrayPairName}). */
export function pairedItemState<S>(hooks: SanitizeHooks<S> | undefined, state: S, length: number, index: number, previous: unknown, item: unknown): S {
  const pairedItem = hooks?.pairedItem;
  if (pairedItem === undefined || index === 0) return state;
  // (in a flat list of names and values, Node's `rawHeaders`, each odd item is its name's value)
  const flat = index % 2 === 1 && hooks?.flatPairs?.(state) === true && typeof previous === 'string' && previous.length <= MAX_NAME && PAIR_NAME.test(previous);
  const name = flat ? (previous as string) : arrayPairName(length, index, previous);
  if (name === undefined) return state;
  const paired = pairedItem.call(hooks, state, name);
  if (paired === state || isNameList(previous, item, (text) => hooks?.isActedOnName?.(text) === true)) return state;
  return paired;
}
