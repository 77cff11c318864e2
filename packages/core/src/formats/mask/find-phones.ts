/**
 * Finds phone numbers in free text: a linear scanner finds candidates, libphonenumber-js
 * (the maintained port of Google's libphonenumber, `max` metadata: full number patterns, so
 * an id of the right length is not taken for a number) decides.
 *
 * A candidate is a run of decimal digits (any script, see `unicode-digits`) and the
 * separators people write in numbers (space, `-`, `.`, `(`, `)`), at most 32 characters,
 * optionally after `+`, that does not continue a word or an identifier (`ORD-2125550199X`,
 * `v1.2`, `id_2125550199`). It is a phone number when
 * - it starts with `+` (or `00`) and is a valid international number, or has 10–15 digits
 *   (the Python library's rule);
 * - else it is a valid number of one of the configured regions (`phoneRegions`, default `US`),
 *   or is written in the separated national shape `555-123-4567` / `(555) 123-4567`.
 *
 * Never phones: dotted quads (IPv4 addresses, version numbers), ISO dates, digit runs of
 * more than 15 digits. The span masked includes the `+` and parentheses.
 */
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import type { TextRange } from './find-emails';
import { digitAt, digitWidth } from './unicode-digits';

/** How phone numbers are decided (see {@link phoneRules}). */
export interface PhoneRules {
  /** Regions whose national numbers are recognized without `+` (ISO 3166 alpha-2). */
  readonly regions: readonly CountryCode[];
}

const MAX_CANDIDATE = 32;
const MAX_CACHE = 2048;
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
    try {
      isValidPhoneNumber('1', code as CountryCode);
    } catch {
      throw new Error(`phoneRegions: "${r}" is not a region libphonenumber-js knows`);
    }
    out.push(code as CountryCode);
  }
  return { regions: out };
}

function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 40 || c === 41;
}

/** Letters (any script), ASCII digits and `_`: what words and identifiers are made of. */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return true;
  if (c < 0xaa) return false;
  return LETTER.test(text[i]) || digitAt(text, i) >= 0;
}
const LETTER = /[\p{L}\p{M}]/u;

/** True when position `i` continues a word, an identifier (`a-123`, `v1.2`) or a `+` sign. */
function gluedBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const p = text.charCodeAt(i - 1);
  if (p === 43 || isWordUnit(text, i - 1)) return true;
  return (p === 45 || p === 46 || p === 47 || p === 58) && i > 1 && isWordUnit(text, i - 2) && !(p === 58 && !isDigitUnit(text, i - 2));
}

function isDigitUnit(text: string, i: number): boolean {
  return digitAt(text, i) >= 0;
}

/** What a candidate holds: its ASCII digits and the shape of its digit groups. */
interface Shape {
  digits: string;
  groups: number[];
  dotsOnly: boolean;
  separators: number;
}

function shapeOf(text: string, start: number, end: number, s: Shape): void {
  s.digits = '';
  s.groups.length = 0;
  s.dotsOnly = true;
  s.separators = 0;
  let run = 0;
  for (let i = start; i < end; ) {
    const d = digitAt(text, i);
    if (d >= 0) {
      s.digits += String.fromCharCode(48 + d);
      run++;
    } else {
      const c = text.charCodeAt(i);
      if (c !== 43) {
        s.separators++;
        if (c !== 46) s.dotsOnly = false;
      }
      if (run > 0) s.groups.push(run);
      run = 0;
    }
    i += digitWidth(text, i);
  }
  if (run > 0) s.groups.push(run);
}

function isNationalShape(g: readonly number[]): boolean {
  if (g.length === 3) return g[0] === 3 && g[1] === 3 && g[2] === 4;
  if (g.length === 4) return g[0] === 1 && g[1] === 3 && g[2] === 3 && g[3] === 4;
  return false;
}

/** `2024-12-05`, `2024.12.05`: a date, whatever libphonenumber would say. */
function isDateShape(s: Shape): boolean {
  const g = s.groups;
  return g.length >= 3 && g[0] === 4 && g[1] === 2 && g[2] === 2;
}

function valid(number: string, region: CountryCode | undefined): boolean {
  const key = region === undefined ? number : `${region}${number}`;
  let ok = cache.get(key);
  if (ok === undefined) {
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

function isPhone(text: string, start: number, end: number, s: Shape, rules: PhoneRules): boolean {
  shapeOf(text, start, end, s);
  const n = s.digits.length;
  if (n < 8 || n > 15) return false;
  // dotted quads (IPv4, versions) and dates are never phone numbers
  if (s.dotsOnly && s.groups.length === 4 && s.groups.every((g) => g <= 3)) return false;
  if (isDateShape(s)) return false;
  const plus = text.charCodeAt(start) === 43;
  // `+` and 8–15 digits is the E.164 shape: a phone number, valid in a known plan or not
  if (plus) return true;
  if (s.digits.startsWith('00') && s.groups.length >= 2 && s.groups[0] >= 2) {
    const rest = s.digits.slice(2);
    return rest.length >= 8 && (valid(`+${rest}`, undefined) || rest.length >= 10);
  }
  if (isNationalShape(s.groups) && balancedParens(text, start, end)) return true;
  for (const region of rules.regions) if (valid(s.digits, region)) return balancedParens(text, start, end);
  return false;
}

/** Appends the phone numbers found in `text` to `out` (linear: each candidate is bounded). */
export function findPhones(text: string, out: TextRange[], rules: PhoneRules = DEFAULT_PHONE_RULES): void {
  const shape: Shape = { digits: '', groups: [], dotsOnly: true, separators: 0 };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const startsCandidate = c === 43 || c === 40 || (c >= 48 && c <= 57) || (c >= 0x660 && isDigitUnit(text, i));
    if (!startsCandidate || gluedBefore(text, i)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && end - i < MAX_CANDIDATE) {
      const d = text.charCodeAt(end);
      if ((d >= 48 && d <= 57) || isSeparator(d)) end++;
      else if (d >= 0x660 && isDigitUnit(text, end)) end += digitWidth(text, end);
      else break;
    }
    // trailing separators (a space before the next word, a full stop) are not part of it
    while (end > i + 1 && !isDigitUnit(text, end - 1) && !isLowSurrogateDigit(text, end - 1)) end--;
    // a candidate glued to a word (`abc`, `_`, `+`) is part of something else
    if (end < n && (isWordUnit(text, end) || text.charCodeAt(end) === 43)) {
      i = end;
      while (i < n && isWordUnit(text, i)) i++;
      continue;
    }
    if (end > i + 1 && isPhone(text, i, end, shape, rules)) {
      out.push({ start: i, end });
      i = end;
      continue;
    }
    // not a number from here: try again from the next digit group (bounded by the candidate)
    i++;
    while (i < end && isDigitUnit(text, i)) i += digitWidth(text, i);
  }
}

function isLowSurrogateDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0 && digitAt(text, i - 1) >= 0;
}

function balancedParens(text: string, start: number, end: number): boolean {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return false;
  }
  return depth === 0;
}
