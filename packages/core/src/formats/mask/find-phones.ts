/**
 * Finds phone numbers in free text: a linear scanner finds candidates, libphonenumber-js
 * (the maintained port of Google's libphonenumber, `max` metadata: full number patterns, so
 * an id of the right length is not taken for a number) decides.
 *
 * A candidate is a run of decimal digits (any script, see `unicode-digits`) and the
 * separators people write in numbers (space, `-`, `.`, `(`, `)`, and their Unicode kin: no-break
 * and thin spaces, hyphens and dashes, invisible characters), at most 32 characters,
 * optionally after `+`, that does not continue a word or an identifier (`ORD-2125550199X`,
 * `v1.2`, `id_2125550199`). It is a phone number when
 * - it starts with `+` (or `00`) and has 8–15 digits (the E.164 shape), or fewer and is a
 *   valid international number;
 * - else it is a valid number of one of the configured regions (`phoneRegions`, default `US`),
 *   or is written in the separated national shape `555-123-4567` / `(555) 123-4567`.
 *
 * Never phones: dotted quads (IPv4 addresses, version numbers), ISO dates, digit runs of
 * more than 15 digits, and (without `+`) a candidate holding part of a decimal number
 * (`515.21 100.01`: two amounts). The span masked includes the `+` and parentheses.
 */
import { isSupportedCountry, isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import type { TextRange } from './find-emails';
import { digitAt, digitWidth, isLetterAt } from './unicode-digits';
import { idShapeEnd } from './id-shape';

/** How phone numbers are decided (see {@link phoneRules}). */
export interface PhoneRules {
  /** Regions whose national numbers are recognized without `+` (ISO 3166 alpha-2). */
  readonly regions: readonly CountryCode[];
}

const MAX_CANDIDATE = 32;
const MAX_CACHE = 2048;
/**
 * Validations (cache misses) one text may ask libphonenumber-js for (~10 µs each). Past it,
 * every candidate not yet known is taken as a phone number without asking: the time stays
 * bounded and nothing leaks, however warm or cold the cache (a text holding hundreds of
 * number-like runs may lose some decoys instead).
 */
const MAX_VALIDATIONS = 256;
/** Validation results of recent candidates (adversarial text repeats itself). */
const cache = new Map<string, boolean>();

/** The default rules: region `US`. */
export const DEFAULT_PHONE_RULES: PhoneRules = { regions: ['US'] };

/**
 * Rules for a region list (`['US', 'GB']`); unknown or malformed codes throw, so a typo in
 * `PII_MASK_PHONE_REGIONS` fails at start-up rather than missing numbers.
 */
export function phoneRules(regions: readonly string[] | undefined): PhoneRules {
  if (regions === undefined || regions.length === 0) return DEFAULT_PHONE_RULES;
  const out: CountryCode[] = [];
  for (const r of regions) {
    const code = r.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) throw new Error(`phoneRegions: "${r}" is not an ISO 3166 alpha-2 region code`);
    if (!isSupportedCountry(code)) throw new Error(`phoneRegions: "${r}" is not a region libphonenumber-js knows`);
    out.push(code as CountryCode);
  }
  return { regions: out };
}

function isSeparator(c: number): boolean {
  if (c < 0x80) return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
  // no-break, figure, thin and narrow no-break spaces, Unicode hyphens and dashes, invisible characters
  return c === 0xa0 || c === 0xad || c === 0x2007 || c === 0x2009 || c === 0x202f || (c >= 0x2010 && c <= 0x2015) || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Letters (any script), ASCII digits and `_`: what words and identifiers are made of. */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return true;
  if (c < 0xaa) return false;
  return digitAt(text, i) >= 0 || isLetterAt(text, i);
}

/**
 * True when position `i` continues a word, an identifier (`a-123`, `v1.2`, a path's
 * `orders/2125550199`) or a `+` sign. A `+` itself is glued only to a word or a `+` right
 * before it (`ab+1…`): after a `/`, `:` or `-` it starts a number (`/customers/+14155552671`,
 * `E164:+14155552671`).
 */
function gluedBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const p = text.charCodeAt(i - 1);
  if (p === 43 || isWordUnit(text, i - 1)) return true;
  if (text.charCodeAt(i) === 43) return false;
  return (p === 45 || p === 46 || p === 47 || p === 58) && i > 1 && isWordUnit(text, i - 2) && !(p === 58 && !isDigitUnit(text, i - 2));
}

function isDigitUnit(text: string, i: number): boolean {
  return digitAt(text, i) >= 0;
}

/** One digit group of a run: `[start, end)`, its digits in ASCII ('' when longer than 15). */
interface Group {
  start: number;
  end: number;
  count: number;
  digits: string;
}

function isNationalShape(groups: readonly Group[], g: number, h: number): boolean {
  const k = h - g + 1;
  const c = (x: number): number => groups[g + x].count;
  if (k === 3) return c(0) === 3 && c(1) === 3 && c(2) === 4;
  if (k === 4) return c(0) === 1 && c(1) === 3 && c(2) === 3 && c(3) === 4;
  return false;
}

/** Digits of a full national number with its area code (shorter valid ones are local or short codes). */
const MIN_FULL_NATIONAL = 10;

/** Validations left for the text being scanned. */
let budget = MAX_VALIDATIONS;

function valid(number: string, region: CountryCode | undefined): boolean {
  const key = region === undefined ? number : `${region}${number}`;
  let ok = cache.get(key);
  if (ok === undefined) {
    if (budget <= 0) return true;
    budget--;
    try {
      ok = region === undefined ? isValidPhoneNumber(number) : isValidPhoneNumber(number, region);
    } catch {
      ok = false;
    }
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(key, ok);
  }
  return ok;
}

/** True when groups `k` and `k + 1` are joined by one `.` and nothing else. */
function dotJoined(text: string, groups: readonly Group[], k: number): boolean {
  return k >= 0 && k + 1 < groups.length && groups[k + 1].start === groups[k].end + 1 && text.charCodeAt(groups[k].end) === 46;
}

/**
 * True when groups `g…h` hold part of a decimal number: two groups joined by one dot, with no
 * dot joining either to a third (`515.21`; `555.123.4567` is a dotted phone number). Two
 * amounts side by side (`515.21 100.01`) are quantities, not a phone number's digits.
 */
function holdsDecimal(text: string, groups: readonly Group[], g: number, h: number): boolean {
  for (let k = g - 1; k <= h; k++) {
    if (dotJoined(text, groups, k) && !dotJoined(text, groups, k - 1) && !dotJoined(text, groups, k + 1)) return true;
  }
  return false;
}

/** Is the span of `text` from `start` (a `+` or `(` included), made of groups `g…h` holding `digits`, a phone number? */
function isPhone(text: string, start: number, groups: readonly Group[], g: number, h: number, digits: string, rules: PhoneRules): boolean {
  if (digits.length < 8 && text.charCodeAt(start) !== 43) return false;
  // `#` reads "number": a national number shorter than a full one right after it is a
  // reference (`order #13100000`), though a short code of the plan may spell it
  if (digits.length < MIN_FULL_NATIONAL && start > 0 && text.charCodeAt(start - 1) === 35) return false;
  let dotsOnly = true;
  for (let i = groups[g].end; i < groups[h].start; i++) if (text.charCodeAt(i) !== 46 && digitAt(text, i) < 0) dotsOnly = false;
  // dotted quads (IPv4 addresses, versions) and dates are never phone numbers
  if (dotsOnly && h - g === 3) return false;
  if (h - g >= 2 && groups[g].count === 4 && groups[g + 1].count === 2 && groups[g + 2].count === 2) return false;
  if (text.charCodeAt(start) !== 43 && holdsDecimal(text, groups, g, h)) return false;
  // `+` and 8–15 digits is the E.164 shape: a phone number, valid in a known plan or not;
  // shorter ones (Niue, Tokelau: 7 digits with the country code) when valid
  if (text.charCodeAt(start) === 43) return digits.length >= 8 || valid(`+${digits}`, undefined);
  // `00` is the international prefix written without `+` (00965 5555 1234); written as one
  // run (0033142685300) it is one when the rest is a valid international number (a
  // zero-padded id, 0000123456, is none)
  if (digits.startsWith('00') && h > g && groups[g].count >= 2) {
    const rest = digits.slice(2);
    return rest.length >= 8 || (rest.length >= 7 && valid(`+${rest}`, undefined));
  }
  if (digits.startsWith('00') && h === g && digits.charCodeAt(2) !== 48 && digits.length >= 9 && valid(`+${digits.slice(2)}`, undefined)) return true;
  if (isNationalShape(groups, g, h)) return true;
  for (const region of rules.regions) if (valid(digits, region)) return true;
  return false;
}

/**
 * Finds the phone numbers among the digit groups of one run (each window ≤ 15 digits,
 * ≤ 32 characters). Unless `final`, stops at the first group whose window may still grow
 * with groups not read yet; returns the index of the first group not done.
 */
function phonesInRun(text: string, groups: readonly Group[], rules: PhoneRules, out: TextRange[], final: boolean): number {
  let g = 0;
  const last = groups[groups.length - 1];
  while (g < groups.length && (final || last.end - groups[g].start > MAX_CANDIDATE)) {
    // a group after `<digits>.` is the fraction of a number (`342444.3012423837`): no number starts there
    if (g > 0 && groups[g].start === groups[g - 1].end + 1 && text.charCodeAt(groups[g - 1].end) === 46) {
      g++;
      continue;
    }
    // the widest window from g: ≤ 15 digits, ≤ 32 characters, no 1-digit group after the
    // first unless it starts with `+` (`+33 6 12 34 56 78`)
    let h = g;
    let count = groups[g].count;
    const plus = groups[g].start > 0 && text.charCodeAt(groups[g].start - 1) === 43;
    while (
      h + 1 < groups.length && count + groups[h + 1].count <= 15 && (plus || groups[h + 1].count >= 2) &&
      groups[h + 1].end - groups[g].start <= MAX_CANDIDATE
    ) {
      h++;
      count += groups[h].count;
    }
    let found = -1;
    // the span takes a `+` before the digits, and parentheses around the first group
    let start = groups[g].start;
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    if (before === 43 || (before === 40 && text.charCodeAt(groups[g].end) === 41)) start--;
    for (; h >= g && count >= 7; h--) {
      if (count <= 15) {
        let digits = '';
        for (let k = g; k <= h; k++) digits += groups[k].digits;
        let end = groups[h].end;
        if (text.charCodeAt(end) === 41 && text.charCodeAt(start) === 40) end++;
        if (isPhone(text, start, groups, g, h, digits, rules)) {
          out.push({ start, end });
          found = h;
          break;
        }
      }
      count -= groups[h].count;
    }
    g = found >= 0 ? found + 1 : g + 1;
  }
  return g;
}

/** Groups read before the done ones are dropped (a long run is read in bounded chunks). */
const CHUNK_GROUPS = 64;

/** Appends the phone numbers found in `text` to `out` (linear: each window is bounded). */
export function findPhones(text: string, out: TextRange[], rules: PhoneRules = DEFAULT_PHONE_RULES): void {
  const n = text.length;
  const groups: Group[] = [];
  budget = MAX_VALIDATIONS;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const startsRun = c === 43 || c === 40 || (c >= 48 && c <= 57) || (c >= 0x660 && isDigitUnit(text, i));
    if (!startsRun || gluedBefore(text, i)) {
      i++;
      continue;
    }
    const id = idEnd(text, c === 43 || c === 40 ? i + 1 : i);
    if (id > 0) {
      i = id;
      continue;
    }
    // a run: digit groups and separators, `+` only first
    groups.length = 0;
    let j = c === 43 ? i + 1 : i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (isSeparator(d)) {
        j++;
        continue;
      }
      if (!((d >= 48 && d <= 57) || (d >= 0x660 && isDigitUnit(text, j)))) break;
      const start = j;
      let count = 0;
      let digits = '';
      for (let v = digitAt(text, j); v >= 0; v = digitAt(text, j)) {
        if (++count <= 15) digits += String.fromCharCode(48 + v);
        j += digitWidth(text, j);
      }
      groups.push({ start, end: j, count, digits: count <= 15 ? digits : '' });
      if (groups.length >= CHUNK_GROUPS) {
        const done = phonesInRun(text, groups, rules, out, false);
        if (done > 0) groups.splice(0, done);
      }
    }
    // a last group glued to a word (`2125550199X`, `…-abc`) is part of an identifier
    if (groups.length > 0) {
      const last = groups[groups.length - 1];
      const after = last.end;
      if (after < n && (isWordUnit(text, after) || text.charCodeAt(after) === 43)) groups.pop();
      else if (after + 1 < n && (text.charCodeAt(after) === 45 || text.charCodeAt(after) === 46) && isWordUnit(text, after + 1)) groups.pop();
    }
    if (groups.length > 0 && !isDottedQuad(text, groups)) phonesInRun(text, groups, rules, out, true);
    i = j > i ? j : i + 1;
    // skip the word a run ran into, so its digits are not a new run
    while (i < n && isWordUnit(text, i)) i++;
  }
}
/** Where the UUID or traceparent starting at `i` ends, or -1 (see `id-shape`). */
function idEnd(text: string, i: number): number {
  const end = idShapeEnd(text, i);
  return end < 0 || (end < text.length && isWordUnit(text, end)) ? -1 : end;
}

/** Four groups of 1–3 digits joined by single dots: an IPv4 address (or a version), never a phone. */
function isDottedQuad(text: string, groups: readonly Group[]): boolean {
  if (groups.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    if (groups[k].count > 3) return false;
    if (k > 0 && (groups[k].start !== groups[k - 1].end + 1 || text.charCodeAt(groups[k - 1].end) !== 46)) return false;
  }
  return true;
}
