/**
 * JSON text of strings, byte for byte what `JSON.stringify` writes, without a native call
 * for the common case (no character that needs an escape).
 */

/** Control characters, quote, backslash and surrogates (a lone one is escaped). */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** `JSON.stringify(text)`. */
export function quoteJson(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : '"' + text + '"';
}
