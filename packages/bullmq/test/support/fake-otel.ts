/**
 * Test double for bullmq-otel (not installed here): the same metadata format and parsing.
 */
import type { Telemetry } from 'bullmq';

/**
 * A telemetry provider shaped like bullmq-otel's: its metadata is a JSON W3C carrier and
 * `fromMetadata` parses it with `JSON.parse` (so a non-JSON string in
 * `opts.telemetry.metadata` would throw inside BullMQ's worker).
 */
export function fakeOtelTelemetry(traceId: string): Telemetry<Record<string, string>> {
  const span = {
    setSpanOnContext: (ctx: Record<string, string>) => ctx,
    setAttribute: () => undefined,
    setAttributes: () => undefined,
    addEvent: () => undefined,
    recordException: () => undefined,
    end: () => undefined,
  };
  return {
    tracer: { startSpan: () => span },
    contextManager: {
      with: (_ctx, fn) => fn(),
      active: () => ({}),
      getMetadata: () => JSON.stringify({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` }),
      fromMetadata: (_active, metadata) => JSON.parse(metadata) as Record<string, string>,
    },
  };
}
