/**
 * Replaces every email address and phone number in a free-text string by its token.
 * Existing tokens (`ptok:v1:…`, `penc:v1:…`) are left alone.
 */
import { findEmails, type TextRange } from './find-emails';
import { findPhones } from './find-phones';

/** Replaces one found value; `fieldType` is `email` or `phone`. */
export type ReplaceValue = (value: string, fieldType: 'email' | 'phone') => string;

/** Fewest digits a phone number can have here (`+` and 8 digits, see find-phones). */
const MIN_PHONE_DIGITS = 8;

/** One cheap pass: could `text` hold an email (an `@`) or a phone number (enough digits)? */
function mayContainPii(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || (c === 37 && text.charCodeAt(i + 1) === 52 && text.charCodeAt(i + 2) === 48)) return true; // @ or %40
    if (c >= 48 && c <= 57 && ++digits >= MIN_PHONE_DIGITS) return true;
  }
  return false;
}
/** {@link textHints}: the text has an `=` (a query parameter, for the URL masker). */
export const HINT_EQUALS = 1;
/** {@link textHints}: the text has an `@` or `%40` (an email, or URL user-info). */
export const HINT_AT = 2;
/** {@link textHints}: the text has enough digits to hold a phone number. */
export const HINT_DIGITS = 4;
/** {@link textHints}: the text has a character JSON escapes (control, `"`, `\`, a surrogate). */
export const HINT_ESCAPE = 8;
/** The hints that call for one of the mask's detectors. */
export const HINT_DETECTORS = HINT_EQUALS | HINT_AT | HINT_DIGITS;

/**
 * One pass over `text` that says which of the mask's detectors can find anything in it, so
 * a string with none of `=`, `@`/`%40` or 8 digits is not scanned again by each of them, and
 * whether its JSON text needs escapes (the writer then quotes it without a second scan).
 */
export function textHints(text: string): number {
  let hints = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) continue; // a-z, most of most strings
    if (c >= 48 && c <= 57) {
      if (++digits >= MIN_PHONE_DIGITS) hints |= HINT_DIGITS;
    } else if (c === 61) hints |= HINT_EQUALS;
    else if (c === 64 || (c === 37 && text.charCodeAt(i + 1) === 52 && text.charCodeAt(i + 2) === 48)) hints |= HINT_AT;
    else if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) hints |= HINT_ESCAPE;
  }
  return hints;
}

const TOKEN = /p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*/g;

function overlaps(r: TextRange, spans: readonly TextRange[]): boolean {
  for (let i = 0; i < spans.length; i++) if (r.start < spans[i].end && spans[i].start < r.end) return true;
  return false;
}

/** The text with emails and phone numbers replaced. */
export function scanText(text: string, replace: ReplaceValue): string {
  if (text.length < MIN_PHONE_DIGITS || !mayContainPii(text)) return text;
  const emails: TextRange[] = [];
  if (text.indexOf('@') !== -1 || text.indexOf('%40') !== -1) findEmails(text, emails);
  const phones: TextRange[] = [];
  findPhones(text, phones);
  if (emails.length === 0 && phones.length === 0) return text;
  let tokens: TextRange[] | undefined;
  if (text.indexOf('ptok:') !== -1 || text.indexOf('penc:') !== -1) {
    tokens = [];
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) tokens.push({ start: m.index, end: m.index + m[0].length });
  }
  const found: { start: number; end: number; type: 'email' | 'phone' }[] = [];
  for (const r of emails) if (!tokens || !overlaps(r, tokens)) found.push({ start: r.start, end: r.end, type: 'email' });
  for (const r of phones) if (!overlaps(r, emails) && (!tokens || !overlaps(r, tokens))) found.push({ start: r.start, end: r.end, type: 'phone' });
  if (found.length === 0) return text;
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of found) {
    const found = text.slice(f.start, f.end);
    // a percent-encoded email gets the token of the email itself
    out += text.slice(at, f.start) + replace(f.type === 'email' ? found.replace('%40', '@') : found, f.type);
    at = f.end;
  }
  return out + text.slice(at);
}

/** True when the whole (trimmed) value is one email address. */
export function isWholeEmail(value: string): boolean {
  const trimmed = value.trim();
  const ranges: TextRange[] = [];
  findEmails(trimmed, ranges);
  return ranges.length === 1 && ranges[0].start === 0 && ranges[0].end === trimmed.length;
}
