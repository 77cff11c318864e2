/**
 * The trace and span a request is logged under, decided once when `expressContext()` first
 * sees the request.
 *
 * - **OpenTelemetry in charge** (a valid span is active: its HTTP instrumentation extracted
 *   `traceparent` and started the server span before Express ran): the request adopts that
 *   span's trace (core's `inboundTrace`), so `trace.id`, `rTracer.id()` and the echoed trace
 *   header are the ids the exporter sends, never a second, competing id parsed from the same
 *   header. The scope's `span.id` is the active span's id (lines logged inside a span carry
 *   that span's id anyway: core's rule). `acceptTraceHeaders` has no say: OpenTelemetry's
 *   propagator already decided whether to continue the caller's trace.
 * - **Otherwise**: the headers are parsed with core's strict W3C rules (`traceFromHeaders`)
 *   when `acceptTraceHeaders` allows it, else a new trace starts; the span id is new.
 *
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 * @see https://opentelemetry.io/docs/specs/otel/context/api-propagators/
 */
import type { Request } from 'express';
import { newSpanId, traceFromHeaders, type TraceContext } from '@ecsctx/core';
import { activeOtelSpanContext, inboundTrace, newTraceContext } from '@ecsctx/core/integration';

/** Whether a request's trace headers are trusted: the compiled `acceptTraceHeaders` option. */
export type AcceptTraceHeaders = boolean | ((req: Request) => boolean);

/** The trace of one request and its span id. */
export interface RequestTrace {
  readonly trace: TraceContext;
  readonly spanId: string;
}

/** Decides the trace and span id of `req` (see the module comment for the rules). */
export function traceOfRequest(req: Request, accept: AcceptTraceHeaders): RequestTrace {
  const otel = activeOtelSpanContext();
  const headers = { traceparent: req.headers.traceparent, tracestate: req.headers.tracestate };
  if (otel !== undefined) return { trace: inboundTrace(headers), spanId: otel.spanId };
  const accepted = accept === true || (accept !== false && Boolean(accept(req)));
  return { trace: accepted ? traceFromHeaders(headers) : newTraceContext(), spanId: newSpanId() };
}
