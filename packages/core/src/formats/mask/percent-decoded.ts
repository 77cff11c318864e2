/**
 * Percent-encoded text (`call%20%2B1%20212%20555%200199`, `m%C3%BCller%40b%C3%BCcher.example`
 * in a URL or a query string) is scanned decoded: the detectors run on the decoded text and
 * what they find is replaced in the original, the whole encoded span. One pass to decode,
 * with a map from each decoded character back to its encoded span.
 */
import { findEmails, type TextRange } from './find-emails';
import { findPhones, type PhoneRules } from './find-phones';
import { REDACTED, findSecrets } from './find-secrets';
import { PairName, findPairValues, isPiiName } from './find-secret-pairs';
import type { FoundPii, ReplaceValue } from './scan-text';
import { findAccountNumbers, type AccountNumber } from './find-account-numbers';

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function byteAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 37) return -1;
  const hi = hexValue(text.charCodeAt(i + 1));
  const lo = hexValue(text.charCodeAt(i + 2));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/** True when `text` holds a percent-escape (`%` and two hex digits). */
function hasPercentEscape(text: string): boolean {
  for (let i = text.indexOf('%'); i !== -1; i = text.indexOf('%', i + 1)) if (byteAt(text, i) >= 0) return true;
  return false;
}

interface Decoded {
  text: string;
  /** For each decoded code unit: where its encoded span starts and ends in the original. */
  from: Int32Array;
  to: Int32Array;
}

/** UTF-8 sequence length announced by a lead byte (0: not a lead byte). */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

function decode(text: string): Decoded {
  const n = text.length;
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  let out = '';
  let k = 0;
  let i = 0;
  while (i < n) {
    const b = byteAt(text, i);
    const len = b < 0 ? 0 : sequenceLength(b);
    let cp = -1;
    if (len === 1) cp = b;
    else if (len > 1) {
      cp = b & (0xff >> (len + 1));
      for (let j = 1; j < len; j++) {
        const c = byteAt(text, i + 3 * j);
        if (c < 0x80 || c > 0xbf) {
          cp = -1;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = -1;
    }
    if (cp < 0) {
      out += text[i];
      from[k] = i;
      to[k] = i + 1;
      k++;
      i++;
      continue;
    }
    const end = i + 3 * len;
    const ch = String.fromCodePoint(cp);
    out += ch;
    for (let u = 0; u < ch.length; u++) {
      from[k] = i;
      to[k] = end;
      k++;
    }
    i = end;
  }
  return { text: out, from, to };
}

interface Found {
  start: number;
  end: number;
  /** The mask of a secret; `email`/`phone` values are tokenized instead. */
  replacement: string;
  type: 'secret' | FoundPii;
  /** The text an IBAN is tokenized as (no spaces). */
  value?: string;
}

/**
 * `text` with the secrets, emails and phone numbers that its percent-decoded form holds
 * masked or tokenized (the encoded span replaced), and the values of its credential pairs
 * when `nameKind` (the key rules) is given (see `find-secret-pairs`). The same string when there are none.
 */
export function maskPercentEncoded(text: string, replace: ReplaceValue, rules: PhoneRules, nameKind?: (name: string) => PairName): string {
  if (!hasPercentEscape(text)) return text;
  const d = decode(text);
  if (d.text.length === text.length) return text; // nothing decoded
  const found: Found[] = [];
  for (const s of findSecrets(d.text)) found.push({ start: s.start, end: s.end, replacement: s.replacement, type: 'secret' });
  if (nameKind !== undefined) {
    for (const v of findPairValues(d.text, nameKind)) {
      if (!isPiiName(v.kind) && v.end > v.start) found.push({ start: v.start, end: v.end, replacement: REDACTED, type: 'secret' });
    }
  }
  const emails: TextRange[] = [];
  if (d.text.indexOf('@') !== -1) findEmails(d.text, emails);
  for (const e of emails) found.push({ start: e.start, end: e.end, replacement: '', type: 'email' });
  const accounts: AccountNumber[] = [];
  findAccountNumbers(d.text, accounts);
  for (const a of accounts) found.push({ start: a.start, end: a.end, replacement: '', type: a.type, value: a.value });
  const phones: TextRange[] = [];
  findPhones(d.text, phones, rules);
  for (const p of phones) found.push({ start: p.start, end: p.end, replacement: '', type: 'phone' });
  if (found.length === 0) return text;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  let decodedAt = 0;
  for (const f of found) {
    if (f.start < decodedAt) continue; // overlaps one already replaced
    const start = d.from[f.start];
    const end = d.to[f.end - 1];
    if (start < at) continue;
    const replacement = f.type === 'secret' ? f.replacement : replace(f.value ?? d.text.slice(f.start, f.end), f.type);
    out += text.slice(at, start) + replacement;
    at = end;
    decodedAt = f.end;
  }
  return at === 0 ? text : out + text.slice(at);
}
