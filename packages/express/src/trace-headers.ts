/**
 * Trace out, for any HTTP client: the `traceparent`/`tracestate` headers of one outbound
 * call of the current request (a new `parent-id` per call; version 00; reserved flag bits
 * 0; `tracestate` cut to 512 characters by whole entries: core's `createOutboundTrace`).
 *
 * With OpenTelemetry in charge (a propagator speaking `traceparent` registered, a span
 * active), they are OpenTelemetry's own headers for the active span: its id is the
 * `parent-id`. Meant for clients OpenTelemetry does not instrument: the http instrumentation
 * replaces them with its client span's, the undici one (`fetch`) appends its own (two
 * headers: use `createTracedFetch` for `fetch`).
 *
 * @see https://www.w3.org/TR/trace-context/#mutating-the-traceparent-field
 */
import { createOutboundTrace, withLoggingContext, type OutboundTrace } from '@ecsctx/core';

/** Outbound trace headers as a plain record (empty outside a traced request). */
export type TraceHeaderRecord = { traceparent?: string; tracestate?: string };

function toRecord(outbound: OutboundTrace | undefined): TraceHeaderRecord {
  if (outbound === undefined) return {};
  const out: TraceHeaderRecord = { traceparent: outbound.headers.traceparent };
  if (outbound.headers.tracestate !== undefined) out.tracestate = outbound.headers.tracestate;
  return out;
}

/**
 * The headers for one outbound call, to spread into any client's headers; `{}` outside a
 * traced scope. Each call makes a new `parent-id` (with OpenTelemetry in charge: the active
 * span's id, see the module notes). To log the call with that span id, use
 * {@link withOutboundTrace} instead.
 *
 * @example
 * await axios.post(url, body, { headers: { ...traceHeaders(), 'content-type': 'application/json' } });
 */
export function traceHeaders(): TraceHeaderRecord {
  return toRecord(createOutboundTrace());
}

/**
 * Runs `fn` with the headers of one outbound call, in a child logging scope whose `span.id`
 * is the `parent-id` sent: what `fn` logs (the call, its result) is linked to the span the
 * callee sees as its parent. Outside a traced scope `fn` gets `{}` and runs as is.
 *
 * @example
 * const res = await withOutboundTrace(async (headers) => {
 *   const response = await got.post(url, { headers, json: body });
 *   logger.info('payment_gateway_called', { http: { response: { status_code: response.statusCode } } });
 *   return response;
 * });
 */
export function withOutboundTrace<R>(fn: (headers: TraceHeaderRecord) => R): R {
  const outbound = createOutboundTrace();
  if (outbound === undefined) return fn({});
  const headers = toRecord(outbound);
  return withLoggingContext({ spanId: outbound.spanId }, () => fn(headers));
}
