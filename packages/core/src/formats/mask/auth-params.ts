/**
 * An `Authorization` value's credentials written as auth-params (RFC 9110 §11.4:
 * `Digest username="bob", realm="x", response="6629…"`): a list of `name=value` pairs joined by
 * commas, each value a token or a quoted string. Every pair is part of the credentials.
 */
import { blanksEndAfter, isNameChar, MAX_NAME } from './pair-names';

/** True when `c` ends a token value: a blank, a comma, a quote, a line break. */
function endsToken(c: number): boolean {
  return c <= 32 || c === 44 || c === 34 || c === 39;
}

/** The end of one `name=value` pair starting at `from`, or -1 when none starts there. */
function paramEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && j - from < MAX_NAME && isNameChar(text.charCodeAt(j))) j++;
  if (j === from) return -1;
  // blanks around `=` only before a quoted value (`username = "bob"`): `abc= next` is token68
  // padding and a word
  const eq = blanksEndAfter(text, j);
  if (text.charCodeAt(eq) !== 61) return -1;
  const quoted = blanksEndAfter(text, eq + 1);
  // (`\"`: a quoted value in JSON text, the list itself inside a JSON string)
  const escapedQuote = text.charCodeAt(quoted) === 92 && text.charCodeAt(quoted + 1) === 34;
  if ((eq > j || quoted > eq + 1) && text.charCodeAt(quoted) !== 34 && !escapedQuote) return -1;
  if (escapedQuote) return escapedQuotedEnd(text, quoted + 2);
  j = quoted;
  const c = text.charCodeAt(j);
  // `==` or `=` then a blank or nothing: token68 padding (`Basic dXNlcg==`), not a pair
  if (Number.isNaN(c) || c === 61 || c <= 32 || c === 44) return -1;
  if (c === 34) {
    for (let k = j + 1; k < text.length; k++) {
      const q = text.charCodeAt(k);
      if (q === 10 || q === 13) return k;
      if (q === 92) k++;
      else if (q === 34) return k + 1;
    }
    return text.length;
  }
  while (j < text.length && !endsToken(text.charCodeAt(j))) j++;
  return j;
}

/** The end of a value quoted as `\"…\"` whose text starts at `from` (after its `\"`): after the closing `\"`. */
function escapedQuotedEnd(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const q = text.charCodeAt(k);
    if (q === 10 || q === 13 || q === 34) return k;
    if (q !== 92) continue;
    if (text.charCodeAt(k + 1) === 34) return k + 2;
    k++; // another escape (`\\`, `\n`): one character of the value
  }
  return text.length;
}

/**
 * The end of the auth-param list that starts at `from` (after the scheme word), or -1 when
 * the credentials there are not written as auth-params (a token68: `Bearer abc`, `Basic dXNl==`).
 */
export function authParamsEnd(text: string, from: number): number {
  let end = paramEnd(text, from);
  if (end === -1) return -1;
  for (;;) {
    const comma = blanksEndAfter(text, end);
    if (text.charCodeAt(comma) !== 44) break;
    const next = paramEnd(text, blanksEndAfter(text, comma + 1));
    if (next === -1) break;
    end = next;
  }
  return end;
}

/**
 * The end of a compact list of at least two `name=value` pairs joined by bare commas that
 * starts at `from` (a signature header's value: `t=1492774577,v1=5257a869…`), or -1. After a
 * credential name the whole list is the credential.
 */
export function compactParamsEnd(text: string, from: number): number {
  let end = paramEnd(text, from);
  if (end === -1 || text.charCodeAt(end) !== 44) return -1;
  let pairs = 1;
  while (text.charCodeAt(end) === 44) {
    const next = paramEnd(text, end + 1);
    if (next === -1) break;
    end = next;
    pairs++;
  }
  if (pairs < 2) return -1;
  // what closes the sentence or the bracket around it is not the last value's (`v1=ab12).`)
  while (end > from && TRAILING.has(text.charCodeAt(end - 1))) end--;
  return end;
}

/** `.` `;` `)` `]` `}` `>`: they end a sentence or a bracket, not a signature. */
const TRAILING: ReadonlySet<number> = new Set([46, 59, 41, 93, 125, 62]);
