/**
 * Finds phone numbers in free text with a linear scanner instead of a backtracking regex.
 *
 * A candidate is a run of digits and the separators people write in phone numbers
 * (space, `-`, `.`, `(`, `)`), starting at a word boundary with `+`, `(` or a digit. It is a
 * phone number when it either
 * - starts with `+` and holds 8 to 15 digits (E.164: country code + subscriber number,
 *   which covers 8-digit local numbers such as `+965 6666-7777`), or
 * - starts with `00` (the international prefix without `+`), has separators, and holds 8 to
 *   15 digits after it (`00965 5555 1234`), or
 * - is a separated national number: `(555) 123-4567`, `555-123-4567`, `555.123.4567`,
 *   `555 123 4567` (3-3-4 digits, optionally with a leading `1`).
 *
 * A bare digit run (`4455667788`, epoch seconds, the tail of a UUID) is not a phone number:
 * ids look like that far more often than phone numbers do. Under a phone-like key the
 * whole value is tokenized anyway. The match includes the `+` and parentheses, so no
 * fragment of the number is left in clear.
 */
import type { TextRange } from './find-emails';

const MAX_CANDIDATE = 32;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

/** Digit groups of a candidate, e.g. `(555) 123-4567` → [3, 3, 4]. */
function groups(text: string, start: number, end: number, into: number[]): number {
  into.length = 0;
  let run = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    if (isDigit(text.charCodeAt(i))) {
      run++;
      digits++;
    } else if (run > 0) {
      into.push(run);
      run = 0;
    }
  }
  if (run > 0) into.push(run);
  return digits;
}

function isNationalShape(g: readonly number[]): boolean {
  if (g.length === 3) return g[0] === 3 && g[1] === 3 && g[2] === 4;
  if (g.length === 4) return g[0] === 1 && g[1] === 3 && g[2] === 3 && g[3] === 4;
  return false;
}

/** Appends the phone numbers found in `text` to `out`. */
export function findPhones(text: string, out: TextRange[]): void {
  const g: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const startsCandidate = c === 43 /* + */ || c === 40 /* ( */ || isDigit(c);
    if (!startsCandidate || gluedBefore(text, i)) {
      i++;
      continue;
    }
    const plus = c === 43;
    let end = i + 1;
    while (end < n && end - i < MAX_CANDIDATE) {
      const d = text.charCodeAt(end);
      if (isDigit(d) || isSeparator(d)) end++;
      else break;
    }
    // trailing separators (a space before the next word, a full stop) are not part of it
    while (end > i + 1 && !isDigit(text.charCodeAt(end - 1))) end--;
    // a candidate glued to a word (`abc`, `_`, `+`) is part of something else
    if (end < n && (isWordChar(text.charCodeAt(end)) || text.charCodeAt(end) === 43)) {
      i = end;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      continue;
    }
    const digits = groups(text, i, end, g);
    // `00` is the international prefix written without `+` (00965 5555 1234): with separators
    const zeroZero = !plus && g.length >= 2 && g[0] >= 2 && text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 48;
    const isPhone = plus
      ? digits >= 8 && digits <= 15 && g.length >= 1 && text.charCodeAt(i + 1) !== 32
      : zeroZero
        ? digits - 2 >= 8 && digits - 2 <= 15 && hasBalancedParens(text, i, end)
        : isNationalShape(g) && hasBalancedParens(text, i, end);
    if (isPhone) {
      out.push({ start: i, end });
      i = end;
    } else {
      i++;
      // skip the rest of this digit run so a long id is not re-scanned from every digit
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
  }
}

/** True when position `i` continues a word, an id (`a-123`, `v1.2`) or a `+` sign. */
function gluedBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const p = text.charCodeAt(i - 1);
  if (isWordChar(p) || p === 43) return true;
  return (p === 45 || p === 46) && i > 1 && isWordChar(text.charCodeAt(i - 2));
}

function hasBalancedParens(text: string, start: number, end: number): boolean {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return false;
  }
  return depth === 0;
}
