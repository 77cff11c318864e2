/**
 * What a log call captures at the moment it is made: the logging context, the trace and the
 * time. winston runs formats later under backpressure (in another async context), so a
 * format that read AsyncLocalStorage itself would attach another request's context; the
 * capture rides on the info object under a symbol instead.
 */
import { currentScope, type LoggingScope } from '../context/store';
import type { LoggingContext } from '../context/logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import { activeOtelSpanContext, type OtelSpanContext } from '../otel/otel-api';

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
