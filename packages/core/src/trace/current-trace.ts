/**
 * Reading and setting the trace of the current logging scope, and the headers for
 * outbound calls.
 */
import { currentScope } from '../context/store';
import type { TraceContext } from './trace-context';
import { formatTraceparent } from './traceparent';
import { formatTracestate } from './tracestate';
import { newSpanId } from './ids';

/** The trace of the current scope, or `undefined`. */
export function getTraceContext(): TraceContext | undefined {
  const scope = currentScope();
  return scope ? scope.trace : undefined;
}

/** The current `trace.id` (32 lowercase hex), or `undefined` outside a traced scope. */
export function getTraceId(): string | undefined {
  const scope = currentScope();
  return scope && scope.trace ? scope.trace.traceId : undefined;
}

/**
 * Sets the trace of the current scope (for code that opens scopes itself). Returns `false`
 * outside any scope, where nothing is set.
 */
export function bindTraceContext(trace: TraceContext): boolean {
  const scope = currentScope();
  if (!scope) return false;
  scope.trace = trace;
  return true;
}

/** Headers that carry the current trace to another service. */
export interface OutboundTraceHeaders {
  traceparent: string;
  tracestate?: string;
}

/** What {@link createOutboundTrace} returns. */
export interface OutboundTrace {
  /** The new span id sent as `parent-id`: log the outbound call with it as `span.id`. */
  readonly spanId: string;
  /** The headers to send. */
  readonly headers: OutboundTraceHeaders;
}

/**
 * Starts an outbound call of the current trace: a new span id (the `parent-id` the callee
 * sees) and the `traceparent`/`tracestate` headers. `undefined` outside a traced scope.
 */
export function createOutboundTrace(trace: TraceContext | undefined = getTraceContext()): OutboundTrace | undefined {
  if (!trace) return undefined;
  const spanId = newSpanId();
  const headers: OutboundTraceHeaders = { traceparent: formatTraceparent(trace.traceId, spanId, trace.traceFlags) };
  const tracestate = formatTracestate(trace.traceState);
  if (tracestate !== undefined) headers.tracestate = tracestate;
  return { spanId, headers };
}

/**
 * The `traceparent` for one outbound call: always version 00, a new `parent-id` per call,
 * the sampled flag as received, reserved flag bits 0. `undefined` outside a traced scope.
 *
 * @example
 * const traceparent = buildTraceparent();
 * await fetch(url, { headers: traceparent ? { traceparent } : {} });
 */
export function buildTraceparent(): string | undefined {
  const outbound = createOutboundTrace();
  return outbound ? outbound.headers.traceparent : undefined;
}
