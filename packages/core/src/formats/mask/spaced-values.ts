/**
 * Credential pairs written with blanks and no `:` or `=` before a bare value, read by
 * `find-secret-pairs` at the start of each word:
 *
 * - a credential name, then blanks, then an opaque word: `password Hunter22`,
 *   `aws configure set aws_secret_access_key wJalr…`; a connector may stand between them
 *   (`|` of a table row, `->`, `→`, or the words `is`, `was`, `to`):
 *   `| password | Hunter2Secret! |`, `the password is Tr0ub4dor&3`, `api_key -> 9f8e…`.
 *   A word is opaque when it has 6 or more characters and mixes letters and digits, or is a
 *   number of 4 or more digits (a PIN, a one-time code); a word of letters alone reads as
 *   English (`the password is required`, `token expired`) and stays;
 * - after a command that sets a variable by position (`set`, `setx`, `setenv`, Dockerfile's
 *   `ENV`), a credential variable (a name of two or more word parts: `DB_PASSWORD`,
 *   `apiToken`) is followed by its value, whatever the word: `ENV DB_PASSWORD changeme`.
 *
 * A name is a credential by the key rules, as a key is (a word pair written with a space too:
 * `api key 9f8e…`). Each word is read once forward and looks back at most one name's length.
 */
import { blanksEndAfter, blanksStartBefore, isBlank, isNameChar, isQuote, MAX_NAME, nameStartBefore } from './pair-names';
import { bareEnd } from './bare-value-end';
import { bareNumberEnd } from './bare-numbers';
import { isLetter } from './ascii-letters';
import { keyWords } from './key-words';
import { isWrittenToken } from './token-shape';
import { isPhrasePassword } from './spaced-pairs';

/** Fewest characters of an opaque word that mixes letters and digits. */
const MIN_MIXED = 6;
/** Fewest digits of an opaque number. */
const MIN_DIGITS = 4;
/** Words that join a name to its value in prose (`the password is …`), lowercase. */
const CONNECTOR_WORDS = ['is', 'was', 'to'];
/** Commands that set a variable by position, lowercase (`ENV` only as Dockerfile writes it). */
const SETTER_WORDS = new Set(['set', 'setx', 'setenv']);
/** Bare values that are literals, not secrets. */
const LITERALS = new Set(['null', 'true', 'false', 'undefined', 'none', 'nil']);

/** A value found after a name written with blanks: a credential's, or a PII number's (`pii`). */
export interface SpacedValue {
  readonly start: number;
  readonly end: number;
  readonly pii?: boolean;
}

/** Whether a name is a credential (the caller's key rules). */
export type IsCredentialName = (name: string) => boolean;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Sentence punctuation or a closing mark after a value (`… is hunter22.`, `“… hunter22”`): not read when judging the word. */
function isTrailingPunctuation(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || isClosingQuote(c);
}

/**
 * True when `text[start, end)` is an opaque word: 6+ characters with a letter and a digit, or
 * 4+ digits alone (trailing sentence punctuation aside); a URL, a path, a bracketed word or a
 * `name=value` pair is not one.
 */
export function isOpaqueWord(text: string, start: number, end: number): boolean {
  let stop = end;
  while (stop > start && isTrailingPunctuation(text.charCodeAt(stop - 1))) stop--;
  let letters = 0;
  let digits = 0;
  for (let j = start; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) digits++;
    else if (isLetter(c) || c > 127) letters++;
    else if (c === 58 && text.charCodeAt(j + 1) === 47 && text.charCodeAt(j + 2) === 47) return false; // a URL
    else if (c === 40 && j > start && isLetter(text.charCodeAt(j - 1))) return false; // a type or a call: `VARCHAR(255)`
    else if (c === 61 && j + 1 < stop && text.charCodeAt(j + 1) !== 61) return false; // a pair of its own (`keys=…`; base64 padding `==` aside)
  }
  // (a path, or a bracketed word: `at verifyToken (/app/auth.js:10:5)` in a stack)
  const first = text.charCodeAt(start);
  if (digits === 0 || first === 47 || first === 40 || first === 91 || first === 123) return false;
  // (the symbols at its end count toward its length: `A000!!` is a password, `hunter2.` too)
  return digits === stop - start ? digits >= MIN_DIGITS : letters > 0 && end - start >= MIN_MIXED;
}

/** The start of a connector (`|`, `->`, `→`, `is`, `was`, `to`) that ends at `end`, blanks before it skipped back; `end` when there is none. */
function connectorStartBefore(text: string, end: number, floor: number): number {
  const c = text.charCodeAt(end - 1);
  let start = -1;
  if (end - 1 >= floor && (c === 124 || c === 0x2192)) start = end - 1; // | →
  else if (end - 2 >= floor && c === 62 && text.charCodeAt(end - 2) === 45) start = end - 2; // ->
  else {
    for (const word of CONNECTOR_WORDS) if (wordEndsAt(text, end, floor, word)) start = end - word.length;
    // what happened to it before `to` or `now`: `reset to`, `changed to`, `is now` (`now` only after one)
    if (start !== -1 && (text.charCodeAt(start) | 32) === 116) {
      const verb = verbStartBefore(text, start, floor);
      if (verb !== -1) start = verb;
    } else if (start === -1 && wordEndsAt(text, end, floor, 'now')) start = verbStartBefore(text, end - 3, floor);
  }
  return start === -1 ? end : blanksStartBefore(text, start, floor);
}

/** Verbs that say a credential was given a new value (`password reset to x`, `token is now x`). */
const CHANGE_VERBS = new Set(['reset', 'changed', 'set', 'updated', 'rotated', 'is', 'was']);

/** True when the word `word` (lowercase ASCII letters) ends at `end` after a blank. */
function wordEndsAt(text: string, end: number, floor: number, word: string): boolean {
  const at = end - word.length;
  if (at <= floor || !isBlank(text.charCodeAt(at - 1))) return false;
  // (compared unit by unit, ASCII case folded: no string is made for a word that is none)
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/** The start of a {@link CHANGE_VERBS} word before the connector at `start` (blanks between); -1 when none stands there. */
function verbStartBefore(text: string, start: number, floor: number): number {
  const gap = blanksStartBefore(text, start, floor);
  const verb = gap < start ? nameStartBefore(text, gap, floor) : -1;
  return verb !== -1 && CHANGE_VERBS.has(text.slice(verb, gap).toLowerCase()) ? verb : -1;
}

/**
 * The name (and the word or two before it, when they name a credential pair or a PII number
 * together: `api key`, `social security number`) ending at `end`, when the key rules call it
 * one (`isCredential`); else `undefined`.
 */
function credentialNameBefore(text: string, end: number, floor: number, isCredential: IsCredentialName): string | undefined {
  const start = nameStartBefore(text, end, floor);
  if (!isNameAt(text, start, end, floor)) return undefined;
  const name = text.slice(start, end);
  if (isCredential(name)) return name;
  const gap = blanksStartBefore(text, start, floor);
  if (gap === start || text.charCodeAt(gap) !== 32 || start - gap !== 1) return undefined;
  const first = nameStartBefore(text, gap, floor);
  if (!isNameAt(text, first, gap, floor)) return undefined;
  const wide = text.slice(first, gap) + ' ' + name;
  if (isCredential(wide)) return wide;
  // a name of three words (`social security number 078051120`)
  const gap2 = first - 1;
  if (gap2 <= floor || text.charCodeAt(gap2) !== 32) return undefined;
  const first2 = nameStartBefore(text, gap2, floor);
  if (!isNameAt(text, first2, gap2, floor)) return undefined;
  const wider = text.slice(first2, gap2) + ' ' + wide;
  return isCredential(wider) ? wider : undefined;
}

/**
 * True when `[start, end)` is a name: it has a letter, and is no path's segment (after `/` or
 * `\\`: `POST /oauth/token HTTP/1.1` names no value).
 */
function isNameAt(text: string, start: number, end: number, floor: number): boolean {
  if (start === -1) return false;
  const before = start > floor ? text.charCodeAt(start - 1) : 0;
  if (before === 47 || before === 92) return false;
  for (let j = start; j < end; j++) if (!isDigit(text.charCodeAt(j))) return true;
  return false;
}

/**
 * The end of the word that starts at `from`: a bare value's end, and a `&` or `#` that ends
 * the word (`Hunter2&`: a symbol of the password, not a delimiter before another pair).
 */
function wordEnd(text: string, from: number): number {
  let end = bareEnd(text, from);
  while (end < text.length && (text.charCodeAt(end) === 38 || text.charCodeAt(end) === 35) && !(text.charCodeAt(end + 1) > 32)) end++;
  return end;
}

/** True when `text[start, end)` is the setter word (`set`, `setx`, `setenv`, `ENV`). */
function isSetterWord(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start) | 32;
  if (end - start > 6 || end - start < 3 || (first !== 115 && first !== 101)) return false; // s… or ENV
  const word = text.slice(start, end);
  return word === 'ENV' || SETTER_WORDS.has(word.toLowerCase());
}

/**
 * After a setter word at `[start, end)`: a credential variable, blanks (a connector too), and
 * its value whatever the word (a literal, a quote, an option aside); else `undefined`.
 */
function setterValue(text: string, end: number, isCredential: IsCredentialName): SpacedValue | undefined {
  const nameStart = blanksEndAfter(text, end);
  if (nameStart === end) return undefined;
  let nameEnd = nameStart;
  while (nameEnd < text.length && nameEnd - nameStart < MAX_NAME && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === nameStart || !isBlank(text.charCodeAt(nameEnd))) return undefined;
  const name = text.slice(nameStart, nameEnd);
  if (keyWords(name).length < 2 || !isCredential(name)) return undefined;
  let v = blanksEndAfter(text, nameEnd);
  const connector = wordEnd(text, v);
  if (CONNECTOR_WORDS.includes(text.slice(v, connector).toLowerCase())) v = blanksEndAfter(text, connector);
  const first = text.charCodeAt(v);
  // (`SET api_key = 'x'`, `ENV A_TOKEN=x`: a `=` or `:` pair, which the pair rules read)
  if (v >= text.length || first === 45 || isQuote(first) || first <= 32 || first === 61 || first === 58) return undefined;
  const valueEnd = wordEnd(text, v);
  if (valueEnd === v || LITERALS.has(text.slice(v, valueEnd).toLowerCase())) return undefined;
  return { start: v, end: valueEnd };
}

/**
 * The value of a credential pair written with blanks whose word starts at `from` (a blank
 * before it): the word after a setter and a credential variable, or an opaque word after a
 * credential name (see the module comment); else `undefined`. Reads nothing before `floor`.
 */
export function spacedValueAt(text: string, from: number, floor: number, isCredential: IsCredentialName, isNumberedPii?: IsCredentialName): SpacedValue | undefined {
  const first = text.charCodeAt(from);
  if (isQuote(first) || first === 45 || first <= 32 || isBlank(first)) return undefined;
  if (first === 35) return numberSignValue(text, from, floor, isNumberedPii);
  const end = wordEnd(text, from);
  if (end === from) return undefined;
  if (isSetterWord(text, from, end)) return setterValue(text, end, isCredential);
  // (a value follows its name's blank: the cheapest test first)
  const blank = blanksStartBefore(text, from, floor);
  if (blank === from) return undefined;
  // `IDENTIFIED BY tiger`: after a password phrase any word is the password
  if (isPhrasePassword(text, from, end, blank, floor)) return { start: from, end };
  const opaque = isOpaqueWord(text, from, end) && !isWrittenToken(text.slice(from, end));
  const number = isNumberedPii !== undefined && startsNumber(text, from);
  if (!opaque && !number) return undefined;
  const nameEnd = connectorStartBefore(text, blank, floor);
  const name = opaque ? credentialNameBefore(text, nameEnd, floor, isCredential) : undefined;
  if (name === undefined) return number ? piiNumberAt(text, from, nameEnd, floor, isNumberedPii) : undefined;
  // a closing typographic quote after the value closes what enclosed the pair (`“password Hunter22”`)
  let stop = end;
  while (stop > from + 1 && isClosingQuote(text.charCodeAt(stop - 1))) stop--;
  return { start: from, end: stop };
}

/**
 * A PII number written after `#` ("number") and its name: `SSN #078051120`, `passport # X1234567`
 * (the `#` at `hash`, blanks before it); else `undefined`.
 */
function numberSignValue(text: string, hash: number, floor: number, isNumberedPii: IsCredentialName | undefined): SpacedValue | undefined {
  const blank = blanksStartBefore(text, hash, floor);
  const value = blanksEndAfter(text, hash + 1);
  if (blank === hash || !startsNumber(text, value)) return undefined;
  return piiNumberAt(text, value, blank, floor, isNumberedPii);
}

/** True when a number may start at `from`: a digit, or a letter then a digit (`X1234567`). */
function startsNumber(text: string, from: number): boolean {
  return isDigit(text.charCodeAt(from)) || (isLetter(text.charCodeAt(from)) && isDigit(text.charCodeAt(from + 1)));
}

/** True when the word that ends at `end` holds a digit (`DE89` of `IBAN DE89 3704 …`: a group of a number, not its name). */
function hasDigitBefore(text: string, end: number, floor: number): boolean {
  const start = nameStartBefore(text, end, floor);
  if (start === -1) return false;
  for (let j = start; j < end; j++) if (isDigit(text.charCodeAt(j))) return true;
  return false;
}

/** Fewest digits of a PII number written after its name and a blank (`zip 5 codes` counts something). */
const MIN_PII_DIGITS = 4;

/**
 * A PII number after its name and a blank (`ssn 078051120`, `DOB 12/04/1990`,
 * `passport no. X1234567`): the number as `bareNumberEnd` reads it, with at least
 * {@link MIN_PII_DIGITS} digits, when the name before `nameEnd` is a numbered PII word by
 * the key rules (the word before it too: `passport no.`); else `undefined`.
 */
function piiNumberAt(text: string, from: number, nameEnd: number, floor: number, isNumberedPii: IsCredentialName | undefined): SpacedValue | undefined {
  // (the name first: a number's groups may run on, and are read only after a PII name, once)
  if (isNumberedPii === undefined || hasDigitBefore(text, nameEnd, floor) || credentialNameBefore(text, nameEnd, floor, isNumberedPii) === undefined) return undefined;
  const end = bareNumberEnd(text, from);
  let digits = 0;
  for (let j = from; j < end; j++) if (isDigit(text.charCodeAt(j))) digits++;
  return digits < MIN_PII_DIGITS ? undefined : { start: from, end, pii: true };
}

/** A closing typographic quote: `” ’ » ›`. */
function isClosingQuote(c: number): boolean {
  return c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a;
}

/** Farthest a digit's word is read back for the blank before it (a longer word is taken as one that has it). */
const MAX_WORD_BACK = 64;

/** True when the word that holds `i` follows a blank (a value after a name does): read back at most {@link MAX_WORD_BACK}. */
function wordFollowsBlank(text: string, i: number): boolean {
  const floor = Math.max(0, i - MAX_WORD_BACK);
  for (let k = i - 1; k >= floor; k--) {
    const c = text.charCodeAt(k);
    if (c <= 32 || isBlank(c)) return true;
  }
  return floor > 0;
}

/**
 * For `textHints`: true when the digit at `i` may be in an opaque word after a blank — glued
 * to something other than a digit or a blank, or the first of 4 digits — in a word that
 * follows a blank (`u-123`, `SKU-1001` or an id alone are no value after a name).
 */
export function mayBeOpaqueDigit(text: string, i: number): boolean {
  const prev = text.charCodeAt(i - 1);
  if (i > 0 && isDigit(prev)) return false; // (judged at the first digit of a run)
  const next = text.charCodeAt(i + 1);
  const opaque = (i > 0 && prev > 32) || (next > 32 && !isDigit(next)) || (isDigit(next) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3)));
  return opaque && wordFollowsBlank(text, i);
}

/** For `textHints`: true when the blank at `i` may follow a setter word (`set`, `setx`, `setenv`, `ENV`). */
export function maySetBefore(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1) | 32;
  if (c !== 116 && c !== 120 && c !== 118) return false; // t x v
  const start = nameStartBefore(text, i, Math.max(0, i - 7));
  return start !== -1 && isSetterWord(text, start, i);
}
