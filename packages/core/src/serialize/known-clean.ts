/**
 * Frozen objects the library built from plain strings (service metadata, ids): the walk keeps
 * them as they are instead of copying them line after line, and writes their JSON text once.
 */

const KNOWN_CLEAN = new WeakSet<object>();
/** JSON text of known-clean objects, made once each. */
const CLEAN_TEXT = new WeakMap<object, string>();

/**
 * Marks a frozen object the library built from plain strings (service metadata, ids): the
 * walk keeps it as it is instead of copying it line after line.
 */
export function markClean<T extends object>(value: T): T {
  Object.freeze(value);
  KNOWN_CLEAN.add(value);
  return value;
}

/** True when `value` was marked by {@link markClean}. */
export function isKnownClean(value: object): boolean {
  return KNOWN_CLEAN.has(value);
}

/** The JSON text of a value marked by {@link markClean}, made on first use. */
export function cleanJsonText(value: object): string {
  let text = CLEAN_TEXT.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    CLEAN_TEXT.set(value, text);
  }
  return text;
}
