/**
 * A bare value after a name of a PII number (`ssn: 078-05-1120`, `zip=90210`,
 * `passport: X1234567`, `dob: 1990-04-12`): where a number ends is clear, so unlike other bare
 * PII values it is read. A number here is one run of ASCII letters and digits holding at least
 * {@link MIN_DIGITS} digits, its groups joined by a single hyphen or dash (`078-05-1120`,
 * `12-Apr-1990`) or a `.`, `/` or space before a digit (`SW1A 1AA`, `212 555 0199`). What a text detector reads by its shape is left
 * to it, whole: an IBAN (two letters, two digits: `GB82 WEST …`) and a phone number written
 * with `+` or `(` (`+1 (212) 555-0199`).
 */
import { findAccountNumbers, type AccountNumber } from './find-account-numbers';

/** Fewest digits of a number (`zip: 5` counts something, `ssn: n/a` says there is none). */
const MIN_DIGITS = 2;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
}
/** A hyphen or a dash (`-`, `‐` … `—`): joins a number's groups, letters included (`12-Apr-1990`, `GB82-WEST-…`). */
function isHyphen(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015);
}
/** `.` `/` or a space: joins a number's groups when a digit follows. */
function isDigitJoin(c: number): boolean {
  return c === 46 || c === 47 || c === 32;
}

/** Longest text an IBAN takes: 34 characters, grouped by spaces. */
const MAX_IBAN_TEXT = 48;

/** True when the IBAN detector finds an IBAN that starts at `i`. */
function ibanAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  const found: AccountNumber[] = [];
  findAccountNumbers(text.slice(i, i + MAX_IBAN_TEXT), found);
  return found.length > 0 && found[0].start === 0 && found[0].type === 'iban';
}

/** The end of the number that starts at `from` (see the module comment), or `from` when none does. One pass. */
export function bareNumberEnd(text: string, from: number): number {
  const first = text.charCodeAt(from);
  if (first === 43 || first === 40 || ibanAt(text, from)) return from; // + ( : the detectors' own
  let j = from;
  let digits = 0;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (isAlnum(c)) {
      if (isDigit(c)) digits++;
      j++;
    } else if (j > from && isAlnum(text.charCodeAt(j - 1)) && ((isHyphen(c) && isAlnum(text.charCodeAt(j + 1))) || (isDigitJoin(c) && isDigit(text.charCodeAt(j + 1))))) j++;
    else break;
  }
  return digits >= MIN_DIGITS ? j : from;
}
