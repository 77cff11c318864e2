/**
 * Reading and setting the trace of the current logging scope, and the headers for
 * outbound calls.
 */
import { currentScope } from '../context/store';
import type { TraceContext } from './trace-context';
import { formatTraceparent } from './traceparent';
import { formatTracestate } from './tracestate';
import { newSpanId } from './ids';
import { otelOutboundHeaders } from '../otel/otel-api';
import { parseTraceparent } from './traceparent';

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
  /** The span id sent as `parent-id`: log the outbound call with it as `span.id`. */
  readonly spanId: string;
  /** The headers to send. */
  readonly headers: OutboundTraceHeaders;
  /**
   * `true` when an OpenTelemetry propagator and an active span are in charge: the headers are
   * what OpenTelemetry itself would send, and an instrumented HTTP client injects its own
   * client span's headers, so helpers must not add these a second time.
   */
  readonly managedByOpenTelemetry: boolean;
}

/**
 * Starts an outbound call of the current trace: a new span id (the `parent-id` the callee
 * sees) and the `traceparent`/`tracestate` headers. `undefined` outside a traced scope.
 *
 * With OpenTelemetry in charge (a propagator speaking `traceparent` is registered and a span
 * is active, and no explicit `trace` is given), the headers are the ones OpenTelemetry's
 * propagator produces for the active span, so the parent id the callee sees is a span the
 * caller's traces contain, and `managedByOpenTelemetry` is `true`.
 */
export function createOutboundTrace(trace?: TraceContext): OutboundTrace | undefined {
  if (trace === undefined) {
    const otel = otelOutboundHeaders();
    const parsed = otel ? parseTraceparent(otel.traceparent) : undefined;
    if (otel && parsed) {
      const headers: OutboundTraceHeaders = { traceparent: otel.traceparent };
      if (otel.tracestate !== undefined) headers.tracestate = otel.tracestate;
      return { spanId: parsed.parentId, headers, managedByOpenTelemetry: true };
    }
    trace = getTraceContext();
  }
  if (!trace) return undefined;
  const spanId = newSpanId();
  const headers: OutboundTraceHeaders = { traceparent: formatTraceparent(trace.traceId, spanId, trace.traceFlags) };
  const tracestate = formatTracestate(trace.traceState);
  if (tracestate !== undefined) headers.tracestate = tracestate;
  return { spanId, headers, managedByOpenTelemetry: false };
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
