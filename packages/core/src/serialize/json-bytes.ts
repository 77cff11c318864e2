/**
 * Byte sizes of JSON text in UTF-8, and a cut of a string to a byte budget: what a line cap
 * needs to know how much room a string takes once `JSON.stringify` has escaped it.
 */
import { cutString } from './cut-string';
import { truncatedMarker } from './markers';

/** `Buffer.byteLength(text)`, or `Infinity` for a text too long to measure at once. */
export function utf8Bytes(text: string): number {
  return text.length * 3 <= 0x7fffffff ? Buffer.byteLength(text, 'utf8') : Infinity;
}

/** UTF-8 bytes `JSON.stringify` writes for a UTF-16 unit below the surrogates. */
function unitBytes(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" and \\
  if (code < 0x20) return code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
  if (code < 0x80) return 1;
  return code < 0x800 ? 2 : 3;
}

/** True when `text[i]` is the high half of a surrogate pair whose low half follows. */
function pairStartsAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

/** UTF-8 bytes `JSON.stringify` writes for the unit at `i` (4 for a whole surrogate pair). */
function bytesAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdfff) return unitBytes(code);
  return pairStartsAt(text, i) ? 4 : 6; // a lone surrogate is written \udxxx
}

/**
 * How many leading UTF-16 units of `text` fit in `budget` bytes of JSON (quotes not
 * counted), never ending between the halves of a surrogate pair.
 */
function unitsWithin(text: string, budget: number): number {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    used += bytesAt(text, i);
    if (used > budget) return i;
    i += pairStartsAt(text, i) ? 2 : 1;
  }
  return i;
}

/** UTF-8 bytes of `JSON.stringify(text)`, quotes included. Linear in `text`. */
export function jsonStringBytes(text: string): number {
  let used = 2;
  for (let i = 0; i < text.length; i += pairStartsAt(text, i) ? 2 : 1) used += bytesAt(text, i);
  return used;
}

/**
 * `text`, or its longest prefix that ends with `…[truncated N chars]` (N: the UTF-16 units
 * cut from `text`) and takes at most `maxBytes` bytes as JSON, quotes included. Never cuts a
 * surrogate pair or a token the mask wrote. When not even the marker fits, the marker alone.
 */
export function cutToJsonBytes(text: string, maxBytes: number): string {
  if (jsonStringBytes(text) <= maxBytes) return text;
  const room = maxBytes - 2 - utf8Bytes(truncatedMarker(text.length));
  return cutString(text, room > 0 ? unitsWithin(text, room) : 0);
}
