/**
 * One-time links whose path carries the secret: a password reset, an email verification, an
 * invitation, a magic sign-in link, an unsubscribe link. Whoever holds the link can use it, so
 * in a URL path the segments after one that names such a link (`/reset-password/<token>`,
 * `/email/verify/<id>/<hash>`, `/invitations/<token>/accept`) are masked when they are opaque
 * (a digit in them, or both cases over {@link MIN_MIXED_CASE} characters or more); a route's
 * own words (`/verify/email`, `/invite/accept`), a version (`/reset/v2/…`) and a file's name
 * (`/app/src/token/jwt2.ts` in a stack) stay readable.
 */
import { REDACTED, type SecretRange } from './secret-range';
import { isLetter, isLower, isUpper } from './ascii-letters';

/**
 * Word parts that name a one-time link (compared case-insensitively, as a whole word part of
 * the segment, plural `s` allowed): `reset-password`, `verifyEmail`, `email_verification`.
 */
const LINK_WORDS: ReadonlySet<string> = new Set([
  'verify', 'verification', 'confirm', 'confirmation', 'reset', 'activate', 'activation',
  'invite', 'invitation', 'magic', 'magiclink', 'unsubscribe', 'token', 'otp', 'passwordless',
]);
/** Longest word of {@link LINK_WORDS}, with a plural `s`. */
const MAX_LINK_WORD = Math.max(...[...LINK_WORDS].map((w) => w.length)) + 1;
/** Longest segment read as a route word (a longer one is a value, not a route). */
const MAX_ROUTE_SEGMENT = 48;
/** Fewest characters of a segment without digits that is a token when it mixes cases. */
const MIN_MIXED_CASE = 12;

/** A character of a path segment as tokens are written in one: `A–Z a–z 0–9 - _ . ~ % + =`. */
function isSegmentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 46 || c === 126 || c === 37 || c === 43 || c === 61;
}

/** The end of the segment that starts at `start` (the first character that is not a segment's). */
function segmentEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isSegmentChar(text.charCodeAt(end))) end++;
  return end;
}

/** True when the letters `[start, end)` spell a link word, or its plural (any case). */
function isLinkWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 3 || length > MAX_LINK_WORD) return false;
  const word = text.slice(start, end).toLowerCase();
  return LINK_WORDS.has(word) || (word.endsWith('s') && LINK_WORDS.has(word.slice(0, -1)));
}

/**
 * True when a word part of the segment `[start, end)` is a link word. Parts are runs of
 * letters split at every other character and where a lowercase letter meets a capital
 * (`resetPassword` → `reset`, `password`), as the key rules split keys.
 */
function namesLink(text: string, start: number, end: number): boolean {
  if (end - start > MAX_ROUTE_SEGMENT) return false;
  let part = -1;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0;
    const splits = !isLetter(c) || (part >= 0 && isUpper(c) && isLower(text.charCodeAt(i - 1)));
    if (splits && part >= 0) {
      if (isLinkWord(text, part, i)) return true;
      part = -1;
    }
    if (part < 0 && isLetter(c)) part = i;
  }
  return false;
}

/** True when `[start, end)` is a version (`v2`, `V10`) or a file's name (`jwt2.ts`, `2024-05-01.log`): a route's or a file's, no secret. */
function isVersionOrFile(text: string, start: number, end: number): boolean {
  if ((text.charCodeAt(start) | 32) === 118 && end - start <= 4) {
    let j = start + 1;
    while (j < end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j === end && end > start + 1) return true;
  }
  // a file's extension: a `.` then 1 to 5 letters at the end
  let k = end;
  while (k > start && end - k < 6 && isLetter(text.charCodeAt(k - 1))) k--;
  return k < end && k - 1 > start && text.charCodeAt(k - 1) === 46;
}

/** True when the segment `[start, end)` is opaque: a digit in it, or both cases over enough characters. */
function isOpaque(text: string, start: number, end: number): boolean {
  if (isVersionOrFile(text, start, end)) return false;
  let upper = false;
  let lower = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if (isUpper(c)) upper = true;
    else if (isLower(c)) lower = true;
  }
  return upper && lower && end - start >= MIN_MIXED_CASE;
}

/**
 * The index of the `/` that separates a segment ending at `end` from the next: `end` itself,
 * or `end + 1` after a JSON escape (`\/`, as PHP's `json_encode` writes URLs); -1 when none does.
 */
function separatorAt(text: string, end: number): number {
  const c = text.charCodeAt(end);
  if (c === 47) return end;
  return c === 92 && text.charCodeAt(end + 1) === 47 ? end + 1 : -1;
}

/** True when the `/` at `slash` follows another (`//host`, `\/\/host`): a host comes next, not a route. */
function startsHost(text: string, slash: number): boolean {
  const before = text.charCodeAt(slash - 1);
  return before === 47 || (before === 92 && text.charCodeAt(slash - 2) === 47);
}

/**
 * True when the `/` at `slash` starts a segment that names a one-time link and another
 * segment follows it (see `textHints`: the text may hold a link's secret).
 */
export function mayStartLinkPath(text: string, slash: number): boolean {
  if (!isLetter(text.charCodeAt(slash + 1)) || startsHost(text, slash)) return false;
  const end = segmentEnd(text, slash + 1);
  const next = separatorAt(text, end);
  return next !== -1 && isSegmentChar(text.charCodeAt(next + 1)) && namesLink(text, slash + 1, end);
}

/**
 * Appends to `out` the opaque segments that follow a segment naming a one-time link, up to the
 * end of the path. Every character is read a bounded number of times: linear in `text`.
 */
export function findLinkTokens(text: string, out: SecretRange[]): void {
  let from = 0;
  for (let slash = text.indexOf('/', from); slash !== -1; slash = text.indexOf('/', from)) {
    const end = segmentEnd(text, slash + 1);
    from = end > slash ? end : slash + 1;
    // (a host after `//` is no route: `https://verify.example.com/…`)
    let sep = separatorAt(text, end);
    if (end === slash + 1 || sep === -1 || startsHost(text, slash) || !namesLink(text, slash + 1, end)) continue;
    // the path's following segments, each masked when opaque
    let at = end;
    while (sep !== -1) {
      const next = segmentEnd(text, sep + 1);
      if (next === sep + 1) break;
      // a sentence's full stop after the path is not part of the secret
      let stop = next;
      while (stop > sep + 1 && text.charCodeAt(stop - 1) === 46) stop--;
      if (isOpaque(text, sep + 1, stop)) out.push({ start: sep + 1, end: stop, replacement: REDACTED, kind: 'link' });
      at = next;
      sep = separatorAt(text, at);
    }
    from = at;
  }
}
