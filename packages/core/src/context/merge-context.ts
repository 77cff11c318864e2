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

const SCALAR_FIELDS = ['spanId', 'userId', 'ip', 'sessionId', 'orn', 'pgCode', 'referenceNumber'] as const;

/** Returns a new context: `base` with `fields` bound on top. Neither input is modified. */
export function mergeContext(base: LoggingContext, fields: LoggingContextFields): LoggingContext {
  const out: { -readonly [K in keyof LoggingContext]: LoggingContext[K] } = {
    extra: base.extra,
    labels: base.labels,
  };
  for (const name of SCALAR_FIELDS) {
    const current = base[name];
    if (current !== undefined) (out as Record<string, unknown>)[name] = current;
  }
  for (const name of SCALAR_FIELDS) {
    const value = fields[name];
    if (value === null || value === undefined) continue;
    if (name === 'userId' ? typeof value === 'string' || typeof value === 'number' : typeof value === 'string') {
      (out as Record<string, unknown>)[name] = value;
    } else {
      (out as Record<string, unknown>)[name] = String(value);
    }
  }
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
