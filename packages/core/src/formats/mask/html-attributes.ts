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
 *
 * An element whose naming attribute (`key`, `name`, `property`, `id`) holds a credential name
 * (as the key rules judge it) is that credential: its content (its text, or its first child's:
 * see `xml-elements`) is judged under that name, and the naming attribute's value is a key, not
 * a person's name (`<string name="api_key">…</string>`, `<entry key="db.password">…</entry>`).
 */
import { isNameChar, MAX_NAME } from './pair-names';
import { elementContent } from './xml-elements';

/** Longest start tag read (name and attributes). */
const MAX_TAG = 256;

/** The form controls, each with the attribute that holds its value. */
const CONTROL_VALUE: ReadonlyMap<string, string> = new Map([
  ['input', 'value'], ['select', 'value'], ['textarea', 'value'], ['button', 'value'], ['option', 'value'],
  ['param', 'value'], ['data', 'value'], ['output', 'value'], ['meta', 'content'],
]);

/** The controls HTML gives no content (the text after one is not its value). */
const VOID_CONTROLS: ReadonlySet<string> = new Set(['input', 'meta']);

/** Attributes whose values name or describe a control, never a person's data. */
const NAMING_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name', 'id', 'type', 'for', 'class', 'placeholder', 'autocomplete', 'method', 'action', 'role', 'style',
  'href', 'src', 'rel', 'target', 'lang', 'dir', 'title', 'alt', 'form', 'inputmode', 'pattern',
]);

/** Attributes that name an element as a key names its value (`<entry key="…">`, `<string name="…">`). */
const ELEMENT_NAMING_ATTRIBUTES: readonly string[] = ['key', 'name', 'property', 'id'];

/** What the pair masker learns of one attribute (or an element's content): its value's range and the name it is judged under. */
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
/** Most blanks read on either side of an attribute's `=`. */
const MAX_BLANKS_AROUND_EQ = 3;

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
    // its local name: `android:name` is `name` (`<meta-data android:name="…" android:value="…"/>`)
    const full = text.slice(start, i).toLowerCase();
    const name = full.slice(full.lastIndexOf(':') + 1);
    // blanks may stand around `=` (`name = "api_key"`)
    let eq = i;
    while (eq < limit && eq - i < MAX_BLANKS_AROUND_EQ && (text.charCodeAt(eq) === 32 || text.charCodeAt(eq) === 9)) eq++;
    if (text.charCodeAt(eq) !== 61) continue; // a boolean attribute (`required`, `disabled`)
    i = eq + 1;
    while (i < limit && i - eq <= MAX_BLANKS_AROUND_EQ && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const q = text.charCodeAt(i);
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

/** What the pair masker learns of one start tag. */
export interface StartTagValues {
  /** The index of the tag's `>`. */
  readonly gt: number;
  /** Where the pair masker's scan goes on: at the tag's `>` (the element's text is read from there), or at the end of the element's content when that is one of {@link values}. */
  readonly end: number;
  readonly values: AttributeValue[];
}

/** What a pair masker says of a name: true when it names a credential (`api_key`, `db.password`). */
export type IsCredentialName = (name: string) => boolean;

const NO_CREDENTIAL_NAME: IsCredentialName = () => false;

/**
 * The start tag whose `<` is at `lt`: the index of its `>` and the attribute values (and
 * element content) the pair masker judges (see the module comment), or `undefined` when no
 * start tag with `name="value"` attributes opens there. `isCredentialName` is the key rules'
 * word on a naming attribute's value.
 */
export function startTagValues(text: string, lt: number, isCredentialName: IsCredentialName = NO_CREDENTIAL_NAME): StartTagValues | undefined {
  const tag = readStartTag(text, lt);
  if (tag === undefined) return undefined;
  const valueOf = (name: string): string | undefined => {
    const a = tag.attributes.find((x) => x.name === name);
    return a === undefined ? undefined : text.slice(a.start, a.end);
  };
  const control = CONTROL_VALUE.has(tag.tag);
  const credential = credentialNaming(tag.attributes, text, isCredentialName);
  // a self-closing tag and a void control (`<input name="password">`) have no content
  const empty = text.charCodeAt(tag.gt - 1) === 47 || VOID_CONTROLS.has(tag.tag);
  const content = credential === undefined || empty ? undefined : elementContent(text, tag.gt, tag.tag.slice(tag.tag.lastIndexOf(':') + 1));
  const values = control ? controlValues(tag, valueOf) : namedValues(tag, valueOf, credential, content !== undefined);
  if (values === undefined) return undefined;
  if (content === undefined || credential === undefined) return { gt: tag.gt, end: tag.gt, values };
  values.push({ start: content.start, end: content.end, judgedAs: credential });
  return { gt: tag.gt, end: content.end, values };
}

/**
 * The credential name a naming attribute of the tag (`key`, `name`, `property`, `id`) gives
 * its element, or `undefined`.
 */
function credentialNaming(attributes: readonly Attribute[], text: string, isCredentialName: IsCredentialName): string | undefined {
  for (const a of attributes) {
    if (a.end === a.start || a.end - a.start > MAX_NAME || !ELEMENT_NAMING_ATTRIBUTES.includes(a.name)) continue;
    const name = text.slice(a.start, a.end);
    if (isCredentialName(name)) return name;
  }
  return undefined;
}

/** A form control's attribute values (see the module comment). */
function controlValues(tag: { tag: string; attributes: Attribute[] }, valueOf: (name: string) => string | undefined): AttributeValue[] {
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
  return values;
}

/**
 * Another tag's attributes when it names a value, as a `{ key, value }` object does
 * (`<add key="ApiKey" value="…"/>`, `<property name="password" value="…"/>`, `<entry key="…"
 * value="…"/>`), or its element's content (`named`; `credential`: the credential name a naming
 * attribute gives it): its `value` is judged under that name, its naming attributes are no values, any other attribute is
 * judged under its own name. `undefined` for any other tag: its attributes are pairs like any.
 */
function namedValues(
  tag: { attributes: Attribute[] },
  valueOf: (name: string) => string | undefined,
  credential: string | undefined,
  named: boolean,
): AttributeValue[] | undefined {
  const field = credential ?? valueOf('key') ?? valueOf('name');
  const valued = field !== undefined && field.length <= MAX_NAME && valueOf('value') !== undefined;
  if (!valued && !named) return undefined;
  const values: AttributeValue[] = [];
  for (const a of tag.attributes) {
    if (a.end === a.start || ELEMENT_NAMING_ATTRIBUTES.includes(a.name)) continue;
    if (a.name === 'value' && !valued) continue;
    values.push({ start: a.start, end: a.end, judgedAs: a.name === 'value' ? (field as string) : a.name });
  }
  return values;
}
