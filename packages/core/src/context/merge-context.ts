/**
 * The merge rules of successive binds: non-null scalars override; `extra` and `labels`
 * deep-merge (a label's value is written as a string, an object as its JSON text: an object
 * bound under a key that held an object merges with it, and the text is the merged object's).
 * A later bind's label replaces an earlier one with the same safe key; two keys of one bind
 * that meet once made safe are both kept (`context/label-keys`).
 */
import type { LabelValue, LoggingContext, LoggingContextFields } from './logging-context-types';
import { deepMerge, isPlainObject, setOwn } from '../serialize/own-property';
import { labelValue } from '../fields';
import { safeLabelKeys } from './label-keys';
import { readableFields, type ReadState } from './readable-fields';

/** The context of a fresh scope. */
export const EMPTY_CONTEXT: LoggingContext = Object.freeze({
  extra: Object.freeze({}),
  labels: Object.freeze({}),
}) as LoggingContext;

type MutableContext = { -readonly [K in keyof LoggingContext]: LoggingContext[K] };

/**
 * A bound scalar: `null`/`undefined` keep `current`; strings (and for `userId` numbers) as
 * given; anything else as its string.
 */
function scalar<T>(current: T | undefined, value: unknown, numberAllowed: boolean, state: ReadState): T | string | number | undefined {
  if (value === null || value === undefined) return current;
  if (typeof value === 'string' || (numberAllowed && typeof value === 'number')) return value;
  try {
    return String(value);
  } catch {
    state.unreadable = true; // no string (a null-prototype object, a throwing toString): not bound
    return current;
  }
}

/**
 * The contexts a part of which could not be read when bound (or when a scope they build on was
 * bound): each line written in them counts as an `unreadable` degraded line.
 */
const unreadableContexts = new WeakSet<LoggingContext>();

/** True when a part of `context` could not be read when it was bound (see {@link mergeContext}). */
export function hasUnreadableParts(context: LoggingContext): boolean {
  return unreadableContexts.has(context);
}

/**
 * Returns a new context: `base` with `fields` bound on top. Neither input is modified;
 * `fields` is read once (see `readable-fields`), so a hostile value never throws from here.
 */
export function mergeContext(base: LoggingContext, given: LoggingContextFields): LoggingContext {
  const state: ReadState = { unreadable: false };
  const fields = readableFields(given, state);
  const out: MutableContext = { extra: base.extra, labels: base.labels };
  // one property name per statement (not a loop over names): the contexts built here share
  // their hidden classes, and each read and write is a plain property access
  const spanId = scalar(base.spanId, fields.spanId, false, state);
  if (spanId !== undefined) out.spanId = spanId as string;
  const userId = scalar(base.userId, fields.userId, true, state);
  if (userId !== undefined) out.userId = userId;
  const ip = scalar(base.ip, fields.ip, false, state);
  if (ip !== undefined) out.ip = ip as string;
  const sessionId = scalar(base.sessionId, fields.sessionId, false, state);
  if (sessionId !== undefined) out.sessionId = sessionId as string;
  const orn = scalar(base.orn, fields.orn, false, state);
  if (orn !== undefined) out.orn = orn as string;
  const pgCode = scalar(base.pgCode, fields.pgCode, false, state);
  if (pgCode !== undefined) out.pgCode = pgCode as string;
  const referenceNumber = scalar(base.referenceNumber, fields.referenceNumber, false, state);
  if (referenceNumber !== undefined) out.referenceNumber = referenceNumber as string;
  if (isPlainObject(fields.extra)) out.extra = freezePlain(deepMerge(base.extra, fields.extra), 0);
  if (isPlainObject(fields.labels)) out.labels = mergeLabels(base.labels, fields.labels);
  const context = Object.freeze(out);
  if (state.unreadable || unreadableContexts.has(base)) unreadableContexts.add(context);
  return context;
}

/**
 * Freezes `value` and the plain objects in it (the copies a bind made; arrays and instances
 * are the caller's and stay as they are). A context is immutable all the way down.
 */
function freezePlain<T extends Record<string, unknown>>(value: T, depth: number): T {
  if (depth < 32) {
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (isPlainObject(item) && !Object.isFrozen(item)) freezePlain(item, depth + 1);
    }
  }
  return Object.freeze(value);
}

/**
 * The objects behind object labels, by the labels record they belong to (as parsed back from
 * their JSON text, so nothing of the caller's is kept): what the next bind merges into.
 */
const labelObjects = new WeakMap<Readonly<Record<string, LabelValue>>, Record<string, Record<string, unknown>>>();

/** `text` parsed back when it is the JSON text of an object, else `undefined`. */
function objectOf(text: string): Record<string, unknown> | undefined {
  if (text.charCodeAt(0) !== 0x7b) return undefined; // '{'
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function mergeLabels(
  base: Readonly<Record<string, LabelValue>>,
  labels: Record<string, unknown>,
): Readonly<Record<string, LabelValue>> {
  const out: Record<string, LabelValue> = {};
  const bkeys = Object.keys(base);
  for (let i = 0; i < bkeys.length; i++) setOwn(out, bkeys[i], base[bkeys[i]]);
  const before = labelObjects.get(base);
  const objects: Record<string, Record<string, unknown>> = {};
  if (before !== undefined) for (const key of Object.keys(before)) setOwn(objects, key, before[key]);
  const keys = Object.keys(labels).filter((key) => {
    const raw = labels[key];
    return raw !== undefined && raw !== null && typeof raw !== 'function'; // dropped: they take no key
  });
  // two keys of one bind that meet once made safe are both kept (see label-keys)
  const safe = safeLabelKeys(keys);
  for (let i = 0; i < keys.length; i++) {
    const key = safe[i];
    const raw = labels[keys[i]];
    const previous = Object.prototype.hasOwnProperty.call(objects, key) ? objects[key] : undefined;
    const value = labelValue(isPlainObject(raw) && previous !== undefined ? deepMerge(previous, raw) : raw);
    if (value === undefined) continue;
    setOwn(out, key, value);
    const object = isPlainObject(raw) ? objectOf(value) : undefined;
    if (object !== undefined) setOwn(objects, key, object);
    else delete objects[key];
  }
  const frozen = Object.freeze(out);
  if (Object.keys(objects).length > 0) labelObjects.set(frozen, objects);
  return frozen;
}
