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
import { blanksEndAfter, blanksStartBefore, isBlank, isNameChar, MAX_NAME, nameStartBefore } from './pair-names';
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
  const phrase = passwordPhraseStart(text, start, lower, floor);
  return phrase === -1 ? { name, blank, phrase: false } : { name: text.slice(phrase, blank), blank, phrase: true };
}

/**
 * Where the password phrase whose last word (`lower`, lowercase) starts at `start` begins
 * (`IDENTIFIED BY`, `IDENTIFIED WITH caching_sha2_password BY`); -1 when it is none.
 */
function passwordPhraseStart(text: string, start: number, lower: string, floor: number): number {
  const firstWords = PASSWORD_PHRASES.get(lower);
  if (firstWords === undefined) return -1;
  // the phrase's first word, up to two words back
  let end = start;
  for (let back = 0; back < 3; back++) {
    const gap = blanksStartBefore(text, end, floor);
    const before = gap < end ? nameStartBefore(text, gap, floor) : -1;
    if (before === -1) return -1;
    if (firstWords.includes(text.slice(before, gap).toLowerCase())) return before;
    end = before;
  }
  return -1;
}

/** Words after a password phrase that are SQL's, not the password (`IDENTIFIED BY VALUES '…'`, `BY RANDOM PASSWORD`, `BY PASSWORD '*…'`). */
const PHRASE_KEYWORDS = new Set(['values', 'random', 'password']);

/**
 * True when the word at `text[from, end)`, after blanks that start at `blank`, is the password
 * of a password phrase written without quotes (`IDENTIFIED BY tiger`, as Oracle takes it):
 * any word but SQL's own keywords there and a bind variable or placeholder (`:pw`, `?`, `%s`, `$1`, `@pw`).
 */
export function isPhrasePassword(text: string, from: number, end: number, blank: number, floor: number): boolean {
  const first = text.charCodeAt(from);
  if (first === 58 || first === 63 || first === 37 || first === 36 || first === 64) return false;
  return endsAccountPhrase(text, blank, floor) && !PHRASE_KEYWORDS.has(text.slice(from, end).toLowerCase());
}

/** Words that name the account a password phrase sets, two words before it (`CREATE USER bob IDENTIFIED BY`, `… TO bob IDENTIFIED BY`). */
const ACCOUNT_WORDS = new Set(['user', 'role', 'to', 'exists']);

/**
 * True when a password phrase ends just before `blank` and follows an account
 * (`USER bob IDENTIFIED BY`, `ROLE r IDENTIFIED BY`, `TO 'bob'@'%' IDENTIFIED BY`): SQL, not
 * prose (`identified by fingerprint`). Reads back a few words at most.
 */
export function endsAccountPhrase(text: string, blank: number, floor: number): boolean {
  if (blank - 3 < floor || (text.charCodeAt(blank - 1) | 32) !== 121 || (text.charCodeAt(blank - 2) | 32) !== 98 || !isBlank(text.charCodeAt(blank - 3))) return false; // … by
  const phrase = passwordPhraseStart(text, blank - 2, 'by', floor);
  if (phrase === -1) return false;
  // the account: one token of any characters (`bob`, `'bob'@'localhost'`), then its keyword
  let j = blanksStartBefore(text, phrase, floor);
  if (j === phrase) return false;
  const tokenEnd = j;
  while (j > floor && j > tokenEnd - MAX_NAME * 2 && text.charCodeAt(j - 1) > 32) j--;
  const gap = blanksStartBefore(text, j, floor);
  const word = gap < j && j < tokenEnd ? nameStartBefore(text, gap, floor) : -1;
  return word !== -1 && ACCOUNT_WORDS.has(text.slice(word, gap).toLowerCase());
}
