/** Cuts a string longer than `maxStringLength`, never through a token the mask wrote. */
import { truncatedMarker } from './markers';

const TOKEN_AT_START = /^(?:p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*|\[PII_REDACTED\])/;
/** Longest token the mask writes, with room to spare (`ptok:v1:` + 43 characters). */
const MAX_TOKEN_LENGTH = 64;

/** Cuts `text` to `max` characters with a marker; never through the middle of a token. */
export function cutString(text: string, max: number): string {
  let end = max;
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
