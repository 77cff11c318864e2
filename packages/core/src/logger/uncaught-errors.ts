/**
 * The info objects winston's exception and rejection handlers log, made into ordinary error
 * lines: the handler's `error` becomes `error.*`, the message keeps its first part
 * (`uncaughtException: boom`), and the handler's copies of the stack (`stack`, the parsed
 * `trace` frames), its `process`/`os` snapshots and `date` are dropped, so the line has the
 * stack once and no field that clashes with ECS (`trace` is the trace id's object there).
 *
 * Only an info with the handler's whole shape is touched (its `exception` or `rejection`
 * flag with `error`, `stack`, `date`, `process`, `os` and a `trace` array): a line that
 * merely has an `exception` field is logged as given.
 */
import type { Format, TransformableInfo } from 'logform';

/** Which handler built the info. */
type UncaughtKind = 'exception' | 'rejection';

const PREFIX: Readonly<Record<UncaughtKind, string>> = { exception: 'uncaughtException', rejection: 'unhandledRejection' };
const HANDLER_KEYS = ['error', 'stack', 'date', 'process', 'os', 'trace', 'exception', 'rejection'] as const;

function own(info: object, key: string): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(info, key) ? (info as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** `exception` or `rejection` when `info` was built by winston's handler, else `undefined`. */
function uncaughtKindOf(info: object): UncaughtKind | undefined {
  const kind: UncaughtKind | undefined = own(info, 'exception') === true ? 'exception' : own(info, 'rejection') === true ? 'rejection' : undefined;
  if (kind === undefined) return undefined;
  const hasShape =
    Object.prototype.hasOwnProperty.call(info, 'error') &&
    Object.prototype.hasOwnProperty.call(info, 'stack') &&
    typeof own(info, 'date') === 'string' &&
    typeof own(info, 'process') === 'object' &&
    typeof own(info, 'os') === 'object' &&
    Array.isArray(own(info, 'trace'));
  return hasShape ? kind : undefined;
}

/** A shallow copy of `info`'s own properties and symbols, without `skip`. */
function copyWithout(info: Record<string | symbol, unknown>, skip: readonly string[]): Record<string | symbol, unknown> {
  const out: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(info)) {
    if (typeof key === 'string' && skip.includes(key)) continue;
    try {
      Object.defineProperty(out, key, { value: info[key], enumerable: true, writable: true, configurable: true });
    } catch {
      // an unreadable property is left out
    }
  }
  return out;
}

function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (value === null || typeof value !== 'object') return false;
  try {
    const candidate = value as { message?: unknown; stack?: unknown };
    return typeof candidate.message === 'string' && typeof candidate.stack === 'string';
  } catch {
    return false;
  }
}

function primitiveText(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    default:
      return value === null ? 'null' : undefined;
  }
}

function errorMessage(error: Error): string {
  try {
    return typeof error.message === 'string' && error.message !== '' ? error.message : '(no error message)';
  } catch {
    return '(no error message)';
  }
}

/**
 * The ordinary error line's info for a handler's info: a new object (the handler's is left
 * alone) with the same level and symbols. An Error (or error-like object) stays the `error`;
 * a thrown primitive becomes `error.message` with its type as `error.type`; a thrown object
 * that is not an error is kept under `thrown` (placed like any other field of the line).
 */
function cleanUncaughtInfo(info: Record<string | symbol, unknown>, kind: UncaughtKind): Record<string | symbol, unknown> {
  const out = copyWithout(info, HANDLER_KEYS);
  const thrown = own(info, 'error');
  if (isErrorLike(thrown)) {
    out.error = thrown;
    out.message = `${PREFIX[kind]}: ${errorMessage(thrown)}`;
    return out;
  }
  const text = primitiveText(thrown);
  if (text !== undefined) {
    out.error = { type: thrown === null ? 'null' : typeof thrown, message: text };
    out.message = `${PREFIX[kind]}: ${text === '' ? '(no error message)' : text}`;
    return out;
  }
  const what = kind === 'exception' ? 'a value that is not an Error was thrown' : 'a promise was rejected with a value that is not an Error';
  out.error = { type: 'object', message: what };
  out.thrown = thrown;
  out.message = `${PREFIX[kind]}: ${what}`;
  return out;
}

/**
 * `format` (your `ecsFormat()`) with winston's uncaught-exception and unhandled-rejection
 * lines made clean: each is one ECS line with `error.*`, the stack once and the context of
 * the scope the error escaped from, if any. Use it when you build the logger yourself and
 * wire winston's `exceptions.handle()`/`rejections.handle()`; `createEcsLogger()` does it for
 * you. The handler's `exception`/`rejection` flag stays on the info (not in the line), so
 * winston still routes the line to the handlers you chose.
 *
 * @example
 * const logger = captureLoggingContext(winston.createLogger({
 *   format: withUncaughtErrors(ecsFormat()),
 *   transports: [new winston.transports.Console({ handleExceptions: true, handleRejections: true })],
 * }));
 */
export function withUncaughtErrors(format: Format): Format {
  return {
    options: format.options,
    transform(info: TransformableInfo): TransformableInfo | boolean {
      const kind = uncaughtKindOf(info);
      if (kind === undefined) return format.transform(info, format.options);
      const out = format.transform(cleanUncaughtInfo(info, kind) as TransformableInfo, format.options);
      if (out !== null && typeof out === 'object') (out as Record<string, unknown>)[kind] = true;
      return out;
    },
  };
}
