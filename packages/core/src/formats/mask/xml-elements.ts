/**
 * XML and HTML elements in text, for the pair masker: an element's start tag names the text
 * after it, as a key names its value (`<password>x</password>`). The tag may carry a namespace
 * prefix and attributes (`<wsse:Password Type="PasswordText">x</wsse:Password>`: its local name
 * counts), and the text may be a CDATA section (`<![CDATA[x]]>`).
 */
import { isNameChar, MAX_NAME } from './pair-names';

/** Longest start tag read back from its `>` (name and attributes). */
const MAX_TAG = 256;

/** The local name of the element whose start tag ends at `gt`, or `undefined` (an end tag, a comment, a self-closing tag, no tag). */
export function elementNameBefore(text: string, gt: number, floor: number): string | undefined {
  let lt = gt - 1;
  while (lt >= floor && gt - lt <= MAX_TAG) {
    const c = text.charCodeAt(lt);
    if (c === 60) break;
    if (c === 62) return undefined;
    lt--;
  }
  if (lt < floor || text.charCodeAt(lt) !== 60 || text.charCodeAt(gt - 1) === 47) return undefined;
  let end = lt + 1;
  let local = end;
  while (end < gt && end - lt <= MAX_NAME && (isNameChar(text.charCodeAt(end)) || text.charCodeAt(end) === 58)) {
    if (text.charCodeAt(end) === 58) local = end + 1;
    end++;
  }
  const after = text.charCodeAt(end);
  if (local >= end || (end < gt && after !== 32 && after !== 9 && after !== 10 && after !== 13)) return undefined;
  return end === gt || areAttributes(text, end, gt) ? text.slice(local, end) : undefined;
}

/** True when `text[from, to)` is a tag's attributes: names, blanks, `=`, quoted values (`x<pin && y>0` is code, not a tag). */
function areAttributes(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 34 || c === 39) {
      let close = k + 1;
      while (close < to && text.charCodeAt(close) !== c) close++;
      if (close >= to) return false;
      k = close;
    } else if (!(isNameChar(c) || c <= 32 || c === 61 || c === 58)) return false;
  }
  return true;
}

/** The element's text after its start tag ends at `gt`: a CDATA section's content, else up to the next `<`. */
export function elementTextSpan(text: string, gt: number): { start: number; end: number } {
  let lead = gt + 1;
  while (lead < text.length && lead - gt <= MAX_TAG && text.charCodeAt(lead) <= 32) lead++;
  if (text.startsWith('<![CDATA[', lead)) {
    const start = lead + 9;
    const close = text.indexOf(']]>', start);
    return { start, end: close === -1 ? text.length : close };
  }
  const start = gt + 1;
  const end = text.indexOf('<', start);
  return { start, end: end === -1 ? text.length : end };
}
