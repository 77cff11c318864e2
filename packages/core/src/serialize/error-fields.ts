/**
 * `Error` objects as ECS `error.*` fields: `type`, `message`, `stack_trace` (with the `cause`
 * chain appended as `Caused by:` sections, the convention Kibana users know from Java; a
 * cause that is data rather than an error is kept as `error.cause`, where the mask reads it
 * by its keys),
 * the errors an `AggregateError` holds appended as `Error i of n:` sections the same way),
 * `code` when the error has one, and the error's other own enumerable properties. A
 * `message` or `stack` whose getter throws is written as the marker `[getter threw]`.
 */
import { isErrorObject, setOwn } from './own-property';
import { GETTER_THREW } from './markers';
import { countDegradedLine } from '../degraded-lines';

/** How many `cause` links are followed. */
const MAX_CAUSE_DEPTH = 8;

/** How many errors of an `AggregateError` are written; the rest are counted. */
const MAX_AGGREGATED = 16;

/** A value that reading threw for (kept apart from a property that is absent). */
const THREW: unique symbol = Symbol('threw');

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** `obj[key]`, or {@link THREW} (the line counted as unreadable) when its getter throws. */
function readOrThrew(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    countDegradedLine('unreadable');
    return THREW;
  }
}

function errorType(err: object): string {
  const name = read(err, 'name');
  if (typeof name === 'string' && name !== '') return name;
  const ctor = read(err, 'constructor') as { name?: unknown } | undefined;
  return ctor && typeof ctor.name === 'string' ? ctor.name : 'Error';
}

function stackOf(err: object): string | undefined {
  const stack = readOrThrew(err, 'stack');
  return stack === THREW ? GETTER_THREW : typeof stack === 'string' ? stack : undefined;
}

/** The text of an error in a trace: its stack, else `Type: message`. */
function traceText(err: object): string {
  return stackOf(err) ?? `${errorType(err)}: ${messageOf(err)}`;
}

function messageOf(err: object): string {
  const message = readOrThrew(err, 'message');
  if (message === THREW) return GETTER_THREW;
  return typeof message === 'string' ? message : textOf(message ?? '');
}

/**
 * The errors an `AggregateError` holds (its own `errors` array, not enumerable), as `Error i
 * of n:` sections of a stack trace, or '' when it holds none. An enumerable `errors` property
 * (a validation library's list) is data: it stays a field like the error's other properties.
 */
function aggregatedText(err: object): string {
  let hidden = false;
  try {
    const own = Object.getOwnPropertyDescriptor(err, 'errors');
    hidden = own !== undefined && !own.enumerable;
  } catch {
    // a Proxy trap threw: the error's keys are read (and marked) below
  }
  if (!hidden) return '';
  const errors = readOrThrew(err, 'errors');
  if (errors === THREW) return '\nErrors: ' + GETTER_THREW;
  if (!Array.isArray(errors) || errors.length === 0) return '';
  const n = errors.length;
  const shown = Math.min(n, MAX_AGGREGATED);
  let text = '';
  for (let i = 0; i < shown; i++) {
    let item: unknown;
    try {
      item = errors[i];
    } catch {
      countDegradedLine('unreadable');
      item = GETTER_THREW;
    }
    const itemText = isErrorObject(item) ? traceText(item) : safeString(item);
    text += `\nError ${i + 1} of ${n}: ${itemText}`;
  }
  if (n > shown) text += `\n… ${n - shown} more errors`;
  return text;
}

/**
 * The ECS fields of `err`. Never throws: a property whose getter throws is written as
 * `[getter threw]` (and the line counted as unreadable); a throwing `name` falls back to the
 * constructor's name. Keys listed in
 * `skip` are left out (the winston level it stamps on a logged error, for example).
 */
export function errorToEcs(err: Error, skip?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out.type = errorType(err);
  out.message = messageOf(err);
  let stackTrace = stackOf(err);
  const aggregated = aggregatedText(err);
  if (aggregated !== '') stackTrace = (stackTrace ?? `${out.type as string}: ${out.message as string}`) + aggregated;
  let cause = readOrThrew(err, 'cause');
  if (cause === THREW) cause = GETTER_THREW;
  for (let depth = 0; cause !== undefined && cause !== null && depth < MAX_CAUSE_DEPTH; depth++) {
    let causeText: string;
    if (isErrorObject(cause)) causeText = traceText(cause);
    else if (typeof cause === 'object' || typeof cause === 'function') {
      // data, not text: kept as a field, where the mask reads it by its keys like any value
      setOwn(out, 'cause', cause);
      causeText = '(see error.cause)';
    } else causeText = safeString(cause);
    stackTrace = (stackTrace ?? `${out.type as string}: ${out.message as string}`) + '\nCaused by: ' + causeText;
    cause = isErrorObject(cause) ? read(cause, 'cause') : undefined;
  }
  if (stackTrace !== undefined) out.stack_trace = stackTrace;
  const code = readOrThrew(err, 'code');
  if (code === THREW) out.code = GETTER_THREW;
  else if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  let keys: string[];
  try {
    keys = Object.keys(err);
  } catch {
    keys = [];
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'message' || key === 'stack' || key === 'cause' || key === 'code' || key === 'name' || key === 'type' || key === 'stack_trace') continue;
    if (skip && skip.includes(key)) continue;
    const value = readOrThrew(err, key);
    setOwn(out, key, value === THREW ? GETTER_THREW : value);
  }
  return out;
}

/** `String(value)`, or its JSON text when `String` throws (an object without a prototype). */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return safeString(value);
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return '[unserializable]';
    }
  }
}
