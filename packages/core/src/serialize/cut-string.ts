/**
 * Cuts a string longer than `maxStringLength`, never through a token the mask wrote nor
 * between the two halves of a surrogate pair (an astral character such as an emoji).
 */
import { truncatedMarker } from './markers';

const TOKEN_AT_START = /^(?:p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*|\[PII_REDACTED\])/;
/** Longest token the mask writes, with room to spare (`ptok:v1:` + 43 characters). */
const MAX_TOKEN_LENGTH = 64;

/** True when `text[end - 1]` and `text[end]` are the two halves of one surrogate pair. */
function splitsPair(text: string, end: number): boolean {
  const high = text.charCodeAt(end - 1);
  const low = text.charCodeAt(end);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * Cuts `text` to at most `max` UTF-16 units with a marker counting the units cut from `text`;
 * never through the middle of a token or of a surrogate pair.
 */
export function cutString(text: string, max: number): string {
  let end = max > 0 && splitsPair(text, max) ? max - 1 : max;
  const from = Math.max(0, max - MAX_TOKEN_LENGTH);
  for (let i = text.indexOf('p', from); i !== -1 && i < max; i = text.indexOf('p', i + 1)) {
    const m = TOKEN_AT_START.exec(text.slice(i, i + MAX_TOKEN_LENGTH + 8));
    if (m && i + m[0].length > max) {
      end = i;
      break;
    }
  }
  const redacted = text.lastIndexOf('[PII_REDACTED]', max);
  if (redacted !== -1 && redacted >= from && redacted + 14 > max && redacted < end) end = redacted;
  return text.slice(0, end) + truncatedMarker(text.length - end);
}
