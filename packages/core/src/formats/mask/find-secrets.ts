/**
 * Secrets that are masked wherever they appear, in one forward pass each (no backtracking):
 *
 * - payment card numbers: 13–19 decimal digits (any script), written as one run or in groups
 *   separated by single spaces or dashes, not part of a longer word or number, starting with
 *   a card network's major industry digit (2–6) and passing the Luhn check → `************1111`
 *   (one `*` per masked digit, the last four kept, as on a receipt);
 * - JSON Web Tokens: three base64url segments, the first starting `eyJ` (`{"`) → `[REDACTED]`;
 * - PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` to the matching END, or to the end
 *   of the text when it was cut) → `[REDACTED]`;
 * - `Bearer <token>` (any case) → `Bearer [REDACTED]`.
 */
import { digitAt, digitWidth, isLetterAt } from './unicode-digits';

/** A secret found: `[start, end)` and what replaces it. */
export interface SecretRange {
  start: number;
  end: number;
  replacement: string;
  kind: 'card' | 'jwt' | 'pem' | 'bearer';
}

/** What replaces a JWT, a PEM block or a bearer token. */
export const REDACTED = '[REDACTED]';

function isB64Url(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return true;
  return c >= 0xaa && (digitAt(text, i) >= 0 || isLetterAt(text, i));
}

/** True when `digits` (ASCII) passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCard(digits: string): boolean {
  const first = digits.charCodeAt(0);
  return digits.length >= 13 && digits.length <= 19 && first >= 50 && first <= 54 && luhnValid(digits);
}

function cardMask(digits: string): string {
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** One digit group of a card candidate. */
interface Group {
  start: number;
  end: number;
  digits: string;
}

/**
 * Cards among the groups of one run: the longest card from each group start (≤ 19 digits,
 * so ≤ 19 groups). Unless `final`, stops where a window may still grow with groups not read
 * yet; returns the index of the first group not done.
 */
function cardsInRun(groups: readonly Group[], out: SecretRange[], final: boolean): number {
  let g = 0;
  while (g < groups.length && (final || groups.length - g > 19)) {
    let digits = '';
    let best = -1;
    let bestDigits = '';
    for (let h = g; h < groups.length && digits.length + groups[h].digits.length <= 19; h++) {
      digits += groups[h].digits;
      if (isCard(digits)) {
        best = h;
        bestDigits = digits;
      }
    }
    if (best >= 0) {
      out.push({ start: groups[g].start, end: groups[best].end, replacement: cardMask(bestDigits), kind: 'card' });
      g = best + 1;
    } else g++;
  }
  return g;
}

/** Stands for a group of more than 19 digits: no card window can hold it. */
const TOO_LONG = '#'.repeat(20);

/** A long run is read in chunks of this many groups (the done ones are dropped). */
const CHUNK_GROUPS = 64;

/** Appends the card numbers in `text` to `out`. */
function findCards(text: string, out: SecretRange[]): void {
  const n = text.length;
  const groups: Group[] = [];
  let i = 0;
  while (i < n) {
    if (digitAt(text, i) < 0 || (i > 0 && isWordUnit(text, i - 1))) {
      i++;
      continue;
    }
    // a run: digit groups joined by single spaces or dashes
    groups.length = 0;
    let j = i;
    for (;;) {
      const start = j;
      let digits = '';
      let count = 0;
      for (let d = digitAt(text, j); d >= 0; d = digitAt(text, j)) {
        if (++count <= 19) digits += String.fromCharCode(48 + d);
        j += digitWidth(text, j);
      }
      groups.push({ start, end: j, digits: count <= 19 ? digits : TOO_LONG });
      if (groups.length >= CHUNK_GROUPS) groups.splice(0, cardsInRun(groups, out, false));
      const sep = text.charCodeAt(j);
      if ((sep === 32 || sep === 45) && digitAt(text, j + 1) >= 0) j++;
      else break;
    }
    // glued to a word after it: an identifier, not a card
    if (!(j < n && isWordUnit(text, j))) cardsInRun(groups, out, true);
    i = j + 1;
  }
}

/** Appends the JWTs in `text` to `out`. */
function findJwts(text: string, out: SecretRange[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at === -1) return;
    let j = at;
    while (j < text.length && isB64Url(text.charCodeAt(j))) j++;
    from = j + 1;
    if (at > 0 && isB64Url(text.charCodeAt(at - 1))) continue;
    let segments = 1;
    while (segments < 3 && text.charCodeAt(j) === 46) {
      const s = j + 1;
      j = s;
      while (j < text.length && isB64Url(text.charCodeAt(j))) j++;
      if (j === s && segments === 1) break;
      segments++;
    }
    if (segments < 3 || j - at < 16) continue;
    out.push({ start: at, end: j, replacement: REDACTED, kind: 'jwt' });
    from = j;
  }
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_LABEL_END = 'PRIVATE KEY-----';

/** Appends the PEM private key blocks in `text` to `out`. */
function findPemKeys(text: string, out: SecretRange[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf(PEM_BEGIN, from);
    if (at === -1) return;
    from = at + PEM_BEGIN.length;
    const label = text.indexOf(PEM_LABEL_END, from);
    if (label === -1) return;
    if (label - from > 40) continue;
    const endMark = text.indexOf('-----END ', label);
    if (endMark === -1) {
      out.push({ start: at, end: text.length, replacement: REDACTED, kind: 'pem' });
      return;
    }
    const close = text.indexOf(PEM_LABEL_END, endMark);
    const end = close === -1 ? text.length : close + PEM_LABEL_END.length;
    out.push({ start: at, end, replacement: REDACTED, kind: 'pem' });
    from = end;
  }
}

const BEARER = /\bbearer[ \t]+([A-Za-z0-9._~+/-]+=*)/gi;

/** Appends the bearer tokens in `text` to `out` (the word `Bearer` stays). */
function findBearer(text: string, out: SecretRange[]): void {
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(text); m !== null; m = BEARER.exec(text)) {
    const token = m[1];
    if (token === REDACTED || token.length < 8) continue;
    const end = m.index + m[0].length;
    out.push({ start: end - token.length, end, replacement: REDACTED, kind: 'bearer' });
  }
}

/** The secrets in `text`, in order, not overlapping. */
export function findSecrets(text: string): SecretRange[] {
  const found: SecretRange[] = [];
  if (text.indexOf('-----BEGIN ') !== -1) findPemKeys(text, found);
  if (text.indexOf('eyJ') !== -1) findJwts(text, found);
  if (text.length >= 13) findCards(text, found);
  if (text.length >= 15 && (text.indexOf('earer') !== -1 || text.indexOf('EARER') !== -1)) findBearer(text, found);
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretRange[] = [];
  for (const r of found) if (kept.length === 0 || r.start >= kept[kept.length - 1].end) kept.push(r);
  return kept;
}

/** `text` with every secret masked (the same string when there is none). */
export function maskSecrets(text: string): string {
  const found = findSecrets(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of found) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}
