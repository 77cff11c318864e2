/**
 * JSON text of strings, byte for byte what `JSON.stringify` writes, without a native call
 * for the common case (no character that needs an escape).
 */

/** Strings longer than this are checked with a regular expression rather than a loop. */
const LOOP_LIMIT = 64;
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

function needsEscape(text: string): boolean {
  const n = text.length;
  if (n > LOOP_LIMIT) return NEEDS_ESCAPE.test(text);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // control characters, quote, backslash and surrogates (a lone one is escaped)
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** `JSON.stringify(text)`. */
export function quoteJson(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : '"' + text + '"';
}
