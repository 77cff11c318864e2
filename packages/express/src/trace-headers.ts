/**
 * Trace out, for any HTTP client: the `traceparent`/`tracestate` headers of one outbound
 * call of the current request, with a `parent-id` of its own in every mode (core's
 * `startOutboundSpan`): version 00; reserved flag bits 0; `tracestate` cut to 512 characters
 * by whole entries, never empty.
 *
 * With OpenTelemetry in charge (a propagator speaking `traceparent` registered, a span
 * active), each call gets a client span, child of the active span, and the headers are
 * OpenTelemetry's for it. Meant for clients OpenTelemetry does not instrument: the http
 * instrumentation replaces them with its own client span's (a child of ours inside
 * `withOutboundTrace`), the undici one (`fetch`) appends its own (two headers: use
 * `createTracedFetch` for `fetch`; a request that leaves with two is reported once).
 *
 * @see https://www.w3.org/TR/trace-context-2/#mutating-the-traceparent-field
 */
import { startOutboundSpan, type OutboundSpan, type OutboundTrace } from '@ecsctx/core';
import { watchForDoubleTraceparent } from './fetch-instrumentation';

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
 * traced scope. Each call makes a new `parent-id` (with OpenTelemetry: a client span, started
 * and ended here, so it has no duration). To log the call with that span id, and to time it,
 * use {@link withOutboundTrace} instead.
 *
 * @example
 * await axios.post(url, body, { headers: { ...traceHeaders(), 'content-type': 'application/json' } });
 */
export function traceHeaders(): TraceHeaderRecord {
  watchForDoubleTraceparent();
  const outbound = startOutboundSpan();
  outbound?.end();
  return toRecord(outbound);
}

/** Ends `outbound` when `result` settles (at once when it is not a promise). */
function endWhenSettled<R>(result: R, outbound: OutboundSpan): R {
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    (result as unknown as PromiseLike<unknown>).then(
      () => outbound.end(),
      (error: unknown) => outbound.end({ error }),
    );
  } else {
    outbound.end();
  }
  return result;
}

/**
 * Runs `fn` with the headers of one outbound call, as that call: what `fn` logs carries the
 * `parent-id` sent as `span.id`, and with OpenTelemetry the call's client span is active
 * while `fn` runs and ends when it returns (or its promise settles; failed when it throws or
 * rejects). Outside a traced scope `fn` gets `{}` and runs as is.
 *
 * @example
 * const res = await withOutboundTrace(async (headers) => {
 *   const response = await got.post(url, { headers, json: body });
 *   logger.info('payment_gateway_called', { http: { response: { status_code: response.statusCode } } });
 *   return response;
 * });
 */
export function withOutboundTrace<R>(fn: (headers: TraceHeaderRecord) => R): R {
  watchForDoubleTraceparent();
  const outbound = startOutboundSpan();
  if (outbound === undefined) return fn({});
  const headers = toRecord(outbound);
  let result: R;
  try {
    result = outbound.run(() => fn(headers));
  } catch (error) {
    outbound.end({ error });
    throw error;
  }
  return endWhenSettled(result, outbound);
}
