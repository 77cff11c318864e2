/**
 * What a context entry point (`runWithLoggingContext`, `withLoggingContext`,
 * `bindLoggingContext`, `bindTraceContext`) was given, read once into plain data that
 * nothing of the caller's can make throw later. A getter or Proxy trap that throws is
 * caught: under `extra` and `labels` its value becomes `[getter threw]`, a bound field
 * (`userId`, …) or an object whose keys cannot be listed is dropped, and the bind is counted
 * as an `unreadable` degraded line. Nested plain objects are copied (to the merge depth);
 * other nested objects are kept as given, for the line's walk to read guarded.
 */
import { types } from 'node:util';
import type { LoggingContextFields } from './logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import { isPlainObject, setOwn } from '../serialize/own-property';
import { GETTER_THREW } from '../serialize/markers';
import { countDegradedLine } from '../degraded-lines';

/** The bound scalar fields of {@link LoggingContextFields}. */
const SCALAR_NAMES = ['spanId', 'userId', 'ip', 'sessionId', 'orn', 'pgCode', 'referenceNumber'] as const;

/** Nesting copied from a bind; deeper objects are kept as given (the merge stops there too). */
const MAX_COPY_DEPTH = 32;

/** Whether a read failed while the caller's value was read. */
export interface ReadState {
  unreadable: boolean;
}

const NOT_READ = Symbol('not read');

/** `obj[key]`, or {@link NOT_READ} when the read throws. */
function guardedRead(obj: object, key: string, state: ReadState): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    state.unreadable = true;
    return NOT_READ;
  }
}

/** True for a plain object or any Proxy (read guarded like one). */
function isRecordLike(value: unknown): value is object {
  return value !== null && typeof value === 'object' && (types.isProxy(value) || isPlainObject(value));
}

/**
 * A plain copy of the own enumerable properties of `value` (a Proxy read as a plain object),
 * or `undefined` when its keys cannot be listed. Throwing reads become `[getter threw]`.
 */
function readableRecord(value: object, depth: number, state: ReadState): Record<string, unknown> | undefined {
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    state.unreadable = true;
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    let item = guardedRead(value, keys[i], state);
    if (item === NOT_READ) item = GETTER_THREW;
    else if (depth < MAX_COPY_DEPTH && isPlainObject(item)) item = readableRecord(item, depth + 1, state) ?? {};
    setOwn(out, keys[i], item);
  }
  return out;
}

/**
 * `fields` read once into plain data; `state.unreadable` says whether a part could not be read
 * (the caller counts the lines that carry its marker).
 */
export function readableFields(fields: unknown, state: ReadState): LoggingContextFields {
  const out: Record<string, unknown> = {};
  if (fields === null || typeof fields !== 'object') return out;
  for (let i = 0; i < SCALAR_NAMES.length; i++) {
    const value = guardedRead(fields, SCALAR_NAMES[i], state);
    if (value !== NOT_READ && value !== undefined) out[SCALAR_NAMES[i]] = value;
  }
  for (const name of ['extra', 'labels'] as const) {
    const value = guardedRead(fields, name, state);
    if (isRecordLike(value)) {
      const record = readableRecord(value, 0, state);
      if (record !== undefined) out[name] = record;
    }
  }
  return out as LoggingContextFields;
}

/** The scope options of `runWithLoggingContext`, read once (a throwing read drops that option, counted). */
export function readableOptions(options: unknown): { context?: unknown; trace?: unknown; serviceType?: unknown } {
  if (options === null || typeof options !== 'object') return {};
  const state: ReadState = { unreadable: false };
  const context = guardedRead(options, 'context', state);
  const trace = guardedRead(options, 'trace', state);
  const serviceType = guardedRead(options, 'serviceType', state);
  if (state.unreadable) countDegradedLine('unreadable');
  return {
    context: context === NOT_READ ? undefined : context,
    trace: trace === NOT_READ ? undefined : trace,
    serviceType: serviceType === NOT_READ ? undefined : serviceType,
  };
}

/** `Array.isArray(value)`, false when the check throws (a revoked Proxy). */
function isArray(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * `trace` as the scope keeps it: the object itself when it is plain data that read without
 * throwing, else its readable parts copied into a frozen {@link TraceContext}; `undefined`
 * when it is none or its `traceId` cannot be read as a string (a throwing read is counted).
 */
export function readableTrace(trace: unknown): TraceContext | undefined {
  if (trace === null || typeof trace !== 'object') return undefined;
  const state: ReadState = { unreadable: false };
  const traceId = guardedRead(trace, 'traceId', state);
  const parentId = guardedRead(trace, 'parentId', state);
  const traceFlags = guardedRead(trace, 'traceFlags', state);
  const traceState = guardedRead(trace, 'traceState', state);
  if (state.unreadable) countDegradedLine('unreadable');
  if (typeof traceId !== 'string') return undefined;
  if (!state.unreadable && !types.isProxy(trace) && !types.isProxy(traceState)) return trace as TraceContext;
  const out: { -readonly [K in keyof TraceContext]: TraceContext[K] } = { traceId, traceFlags: typeof traceFlags === 'number' ? traceFlags : 0 };
  if (typeof parentId === 'string') out.parentId = parentId;
  if (isArray(traceState) && !types.isProxy(traceState)) out.traceState = traceState as TraceContext['traceState'];
  return Object.freeze(out);
}
