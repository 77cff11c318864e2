/**
 * Credential pairs written with a blank instead of `:` or `=`, read by `find-secret-pairs`:
 *
 * - a command-line option, `--password hunter2`, `--api-key "k 1"`: the word (or quoted text)
 *   after an option named as a credential is its value, as in `--password=hunter2`;
 * - a quoted value after a credential name, `WITH PASSWORD 'hunter2'`, `token "abc"` (SQL
 *   and prose): the quoted text is the value;
 * - SQL's `IDENTIFIED BY 'hunter2'`: a password.
 *
 * Each looks back or ahead at most one name's length from the character that starts it.
 */

/** Longest option or name read. */
const MAX_NAME = 64;

/** A character of a name: letters, digits, `_`, `-`, `.` (as `find-secret-pairs` reads names). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}

/** A name read from text, and the index of the blank that separates it from its value. */
export interface SpacedName {
  readonly name: string;
  readonly blank: number;
}

/**
 * The option whose `--` is at `i` (`--password hunter2`), when a blank follows its name and
 * the `--` starts a word; else `undefined`.
 */
export function optionAt(text: string, i: number, floor: number): SpacedName | undefined {
  if (text.charCodeAt(i + 1) !== 45) return undefined;
  if (i > floor && isNameChar(text.charCodeAt(i - 1))) return undefined;
  let j = i + 2;
  while (j < text.length && j - i <= MAX_NAME && isNameChar(text.charCodeAt(j))) j++;
  if (j === i + 2 || text.charCodeAt(j) !== 32) return undefined;
  // the value is a word that is not another option
  if (text.charCodeAt(j + 1) === 45 || text.charCodeAt(j + 1) === 32) return undefined;
  return { name: text.slice(i + 2, j), blank: j };
}

/**
 * The name before the quote at `quote` when one blank separates them (`PASSWORD 'x'`), or
 * `identified by` when those two words do (`IDENTIFIED BY 'x'`); else `undefined`.
 */
export function nameBeforeQuote(text: string, quote: number, floor: number): SpacedName | undefined {
  const blank = quote - 1;
  if (blank <= floor || text.charCodeAt(blank) !== 32) return undefined;
  const word = wordEndingAt(text, blank, floor);
  if (word === undefined) return undefined;
  if (word.toLowerCase() === 'by') {
    const before = wordEndingAt(text, blank - 3, floor);
    if (text.charCodeAt(blank - 3) === 32 && before !== undefined && before.toLowerCase() === 'identified') return { name: 'identified_by', blank };
  }
  return { name: word, blank };
}

/** The name ending just before `end`, or `undefined`. */
function wordEndingAt(text: string, end: number, floor: number): string | undefined {
  let k = end - 1;
  while (k >= floor && end - k <= MAX_NAME && isNameChar(text.charCodeAt(k))) k--;
  if (k === end - 1 || (k >= floor && isNameChar(text.charCodeAt(k)))) return undefined;
  return text.slice(k + 1, end);
}
