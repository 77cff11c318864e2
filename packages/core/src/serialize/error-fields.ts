/**
 * `Error` objects as ECS `error.*` fields: `type`, `message`, `stack_trace` (with the `cause`
 * chain appended as `Caused by:` sections, the convention Kibana users know from Java; a
 * cause that is data rather than an error is kept as `error.cause`, where the mask reads it
 * by its keys),
 * `code` when the error has one, and the error's other own enumerable properties.
 */
import { isErrorObject, setOwn } from './own-property';

/** How many `cause` links are followed. */
const MAX_CAUSE_DEPTH = 8;

function read(obj: object, key: string): unknown {
  try {
    return (obj as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function errorType(err: object): string {
  const name = read(err, 'name');
  if (typeof name === 'string' && name !== '') return name;
  const ctor = read(err, 'constructor') as { name?: unknown } | undefined;
  return ctor && typeof ctor.name === 'string' ? ctor.name : 'Error';
}

function stackOf(err: object): string | undefined {
  const stack = read(err, 'stack');
  return typeof stack === 'string' ? stack : undefined;
}

/**
 * The ECS fields of `err`. Never throws (throwing getters read as absent). Keys listed in
 * `skip` are left out (the winston level it stamps on a logged error, for example).
 */
export function errorToEcs(err: Error, skip?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out.type = errorType(err);
  const message = read(err, 'message');
  out.message = typeof message === 'string' ? message : textOf(message ?? '');
  let stackTrace = stackOf(err);
  let cause = read(err, 'cause');
  for (let depth = 0; cause !== undefined && cause !== null && depth < MAX_CAUSE_DEPTH; depth++) {
    let causeText: string;
    if (isErrorObject(cause)) causeText = stackOf(cause) ?? `${errorType(cause)}: ${textOf(read(cause, 'message'))}`;
    else if (typeof cause === 'object' || typeof cause === 'function') {
      // data, not text: kept as a field, where the mask reads it by its keys like any value
      setOwn(out, 'cause', cause);
      causeText = '(see error.cause)';
    } else causeText = safeString(cause);
    stackTrace = (stackTrace ?? `${out.type as string}: ${out.message as string}`) + '\nCaused by: ' + causeText;
    cause = isErrorObject(cause) ? read(cause, 'cause') : undefined;
  }
  if (stackTrace !== undefined) out.stack_trace = stackTrace;
  const code = read(err, 'code');
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
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
    setOwn(out, key, read(err, key));
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
