/**
 * Credential pairs written with blanks instead of `:` or `=`, read by `find-secret-pairs`:
 *
 * - a command-line option, `--password hunter2`, `--api-key "k 1"`, `-Password hunter2`: the
 *   word (or quoted text) after an option named as a credential is its value, as in
 *   `--password=hunter2`;
 * - a quoted value after a credential name, `WITH PASSWORD 'hunter2'`, `token "abc"` (SQL
 *   and prose), `your password is 'hunter2'`: the quoted text is the value;
 * - a quoted value after a phrase that names a password (SQL's `IDENTIFIED BY 'hunter2'`).
 *
 * Blanks are read as between a name and its `:`: at most `MAX_BLANKS` of them, tabs and
 * no-break spaces included. Each looks back or ahead at most one name's length.
 */
import { blanksEndAfter, blanksStartBefore, isNameChar, MAX_NAME, nameStartBefore } from './pair-names';
import { isLetter } from './ascii-letters';

/** A name read from text, and the index of the first blank that separates it from its value. */
export interface SpacedName {
  readonly name: string;
  readonly blank: number;
  /** The name is a phrase that names a password (`IDENTIFIED BY`), whatever the key rules say of its words. */
  readonly phrase: boolean;
}

/**
 * Phrases that name the password after them, lowercase, by last word: SQL's `IDENTIFIED BY`
 * (MySQL, Oracle), with up to two words between (`IDENTIFIED WITH <plugin> BY`).
 */
const PASSWORD_PHRASES: ReadonlyMap<string, readonly string[]> = new Map([['by', ['identified']]]);

/**
 * The option whose `--` (or `-` before a letter: `-Password x`, `-ApiKey x` as PowerShell
 * and Java tools write them) is at `i` (`--password hunter2`), when blanks follow its name
 * and the dash starts a word; else `undefined`.
 */
export function optionAt(text: string, i: number, floor: number): SpacedName | undefined {
  const dashes = text.charCodeAt(i + 1) === 45 ? 2 : isLetter(text.charCodeAt(i + 1)) ? 1 : 0;
  if (dashes === 0) return undefined;
  if (i > floor && isNameChar(text.charCodeAt(i - 1))) return undefined;
  let j = i + dashes;
  while (j < text.length && j - i <= MAX_NAME && isNameChar(text.charCodeAt(j))) j++;
  const value = blanksEndAfter(text, j);
  if (j === i + dashes || value === j || value >= text.length) return undefined;
  // the value is a word that is not another option
  const first = text.charCodeAt(value);
  if (first === 45 || first === 10 || first === 13) return undefined;
  return { name: text.slice(i + dashes, j), blank: j, phrase: false };
}

/**
 * The name before the quote at `quote` when blanks separate them (`PASSWORD 'x'`), or a
 * password phrase (`IDENTIFIED BY 'x'`); else `undefined`.
 */
export function nameBeforeQuote(text: string, quote: number, floor: number): SpacedName | undefined {
  const blank = blanksStartBefore(text, quote, floor);
  if (blank === quote) return undefined;
  const start = nameStartBefore(text, blank, floor);
  if (start === -1) return undefined;
  const name = text.slice(start, blank);
  const lower = name.toLowerCase();
  if (lower === 'is' || lower === 'was') {
    // prose names the value with a verb: `your password is 'Tr0ub4dor&3'`
    const gap = blanksStartBefore(text, start, floor);
    const before = gap < start ? nameStartBefore(text, gap, floor) : -1;
    return before === -1 ? undefined : { name: text.slice(before, gap), blank, phrase: false };
  }
  const firstWords = PASSWORD_PHRASES.get(lower);
  if (firstWords !== undefined) {
    // the phrase's first word, up to two words back (`IDENTIFIED WITH caching_sha2_password BY`)
    let end = start;
    for (let back = 0; back < 3; back++) {
      const gap = blanksStartBefore(text, end, floor);
      const before = gap < end ? nameStartBefore(text, gap, floor) : -1;
      if (before === -1) break;
      if (firstWords.includes(text.slice(before, gap).toLowerCase())) return { name: text.slice(before, blank), blank, phrase: true };
      end = before;
    }
  }
  return { name, blank, phrase: false };
}
