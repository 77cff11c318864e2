/**
 * Turns any value a caller can log into plain JSON data in one pass, so that rendering is a
 * single native `JSON.stringify` that cannot throw: circular references, BigInt, Symbols,
 * functions, throwing getters, Buffers, Map/Set, Dates, Errors, class instances, huge
 * strings and deep nesting all come out as valid, bounded JSON. Inputs are never modified.
 *
 * The PII mask runs inside this same walk through {@link SanitizeHooks}, so a line is
 * walked once.
 */
import { setOwn } from './own-property';
import { errorToEcs } from './error-fields';
import { quoteJson } from './json-text';
import { alignRecord, alignValue, convertLeaf, type TypeNode, type TypeNodes } from './ecs-leaf-types';

/** Caps applied while sanitizing; each cut leaves a visible marker. */
export interface SanitizeLimits {
  /** Object nesting below the root (arrays do not count, as in Elasticsearch). Deeper objects become a marker string. */
  maxDepth: number;
  /** Longer strings are cut and end with `…[truncated N chars]`. */
  maxStringLength: number;
  /** Keys kept per object; the rest are counted in a `…` key. */
  maxKeys: number;
  /** Items kept per array; a final marker string counts the rest. */
  maxArrayItems: number;
  /**
   * Keys written per line in all; past it, objects keep a `…` marker key. Elasticsearch maps
   * every new key for good, and the ECS template leaves ~870 of its 2 000 fields for custom ones.
   */
  maxFields: number;
  /** Bytes per rendered line; a longer line is shrunk (strings first, then the largest fields). */
  maxLineBytes: number;
}

/**
 * Defaults that keep a line indexable by a stock ECS template: Elasticsearch rejects
 * documents nested deeper than 20 objects (`index.mapping.depth.limit`).
 */
export const DEFAULT_SANITIZE_LIMITS: Readonly<SanitizeLimits> = Object.freeze({
  maxDepth: 16,
  maxStringLength: 8_192,
  maxKeys: 200,
  maxArrayItems: 200,
  maxFields: 500,
  // Docker's json-file driver splits lines at 16 KiB; one byte is the newline
  maxLineBytes: 16_383,
});

/**
 * Per-string hooks (the PII mask). `state` is the hook's own view of where the walk is;
 * `child` derives it for a key (`undefined` for array items), `string` rewrites a leaf.
 */
export interface SanitizeHooks<S> {
  child(state: S, key: string | undefined): S;
  string(value: string, state: S): string;
  /** Optional: rewrites a finite number (a phone number logged as a number, for example). */
  number?(value: number, state: S): unknown;
  /** Rewrites an object key (an email used as a key, for example); the object path calls it. */
  key(key: string, state: S): string;
  /**
   * `"key":` (see {@link fieldNamePrefix}) when `key` would keep its name (`key` returns it
   * unchanged), else `undefined`; the text path calls it. The hooks may answer from what they
   * already know of the key.
   */
  keyText(key: string, state: S): string | undefined;
  /**
   * Optional: a string `string` returned that the hooks know needs no JSON escape; the
   * writer then quotes it without scanning it again.
   */
  readonly plain?: string | undefined;
}

/** Counts of the cuts made by a walk (for diagnostics). */
export interface SanitizeReport {
  truncatedStrings: number;
  fieldCuts: number;
  depthCuts: number;
  keyCuts: number;
  arrayCuts: number;
  circular: number;
  getterErrors: number;
}

const KNOWN_CLEAN = new WeakSet<object>();
/** JSON text of known-clean objects, made once each. */
const CLEAN_TEXT = new WeakMap<object, string>();

/**
 * Marks a frozen object the library built from plain strings (service metadata, ids): the
 * walk keeps it as it is instead of copying it line after line.
 */
export function markClean<T extends object>(value: T): T {
  Object.freeze(value);
  KNOWN_CLEAN.add(value);
  return value;
}

/** Objects and arrays together never nest deeper than this (arrays of arrays included). */
const MAX_NESTING = 64;

/**
 * Thrown by the text path (`SanitizeWalker.write*`) where a cap would cut something (keys,
 * items, fields): the caller walks that value the object way instead.
 */
export const CAP_REACHED: unique symbol = Symbol('ecsctx.cap-reached') as never;

/** What {@link SanitizeWalker.writeValue} wrote nothing for (`undefined`, a function). */
export const WROTE_NOTHING = -1;

/**
 * The walk behind {@link sanitizeRecord}, which can also write its result straight as JSON
 * text (`writeValue`): the same data `JSON.stringify(sanitized)` would give, with ECS leaf
 * types aligned, without building the sanitized copy. Used by the preset's line writer;
 * `fields` and `text` are reset by the caller for each line.
 */
export class SanitizeWalker<S> {
  private readonly ancestors: object[] = [];
  /** Keys written so far (the `maxFields` budget). */
  fields = 0;
  /** JSON written so far by the `write*` methods. */
  text = '';

  /** Counts `value` as an enclosing object of what is written next (see `leaveObject`). */
  enterObject(value: object): void {
    this.ancestors.push(value);
  }

  /** Ends {@link enterObject}. */
  leaveObject(): void {
    this.ancestors.pop();
  }

  constructor(
    private readonly limits: SanitizeLimits,
    private readonly hooks: SanitizeHooks<S> | undefined,
    readonly report: SanitizeReport,
  ) {}

  /**
   * Appends the JSON of `value` sanitized at `depth` (as `value()` makes it), with the ECS
   * leaf types of `node` applied as {@link alignValue} would. Returns the Elasticsearch kind
   * of what it wrote (arrays: their items' kinds), or {@link WROTE_NOTHING}.
   */
  writeValue(value: unknown, depth: number, state: S, node: TypeNode | undefined): number {
    switch (typeof value) {
      case 'string': {
        const clean = this.string(value, state);
        if (node !== undefined && node.type !== undefined) {
          const converted = convertLeaf(node.type, clean);
          if (converted !== clean) return this.writeScalar(converted);
        }
        const hooks = this.hooks;
        this.text += hooks !== undefined && clean === hooks.plain ? '"' + clean + '"' : quoteJson(clean);
        return Kind.String;
      }
      case 'number': {
        let clean: unknown = value;
        if (!Number.isFinite(value)) clean = null;
        else if (this.hooks && this.hooks.number) clean = this.hooks.number(value, state);
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, clean) : clean);
      }
      case 'boolean':
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, value) : value);
      case 'bigint':
      case 'symbol': {
        // a BigInt is written as its digits: masked like any string (a `pin`, a phone number)
        const text = typeof value === 'bigint' ? this.string(value.toString(), state) : value.toString();
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, text) : text);
      }
      case 'undefined':
      case 'function':
        return WROTE_NOTHING;
      default:
        if (value === null) return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, null) : null);
        return this.writeObject(value as object, depth, state, node);
    }
  }

  /**
   * Appends `{…}` for the plain object `value` (its toJSON checked by the caller).
   *
   * The keys come from `for…in` with an own-property check rather than `Object.keys`: V8 then
   * reads them from the object's enum cache and loads each value by its index, with no keys
   * array per object (callgrind, a typical line through the whole logger: ~139 k → 130–136 k
   * instructions). The caps are counted key by key; a line over one is rendered the object
   * way either way. An object whose keys cannot be listed (a proxy's trap throws) takes the
   * object path.
   */
  writeRecord(value: Record<string, unknown>, depth: number, state: S, children: TypeNodes | undefined): number {
    const limits = this.limits;
    const start = this.text.length;
    const fieldsBefore = this.fields;
    const hooks = this.hooks;
    let rewritten = false;
    let count = 0;
    this.ancestors.push(value);
    try {
      try {
        this.text += '{';
        let first = true;
        for (const key in value) {
          if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
          if (++count > limits.maxKeys || ++this.fields > limits.maxFields) throw CAP_REACHED;
          const raw = readProperty(value, key, this.report);
          if (raw === undefined || typeof raw === 'function') continue;
          const prefix = hooks === undefined ? keyPrefix(key) : hooks.keyText(key, state);
          if (prefix === undefined) {
            // a rewritten key can meet another key of the same object: the object path decides
            rewritten = true;
            break;
          }
          const mark = this.text.length;
          this.text += first ? prefix : ',' + prefix;
          const kind = this.writeValue(raw, depth + 1, hooks ? hooks.child(state, key) : state, children !== undefined ? children[key] : undefined);
          if (kind === WROTE_NOTHING) this.text = this.text.slice(0, mark);
          else first = false;
        }
      } catch (error) {
        if (error === CAP_REACHED) throw error;
        // the keys could not be listed or checked (a proxy's trap threw): the object path
        rewritten = true;
      }
      if (rewritten) {
        this.text = this.text.slice(0, start);
        this.fields = fieldsBefore;
        const record = this.record(value, depth, state);
        if (children !== undefined) alignRecord(record, children);
        this.text += JSON.stringify(record);
      } else this.text += '}';
    } finally {
      this.ancestors.pop();
    }
    return Kind.Object;
  }

  private writeScalar(value: unknown): number {
    switch (typeof value) {
      case 'string':
        this.text += quoteJson(value);
        return Kind.String;
      case 'number':
        if (!Number.isFinite(value)) {
          this.text += 'null';
          return Kind.None;
        }
        this.text += String(value);
        return Number.isInteger(value) ? Kind.Integer : Kind.Fraction;
      case 'boolean':
        this.text += value ? 'true' : 'false';
        return Kind.Boolean;
      default:
        this.text += 'null';
        return Kind.None;
    }
  }

  private writeObject(value: object, depth: number, state: S, node: TypeNode | undefined): number {
    if (Object.isFrozen(value) && KNOWN_CLEAN.has(value)) {
      let text = CLEAN_TEXT.get(value);
      if (text === undefined) {
        text = JSON.stringify(value);
        CLEAN_TEXT.set(value, text);
      }
      this.text += text;
      return Array.isArray(value) ? kindsOf(value) : Kind.Object;
    }
    if (Array.isArray(value)) {
      // arrays of ECS leaves: their kinds count before the leaf conversion, as in the object path
      if (node !== undefined && node.type !== undefined) return this.writeSanitized(this.value(value, depth, state), node);
      return this.writeArray(value, depth, state);
    }
    if (depth < this.limits.maxDepth && isPlain(value) && !this.ancestors.includes(value) && !hasToJson(value)) {
      return this.writeRecord(value as Record<string, unknown>, depth, state, node === undefined ? undefined : node.children);
    }
    // Dates, Errors, Maps, class instances, toJSON, markers: the object path, then its JSON
    return this.writeSanitized(this.value(value, depth, state), node);
  }

  private writeSanitized(clean: unknown, node: TypeNode | undefined): number {
    if (clean === undefined) return WROTE_NOTHING;
    const aligned = node !== undefined ? alignValue(clean, node) : clean;
    this.text += JSON.stringify(aligned);
    return kindOf(aligned);
  }

  private writeArray(value: readonly unknown[], depth: number, state: S): number {
    const ancestors = this.ancestors;
    if (ancestors.includes(value) || ancestors.length >= MAX_NESTING) return this.writeSanitized(this.array(value, depth, state), undefined);
    const n = value.length;
    if (n > this.limits.maxArrayItems) throw CAP_REACHED;
    const start = this.text.length;
    const fieldsBefore = this.fields;
    let kinds = 0;
    ancestors.push(value);
    try {
      this.text += '[';
      const itemState = this.hooks ? this.hooks.child(state, undefined) : state;
      for (let i = 0; i < n; i++) {
        if (i > 0) this.text += ',';
        const kind = this.writeValue(readIndex(value, i, this.report), depth, itemState, undefined);
        if (kind === WROTE_NOTHING) this.text += 'null';
        else kinds |= kind;
      }
      this.text += ']';
    } finally {
      ancestors.pop();
    }
    if ((kinds & (kinds - 1)) === 0) return kinds;
    // items of mixed kinds: the object path writes them all as strings
    this.text = this.text.slice(0, start);
    this.fields = fieldsBefore;
    return this.writeSanitized(this.array(value, depth, state), undefined);
  }

  value(value: unknown, depth: number, state: S): unknown {
    switch (typeof value) {
      case 'string':
        return this.string(value, state);
      case 'number':
        if (!Number.isFinite(value)) return null;
        return this.hooks && this.hooks.number ? this.hooks.number(value, state) : value;
      case 'boolean':
        return value;
      case 'bigint':
        return this.string(value.toString(), state);
      case 'symbol':
        return value.toString();
      case 'undefined':
      case 'function':
        return undefined;
      default:
        if (value === null) return null;
        return this.object(value as object, depth, state);
    }
  }

  string(value: string, state: S): string {
    const max = this.limits.maxStringLength;
    // mask first, cut after: a cut through an email would leave part of it readable
    const out = this.hooks ? this.hooks.string(value, state) : value;
    if (out.length <= max) return out;
    this.report.truncatedStrings++;
    return cutString(out, max);
  }

  object(value: object, depth: number, state: S): unknown {
    try {
      return this.objectOrThrow(value, depth, state);
    } catch {
      // a revoked Proxy, a trap that throws on isArray/getPrototypeOf/instanceof
      this.report.getterErrors++;
      return UNREADABLE_MARKER;
    }
  }

  private objectOrThrow(value: object, depth: number, state: S): unknown {
    if (KNOWN_CLEAN.has(value)) return value;
    if (Array.isArray(value)) return this.array(value, depth, state);
    if (value instanceof Date) {
      const time = value.getTime();
      return Number.isNaN(time) ? null : value.toISOString();
    }
    if (this.ancestors.includes(value)) {
      this.report.circular++;
      return '[Circular]';
    }
    if (depth >= this.limits.maxDepth) {
      this.report.depthCuts++;
      return `[Object: nested deeper than ${this.limits.maxDepth}]`;
    }
    const ancestors = this.ancestors;
    ancestors.push(value);
    try {
      return this.objectBody(value, depth, state);
    } finally {
      ancestors.pop();
    }
  }

  private objectBody(value: object, depth: number, state: S): unknown {
    if (isPlain(value) && typeof readProperty(value, 'toJSON', this.report) !== 'function') {
      return this.record(value as Record<string, unknown>, depth, state);
    }
    if (value instanceof Error) return this.record(errorToEcs(value), depth, state);
    if (value instanceof Map) return this.map(value, depth, state);
    if (value instanceof Set) return this.array(Array.from(value), depth, state);
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) return `[${value.constructor.name}]`;
    const toJSON = readProperty(value, 'toJSON', this.report);
    if (typeof toJSON === 'function') {
      let json: unknown;
      try {
        json = (toJSON as () => unknown).call(value);
      } catch {
        this.report.getterErrors++;
        return '[toJSON threw]';
      }
      if (json !== value) return this.value(json, depth, state);
    }
    return this.record(value as Record<string, unknown>, depth, state);
  }

  record(value: Record<string, unknown>, depth: number, state: S): Record<string, unknown> {
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      this.report.getterErrors++;
      return {};
    }
    const out: Record<string, unknown> = {};
    let n = Math.min(keys.length, this.limits.maxKeys);
    const budget = this.limits.maxFields - this.fields;
    if (n > budget) {
      n = budget > 0 ? budget : 0;
      this.report.fieldCuts++;
    }
    this.fields += n;
    const hooks = this.hooks;
    let dotted = false;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const raw = readProperty(value, key, this.report);
      const clean = this.value(raw, depth + 1, hooks ? hooks.child(state, key) : state);
      if (clean === undefined) continue;
      const name = safeFieldName(hooks ? hooks.key(key, state) : key);
      if (name.indexOf('.') !== -1) dotted = true;
      setOwn(out, name, clean);
    }
    if (keys.length > n) {
      this.report.keyCuts++;
      out['…'] = `[${keys.length - n} more keys]`;
    }
    return dotted ? separateDottedPaths(out) : out;
  }

  map(value: Map<unknown, unknown>, depth: number, state: S): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let count = 0;
    for (const [k, v] of value) {
      if (count >= this.limits.maxKeys) {
        this.report.keyCuts++;
        out['…'] = `[${value.size - count} more keys]`;
        break;
      }
      const key = typeof k === 'string' ? k : String(this.value(k, this.limits.maxDepth, state));
      const clean = this.value(v, depth + 1, this.hooks ? this.hooks.child(state, key) : state);
      if (clean !== undefined) setOwn(out, safeFieldName(this.hooks ? this.hooks.key(key, state) : key), clean);
      count++;
    }
    return out;
  }

  array(value: readonly unknown[], depth: number, state: S): unknown[] | string {
    if (this.ancestors.includes(value)) {
      this.report.circular++;
      return ['[Circular]'];
    }
    if (this.ancestors.length >= MAX_NESTING) {
      this.report.depthCuts++;
      return `[Array: nested deeper than ${MAX_NESTING}]`;
    }
    this.ancestors.push(value);
    try {
      const n = Math.min(value.length, this.limits.maxArrayItems);
      const out: unknown[] = new Array(n);
      const itemState = this.hooks ? this.hooks.child(state, undefined) : state;
      for (let i = 0; i < n; i++) {
        const clean = this.value(readIndex(value, i, this.report), depth, itemState);
        out[i] = clean === undefined ? null : clean;
      }
      if (value.length > n) {
        this.report.arrayCuts++;
        out.push(`[${value.length - n} more items]`);
      }
      return homogenize(out);
    } finally {
      this.ancestors.pop();
    }
  }
}

/** The Elasticsearch kind of a value: arrays are flattened, so their items' kinds count. */
const enum Kind {
  None = 0,
  String = 1,
  Integer = 2,
  Fraction = 4,
  Boolean = 8,
  Object = 16,
}

/** The kind of one sanitized value (arrays: their items' kinds). */
function kindOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return Kind.String;
    case 'number':
      return Number.isInteger(value) ? Kind.Integer : Kind.Fraction;
    case 'boolean':
      return Kind.Boolean;
    default:
      if (value === null) return Kind.None;
      return Array.isArray(value) ? kindsOf(value) : Kind.Object;
  }
}

function kindsOf(items: readonly unknown[]): number {
  let kinds = 0;
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    switch (typeof v) {
      case 'string':
        kinds |= Kind.String;
        break;
      case 'number':
        kinds |= Number.isInteger(v) ? Kind.Integer : Kind.Fraction;
        break;
      case 'boolean':
        kinds |= Kind.Boolean;
        break;
      default:
        if (Array.isArray(v)) kinds |= kindsOf(v);
        else if (v !== null) kinds |= Kind.Object;
    }
  }
  return kinds;
}

/**
 * Elasticsearch maps a field from the first value it sees, array items included: `[1, "a"]`
 * or `[{...}, "a"]` gets the document rejected. An array whose items are of mixed kinds is
 * written as an array of strings (non-strings as their JSON text).
 */
function homogenize(items: unknown[]): unknown[] {
  const kinds = kindsOf(items);
  if (kinds === Kind.None || (kinds & (kinds - 1)) === 0) return items;
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (typeof v !== 'string' && v !== null) items[i] = JSON.stringify(v);
  }
  return items;
}

/**
 * Elasticsearch expands a dotted key into objects, so `{ a: 1, 'a.b': 2 }` asks one field to
 * be a value and an object. Both are kept: a dotted key whose path starts with another key
 * of the same object (`a`, or `a.b` for `a.b.c`) is written with its dots as `_` (`a_b`).
 */
function separateDottedPaths(record: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(record);
  const names = new Set(keys);
  let clash = false;
  for (let i = 0; i < keys.length && !clash; i++) clash = hasPrefixKey(keys[i], names);
  if (!clash) return record;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const name = hasPrefixKey(key, names) ? key.replace(/\./g, '_') : key;
    // the rewritten name can be a key of its own: the later value is kept as its own key
    setOwn(out, Object.prototype.hasOwnProperty.call(out, name) || (name !== key && names.has(name)) ? name + '_' + i : name, record[key]);
  }
  return out;
}

function hasPrefixKey(key: string, names: ReadonlySet<string>): boolean {
  for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
    if (names.has(key.slice(0, dot))) return true;
  }
  return false;
}

/** True when a part of a dotted key is whitespace only (`"a. "`): Elasticsearch rejects it. */
function hasBlankPart(key: string): boolean {
  if (key.indexOf('.') === -1) return false;
  const parts = key.split('.');
  for (let i = 0; i < parts.length; i++) if (parts[i].trim() === '') return true;
  return false;
}

/**
 * A key Elasticsearch accepts as a field name: not empty or blank, no leading or trailing
 * dot, no `..`, no blank part between dots (dots inside a key are expanded into objects). Other keys are rewritten:
 * dots become `_`, an empty or blank key becomes `_`.
 */
export function safeFieldName(key: string): string {
  const n = key.length;
  if (n > 0 && key.charCodeAt(0) !== 46 && key.charCodeAt(n - 1) !== 46 && key.charCodeAt(0) > 32 && key.indexOf('..') === -1 && !hasBlankPart(key)) return key;
  if (key.trim() === '') return '_';
  return key.indexOf('.') === -1 ? key : key.replace(/\./g, '_');
}

const TOKEN_AT_START = /^(?:p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*|\[PII_REDACTED\])/;
/** Longest token the mask writes, with room to spare (`ptok:v1:` + 43 characters). */
const MAX_TOKEN_LENGTH = 64;

/** Cuts `text` to `max` characters with a marker; never through the middle of a token. */
function cutString(text: string, max: number): string {
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
  return text.slice(0, end) + `…[truncated ${text.length - end} chars]`;
}

/** `"key":` of keys Elasticsearch takes as they are, made once per key (bounded). */
const KEY_PREFIXES = new Map<string, string>();
const MAX_KEY_PREFIXES = 4096;

/** `"key":` (the key's JSON text and a colon) when `key` needs no rewriting (see {@link safeFieldName}), else `undefined`. */
export function fieldNamePrefix(key: string): string | undefined {
  return safeFieldName(key) === key ? quoteJson(key) + ':' : undefined;
}

/** {@link fieldNamePrefix}, kept per key (bounded). */
function keyPrefix(key: string): string | undefined {
  let prefix = KEY_PREFIXES.get(key);
  if (prefix === undefined) {
    prefix = fieldNamePrefix(key);
    if (prefix === undefined) return undefined;
    if (KEY_PREFIXES.size < MAX_KEY_PREFIXES) KEY_PREFIXES.set(key, prefix);
  }
  return prefix;
}

/** A toJSON the object path would call (a throwing getter counts: the object path decides). */
export function hasToJson(value: object): boolean {
  try {
    return typeof (value as { toJSON?: unknown }).toJSON === 'function';
  } catch {
    return true;
  }
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What is written for an object that could not be read at all (a revoked Proxy, a throwing trap). */
const UNREADABLE_MARKER = '[unreadable]';

function readProperty(obj: object, key: string, report: SanitizeReport): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    report.getterErrors++;
    return '[getter threw]';
  }
}

function readIndex(arr: readonly unknown[], i: number, report: SanitizeReport): unknown {
  try {
    return arr[i];
  } catch {
    report.getterErrors++;
    return '[getter threw]';
  }
}

/** A fresh report with every count at zero. */
export function newSanitizeReport(): SanitizeReport {
  return { truncatedStrings: 0, fieldCuts: 0, depthCuts: 0, keyCuts: 0, arrayCuts: 0, circular: 0, getterErrors: 0 };
}

/** Sets every count of `report` back to zero (a report reused walk after walk). */
export function resetSanitizeReport(report: SanitizeReport): void {
  report.truncatedStrings = 0;
  report.fieldCuts = 0;
  report.depthCuts = 0;
  report.keyCuts = 0;
  report.arrayCuts = 0;
  report.circular = 0;
  report.getterErrors = 0;
}

/**
 * Sanitizes the own enumerable fields of `record` (depth counts from 1 for its children)
 * into a new plain object. Never throws.
 */
export function sanitizeRecord<S>(
  record: Record<string, unknown>,
  limits: SanitizeLimits,
  report: SanitizeReport,
  hooks?: SanitizeHooks<S>,
  state?: S,
): Record<string, unknown> {
  return new SanitizeWalker<S>(limits, hooks, report).record(record, 0, state as S);
}

/** Sanitizes one value (a message, for example). Never throws. */
export function sanitizeValue<S>(
  value: unknown,
  limits: SanitizeLimits,
  report: SanitizeReport,
  hooks?: SanitizeHooks<S>,
  state?: S,
): unknown {
  return new SanitizeWalker<S>(limits, hooks, report).value(value, 0, state as S);
}
