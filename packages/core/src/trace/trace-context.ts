/**
 * The trace a logging scope belongs to, and how it is started from inbound headers.
 */
import type { TracestateEntry } from './tracestate';
import { parseTracestate } from './tracestate';
import { FLAG_RANDOM, FLAG_SAMPLED, parseTraceparent } from './traceparent';
import { newTraceId } from './ids';

/** The W3C trace of a scope. */
export interface TraceContext {
  /** 32 lowercase hex: `trace.id` on every line of the scope. */
  readonly traceId: string;
  /** The caller's span (the inbound `parent-id`), when the trace was continued. */
  readonly parentId?: string;
  /** The trace-flags byte; the sampled bit is propagated as received. */
  readonly traceFlags: number;
  /** Vendor entries from the inbound `tracestate`, propagated onward. */
  readonly traceState?: readonly TracestateEntry[];
}

/** Inbound trace headers, as Node's `IncomingHttpHeaders` or a job's carrier hold them. */
export interface TraceHeaders {
  traceparent?: string | readonly string[] | null;
  tracestate?: string | readonly string[] | null;
}

/**
 * The flags of a trace this library starts: sampled (every line is logged), and random
 * (Level 2 §3.2.2.5.2: the whole trace id comes from the CSPRNG, see `newTraceId`).
 */
const NEW_TRACE_FLAGS = FLAG_SAMPLED | FLAG_RANDOM;

/**
 * Continues the trace of valid inbound headers, or starts a new one (new trace id, flags
 * sampled and random) when `traceparent` is missing or invalid. `tracestate` is only read
 * when `traceparent` is valid, as the spec requires (§3.3).
 */
export function traceFromHeaders(headers: TraceHeaders | undefined): TraceContext {
  const parent = headers ? parseTraceparent(headers.traceparent) : undefined;
  if (!parent) return newTraceContext();
  const traceState = parseTracestate(headers?.tracestate);
  return traceState
    ? { traceId: parent.traceId, parentId: parent.parentId, traceFlags: parent.traceFlags, traceState }
    : { traceId: parent.traceId, parentId: parent.parentId, traceFlags: parent.traceFlags };
}

/** A new trace with no parent: a random trace id, flags sampled and random (`03`). */
export function newTraceContext(): TraceContext {
  return { traceId: newTraceId(), traceFlags: NEW_TRACE_FLAGS };
}
