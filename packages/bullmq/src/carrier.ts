/**
 * The carrier: what travels with a job so the worker can restore the producer's logging
 * context and trace. It is plain JSON (BullMQ stores job options with `JSON.stringify`),
 * versioned, and small.
 */

/**
 * The job option (and, for hand-rolled producers, the job data key) that holds the
 * carrier: `queue.add(name, data, { ecsctx: captureLogContext() })`.
 *
 * Job options are the default home (they survive retries, are never rewritten by
 * `job.updateData()`, cross into sandboxed processors, and stay out of the user's data);
 * the worker also reads `job.data.ecsctx` for producers that put it there, the way the
 * Python library's RQ integration passes `LOG_CONTEXT_KEY` in the job's kwargs.
 */
export const LOG_CONTEXT_KEY = 'ecsctx';

/** Version of the carrier format written by this package. */
export const CARRIER_VERSION = 1;

/**
 * Serialized size above which the carrier drops `context.extra` and `context.labels`
 * (keeping the trace and the scalar fields), so a large bound object cannot bloat every
 * job in Redis. 8 KiB of JSON.
 */
export const MAX_CARRIER_CONTEXT_BYTES = 8 * 1024;

/** Depth below which nested values in `extra` are cut when captured. */
export const MAX_CAPTURED_DEPTH = 8;

/** The bound fields as captured: {@link LoggingContextFields} without `spanId`, JSON-safe. */
export interface CapturedFields {
  readonly userId?: string | number;
  readonly ip?: string;
  readonly sessionId?: string;
  readonly orn?: string;
  readonly pgCode?: string;
  readonly referenceNumber?: string;
  /** JSON-safe copy of the bound `extra` (without the reserved `bullmq` namespace). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** The bound labels (already strings). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A snapshot of the logging context and trace at the moment a job is added. JSON-safe:
 * put it in job options (recommended) or job data under {@link LOG_CONTEXT_KEY}.
 *
 * @example
 * { "v": 1,
 *   "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b9c7c989f97918e1-01",
 *   "context": { "sessionId": "sess-1", "extra": { "merchant_id": "acme" } } }
 */
export interface CapturedLogContext {
  /** Format version ({@link CARRIER_VERSION}). */
  readonly v: typeof CARRIER_VERSION;
  /** W3C `traceparent` for the job: the producer's trace id, a new parent-id per job. Absent outside a traced scope. */
  readonly traceparent?: string;
  /** W3C `tracestate` propagated with the trace. */
  readonly tracestate?: string;
  /** The producer's bound fields. Absent outside a scope or when nothing was bound. */
  readonly context?: CapturedFields;
}

/** Job options with the carrier under {@link LOG_CONTEXT_KEY}. */
export interface LogContextJobOptions {
  /** The carrier written by the capture side and read by the worker wrapper. */
  readonly [LOG_CONTEXT_KEY]?: CapturedLogContext;
}
