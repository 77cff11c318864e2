/**
 * Reading and setting the trace of the current logging scope, and the headers for
 * outbound calls.
 */
import { currentScope } from './store';
import type { TraceContext } from '../trace/trace-context';
import { formatTraceparent } from '../trace/traceparent';
import { formatTracestate } from '../trace/tracestate';
import { newSpanId } from '../trace/ids';
import { otelOutboundHeaders } from '../otel/otel-api';
import { startOtelClientSpan, type OutboundResult } from '../otel/otel-client-span';
import { withLoggingContext } from './logging-context';
import { readableTrace } from './readable-fields';
import { parseTraceparent } from '../trace/traceparent';

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
  scope.trace = readableTrace(trace); // read once: a hostile trace never throws from a line
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
 * The headers for a message or job that carries the current trace: a new span id (the
 * `parent-id` the consumer sees) and the `traceparent`/`tracestate` headers. `undefined`
 * outside a traced scope.
 *
 * With OpenTelemetry in charge (a propagator speaking `traceparent` is registered and a span
 * is active, and no explicit `trace` is given), the headers are the ones OpenTelemetry's
 * propagator produces for the active span (its id is the `parent-id`), and
 * `managedByOpenTelemetry` is `true`. For an outbound *call*, which should get a span of its
 * own in every mode, use {@link startOutboundSpan}.
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
  return ownOutbound(trace, newSpanId());
}

function ownOutbound(trace: TraceContext, spanId: string): OutboundTrace {
  const headers: OutboundTraceHeaders = { traceparent: formatTraceparent(trace.traceId, spanId, trace.traceFlags) };
  const tracestate = formatTracestate(trace.traceState);
  if (tracestate !== undefined) headers.tracestate = tracestate;
  return { spanId, headers, managedByOpenTelemetry: false };
}

/** Options of {@link startOutboundSpan}. */
export interface OutboundSpanOptions {
  /** The OpenTelemetry span's name (default `outbound call`; an HTTP client uses the method). */
  readonly name?: string;
  /** The OpenTelemetry span's attributes (e.g. `http.request.method`, `url.full`). */
  readonly attributes?: Readonly<Record<string, string | number>>;
}

/** One outbound call: its `parent-id`, headers, and the scope the call runs in. */
export interface OutboundSpan extends OutboundTrace {
  /**
   * Runs `fn` as the call: lines logged in it carry `span.id` = {@link OutboundTrace.spanId};
   * with OpenTelemetry the call's client span is the active span (so a client span an
   * instrumentation starts inside is its child).
   */
  run<R>(fn: () => R): R;
  /** Ends the call (with OpenTelemetry: ends its client span, failed on an error or a 4xx/5xx status). Once; later calls do nothing. */
  end(result?: OutboundResult): void;
}

/**
 * Starts one outbound call of the current trace with a `parent-id` of its own, in every mode:
 *
 * - **OpenTelemetry in charge** (API loaded, a valid span active, a propagator speaking
 *   `traceparent`): a client span, child of the active span, is started; the headers are
 *   OpenTelemetry's for that span, so the callee's parent is a span of the caller's trace.
 *   End it with {@link OutboundSpan.end} when the call is done.
 * - **Otherwise**: a new span id in the scope's W3C trace; `end` does nothing.
 *
 * `undefined` outside a traced scope. Never throws.
 *
 * @example
 * const call = startOutboundSpan({ name: 'POST' });
 * const reply = await (call ? call.run(() => send({ ...call.headers })) : send({}));
 * call?.end({ statusCode: reply.status });
 */
export function startOutboundSpan(options: OutboundSpanOptions = {}): OutboundSpan | undefined {
  const otel = startOtelClientSpan(options.name ?? 'outbound call', options.attributes as Record<string, string | number> | undefined);
  if (otel !== undefined) {
    const headers: OutboundTraceHeaders = { traceparent: otel.headers.traceparent };
    if (otel.headers.tracestate !== undefined) headers.tracestate = otel.headers.tracestate;
    return { spanId: otel.spanId, headers, managedByOpenTelemetry: true, run: (fn) => otel.run(fn), end: (result) => otel.end(result) };
  }
  const trace = getTraceContext();
  if (!trace) return undefined;
  const own = ownOutbound(trace, newSpanId());
  return { ...own, run: (fn) => withLoggingContext({ spanId: own.spanId }, fn), end: () => undefined };
}

/**
 * The `traceparent` for one outbound call: always version 00, a new `parent-id` per call
 * (with OpenTelemetry: a client span, started and ended here), the sampled and random flags
 * as received, reserved flag bits 0. `undefined` outside a traced scope.
 *
 * @example
 * const traceparent = buildTraceparent();
 * await fetch(url, { headers: traceparent ? { traceparent } : {} });
 */
export function buildTraceparent(): string | undefined {
  const outbound = startOutboundSpan();
  outbound?.end();
  return outbound ? outbound.headers.traceparent : undefined;
}
