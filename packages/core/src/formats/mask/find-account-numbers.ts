/**
 * Numbers that identify one person's bank account or identity, found in free text by their
 * written form and their own check, and tokenized like any PII value:
 *
 * - IBANs (ISO 13616): a country code of the IBAN registry, two check digits, then the
 *   country's account number (letters and digits, in any case), as one run or in groups of
 *   four joined by single spaces or hyphens, exactly as long as that country's IBANs are,
 *   passing the mod-97 check;
 * - US Social Security numbers written `AAA-GG-SSSS` whose parts the SSA issues (area
 *   001–899 but 666, group 01–99, serial 0001–9999).
 *
 * Neither may continue a word or a longer number. Each start reads at most one IBAN's length.
 */
import type { TextRange } from './find-emails';
import { isLetter, isLower, isUpper } from './ascii-letters';

/** A number found: its range, and the text it is tokenized as (an IBAN without its spaces, in capitals). */
export interface AccountNumber extends TextRange {
  readonly value: string;
  readonly type: 'iban' | 'ssn';
}

/** IBAN length by registry country code (SWIFT IBAN registry). */
const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 ' +
    'GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 ' +
    'MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 ' +
    'TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  ).split(' ').map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Letters, digits and `_`: what continues a word. */
function isWordChar(c: number): boolean {
  return isDigit(c) || isUpper(c) || (c >= 97 && c <= 122) || c === 95;
}

/** True when `iban` (capitals and digits) passes the ISO 7064 mod-97 check. */
export function ibanChecks(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i);
    rest = isDigit(c) ? (rest * 10 + (c - 48)) % 97 : (rest * 100 + (c - 55)) % 97;
  }
  return rest === 1;
}

/** The IBAN starting at `i`, or `undefined`. */
function ibanAt(text: string, i: number): AccountNumber | undefined {
  // (two letters and two check digits first: most words are no IBAN, and cost no slice)
  if (!isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3)) || !isLetter(text.charCodeAt(i + 1))) return undefined;
  const length = IBAN_LENGTHS.get(text.slice(i, i + 2).toUpperCase());
  if (length === undefined) return undefined;
  let value = '';
  let j = i;
  while (value.length < length) {
    const c = text.charCodeAt(j);
    // groups of four joined by one space or hyphen: `DE89 3704 0044 …`, `GB82-WEST-1234-…`
    if ((c === 32 || c === 45) && value.length % 4 === 0 && value.length > 0 && j > i && text.charCodeAt(j - 1) !== c) {
      j++;
      continue;
    }
    if (!isDigit(c) && !isUpper(c) && !isLower(c)) return undefined;
    value += text[j].toUpperCase();
    j++;
  }
  if (j < text.length && isWordChar(text.charCodeAt(j))) return undefined;
  return ibanChecks(value) ? { start: i, end: j, value, type: 'iban' } : undefined;
}

/** The SSN starting at `i` (`AAA-GG-SSSS`), or `undefined`. */
function ssnAt(text: string, i: number): AccountNumber | undefined {
  if (text.charCodeAt(i + 3) !== 45 || text.charCodeAt(i + 6) !== 45) return undefined;
  for (const k of [0, 1, 2, 4, 5, 7, 8, 9, 10]) if (!isDigit(text.charCodeAt(i + k))) return undefined;
  const after = text.charCodeAt(i + 11);
  if (isWordChar(after) || after === 45) return undefined;
  const area = Number(text.slice(i, i + 3));
  if (area === 0 || area === 666 || area >= 900 || text.startsWith('00', i + 4) || text.startsWith('0000', i + 7)) return undefined;
  return { start: i, end: i + 11, value: text.slice(i, i + 11), type: 'ssn' };
}

/** Appends the IBANs and SSNs in `text` to `out`, in order. */
export function findAccountNumbers(text: string, out: AccountNumber[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isUpper(c) && !isLower(c) && !isDigit(c)) continue;
    if (i > 0) {
      const p = text.charCodeAt(i - 1);
      if (isWordChar(p) || p === 45) continue;
    }
    const found = isDigit(c) ? ssnAt(text, i) : ibanAt(text, i);
    if (found === undefined) continue;
    out.push(found);
    i = found.end - 1;
  }
}
