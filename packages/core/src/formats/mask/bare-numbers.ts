/**
 * A bare value after a name of a PII number (`ssn: 078-05-1120`, `zip=90210`,
 * `passport: X1234567`, `dob: 1990-04-12`): where a number ends is clear, so unlike other bare
 * PII values it is read. A number here is one run of ASCII letters and digits holding at least
 * {@link MIN_DIGITS} digits, its groups joined by single `-`, `.`, `/` or spaces before a digit
 * (`078-05-1120`, `SW1A 1AA`, `212 555 0199`). What a text detector reads by its shape is left
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
/** `-` `.` `/` or a space: what joins a number's groups. */
function isGroupJoin(c: number): boolean {
  return c === 45 || c === 46 || c === 47 || c === 32;
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
    } else if (isGroupJoin(c) && j > from && isAlnum(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) j++;
    else break;
  }
  return digits >= MIN_DIGITS ? j : from;
}
