/**
 * The merge rules of successive binds: non-null scalars override, `extra` deep-merges,
 * `labels` merge with non-scalar values coerced to strings.
 */
import type { LabelValue, LoggingContext, LoggingContextFields } from './logging-context-types';
import { deepMerge, isPlainObject, setOwn } from '../serialize/own-property';
import { labelValue, sanitizeLabelKey } from '../fields';

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
function scalar<T>(current: T | undefined, value: unknown, numberAllowed: boolean): T | string | number | undefined {
  if (value === null || value === undefined) return current;
  if (typeof value === 'string' || (numberAllowed && typeof value === 'number')) return value;
  return String(value);
}

/** Returns a new context: `base` with `fields` bound on top. Neither input is modified. */
export function mergeContext(base: LoggingContext, fields: LoggingContextFields): LoggingContext {
  const out: MutableContext = { extra: base.extra, labels: base.labels };
  // one property name per statement (not a loop over names): the contexts built here share
  // their hidden classes, and each read and write is a plain property access
  const spanId = scalar(base.spanId, fields.spanId, false);
  if (spanId !== undefined) out.spanId = spanId as string;
  const userId = scalar(base.userId, fields.userId, true);
  if (userId !== undefined) out.userId = userId;
  const ip = scalar(base.ip, fields.ip, false);
  if (ip !== undefined) out.ip = ip as string;
  const sessionId = scalar(base.sessionId, fields.sessionId, false);
  if (sessionId !== undefined) out.sessionId = sessionId as string;
  const orn = scalar(base.orn, fields.orn, false);
  if (orn !== undefined) out.orn = orn as string;
  const pgCode = scalar(base.pgCode, fields.pgCode, false);
  if (pgCode !== undefined) out.pgCode = pgCode as string;
  const referenceNumber = scalar(base.referenceNumber, fields.referenceNumber, false);
  if (referenceNumber !== undefined) out.referenceNumber = referenceNumber as string;
  if (isPlainObject(fields.extra)) out.extra = freezePlain(deepMerge(base.extra, fields.extra), 0);
  if (isPlainObject(fields.labels)) out.labels = Object.freeze(mergeLabels(base.labels, fields.labels));
  return Object.freeze(out);
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

function mergeLabels(
  base: Readonly<Record<string, LabelValue>>,
  labels: Record<string, unknown>,
): Record<string, LabelValue> {
  const out: Record<string, LabelValue> = {};
  const bkeys = Object.keys(base);
  for (let i = 0; i < bkeys.length; i++) setOwn(out, bkeys[i], base[bkeys[i]]);
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const value = labelValue(labels[keys[i]]);
    if (value !== undefined) setOwn(out, sanitizeLabelKey(keys[i]), value);
  }
  return out;
}
