/**
 * Where a bare (unquoted) value ends in text: at a blank, a quote, a closing bracket or markup
 * (JSON text's `\n`, `\t` and `\"` count as the characters they stand for),
 * or at a `, ; & #` that the end, a blank or another pair follows (`password=abc;def` is one
 * value; `Password=abc;Database=x`, `password=x, next` and `{"pin":1234,"a":1}` end at the
 * delimiter).
 */
import { isBlank, isEscapeLetter, isNameChar, isQuote, MAX_NAME } from './pair-names';

/** Ends a bare value: white space, a quote, or a delimiter of pairs, lists and markup. */
export function endsBareValue(c: number): boolean {
  return c <= 32 || c === 44 || c === 59 || c === 38 || c === 35 || c === 41 || c === 125 || c === 93 || c === 34 || c === 39 || c === 60 || c === 62;
}

/**
 * A bare value's end: the next blank, quote, closing bracket or markup, or a `, ; & #` that a
 * blank, the end or another pair follows (`password=abc;def` is one value;
 * `Password=abc;Database=x` and `password=x, next` end at the delimiter).
 */
export function bareEnd(text: string, from: number): number {
  let j = from;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    // JSON text's escapes: `\n`, `\r`, `\t` are a line break or a tab, `\"` a quote
    if (c === 92) {
      const next = text.charCodeAt(j + 1);
      if (isEscapeLetter(next) || next === 34) break;
      continue;
    }
    if (!endsBareValue(c)) continue;
    if ((c === 44 || c === 59 || c === 38 || c === 35) && !endsHere(text, j + 1)) continue;
    break;
  }
  return j;
}

/**
 * True when a value's delimiter ends it when `at` follows: the end, a blank, or another
 * `name=`/`name:`, its name quoted or not (`"token":` in JSON, `\"token\":` in JSON inside a string).
 */
function endsHere(text: string, at: number): boolean {
  if (at >= text.length || text.charCodeAt(at) <= 32) return true;
  if (quotedNameFollows(text, at)) return true;
  // (a name of up to three words: `;User Id=`)
  let k = at;
  for (let word = 0; word < 3; word++) {
    const start = k;
    while (k < text.length && k - start < MAX_NAME && isNameChar(text.charCodeAt(k))) k++;
    if (k === start) return false;
    const sep = text.charCodeAt(k);
    if (sep === 61 || sep === 58) return true;
    if (sep !== 32) return false;
    k++;
  }
  return false;
}

/** True when a quoted name and then `:` or `=` start at `at` (`"token":`, `'token' =`, `\"token\":`). */
function quotedNameFollows(text: string, at: number): boolean {
  let k = at;
  if (text.charCodeAt(k) === 92) k++; // \" of JSON inside a JSON string
  const quote = text.charCodeAt(k);
  if (!isQuote(quote)) return false;
  const start = ++k;
  while (k < text.length && k - start < MAX_NAME && isNameChar(text.charCodeAt(k))) k++;
  if (k === start || k >= text.length) return false;
  if (text.charCodeAt(k) === 92) k++;
  if (text.charCodeAt(k) !== quote) return false;
  k++;
  while (k < text.length && k - at < MAX_NAME + 8 && isBlank(text.charCodeAt(k))) k++;
  const sep = text.charCodeAt(k);
  return sep === 58 || sep === 61;
}
