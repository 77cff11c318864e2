/**
 * How the credential-pair maskers read a name in text: which characters a name has, how long
 * it may be, and which blanks may stand between a name, its separator and its value.
 */

import { MAX_NAME } from '../../serialize/paired-key';

/** Longest name read (a longer run of name characters names nothing): the same as a key's. */
export { MAX_NAME };
/** Most blanks read between a name, its separator and its value. */
export const MAX_BLANKS = 3;

/** Whether a UTF-16 unit above ASCII is a letter or a combining mark (1), or not (-1); 0 until asked. */
const OTHER_LETTER = new Int8Array(0x10000);
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

/** A unit above ASCII that is a letter or a mark of any script (`ñ`, `п`, `密`, `ـ`): not a blank, a dash, a quote or a surrogate. */
function isOtherLetter(c: number): boolean {
  let known = OTHER_LETTER[c];
  if (known === 0) OTHER_LETTER[c] = known = LETTER_OR_MARK.test(String.fromCharCode(c)) ? 1 : -1;
  return known === 1;
}

/** A character of a name: letters of any script, digits, `_`, `-`, `.` (`db_password`, `пароль`, `كلمة_المرور`). */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || (c > 127 && isOtherLetter(c));
}

/** A blank between a name, its separator and its value: space, tab, no-break, figure or narrow no-break space. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2007 || c === 0x202f;
}

/**
 * The start of the name that ends just before `end` (at most {@link MAX_NAME} characters, not
 * before `floor`, not glued to a longer run of name characters), or -1 when none ends there.
 */
export function nameStartBefore(text: string, end: number, floor: number): number {
  let k = end - 1;
  while (k >= floor && end - k <= MAX_NAME && isNameChar(text.charCodeAt(k))) k--;
  if (k === end - 1 || (k >= floor && isNameChar(text.charCodeAt(k)))) return -1;
  // JSON text's `\n`, `\r`, `\t` end the line before the name: the letter is the escape's
  if (k >= floor && text.charCodeAt(k) === 92 && k + 2 < end && isEscapeLetter(text.charCodeAt(k + 1))) return k + 2;
  return k + 1;
}

/** `n`, `r`, `t`: the letter of a JSON escape (`\n`) that stands for a line break or a tab. */
export function isEscapeLetter(c: number): boolean {
  return c === 110 || c === 114 || c === 116;
}

/** The first of the blanks (at most {@link MAX_BLANKS}, not before `floor`) that end just before `end`; `end` when there is none. */
export function blanksStartBefore(text: string, end: number, floor: number): number {
  let k = end;
  while (k > floor && end - k < MAX_BLANKS && isBlank(text.charCodeAt(k - 1))) k--;
  return k;
}

/** The end of the blanks (at most {@link MAX_BLANKS}) that start at `from`; `from` when there is none. */
export function blanksEndAfter(text: string, from: number): number {
  let k = from;
  while (k < text.length && k - from < MAX_BLANKS && isBlank(text.charCodeAt(k))) k++;
  return k;
}

/** A straight quote, `"` or `'`. */
export function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

