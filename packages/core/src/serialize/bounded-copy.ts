/**
 * The object path of the sanitizing walk: turns any value a caller can log into a bounded
 * copy of plain JSON data (circular references, BigInt, Symbols, functions, throwing getters,
 * Buffers, Map/Set, Headers and other entry collections, Dates, Errors, class instances, huge
 * strings and deep nesting included).
 * Inputs are never modified.
 */
import { setOwn } from './own-property';
import { errorToEcs } from './error-fields';
import { cutString } from './cut-string';
import { safeFieldName } from './field-names';
import { boxedPrimitive, hasPlainPrototype, NOT_BOXED, readIndex, readProperty } from './hostile-reads';
import { isKnownClean } from './known-clean';
import { isSharedRecord, rememberCopy, rememberedWalk } from './shared-records';
import {
  CIRCULAR_MARKER,
  MORE_KEYS_KEY,
  moreItemsMarker,
  moreKeysMarker,
  TOJSON_THREW,
  tooDeepMarker,
  UNREADABLE_MARKER,
} from './markers';
import type { SanitizeHooks } from './sanitize-hooks';
import type { SanitizeLimits } from './sanitize-limits';
import { sanitizeReportTotal, type SanitizeReport } from './sanitize-report';
import { separateDottedPaths } from './separate-dotted-paths';
import { homogenize } from './value-kinds';
import { maskKeyOf, pairedItemState } from './paired-key';
import { distinctNames } from './distinct-names';
import { blobText, namedEntriesOf } from './entry-collections';

/** Objects and arrays together never nest deeper than this (arrays of arrays included). */
export const MAX_NESTING = 64;

/**
 * Copies values within {@link SanitizeLimits}, calling the {@link SanitizeHooks} on every
 * string, number and key; each cut is counted on `report`.
 */
export class BoundedCopy<S> {
  /** The objects and arrays that enclose the value being walked. */
  protected readonly ancestors: object[] = [];
  /** Keys written so far (the `maxFields` budget). */
  fields = 0;

  constructor(
    protected readonly limits: SanitizeLimits,
    protected readonly hooks: SanitizeHooks<S> | undefined,
    readonly report: SanitizeReport,
  ) {}

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
      case 'symbol':
        // its digits, or `Symbol(description)`: masked like any string
        return this.string(value.toString(), state);
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
    if (isKnownClean(value)) return value;
    if (Array.isArray(value)) return this.array(value, depth, state);
    if (value instanceof Date) {
      const time = value.getTime();
      if (Number.isNaN(time)) return null;
      const text = value.toISOString();
      return this.hooks && this.hooks.dateText ? this.hooks.dateText(text, state) : text;
    }
    if (this.ancestors.includes(value)) {
      this.report.circular++;
      return CIRCULAR_MARKER;
    }
    if (depth >= this.limits.maxDepth) {
      this.report.depthCuts++;
      return tooDeepMarker('Object', this.limits.maxDepth);
    }
    const hooks = this.hooks;
    if (hooks !== undefined && hooks.memoStamp !== undefined && isSharedRecord(value)) return this.sharedRecord(value, depth, state, hooks.memoStamp());
    const ancestors = this.ancestors;
    ancestors.push(value);
    try {
      return this.objectBody(value, depth, state);
    } finally {
      ancestors.pop();
    }
  }

  /**
   * A shared record (see `shared-records`): a copy of what its last walk made at the same
   * state and stamp, else walked (and what the walk made remembered, when it cut nothing and
   * the hooks' stamp held).
   */
  private sharedRecord(value: object, depth: number, state: S, stamp: object | undefined): Record<string, unknown> {
    const record = value as Record<string, unknown>;
    if (stamp === undefined) return this.record(record, depth, state);
    const remembered = rememberedWalk(value, stamp, state, this.fields, this.limits);
    if (remembered !== undefined) {
      this.fields += remembered.fields;
      return { ...remembered.copy };
    }
    const fieldsBefore = this.fields;
    const cutsBefore = sanitizeReportTotal(this.report);
    const out = this.record(record, depth, state);
    if (sanitizeReportTotal(this.report) === cutsBefore && this.hooks!.memoStamp!() === stamp) rememberCopy(value, stamp, state, out, this.fields - fieldsBefore);
    return out;
  }

  private objectBody(value: object, depth: number, state: S): unknown {
    if (hasPlainPrototype(value) && typeof readProperty(value, 'toJSON', this.report) !== 'function') {
      return this.record(value as Record<string, unknown>, depth, state);
    }
    if (value instanceof Error) return this.record(errorToEcs(value), depth, state);
    // `new String('jane@example.com')` is its text, masked (not one key per character)
    const primitive = boxedPrimitive(value);
    if (primitive !== NOT_BOXED) return this.value(primitive, depth, state);
    if (value instanceof Map) return this.entries(value, depth, state);
    if (value instanceof Set) return this.array(Array.from(value), depth, state);
    const named = namedEntriesOf(value);
    if (named !== undefined) return this.entries(named, depth, state);
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    const blob = blobText(value);
    if (blob !== undefined) return blob;
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) return `[${value.constructor.name}]`;
    if (value instanceof RegExp) return this.value(String(value), depth, state); // `/a+b/gi` (masked, cut), not `{}`
    const toJSON = readProperty(value, 'toJSON', this.report);
    if (typeof toJSON === 'function') {
      let json: unknown;
      try {
        json = (toJSON as () => unknown).call(value);
      } catch {
        this.report.getterErrors++;
        return TOJSON_THREW;
      }
      if (json !== value) return this.value(json, depth, state);
    }
    return this.record(value as Record<string, unknown>, depth, state);
  }

  /** The names `keys` are written under (see `distinct-names`): `keys` itself when every key keeps its name, as most do. */
  private fieldNames(keys: readonly string[], state: S): readonly string[] {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (this.fieldName(key, state) !== key) return distinctNames(keys, (k) => this.fieldName(k, state));
    }
    return keys;
  }

  /** The name `key` is written under, before names are made distinct. */
  private fieldName(key: string, state: S): string {
    const hooks = this.hooks;
    if (hooks === undefined) return safeFieldName(key);
    return hooks.fieldName !== undefined ? hooks.fieldName(key, state) : safeFieldName(hooks.key(key, state));
  }

  record(value: Record<string, unknown>, depth: number, state: S): Record<string, unknown> {
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      // its keys cannot be listed (an ownKeys trap threw): still an object, marked
      this.report.getterErrors++;
      return { [MORE_KEYS_KEY]: UNREADABLE_MARKER };
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
    const names = this.fieldNames(keys.length > n ? keys.slice(0, n) : keys, state);
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const raw = readProperty(value, key, this.report);
      const clean = this.value(raw, depth + 1, hooks ? hooks.child(state, maskKeyOf(value, key)) : state);
      if (clean === undefined) continue;
      const name = names[i];
      if (name.indexOf('.') !== -1) dotted = true;
      setOwn(out, name, clean);
    }
    if (keys.length > n) {
      this.report.keyCuts++;
      out[MORE_KEYS_KEY] = moreKeysMarker(keys.length - n);
    }
    return dotted ? separateDottedPaths(out) : out;
  }

  /** A Map key that is not a string, as text: a primitive's own text, an object's JSON (its bounded copy). */
  private keyText(key: unknown, depth: number, state: S): string {
    if (typeof key !== 'object' || key === null) return String(this.value(key, depth + 1, state));
    const copied = this.value(key, depth + 1, state);
    return typeof copied === 'string' ? copied : JSON.stringify(copied) ?? 'null';
  }

  /**
   * An object of the entries of a Map or a built-in entry collection: a key is its string; a
   * key given more than once (`a=1&a=2`, two `Set-Cookie` headers) keeps every value, as an array.
   */
  entries(entries: Iterable<readonly [unknown, unknown]>, depth: number, state: S): Record<string, unknown> {
    const byName = new Map<string, unknown[]>();
    const maxKeys = this.limits.maxKeys;
    let more = 0;
    let seen = 0;
    for (const [k, v] of entries) {
      seen++;
      if (byName.size >= maxKeys && entries instanceof Map) {
        // a Map's keys are distinct: the rest are counted, never read (a huge Map costs its cap)
        more += entries.size - seen + 1;
        break;
      }
      const key = typeof k === 'string' ? k : this.keyText(k, depth, state);
      const values = byName.get(key);
      if (values !== undefined) values.push(v);
      else if (byName.size < maxKeys) byName.set(key, [v]);
      else more++;
    }
    const out: Record<string, unknown> = {};
    const keys = [...byName.keys()];
    const names = this.fieldNames(keys, state);
    for (let i = 0; i < keys.length; i++) {
      const values = byName.get(keys[i]) as unknown[];
      const clean = this.value(values.length === 1 ? values[0] : values, depth + 1, this.hooks ? this.hooks.child(state, keys[i]) : state);
      if (clean !== undefined) setOwn(out, names[i], clean);
    }
    if (more > 0) {
      this.report.keyCuts++;
      out[MORE_KEYS_KEY] = moreKeysMarker(more);
    }
    return out;
  }

  array(value: readonly unknown[], depth: number, state: S): unknown[] | string {
    if (this.ancestors.includes(value)) {
      this.report.circular++;
      return [CIRCULAR_MARKER];
    }
    if (this.ancestors.length >= MAX_NESTING) {
      this.report.depthCuts++;
      return tooDeepMarker('Array', MAX_NESTING);
    }
    this.ancestors.push(value);
    try {
      const n = Math.min(value.length, this.limits.maxArrayItems);
      const out: unknown[] = new Array(n);
      const itemState = this.hooks ? this.hooks.child(state, undefined) : state;
      let previous: unknown;
      for (let i = 0; i < n; i++) {
        const item = readIndex(value, i, this.report);
        const clean = this.value(item, depth, pairedItemState(this.hooks, itemState, n, i, previous, item));
        out[i] = clean === undefined ? null : clean;
        previous = item;
      }
      if (value.length > n) {
        this.report.arrayCuts++;
        out.push(moreItemsMarker(value.length - n));
      }
      return homogenize(out, this.hooks, itemState);
    } finally {
      this.ancestors.pop();
    }
  }
}

