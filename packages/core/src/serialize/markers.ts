/**
 * The strings written in place of a value that could not be read, or was cut by a cap: one
 * place for each, so every step writes the same marker for the same thing.
 */

/** What is written for a property whose getter (or Proxy trap) threw when read. */
export const GETTER_THREW = '[getter threw]';

/** What is written for an object that could not be read at all (a revoked Proxy, a throwing trap). */
export const UNREADABLE_MARKER = '[unreadable]';

/** What is written for a failed line's message that the PII mask could not be run on (it is never written unmasked). */
export const MASK_FAILED_MARKER = '[message withheld: the PII mask failed on it]';

/** What is written for a reference to an object that encloses it. */
export const CIRCULAR_MARKER = '[Circular]';

/** What is written for a value whose `toJSON` threw. */
export const TOJSON_THREW = '[toJSON threw]';

/** The key that counts the keys cut from an object (see {@link moreKeysMarker}), or marks an object whose keys could not be listed. */
export const MORE_KEYS_KEY = '…';

/** The value of {@link MORE_KEYS_KEY}: how many keys were cut. */
export function moreKeysMarker(count: number): string {
  return `[${count} more keys]`;
}

/** The last item of a cut array: how many items were cut. */
export function moreItemsMarker(count: number): string {
  return `[${count} more items]`;
}

/** The end of a cut string: how many characters were cut. */
export function truncatedMarker(count: number): string {
  return `…[truncated ${count} chars]`;
}

/** What is written for an object or array nested deeper than `max`. */
export function tooDeepMarker(kind: 'Object' | 'Array', max: number): string {
  return `[${kind}: nested deeper than ${max}]`;
}
