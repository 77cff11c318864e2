/**
 * Frozen flat records the library built once and puts on many lines (a scope's `user`,
 * `client`, `trace`, `labels`…): the walk remembers what it made of one, and gives the next
 * line a copy of that instead of walking it again, while nothing it depended on has changed.
 */
import { types } from 'node:util';
import type { SanitizeLimits } from './sanitize-limits';

const { isProxy } = types;

/** What one walk of a shared record made, and what it depended on. */
export interface RememberedCopy {
  /** The hooks' stamp (their rules and keyset) when it was made. */
  readonly stamp: object;
  /** The hooks' state the record was walked at. */
  readonly state: unknown;
  /** The copy, never handed out itself (lines get their own, which later steps may change). */
  readonly copy: Readonly<Record<string, unknown>>;
  /** Keys it counted against `maxFields`. */
  readonly fields: number;
}

/** Shared records, with their last copy (`null` before the first walk). */
const SHARED = new WeakMap<object, RememberedCopy | null>();

/** True when every own value of `record` is a string, number, boolean or `null`. */
function isFlat(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const value = record[key];
    if (value !== null && typeof value === 'object') return false;
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'undefined') return false;
  }
  return true;
}

/**
 * Marks `value` as shared data when it is a frozen plain object whose own properties are data
 * properties holding strings, numbers, booleans or `null`. Anything else (a Proxy, whose traps
 * could answer differently each time or throw, an instance, an accessor) is left unmarked and
 * walked on every line. Never throws.
 */
export function markSharedRecord(value: unknown): void {
  if (value === null || typeof value !== 'object' || isProxy(value) || SHARED.has(value)) return;
  try {
    if (!Object.isFrozen(value)) return;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return;
    const descriptors = Object.getOwnPropertyDescriptors(value);
    for (const key in descriptors) if (descriptors[key].get !== undefined || descriptors[key].set !== undefined) return;
    if (isFlat(value as Record<string, unknown>)) SHARED.set(value, null);
  } catch {
    // not plain data after all: walked on every line, guarded
  }
}

/** True when `value` was marked by {@link markSharedRecord}. */
export function isSharedRecord(value: object): boolean {
  return SHARED.has(value);
}

/**
 * What the last walk of `record` made, when it was made with the same `stamp` and `state` and
 * its fields fit in what is left of `maxFields` (`fieldsSoFar`: the fields the line has counted
 * already); else `undefined`. The caller hands out a copy of `copy`, never `copy` itself.
 */
export function rememberedWalk(record: object, stamp: object, state: unknown, fieldsSoFar: number, limits: SanitizeLimits): RememberedCopy | undefined {
  const last = SHARED.get(record);
  if (last === undefined || last === null || last.stamp !== stamp || last.state !== state) return undefined;
  return fieldsSoFar + last.fields > limits.maxFields ? undefined : last;
}

/**
 * Remembers `copy` as what a walk made of `record` (a record {@link markSharedRecord} marked)
 * at `state` with `stamp`. Only a flat copy
 * is kept (a key the walk rewrote into a dotted path, say, is walked again each time).
 */
export function rememberCopy(record: object, stamp: object, state: unknown, copy: Record<string, unknown>, fields: number): void {
  if (!isFlat(copy)) return;
  SHARED.set(record, { stamp, state, copy: Object.freeze({ ...copy }), fields });
}
