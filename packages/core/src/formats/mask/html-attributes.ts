/**
 * The attributes of an HTML form control's start tag in text (`input`, `select`, `textarea`,
 * `button`, `option`, `param`, `data`, `output`, and `meta` with its `content`), read as the
 * field they describe: the control's value is judged under the control's own name (its `name`,
 * else its `id`), as a `{ name, value }` object's `value` is, and is a password whatever its
 * name when the control's `type` is `password`. Attributes that name or describe the control
 * (`name`, `id`, `type`, `for`, `class`, …) are not values; any other is judged under its own
 * name (`data-token="…"`). Another tag with a `value` and a `key` or `name` names its value the
 * same way (`<add key="ApiKey" value="…"/>`); the attributes of other tags are pairs like any
 * (`<user name="…">`).
 */
import { isNameChar, MAX_NAME } from './pair-names';

/** Longest start tag read (name and attributes). */
const MAX_TAG = 256;

/** The form controls, each with the attribute that holds its value. */
const CONTROL_VALUE: ReadonlyMap<string, string> = new Map([
  ['input', 'value'], ['select', 'value'], ['textarea', 'value'], ['button', 'value'], ['option', 'value'],
  ['param', 'value'], ['data', 'value'], ['output', 'value'], ['meta', 'content'],
]);

/** Attributes whose values name or describe a control, never a person's data. */
const NAMING_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name', 'id', 'type', 'for', 'class', 'placeholder', 'autocomplete', 'method', 'action', 'role', 'style',
  'href', 'src', 'rel', 'target', 'lang', 'dir', 'title', 'alt', 'form', 'inputmode', 'pattern',
]);

/** What the pair masker learns of one attribute: its value's range and the name it is judged under. */
export interface AttributeValue {
  readonly start: number;
  readonly end: number;
  /** The name the value is judged under, or `password` for a password control's value. */
  readonly judgedAs: string;
}

interface Attribute {
  name: string;
  start: number;
  end: number;
}

function isAttributeNameChar(c: number): boolean {
  return isNameChar(c) || c === 58;
}

/** The index of the first `quote` in `text[from, limit)`, or -1. */
function closingQuoteBefore(text: string, from: number, limit: number, quote: number): number {
  for (let k = from; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (c === quote) return k;
    if (c === 60 || c === 62) return -1; // a tag mark inside a value: not a tag after all
  }
  return -1;
}

/**
 * Reads the start tag whose `<` is at `lt`: the index of its `>` and its `name="value"`
 * attributes (boolean ones, `required`, are passed over), or `undefined` when no start tag
 * with such attributes opens there. Reads at
 * most {@link MAX_TAG} characters, and stops at the first character no tag holds.
 */
function readStartTag(text: string, lt: number): { tag: string; gt: number; attributes: Attribute[] } | undefined {
  const limit = Math.min(text.length, lt + MAX_TAG);
  const first = text.charCodeAt(lt + 1);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return undefined;
  let i = lt + 1;
  while (i < limit && i - lt <= MAX_NAME && isAttributeNameChar(text.charCodeAt(i))) i++;
  const tag = text.slice(lt + 1, i).toLowerCase();
  const attributes: Attribute[] = [];
  for (;;) {
    const before = i;
    while (i < limit && text.charCodeAt(i) <= 32) i++;
    if (i >= limit) return undefined;
    const c = text.charCodeAt(i);
    if (c === 62 || (c === 47 && text.charCodeAt(i + 1) === 62)) return attributes.length > 0 ? { tag, gt: c === 62 ? i : i + 1, attributes } : undefined;
    if (i === before) return undefined; // an attribute needs a blank before it
    const start = i;
    while (i < limit && i - start <= MAX_NAME && isAttributeNameChar(text.charCodeAt(i))) i++;
    if (i === start) return undefined;
    if (text.charCodeAt(i) !== 61) continue; // a boolean attribute (`required`, `disabled`)
    const name = text.slice(start, i).toLowerCase();
    const q = text.charCodeAt(++i);
    if (q === 34 || q === 39) {
      const close = closingQuoteBefore(text, i + 1, limit, q);
      if (close === -1) return undefined;
      attributes.push({ name, start: i + 1, end: close });
      i = close + 1;
    } else {
      const valueStart = i;
      while (i < limit && text.charCodeAt(i) > 32 && text.charCodeAt(i) !== 62 && text.charCodeAt(i) !== 60 && text.charCodeAt(i) !== 34 && text.charCodeAt(i) !== 39) i++;
      if (i === valueStart) return undefined;
      attributes.push({ name, start: valueStart, end: i });
    }
  }
}

/**
 * The start tag whose `<` is at `lt`: the index of its `>` and the attribute values the pair
 * masker judges (see the module comment), or `undefined` when no start tag with `name="value"`
 * attributes opens there.
 */
export function startTagValues(text: string, lt: number): { gt: number; values: AttributeValue[] } | undefined {
  const tag = readStartTag(text, lt);
  if (tag === undefined) return undefined;
  const valueOf = (name: string): string | undefined => {
    const a = tag.attributes.find((x) => x.name === name);
    return a === undefined ? undefined : text.slice(a.start, a.end);
  };
  if (!CONTROL_VALUE.has(tag.tag)) return namedValue(tag, valueOf);
  const password = valueOf('type')?.toLowerCase() === 'password';
  const field = valueOf('name') ?? valueOf('id');
  const valueAttribute = CONTROL_VALUE.get(tag.tag);
  const values: AttributeValue[] = [];
  for (const a of tag.attributes) {
    if (a.end === a.start) continue;
    if (a.name === valueAttribute) {
      if (password) values.push({ start: a.start, end: a.end, judgedAs: 'password' });
      else if (field !== undefined && field.length <= MAX_NAME) values.push({ start: a.start, end: a.end, judgedAs: field });
    } else if (!NAMING_ATTRIBUTES.has(a.name)) values.push({ start: a.start, end: a.end, judgedAs: a.name });
  }
  return { gt: tag.gt, values };
}

/**
 * Another tag's attributes when it names a value, as a `{ key, value }` object does
 * (`<add key="ApiKey" value="…"/>`, `<property name="password" value="…"/>`, `<entry key="…"
 * value="…"/>`): its `value` is judged under that name, its `key` or `name` is no value, any
 * other attribute is judged under its own name. `undefined` for any other tag: its attributes
 * are pairs like any.
 */
function namedValue(
  tag: { gt: number; attributes: Attribute[] },
  valueOf: (name: string) => string | undefined,
): { gt: number; values: AttributeValue[] } | undefined {
  const field = valueOf('key') ?? valueOf('name');
  if (field === undefined || field.length > MAX_NAME || valueOf('value') === undefined) return undefined;
  const values: AttributeValue[] = [];
  for (const a of tag.attributes) {
    if (a.end === a.start || a.name === 'key' || a.name === 'name') continue;
    values.push({ start: a.start, end: a.end, judgedAs: a.name === 'value' ? field : a.name });
  }
  return { gt: tag.gt, values };
}

