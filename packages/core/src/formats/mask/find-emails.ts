/**
 * Finds email addresses in free text in one forward pass. Each `@` (or `%40`, as URLs
 * percent-encode it) is expanded left over local-part characters (at most 64, never into
 * the previous match or the previous `@`) and right over domain characters (at most 253):
 * bounded work per `@`, so a hostile string cannot make it backtrack or rescan.
 *
 * Local part: a dot-atom of letters and digits of any script, marks and `. _ % + - '`;
 * domain: labels of letters and digits of any script (IDN), `-`, and a top-level label of at
 * least two letters (or an IDN's ASCII form, `xn--p1ai`). After `%40`, percent-escapes (`%C3%BC`) count as the letters they encode.
 * What a reader cannot see or tells from the ASCII form does not hide an address: invisible
 * characters (zero-width space and joiners, soft hyphen, BOM) count as part of it, the
 * fullwidth and small `＠` `﹫` as its `@`, and the dots IDNA maps to `.` (`。` `．` `｡`) as dots.
 * Nor does HTML's spelling of the `@`: a character reference (`&#64;`, `&#x40;`, `&commat;`)
 * is read as the `@` a browser shows.
 */
import { digitAt, isLetterAt } from './unicode-digits';

/** A match: `[start, end)` in the text. */
export interface TextRange {
  start: number;
  end: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** An invisible character: soft hyphen, zero-width space, non-joiner and joiner, word joiner, BOM. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** A character IDNA maps to the dot of a domain (ideographic, fullwidth, halfwidth full stops). */
function isIdnaDot(c: number): boolean {
  return c === 46 || c === 0x3002 || c === 0xff0e || c === 0xff61;
}

/** An `@`, or a lookalike of one (fullwidth, small). */
function isAtSign(c: number): boolean {
  return c === 64 || c === 0xff20 || c === 0xfe6b;
}

/** Most digits read in a numeric character reference (`&#0000064;` is still `@`). */
const MAX_REFERENCE_DIGITS = 8;

/**
 * Code units of the HTML character reference of `@` at `i` (`&#64;`, `&#x40;`, `&#X40;`,
 * leading zeros allowed, a decimal one without its `;`, or `&commat;`; the fullwidth and small
 * `@` too: `&#65312;`), 0 when there is none. Reads at most 12 characters.
 */
export function atReferenceWidth(text: string, i: number): number {
  if (text.charCodeAt(i) !== 38) return 0; // &
  if (text.startsWith('commat;', i + 1)) return 8;
  if (text.charCodeAt(i + 1) !== 35) return 0; // #
  let j = i + 2;
  const hex = (text.charCodeAt(j) | 32) === 120; // x
  if (hex) j++;
  let value = 0;
  const first = j;
  for (; j - first < MAX_REFERENCE_DIGITS; j++) {
    const c = text.charCodeAt(j);
    const digit = c >= 48 && c <= 57 ? c - 48 : hex && (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
    if (digit < 0) break;
    value = value * (hex ? 16 : 10) + digit;
  }
  if (j === first || !(value === 64 || value === 0xff20 || value === 0xfe6b)) return 0;
  if (text.charCodeAt(j) === 59) return j + 1 - i; // ;
  // HTML reads a decimal reference without its `;` too (`&#64example`); a hex one would take the letters after it
  return hex ? 0 : j - i;
}

/**
 * Code units of the `@` at `i`: 1 for `@` and its lookalikes, 3 for `%40` (a URL's), the
 * length of an HTML character reference of it, 0 when there is none.
 */
export function atSignWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isAtSign(c)) return 1;
  if (c === 37) return text.charCodeAt(i + 1) === 52 && text.charCodeAt(i + 2) === 48 ? 3 : 0;
  return c === 38 ? atReferenceWidth(text, i) : 0;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** A letter, mark or digit of any script (a surrogate pair is judged as one character). */
function isUnicodeWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xaa) return false;
  return isLetterAt(text, i) || digitAt(text, i) >= 0 || (c >= 0xdc00 && c <= 0xdfff && i > 0 && digitAt(text, i - 1) >= 0);
}

function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // A-Z a-z 0-9 . _ % + - '
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39 || isInvisible(c) || isUnicodeWord(text, i);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Code units of the domain character at `i` (0: none); `%XX` counts when `encoded`. */
function domainCharWidth(text: string, i: number, encoded: boolean): number {
  const c = text.charCodeAt(i);
  if (isAsciiAlnum(c) || isIdnaDot(c) || c === 45 || isInvisible(c)) return 1;
  if (encoded && c === 37 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2)) && text.charCodeAt(i + 1) >= 56) return 3; // %80–%FF: UTF-8
  return isUnicodeWord(text, i) ? 1 : 0;
}

/** True when `[from, end)` is an IDN's top-level label in its ASCII form: `xn--` and letters, digits or `-` (`xn--p1ai`). */
function isPunycodeTld(text: string, from: number, end: number): boolean {
  if (end - from < 5 || !/^xn--$/i.test(text.slice(from, from + 4))) return false;
  for (let i = from + 4; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

/** True when `[from, end)` is a top-level label: at least two letters (any script, or escapes), or an IDN's `xn--` form. */
function isTld(text: string, from: number, end: number): boolean {
  if (isPunycodeTld(text, from, end)) return true;
  let letters = 0;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letters++;
    else if (isInvisible(c)) continue;
    else if (c === 37 && i + 2 < end) {
      i += 2;
      letters++;
    } else if (c >= 0xaa && isLetterAt(text, i)) letters++;
    else return false;
  }
  return letters >= 2;
}

/** True when `text` holds an `@` in any spelling {@link atSignWidth} reads. One pass. */
export function holdsAtSign(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (atSignWidth(text, i) > 0) return true;
  return false;
}

/**
 * True when `text` may hold an `@` in any spelling {@link atSignWidth} reads: `@`, a lookalike,
 * `%40`, or an `&` (which may start a character reference).
 */
export function mayHoldAtSign(text: string): boolean {
  return text.indexOf('@') !== -1 || text.indexOf('\uff20') !== -1 || text.indexOf('\ufe6b') !== -1 || text.indexOf('%40') !== -1 || text.indexOf('&') !== -1;
}

/** An HTML character reference of `@` or a lookalike (see {@link atReferenceWidth}). */
const AT_REFERENCE = /&(?:#0{0,6}(?:64|65312|65131);?|#[xX]0{0,6}(?:40|[fF]{2}20|[fF][eE]6[bB]);|commat;)/g;

/**
 * The address a found email spells: invisible characters dropped, lookalike `@` and dots
 * made ASCII, a character reference of `@` read as `@`.
 */
export function spelledEmail(found: string): string {
  if (found.indexOf('&') !== -1) found = found.replace(AT_REFERENCE, '@');
  let ascii = true;
  for (let i = 0; i < found.length && ascii; i++) if (found.charCodeAt(i) >= 0xad) ascii = false;
  if (ascii) return found;
  return found.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\uff20\ufe6b]/g, '@').replace(/[\u3002\uff0e\uff61]/g, '.');
}

/** Longest SSH remote path read after `host:`. */
const MAX_REMOTE_PATH = 256;

/**
 * True when the text at `from` (after `host:`) is an SSH remote's path: a word with a `/`
 * (`org/repo.git`, `~/backups`). `jane@example.com:hunter2` (an address and a password) is not.
 */
function isRemotePath(text: string, from: number): boolean {
  // (it starts with a letter, `~`, `/`, `.` or `_`, not a digit or a URL's scheme: `:2024/01`, `:https://…`)
  const first = text.charCodeAt(from);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 126 || first === 47 || first === 46 || first === 95)) return false;
  for (let j = from; j < text.length && j - from < MAX_REMOTE_PATH; j++) {
    const c = text.charCodeAt(j);
    if (c === 47) return j > from || text.charCodeAt(j + 1) !== 47; // (`://` is a URL's)
    if (c <= 32 || c === 34 || c === 39 || c === 64 || c === 58) return false;
  }
  return false;
}

/** Appends the email addresses found in `text` to `out` (in order, not overlapping). */
export function findEmails(text: string, out: TextRange[]): void {
  const n = text.length;
  let barrier = 0; // the left expansion never goes below this (previous match or `@`)
  for (let at = 0; at < n; at++) {
    const sep = atSignWidth(text, at);
    if (sep === 0) continue;
    const percent = text.charCodeAt(at) === 37;
    // an encoded local part takes up to three characters per octet (`%C3%BC`)
    const lowBound = Math.max(barrier, at - (percent ? 3 * MAX_LOCAL : MAX_LOCAL));
    barrier = at + sep;
    let start = at;
    while (start > lowBound && isLocalChar(text, start - 1)) start--;
    // a local part does not start with a dot, nor with an apostrophe: there it opens a quoted
    // string (`VALUES ('jane@example.com', …)`); one inside stays (`o'brien@example.com`)
    while (start < at && (text.charCodeAt(start) === 46 || text.charCodeAt(start) === 39)) start++;
    if (start === at) continue;
    let end = at + sep;
    let lastDot = -1;
    while (end < n && end - at <= MAX_DOMAIN) {
      const w = domainCharWidth(text, end, percent);
      if (w === 0) break;
      if (isIdnaDot(text.charCodeAt(end))) lastDot = end;
      end += w;
    }
    // trailing dots and hyphens end a sentence, not a domain
    while (end > at + sep && (isIdnaDot(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 45 || isInvisible(text.charCodeAt(end - 1)))) end--;
    if (lastDot >= end) {
      lastDot = -1;
      for (let i = end - 1; i > at + sep; i--) if (isIdnaDot(text.charCodeAt(i))) { lastDot = i; break; }
    }
    if (lastDot <= at + sep || !isTld(text, lastDot + 1, end)) continue;
    // `git@github.com:org/repo.git`: an SSH remote (`user@host:path/…`), not an address
    if (text.charCodeAt(end) === 58 && isRemotePath(text, end + 1)) {
      barrier = end;
      at = end - 1;
      continue;
    }
    out.push({ start, end });
    barrier = end;
    at = end - 1;
  }
}
