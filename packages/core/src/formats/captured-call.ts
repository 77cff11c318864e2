/**
 * What a log call captures at the moment it is made: the logging context, the trace and the
 * time. winston runs formats later under backpressure (in another async context), so a
 * format that read AsyncLocalStorage itself would attach another request's context; the
 * capture rides on the info object under a symbol instead.
 */
import type { Logger } from 'winston';
import { currentScope, type LoggingScope } from '../context/store';
import type { LoggingContext } from '../context/logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import { activeOtelSpanContext, otelApi, type OtelSpanContext } from '../otel/otel-api';
import { countDegradedLine } from '../degraded-lines';
import { patchLogMethods } from '../logger/patch-log-methods';
import { EcsctxValidationError } from '../errors';
import { isQuietLine } from './quiet-levels';

/** The symbol under which a capture rides on an info object. */
export const CAPTURED_CALL: unique symbol = Symbol.for('ecsctx.captured-call.v1') as never;

/** The state of the world at the log call. */
export interface CapturedCall {
  readonly context: LoggingContext | undefined;
  readonly trace: TraceContext | undefined;
  /** Epoch milliseconds of the call. */
  readonly time: number;
  /** The OpenTelemetry span active at the call, if any: its ids win over the library's own. */
  readonly otel?: OtelSpanContext;
  /** The scope's service type, if it set one. */
  readonly serviceType?: string;
  /** The scope the call was made in, if any. */
  readonly scope?: LoggingScope;
}

/** Captures the current scope and time. */
export function captureCall(): CapturedCall {
  const time = Date.now();
  const scope = currentScope();
  const otel = activeOtelSpanContext();
  return scope
    ? { context: scope.context, trace: scope.trace, time, otel, serviceType: scope.serviceType, scope }
    : { context: undefined, trace: undefined, time, otel };
}

/** The capture made at the log call, or a capture made now when the logger was not instrumented. */
export function capturedCallOf(info: object): CapturedCall {
  const captured = (info as { [CAPTURED_CALL]?: CapturedCall })[CAPTURED_CALL];
  return captured ?? captureCall();
}

const INSTRUMENTED = Symbol.for('ecsctx.instrumented-logger.v1');

/**
 * Makes `logger` capture context, trace and time at each log call (every level method and
 * child logger goes through `logger.write`). Idempotent; returns the same logger. The
 * preset does this for you; call it on loggers you create yourself with the formats.
 *
 * The logger's `log` and level methods are replaced by ones that never write onto the
 * caller's objects (see `logger/patch-log-methods`): a `message` key in meta is then a field
 * under `extra`, never part of the event name.
 *
 * OpenTelemetry's API, when installed, is loaded here, not by the logger's first line.
 *
 * A line below the level of the logger and of every transport is dropped before the formats
 * run (winston would run them and then drop it), unless something other than winston's
 * transports reads the logger's output (see `quiet-levels`).
 */
export function captureLoggingContext<L extends Logger>(logger: L): L {
  const target = logger as L & { [INSTRUMENTED]?: boolean };
  if (target[INSTRUMENTED]) return logger;
  otelApi(); // OpenTelemetry, when installed, is looked up now rather than by the first line
  const write = logger.write;
  Object.defineProperty(target, 'write', {
    configurable: true,
    writable: true,
    value: function writeWithCapture(this: Logger, info: unknown, encoding?: unknown, callback?: unknown): boolean {
      if (info !== null && typeof info === 'object' && encoding === undefined && callback === undefined && isQuietLine(this, info)) {
        return true;
      }
      if (info !== null && typeof info === 'object' && (info as { [CAPTURED_CALL]?: CapturedCall })[CAPTURED_CALL] === undefined) {
        try {
          (info as { [CAPTURED_CALL]?: CapturedCall })[CAPTURED_CALL] = captureCall();
        } catch {
          // a frozen info object: the formats capture when they run instead
        }
      }
      return (write as (info: unknown, encoding?: unknown, callback?: unknown) => boolean).call(this, info, encoding, callback);
    },
  });
  // winston's log and level methods write onto the caller's objects and copy meta with
  // Object.assign: they are replaced by ones that build a new info object (see the patch)
  patchLogMethods(logger, (err, self) => {
    // validation 'error' mode throws on purpose (tests)
    if (err instanceof EcsctxValidationError) throw err;
    countDegradedLine('failed');
    return self; // nothing left to try: the call must not throw
  });
  Object.defineProperty(target, INSTRUMENTED, { value: true });
  return logger;
}
