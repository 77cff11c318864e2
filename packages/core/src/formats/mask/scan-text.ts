/**
 * Replaces every email address and phone number in a free-text string by its token.
 * Existing tokens (`ptok:v1:…`, `penc:v1:…`) are left alone.
 */
import { atReferenceWidth, atSignWidth, findEmails, mayHoldAtSign, spelledEmail, type TextRange } from './find-emails';
import { DEFAULT_PHONE_RULES, findPhones, type PhoneRules } from './find-phones';
import { findAccountNumbers, type AccountNumber } from './find-account-numbers';
import { TOKEN_IN_TEXT } from './token-shape';
import { isOtherDigitUnit } from './unicode-digits';
import { mayEndVendorPrefix, mayStartCapitalPrefix } from './find-secrets';
import { mayBePasswordHash } from './find-password-hashes';
import { mayHoldWebhookUrl } from './find-webhook-urls';
import { mayStartLinkPath } from './find-link-tokens';
import { mayEndRefreshPrefix } from './find-base64-tokens';
import { mayBeOpaqueDigit, maySetBefore } from './spaced-values';
import { endsAccountPhrase } from './spaced-pairs';

/** What free text is scanned for: an email, a phone number, an IBAN, a US SSN. */
export type FoundPii = 'email' | 'phone' | 'iban' | 'ssn';

/** Replaces one found value (`value`: the text it is tokenized as). */
export type ReplaceValue = (value: string, fieldType: FoundPii) => string;

/** Fewest digits a phone number can have here (see find-phones). */
const MIN_PHONE_DIGITS = 7;
/** Fewest digits of a payment card number. */
const MIN_CARD_DIGITS = 13;

/** One cheap pass: could `text` hold an email (an `@`) or a phone number (enough digits)? */
function mayContainPii(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (atSignWidth(text, i) > 0) return true; // @ in any spelling: `%40`, `&#64;`…
    if (((c >= 48 && c <= 57) || (c >= 0x660 && isOtherDigitUnit(c))) && ++digits >= MIN_PHONE_DIGITS) return true;
  }
  return false;
}
/** {@link textHints}: the text has an `=` (a query parameter, for the URL masker). */
export const HINT_EQUALS = 1;
/** {@link textHints}: the text has an `@`, `%40` or `&#64;` (an email, or URL user-info). */
export const HINT_AT = 2;
/** {@link textHints}: the text has enough digits to hold a phone number. */
export const HINT_DIGITS = 4;
/** {@link textHints}: the text has a character JSON escapes (control, `"`, `\`, a surrogate). */
export const HINT_ESCAPE = 8;
/** {@link textHints}: the text may hold a card number, a JWT, a private key block, a bearer token, Basic credentials, a vendor API key, a password hash or a one-time link's secret. */
export const HINT_SECRET = 16;
/** {@link textHints}: the text has a percent-escape (`%` and two hex digits): scanned decoded too. */
export const HINT_PERCENT = 32;
/**
 * {@link textHints}: the text has a `:` or a `>` (a `name: value` pair or an element), a `--`
 * or a `-` before a letter (a command-line option), a quote after a blank (`PASSWORD 'x'`),
 * a digit that may be in a value written after a blank (`password Hunter22`) or a setter
 * word (`ENV DB_PASSWORD x`), for the credential-pair masker.
 */
export const HINT_COLON = 64;
/** The hints that call for one of the mask's detectors. */
export const HINT_DETECTORS = HINT_EQUALS | HINT_AT | HINT_DIGITS | HINT_SECRET | HINT_PERCENT | HINT_COLON;

function isHexUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** True when `word` (lowercase ASCII) ends just before `i`, in any case. */
function wordBefore(text: string, i: number, word: string): boolean {
  if (i < word.length) return false;
  for (let k = 1; k <= word.length; k++) if ((text.charCodeAt(i - k) | 32) !== word.charCodeAt(word.length - k)) return false;
  return true;
}

/** An auth scheme word whose credential the secret detectors find (`Bearer`, `Basic`) ends just before `i`. */
function bearerBefore(text: string, i: number): boolean {
  return wordBefore(text, i, 'bearer') || wordBefore(text, i, 'basic');
}

function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** A blank just before `i` (a quoted value may follow a name there): space, tab, no-break, figure or narrow no-break space. */
function isBlankBefore(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2007 || c === 0x202f;
}

/** What {@link textHints} looks for in an ASCII character (`PLAIN`: nothing). */
const PLAIN = 0;
const DIGIT = 1;
const EQUALS = 2;
const COLON = 3;
const AT = 4;
const PERCENT = 5;
const BLANK = 6;
const CAPITAL_J = 7;
const PREFIX_END = 8;
const KEY_CAPITAL = 9;
const ESCAPED = 10;
const APOSTROPHE = 11;
const DOLLAR = 12;
const AMPERSAND = 13;
const SLASH = 14;
const ASCII_KIND: Uint8Array = (() => {
  const kind = new Uint8Array(128);
  for (let c = 0; c < 32; c++) kind[c] = ESCAPED;
  for (let c = 48; c <= 57; c++) kind[c] = DIGIT;
  kind[61] = EQUALS;
  kind[58] = COLON;
  kind[62] = COLON; // > (an element's start tag: `<password>…`)
  kind[64] = AT;
  kind[37] = PERCENT;
  kind[32] = BLANK;
  kind[9] = BLANK;
  kind[74] = CAPITAL_J;
  kind[95] = PREFIX_END; // _
  kind[46] = PREFIX_END; // .
  kind[45] = PREFIX_END; // - (and -----)
  kind[65] = KEY_CAPITAL; // A (`AKIA`, `AIza`, `AQoDYXdz`: key and session token prefixes)
  kind[70] = KEY_CAPITAL; // F (`FwoGZXIvYXdz`)
  kind[73] = KEY_CAPITAL; // I (`IQoJb3JpZ2luX2Vj`)
  kind[34] = ESCAPED; // "
  kind[39] = APOSTROPHE; // '
  kind[36] = DOLLAR; // $ (a password hash: `$2b$…`, `pbkdf2_sha256$…`)
  kind[38] = AMPERSAND; // & (`&#64;`: an HTML character reference of @)
  kind[47] = SLASH; // / (a one-time link's path: `/reset-password/<token>`)
  kind[92] = ESCAPED; // \
  return kind;
})();

/**
 * One pass over `text` that says which of the mask's detectors can find anything in it, so
 * a string with none of `=`, `:`, `>`, `@`/`%40`/`&#64;`, 7 digits, `eyJ`, `-----`, `putty-`, `bearer `, a
 * vendor key prefix is not scanned
 * again by each of them, and whether its JSON text needs escapes (the writer then quotes it
 * without a second scan).
 */
export function textHints(text: string): number {
  let hints = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      switch (ASCII_KIND[c]) {
        case PLAIN:
          continue; // letters and most punctuation: most of most strings
        case DIGIT:
          if (++digits >= MIN_PHONE_DIGITS) hints |= digits >= MIN_CARD_DIGITS ? HINT_DIGITS | HINT_SECRET : HINT_DIGITS;
          if ((hints & HINT_COLON) === 0 && mayBeOpaqueDigit(text, i)) hints |= HINT_COLON; // a value after a blank: `password Hunter22`
          continue;
        case EQUALS:
          hints |= HINT_EQUALS;
          continue;
        case COLON:
          hints |= HINT_COLON;
          continue;
        case AT:
          hints |= HINT_AT;
          continue;
        case PERCENT: {
          const h = text.charCodeAt(i + 1);
          const l = text.charCodeAt(i + 2);
          if (isHexUnit(h) && isHexUnit(l)) hints |= h === 52 && l === 48 ? HINT_AT | HINT_PERCENT : HINT_PERCENT;
          continue;
        }
        case BLANK:
          if (bearerBefore(text, i)) hints |= HINT_SECRET;
          if (maySetBefore(text, i)) hints |= HINT_COLON; // `ENV DB_PASSWORD x`
          if (endsAccountPhrase(text, i, 0)) hints |= HINT_COLON; // `CREATE USER bob IDENTIFIED BY tiger`
          if (c === 9) hints |= HINT_ESCAPE;
          continue;
        case CAPITAL_J:
          if (i >= 2 && text.charCodeAt(i - 1) === 121 && text.charCodeAt(i - 2) === 101) hints |= HINT_SECRET; // eyJ
          continue;
        case APOSTROPHE:
          if (i > 0 && isBlankBefore(text, i)) hints |= HINT_COLON; // a quoted value after a word: `PASSWORD 'x'`
          continue;
        case PREFIX_END:
          if (c === 45 && text.charCodeAt(i + 1) === 45) hints |= HINT_COLON; // a command-line option: `--password x`
          // `mysql -pX`, `curl -u a:X`, `curl --user a:X`
          // (and `-Password x`, for the credential-pair masker)
          if (c === 45 && i > 0 && isBlankBefore(text, i) && (isAsciiLetter(text.charCodeAt(i + 1)) || (text.charCodeAt(i + 1) === 45 && isAsciiLetter(text.charCodeAt(i + 2))))) hints |= HINT_SECRET | HINT_COLON;
          else if (c === 45 && i === 0 && isAsciiLetter(text.charCodeAt(1))) hints |= HINT_COLON; // `-Password x` opening the text
          if (mayEndVendorPrefix(text, i) || (c === 46 && mayHoldWebhookUrl(text, i))) hints |= HINT_SECRET;
          if (c === 45 && text.charCodeAt(i + 1) === 45 && text.charCodeAt(i + 2) === 45 && text.charCodeAt(i + 3) === 45 && text.charCodeAt(i + 4) === 45) hints |= HINT_SECRET;
          if (c === 45 && wordBefore(text, i, 'putty')) hints |= HINT_SECRET; // a PuTTY key file
          continue;
        case DOLLAR:
          if (mayBePasswordHash(text, i)) hints |= HINT_SECRET;
          continue;
        case KEY_CAPITAL:
          if (mayStartCapitalPrefix(text, i)) hints |= HINT_SECRET;
          continue;
        case AMPERSAND:
          if (atReferenceWidth(text, i) > 0) hints |= HINT_AT;
          continue;
        case SLASH:
          if (mayStartLinkPath(text, i) || mayEndRefreshPrefix(text, i)) hints |= HINT_SECRET; // or a refresh token's `1//`
          continue;
        default: // ESCAPED
          if (c === 34 && i > 0 && isBlankBefore(text, i)) hints |= HINT_COLON; // a quoted value after a word
          hints |= HINT_ESCAPE;
          continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      hints |= HINT_ESCAPE;
      if (c <= 0xdbff && ++digits >= MIN_PHONE_DIGITS) hints |= HINT_DIGITS | HINT_SECRET; // maybe a supplementary digit
    } else if (c === 0xff20 || c === 0xfe6b) hints |= HINT_AT;
    else if (c === 0xff1a) hints |= HINT_COLON; // a full-width colon: `密码：x`
    else if (c >= 0x660 && isOtherDigitUnit(c) && ++digits >= MIN_PHONE_DIGITS) {
      hints |= digits >= MIN_CARD_DIGITS ? HINT_DIGITS | HINT_SECRET : HINT_DIGITS;
    }
  }
  return hints;
}


/** The ranges (in order) that overlap none of `spans` (in order, disjoint): one merge pass. */
function outside<R extends TextRange>(ranges: readonly R[], spans: readonly TextRange[] | undefined): R[] {
  if (spans === undefined || spans.length === 0) return ranges as R[];
  const out: R[] = [];
  let s = 0;
  for (const r of ranges) {
    while (s < spans.length && spans[s].end <= r.start) s++;
    if (s < spans.length && spans[s].start < r.end) continue;
    out.push(r);
  }
  return out;
}

/**
 * The email as it is tokenized: a percent-encoded one (`m%C3%BCller%40b.example`) decoded, and
 * the address it spells (see `spelledEmail`): the same customer gets the same token.
 */
export function decodedEmail(found: string): string {
  if (found.indexOf('%') === -1) return spelledEmail(found);
  try {
    return spelledEmail(decodeURIComponent(found));
  } catch {
    return spelledEmail(found.replace('%40', '@'));
  }
}

/**
 * The text with emails, IBANs, SSNs and phone numbers replaced (phone numbers decided by
 * `rules`). `hints`, when the caller has them, are {@link textHints} of this very text: an
 * email is looked for only where they say an `@` is, a phone number only where they count
 * its digits.
 */
export function scanText(text: string, replace: ReplaceValue, rules: PhoneRules = DEFAULT_PHONE_RULES, hints?: number): string {
  if (text.length < MIN_PHONE_DIGITS) return text;
  if (hints === undefined ? !mayContainPii(text) : (hints & (HINT_AT | HINT_DIGITS)) === 0) return text;
  const emails: TextRange[] = [];
  if ((hints === undefined || (hints & HINT_AT) !== 0) && mayHoldAtSign(text)) findEmails(text, emails);
  const accounts: AccountNumber[] = [];
  findAccountNumbers(text, accounts);
  const phones: TextRange[] = [];
  if (hints === undefined || (hints & HINT_DIGITS) !== 0) findPhones(text, phones, rules);
  if (emails.length === 0 && phones.length === 0 && accounts.length === 0) return text;
  let tokens: TextRange[] | undefined;
  if (text.indexOf('ptok:') !== -1 || text.indexOf('penc:') !== -1) {
    tokens = [];
    TOKEN_IN_TEXT.lastIndex = 0;
    for (let m = TOKEN_IN_TEXT.exec(text); m !== null; m = TOKEN_IN_TEXT.exec(text)) tokens.push({ start: m.index, end: m.index + m[0].length });
  }
  const found: { start: number; end: number; type: FoundPii; value?: string }[] = [];
  for (const r of outside(emails, tokens)) found.push({ start: r.start, end: r.end, type: 'email' });
  const notEmails = outside(accounts, emails);
  for (const r of outside(notEmails, tokens)) found.push({ start: r.start, end: r.end, type: r.type, value: r.value });
  for (const r of outside(outside(outside(phones, emails), notEmails), tokens)) found.push({ start: r.start, end: r.end, type: 'phone' });
  if (found.length === 0) return text;
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of found) {
    const value = text.slice(f.start, f.end);
    // a percent-encoded email gets the token of the email itself
    out += text.slice(at, f.start) + replace(f.type === 'email' ? decodedEmail(value) : f.value ?? value, f.type);
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
