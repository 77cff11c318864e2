/**
 * One outbound call under OpenTelemetry: a client span, child of the active span, whose id
 * is the `parent-id` the callee sees. So every call has its own parent-id, and it is a span
 * the caller's traces contain (with an SDK that records it).
 *
 * Without an SDK (the API's no-op tracer returns the parent's own span context), the call
 * still gets a new id: a non-recording span of the same trace.
 */
import { newSpanId } from '../trace/ids';
import { PROPAGATED_FLAGS_MASK } from '../trace/traceparent';
import { injectedHeaders, otelApi, type OtelApi, type OtelContext, type OtelSpan } from './otel-api';

/** `SpanKind.CLIENT` of `@opentelemetry/api`. */
const SPAN_KIND_CLIENT = 2;
/** `SpanStatusCode.ERROR` of `@opentelemetry/api`. */
const SPAN_STATUS_ERROR = 2;
/** The instrumentation scope of the spans made here. */
const TRACER_NAME = '@ecsctx/core';

/** How an outbound call ended, for its span. */
export interface OutboundResult {
  /** The HTTP status received (4xx and 5xx mark the span as failed). */
  readonly statusCode?: number;
  /** The error the call failed with. */
  readonly error?: unknown;
}

/** A client span started for one outbound call. */
export interface OtelClientSpan {
  readonly spanId: string;
  readonly headers: Record<string, string>;
  /** Runs `fn` with the client span active. */
  run<R>(fn: () => R): R;
  /** Ends the span once (later calls do nothing). */
  end(result?: OutboundResult): void;
}

function startSpan(api: OtelApi, active: OtelContext, parent: OtelSpan, name: string, attributes: Record<string, string | number> | undefined): OtelSpan {
  const span = api.trace.getTracer(TRACER_NAME).startSpan(name, { kind: SPAN_KIND_CLIENT, attributes }, active);
  const parentId = parent.spanContext().spanId;
  if (api.isSpanContextValid(span.spanContext()) && span.spanContext().spanId !== parentId) return span;
  return api.trace.wrapSpanContext({ ...parent.spanContext(), spanId: newSpanId(), isRemote: false });
}

function finish(span: OtelSpan, result: OutboundResult | undefined): void {
  if (result?.statusCode !== undefined) {
    span.setAttribute('http.response.status_code', result.statusCode);
    if (result.statusCode >= 400) span.setStatus({ code: SPAN_STATUS_ERROR });
  }
  if (result?.error !== undefined) {
    const error = result.error;
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
    span.setStatus({ code: SPAN_STATUS_ERROR, message: error instanceof Error ? error.message : undefined });
  }
  span.end();
}

/**
 * Starts a client span for one outbound call when OpenTelemetry is in charge (the API is
 * loaded, a valid span is active and the registered propagator speaks `traceparent`);
 * `undefined` otherwise, and when anything in OpenTelemetry throws.
 */
export function startOtelClientSpan(name: string, attributes?: Record<string, string | number>): OtelClientSpan | undefined {
  const api = otelApi();
  if (api === null) return undefined;
  try {
    const active = api.context.active();
    const parent = api.trace.getSpan(active);
    if (parent === undefined || !api.isSpanContextValid(parent.spanContext())) return undefined;
    if (!api.propagation.fields().includes('traceparent')) return undefined;
    const span = startSpan(api, active, parent, name, attributes);
    const context = api.trace.setSpan(active, span);
    const headers = injectedHeaders(api, context);
    if (headers === undefined) {
      span.end();
      return undefined;
    }
    let ended = false;
    return {
      spanId: span.spanContext().spanId,
      headers,
      run: (fn) => api.context.with(context, fn),
      end(result) {
        if (ended) return;
        ended = true;
        try {
          finish(span, result);
        } catch {
          // a broken SDK never breaks the call
        }
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` with a non-recording OpenTelemetry span of this library's trace active, when the
 * API is loaded and no valid span is active: what an instrumentation starts inside `fn` (the
 * undici instrumentation's client span) then continues this library's trace, as a child of
 * `spanId`, instead of starting a trace of its own. Otherwise `fn` runs as is.
 */
export function runInOwnTrace<R>(traceId: string, spanId: string, traceFlags: number, fn: () => R): R {
  const api = otelApi();
  if (api === null) return fn();
  let context: OtelContext;
  try {
    const active = api.context.active();
    const current = api.trace.getSpan(active);
    if (current !== undefined && api.isSpanContextValid(current.spanContext())) return fn();
    context = api.trace.setSpan(active, api.trace.wrapSpanContext({ traceId, spanId, traceFlags: traceFlags & PROPAGATED_FLAGS_MASK, isRemote: false }));
  } catch {
    return fn();
  }
  return api.context.with(context, fn);
}
