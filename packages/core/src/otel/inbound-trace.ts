/** The trace an inbound request or job continues, with an active OpenTelemetry span taken first. */
import { activeOtelSpanContext } from './otel-api';
import { parseTracestate } from '../trace/tracestate';
import { traceFromHeaders, type TraceContext, type TraceHeaders } from '../trace/trace-context';

/**
 * The trace of an inbound request or job: the active OpenTelemetry span's trace when its
 * instrumentation already extracted the headers and started a span (so there is one trace
 * id, not two competing ones), else {@link traceFromHeaders}.
 */
export function inboundTrace(headers: TraceHeaders | undefined): TraceContext {
  const otel = activeOtelSpanContext();
  if (otel) {
    const traceState = otel.traceState ? parseTracestate(otel.traceState.serialize()) : undefined;
    return traceState ? { traceId: otel.traceId, traceFlags: otel.traceFlags, traceState } : { traceId: otel.traceId, traceFlags: otel.traceFlags };
  }
  return traceFromHeaders(headers);
}
