/**
 * XML and HTML elements in text, for the pair masker: an element's start tag names the text
 * after it, as a key names its value (`<password>x</password>`). The tag may carry a namespace
 * prefix and attributes (`<wsse:Password Type="PasswordText">x</wsse:Password>`: its local name
 * counts), and the text may be a CDATA section (`<![CDATA[x]]>`). An element named by an
 * attribute (`<string name="api_key">x</string>`, see `html-attributes`) holds the content
 * {@link elementContent} reads.
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

/** A part of the text: `[start, end)`. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** The first index from `from` on that is no blank (at most {@link MAX_TAG} blanks read). */
function afterBlanks(text: string, from: number): number {
  let k = from;
  while (k < text.length && k - from < MAX_TAG && text.charCodeAt(k) <= 32) k++;
  return k;
}

/** True when the end tag of the element whose local name is `local` (lowercase) starts at `lt` (`</string>`, `</ns:string >`). */
function isEndTagOf(text: string, lt: number, local: string): boolean {
  if (text.charCodeAt(lt + 1) !== 47) return false;
  let end = lt + 2;
  let start = end;
  while (end < text.length && end - lt <= MAX_NAME && (isNameChar(text.charCodeAt(end)) || text.charCodeAt(end) === 58)) {
    if (text.charCodeAt(end) === 58) start = end + 1;
    end++;
  }
  const after = text.charCodeAt(end);
  return (after === 62 || after <= 32) && text.slice(start, end).toLowerCase() === local;
}

/**
 * The text of the element `local` whose start tag ends at `gt`, trimmed: a CDATA section's
 * content, else the text up to its own end tag or to the end of the text (a line cut short);
 * `undefined` when it is blank or another tag ends it (`<input name="password">Forgot?</a>`:
 * the text is not the input's).
 */
function ownText(text: string, gt: number, local: string): TextSpan | undefined {
  const start = afterBlanks(text, gt + 1);
  if (text.startsWith('<![CDATA[', start)) {
    const close = text.indexOf(']]>', start + 9);
    return { start: start + 9, end: close === -1 ? text.length : close };
  }
  const lt = text.indexOf('<', start);
  if (lt !== -1 && !isEndTagOf(text, lt, local)) return undefined;
  let end = lt === -1 ? text.length : lt;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  return end > start ? { start, end } : undefined;
}

/**
 * The content of the element `local` (lowercase local name) whose start tag ends at `gt`, as
 * the value its naming attribute names: its own text (see {@link ownText}), or, when that is
 * blank, its first child element's (`<setting name="ApiToken"><value>x</value></setting>`);
 * `undefined` when it has none. Reads up to the next `<` after the tag (and the child's tag).
 */
export function elementContent(text: string, gt: number, local: string): TextSpan | undefined {
  return ownText(text, gt, local) ?? nextElementText(text, gt + 1);
}

/** The own text of the element whose start tag opens at the first non-blank from `from`; `undefined` when no start tag opens there. */
function nextElementText(text: string, from: number): TextSpan | undefined {
  const lt = afterBlanks(text, from);
  if (text.charCodeAt(lt) !== 60) return undefined;
  let gt = lt + 1;
  while (gt < text.length && gt - lt <= MAX_TAG && text.charCodeAt(gt) !== 62 && text.charCodeAt(gt) !== 60) gt++;
  if (text.charCodeAt(gt) !== 62) return undefined;
  const local = elementNameBefore(text, gt, lt);
  return local === undefined ? undefined : ownText(text, gt, local.toLowerCase());
}

/**
 * Elements whose text names the element after them: plist's `<key>`, Hadoop's `<name>`, a
 * servlet's `<param-name>`, and an HTML table's or definition list's label cell
 * (`<td>Password</td><td>x</td>`, `<dt>Password</dt><dd>x</dd>`, as welcome emails write them).
 */
const NAMING_ELEMENTS: ReadonlySet<string> = new Set(['key', 'name', 'param-name', 'property-name', 'setting-name', 'td', 'th', 'dt']);

/**
 * The text of the element that follows the naming element `local` whose start tag ends at
 * `gt`, when that one's own text is a credential name (`<key>password</key><string>x</string>`,
 * `<name>fs.s3a.secret.key</name><value>x</value>`); else `undefined`. Reads the naming
 * element's text, its end tag, and the next element's start tag and text.
 */
export function namedSiblingText(text: string, gt: number, local: string, isCredential: (name: string) => boolean): TextSpan | undefined {
  const lower = local.toLowerCase();
  if (!NAMING_ELEMENTS.has(lower)) return undefined;
  const named = ownText(text, gt, lower);
  if (named === undefined || named.end - named.start > MAX_NAME || !isCredential(text.slice(named.start, named.end))) return undefined;
  // past the naming element's end tag, the next element
  const endTag = text.indexOf('>', named.end);
  return endTag === -1 ? undefined : nextElementText(text, endTag + 1);
}
