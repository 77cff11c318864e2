/**
 * Name–value pairs in free text, masked as the same value under the same key would be:
 * `password: hunter2`, `password="hunter2 two"`, `"client_secret": "…"` (JSON inside text),
 * `\"token\":\"…\"` (JSON inside a JSON string), `Authorization: Basic …` (a header line),
 * `{"customer_name": "Jane Doe"}`, `<password>hunter2</password>` (an XML element). A pair is
 * a name, then `:` or `=` (blanks around it and quotes around the name allowed), then its
 * value: a quoted value up to its closing quote (straight or typographic: `“…”`, `‘…’`, `«…»`),
 * a bracketed one up to its closing bracket (`[…]`, `(…)`, `{…}`, `<…>`; to the end of the line
 * when it is not closed there), a YAML block scalar's indented lines (`password: |`, see
 * `yaml-blocks`), a bare one up to the next blank or delimiter; or a name
 * opening an element (`<name>`), then the element's text up to the next `<`. A credential
 * name's value is redacted (an auth scheme word before it stays: `Basic`; an `Authorization`
 * value written as auth-params, `Digest username="bob", response="…"`, is redacted whole after
 * its scheme, see `auth-params`); a `Cookie` line's
 * value is every cookie of the line (RFC 6265: pairs joined by `; `), each value masked; a PII
 * name's value is tokenized when its end is known (quoted, or an element's text: a bare one
 * may be the first word of a sentence's rest). A credential pair written with a blank
 * (`--password x`, `PASSWORD 'x'`, `IDENTIFIED BY 'x'`) is read too (see `spaced-pairs`).
 * One forward pass: each separator looks back at most one name's length.
 */
import { SECRET_REDACTED } from '../../fields';
import { CredentialKind, Sensitivity, type KeyClass } from './classify-key';
import { maskCookieHeader } from './mask-credential';
import { nameBeforeQuote, optionAt } from './spaced-pairs';
import { bareNumberEnd } from './bare-numbers';
import { authParamsEnd, compactParamsEnd } from './auth-params';
import { isTokenText, isWrittenToken } from './token-shape';
import { elementNameBefore, elementTextSpan, namedSiblingText } from './xml-elements';
import { isBlank, isNameChar, isQuote, MAX_BLANKS, nameStartBefore } from './pair-names';
import { bareEnd, endsBareValue } from './bare-value-end';
import { blockScalarSpan } from './yaml-blocks';
import { spacedValueAt } from './spaced-values';
import { afterLabelMarkup, beforeLabelMarkup } from './label-markup';
import { startTagValues } from './html-attributes';

/** A scheme word after an `Authorization` name: letters and hyphens. */
const SCHEME_WORD = /^[A-Za-z][A-Za-z-]*$/;
/** Longest auth scheme word read. */
const MAX_SCHEME = 20;
/** Scheme words kept before a credential under another credential name (`token: Bearer …`), lowercase. */
const AUTH_SCHEMES = new Set(['basic', 'bearer', 'digest', 'token', 'negotiate', 'ntlm', 'apikey', 'hmac', 'key', 'aws4-hmac-sha256']);
/** Bare values that are JSON literals, not secrets. */
const LITERALS = new Set(['null', 'true', 'false', 'undefined', 'none', 'nil']);

/** The quote that closes the typographic quote `c` (`“` → `”`), or -1 when `c` opens none. */
function closingQuote(c: number): number {
  switch (c) {
    case 0x201c: return 0x201d; // “ ”
    case 0x201e: return 0x201c; // „ “ (also closed by ”)
    case 0x2018: return 0x2019; // ‘ ’
    case 0x201a: return 0x2018; // ‚ ‘ (also closed by ’)
    case 0xab: return 0xbb; // « »
    case 0x2039: return 0x203a; // ‹ ›
    default: return -1;
  }
}

/** A quote that may close a name before its separator (`"name":`, `“name”:`). */
function isNameQuote(c: number): boolean {
  return isQuote(c) || c === 0x201d || c === 0x201c || c === 0x2019 || c === 0x2018 || c === 0xbb || c === 0x203a;
}

/** The bracket that closes `c` (`[` → `]`), or -1 when `c` opens none. */
function closingBracket(c: number): number {
  switch (c) {
    case 91: return 93; // [ ]
    case 40: return 41; // ( )
    case 123: return 125; // { }
    case 60: return 62; // < >
    default: return -1;
  }
}


/** The name ending just before the separator at `sep`, or `undefined`. */
function nameBefore(text: string, sep: number, floor: number): string | undefined {
  let k = sep - 1;
  let blanks = 0;
  while (k >= floor && isBlank(text.charCodeAt(k)) && blanks < MAX_BLANKS) {
    k--;
    blanks++;
  }
  // `**Password**: x`, `<strong>Password</strong>: x`: the markup that closes the label is not its name
  k = beforeLabelMarkup(text, k + 1, floor) - 1;
  if (k >= floor && isNameQuote(text.charCodeAt(k))) {
    k--;
    if (k >= floor && text.charCodeAt(k) === 92) k--; // \" of JSON inside a JSON string
  }
  const start = nameStartBefore(text, k + 1, floor);
  return start === -1 ? undefined : text.slice(start, k + 1);
}

/**
 * The name of two words whose second word is `name`, ending just before the separator at
 * `sep` (`Api Key`, `Secret Key`: a credential pair written with a space), or `undefined`.
 */
function twoWordNameBefore(text: string, sep: number, floor: number, name: string): string | undefined {
  const second = text.lastIndexOf(name, sep);
  const space = second - 1;
  if (space - 1 < floor || text.charCodeAt(space) !== 32) return undefined;
  const start = nameStartBefore(text, space, floor);
  return start === -1 ? undefined : text.slice(start, space) + ' ' + name;
}

/** The end of a quoted value whose text starts at `from` (`escaped`: quoted as `\"`); `alt` also closes it. */
function quotedEnd(text: string, from: number, quote: number, escaped: boolean, alt = -1): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return j;
    if (c === 92) {
      if (escaped && text.charCodeAt(j + 1) === quote) return j;
      j++;
    } else if ((c === quote || c === alt) && !escaped) return j;
  }
  return text.length;
}

/** The end (after the closing bracket) of a bracketed value opened at `open`: nested brackets of its kind count; unclosed on its line, the line's end. */
function bracketedEnd(text: string, open: number, close: number): number {
  const opener = text.charCodeAt(open);
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return j;
    if (c === opener) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return text.length;
}

/** A cookie value's end: RFC 6265 cookie pairs joined by `;` and blanks, up to a blank not after a `;`, a quote or the line's end. */
function cookieEnd(text: string, from: number): number {
  let j = from;
  for (;;) {
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c <= 32 || c === 34 || c === 39 || c === 44 || c === 92) break;
      j++;
    }
    if (j <= from || text.charCodeAt(j - 1) !== 59) return j;
    let k = j;
    while (k < text.length && k - j < MAX_BLANKS && isBlank(text.charCodeAt(k))) k++;
    const next = text.charCodeAt(k);
    if (k === j || k >= text.length || next <= 32 || next === 34 || next === 39) return j;
    j = k;
  }
}

/**
 * Where a credential's value starts after an auth scheme word (`Basic abc` → at `abc`), else
 * `from`. After an `Authorization` name (`anyScheme`) any word of letters and hyphens is a
 * scheme (`OAuth`, `SSWS`, a custom one: a word with digits is more likely the credential
 * itself); after another credential name only a known scheme is.
 */
function afterScheme(text: string, from: number, anyScheme: boolean): number {
  let j = from;
  while (j < text.length && j - from < MAX_SCHEME && isNameChar(text.charCodeAt(j))) j++;
  if (j === from || text.charCodeAt(j) !== 32 || endsBareValue(text.charCodeAt(j + 1))) return from;
  const word = text.slice(from, j);
  return AUTH_SCHEMES.has(word.toLowerCase()) || (anyScheme && SCHEME_WORD.test(word)) ? j + 1 : from;
}

/** True when `value` is already masked or names no secret (a token, a marker, a literal, an object). */
function keepsValue(value: string, quoted: boolean, pii = false): boolean {
  if (value === '' || value === SECRET_REDACTED || value === '****' || value === '[PII_REDACTED]') return true;
  // (a PII value already a token as the Python library reads it; a secret only as this library writes one)
  if (pii ? isTokenText(value) : isWrittenToken(value)) return true;
  return !quoted && LITERALS.has(value.toLowerCase());
}

/** True when the bracketed value `value` (brackets included) holds nothing to mask: empty, a marker, a literal (`[REDACTED]`, `{}`, `(none)`). */
function keepsBracketed(value: string): boolean {
  if (value === SECRET_REDACTED || value === '[PII_REDACTED]') return true;
  const inner = value.slice(1, value.length - 1).trim();
  return inner === 'REDACTED' || inner === 'PII_REDACTED' || keepsValue(inner, false);
}

/** What a pair's name says of its value (the mask's key rules). */
export const enum PairName {
  None = 0,
  Secret = 1,
  Pii = 2,
  /** An `Authorization` or `Proxy-Authorization` header: its value is `<scheme> <credentials>`, whatever the scheme. */
  AuthHeader = 3,
  /** A `Cookie` header: its value is every cookie of the line, each value masked, names kept. */
  CookieHeader = 4,
  /** A PII name whose value is a number by nature (an SSN, a postal code: `NUMBERED_PII_WORDS`): a bare number after it is read too. */
  PiiNumber = 5,
}

/** True for the names of PII values ({@link PairName.Pii}, {@link PairName.PiiNumber}). */
export function isPiiName(kind: PairName): kind is PairName.Pii | PairName.PiiNumber {
  return kind === PairName.Pii || kind === PairName.PiiNumber;
}

/** True for the names of credentials whose value is redacted whole ({@link PairName.Secret}, {@link PairName.AuthHeader}). */
function isSecretName(kind: PairName): boolean {
  return kind === PairName.Secret || kind === PairName.AuthHeader;
}

/** What the key rules' class of a name says of the value after it in text. */
export function pairNameOf(cls: KeyClass): PairName {
  // RFC 9110: an Authorization value is `<scheme> <credentials>`; an API-key header holds the key alone
  if (cls.credential === CredentialKind.Auth && cls.words[cls.words.length - 1] === 'authorization') return PairName.AuthHeader;
  if (cls.credential === CredentialKind.Cookie) return PairName.CookieHeader;
  if (cls.credential !== CredentialKind.None) return PairName.Secret;
  if (cls.sensitivity === Sensitivity.None) return PairName.None;
  return cls.numbered ? PairName.PiiNumber : PairName.Pii;
}

/** A pair's value: where it is, and whether it stays as it is (already masked, a literal). */
export interface ValueSpan {
  start: number;
  end: number;
  keep: boolean;
}

/** A value found: its range and what its name says of it. */
export interface PairValue {
  start: number;
  end: number;
  kind: PairName.Secret | PairName.Pii | PairName.PiiNumber | PairName.CookieHeader;
}

/** The value of the pair whose separator is at `sep`, or `undefined` when it is no pair. */
function valueSpan(text: string, sep: number, kind: PairName): ValueSpan | undefined {
  const secret = !isPiiName(kind);
  const anyScheme = kind === PairName.AuthHeader;
  const next = text.charCodeAt(sep + 1);
  // `::`, `==`, `://`: a scope, a comparison, a URL — not a pair; `=>` joins a key to its value
  // in PHP, Ruby and Perl hashes (`'password' => 'x'`)
  if (next === 58 || next === 61 || (next === 47 && text.charCodeAt(sep + 2) === 47)) return undefined;
  if (next === 62 && text.charCodeAt(sep) !== 61) return undefined;
  let v = next === 62 ? sep + 2 : sep + 1;
  for (let blanks = 0; blanks < MAX_BLANKS && isBlank(text.charCodeAt(v)); blanks++) v++;
  v = afterLabelMarkup(text, v);
  let quote = text.charCodeAt(v);
  let escaped = false;
  if (quote === 92 && isQuote(text.charCodeAt(v + 1))) {
    escaped = true;
    quote = text.charCodeAt(++v);
  }
  const typographic = escaped ? -1 : closingQuote(quote);
  if (isQuote(quote) || typographic >= 0) {
    const close = typographic >= 0 ? typographic : quote;
    const alt = quote === 0x201e ? 0x201d : quote === 0x201a ? 0x2019 : -1;
    const start = secret && kind !== PairName.CookieHeader ? afterScheme(text, v + 1, anyScheme) : v + 1;
    const end = quotedEnd(text, start, close, escaped, alt);
    return { start, end, keep: keepsValue(text.slice(start, end), true, !secret) };
  }
  // a YAML block scalar (`password: |`, then indented lines): its lines, PII included
  const block = text.charCodeAt(sep) === 58 ? blockScalarSpan(text, sep, v) : undefined;
  if (block !== undefined) return { start: block.start, end: block.end, keep: keepsValue(text.slice(block.start, block.end), true, !secret) };
  // a bare PII value is not read, where it ends is unknown, but for a number (`ssn: 078-05-1120`)
  if (!secret) {
    const end = kind === PairName.PiiNumber ? bareNumberEnd(text, v) : v;
    return end === v ? undefined : { start: v, end, keep: false };
  }
  if (kind === PairName.CookieHeader) {
    // (a bracketed value is read to its closing bracket, as after any credential name)
    const bracket = closingBracket(quote);
    const end = bracket >= 0 ? bracketedEnd(text, v, bracket) : cookieEnd(text, v);
    return { start: v, end, keep: keepsValue(text.slice(v, end), false) };
  }
  // (after an auth scheme word too: `Bearer [REDACTED]`, `Bearer (two words)`)
  const start = afterScheme(text, v, anyScheme);
  if (anyScheme && start > v) {
    // `Digest username="bob", response="…"`: the whole list is the credentials
    const params = authParamsEnd(text, start);
    if (params !== -1) return { start, end: params, keep: false };
  }
  const bracket = closingBracket(text.charCodeAt(start));
  if (bracket >= 0) {
    const end = bracketedEnd(text, start, bracket);
    return { start, end, keep: keepsBracketed(text.slice(start, end)) };
  }
  // a signature header's compact pair list (`Stripe-Signature: t=…,v1=…`) is the credential whole
  const params = compactParamsEnd(text, start);
  const end = params !== -1 ? params : bareEnd(text, start);
  return { start, end, keep: keepsValue(text.slice(start, end), false) };
}

/** The element's text after its start tag ends at `gt` (see `xml-elements`). */
function elementText(text: string, gt: number, pii: boolean): ValueSpan {
  const { start, end } = elementTextSpan(text, gt);
  const value = text.slice(start, end).trim();
  return { start, end, keep: value === '' || keepsValue(value, true, pii) };
}

/** `：` (U+FF1A). */
const FULL_WIDTH_COLON = 0xff1a;

/** The values of the credential and PII pairs in `text`, in order. `nameKind` is the mask's key rules. */
export function findPairValues(text: string, nameKind: (name: string) => PairName): PairValue[] {
  const found: PairValue[] = [];
  const isCredential = (name: string): boolean => isSecretName(nameKind(name));
  const isNumberedPii = (name: string): boolean => nameKind(name) === PairName.PiiNumber;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // a full-width colon (`密码：x`, as Chinese and Japanese text write it) separates as `:` does
    const c = unit === FULL_WIDTH_COLON ? 58 : unit;
    if (c === 60) {
      // a start tag's attributes: a control's value under the control's name (see `html-attributes`)
      const tag = startTagValues(text, i, isCredential);
      if (tag === undefined) continue;
      for (const v of tag.values) {
        const kind = nameKind(v.judgedAs);
        if (kind === PairName.None || keepsValue(text.slice(v.start, v.end), true, isPiiName(kind))) continue;
        found.push({ start: v.start, end: v.end, kind: isPiiName(kind) ? PairName.Pii : PairName.Secret });
      }
      // its `>` is read next: the element's text after it (`<password type="x">…`), unless its content was a value
      at = i;
      i = tag.end - 1;
      continue;
    }
    if (c !== 58 && c !== 61 && c !== 62) {
      if (c <= 32 || isBlank(c) || i === 0) {
        // `password Hunter22`, `the password is Tr0ub4dor&3`, `ENV DB_PASSWORD x`, `ssn 078051120`
        const word = spacedValueAt(text, i === 0 && c > 32 && !isBlank(c) ? 0 : i + 1, at, isCredential, isNumberedPii);
        if (word !== undefined) {
          found.push({ start: word.start, end: word.end, kind: word.pii === true ? PairName.PiiNumber : PairName.Secret });
          at = word.end;
          i = word.end - 1;
          continue;
        }
      }
      // `--password x`, `PASSWORD 'x'`, `IDENTIFIED BY 'x'`
      if (c !== 45 && c !== 34 && c !== 39) continue;
      const spaced = c === 45 ? optionAt(text, i, at) : nameBeforeQuote(text, i, at);
      if (spaced === undefined) continue;
      const kind = spaced.phrase ? PairName.Secret : nameKind(spaced.name);
      if (kind === PairName.None || isPiiName(kind)) continue;
      const span = valueSpan(text, spaced.blank, kind);
      if (span === undefined) continue;
      // prose quotes one character after a name (`Unexpected token '<'`): no credential is one character
      const prose = c !== 45 && !spaced.phrase && span.end - span.start <= 1;
      if (!span.keep && !prose) found.push({ start: span.start, end: span.end, kind: kind === PairName.CookieHeader ? kind : PairName.Secret });
      at = span.end;
      i = Math.max(i, span.end - 1);
      continue;
    }
    const name = c === 62 ? elementNameBefore(text, i, at) : nameBefore(text, i, at);
    if (name === undefined) continue;
    let kind = nameKind(name);
    if (kind === PairName.None && c !== 62) {
      // a credential pair written with a space (`Api Key: …`), or a name of three words
      // (`Social Security Number: …`)
      const wide = twoWordNameBefore(text, i, at, name);
      if (wide !== undefined) kind = nameKind(wide);
      const wider = kind === PairName.None && wide !== undefined ? twoWordNameBefore(text, i, at, wide) : undefined;
      if (wider !== undefined) kind = nameKind(wider);
    }
    // `<key>password</key><string>x</string>`, `<name>db.password</name><value>x</value>`: a
    // naming element whose text is a credential's name names the element after it
    const sibling = c === 62 && kind !== PairName.Secret ? namedSiblingText(text, i, name, isCredential) : undefined;
    if (sibling !== undefined) {
      found.push({ start: sibling.start, end: sibling.end, kind: PairName.Secret });
      at = sibling.end;
      i = sibling.end - 1;
      continue;
    }
    if (kind === PairName.None) continue;
    const span = c === 62 ? elementText(text, i, isPiiName(kind)) : valueSpan(text, i, kind);
    if (span === undefined) continue;
    // a value is read once: the scan goes on after it, masked or not
    if (!span.keep) found.push({ start: span.start, end: span.end, kind: isPiiName(kind) || kind === PairName.CookieHeader ? kind : PairName.Secret });
    at = span.end;
    i = Math.max(i, span.end - 1);
  }
  return found;
}

/**
 * `text` with the value of every credential pair redacted and of every quoted PII pair (or
 * bare number after a numbered PII name: `number` is then true) replaced by
 * `tokenize(value, number)` (the same string when there is none).
 */
export function maskPairs(text: string, nameKind: (name: string) => PairName, tokenize: (value: string, number: boolean) => string): string {
  const found = findPairValues(text, nameKind);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const v of found) {
    const value = text.slice(v.start, v.end);
    out += text.slice(at, v.start) + (v.kind === PairName.Secret ? SECRET_REDACTED : v.kind === PairName.CookieHeader ? maskCookieHeader(value) : tokenize(value, v.kind === PairName.PiiNumber));
    at = v.end;
  }
  return out + text.slice(at);
}
