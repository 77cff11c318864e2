/**
 * The capture side, the Node form of the Python library's `capture_log_context`: a snapshot
 * of the current logging context and an outbound trace, taken when a job is added.
 */
import { createOutboundTrace, getLoggingContext, type LoggingContext } from '@ecsctx/core';
import {
  MAX_CAPTURED_DEPTH,
  CARRIER_VERSION,
  LOG_CONTEXT_KEY,
  MAX_CARRIER_CONTEXT_BYTES,
  type CapturedFields,
  type CapturedLogContext,
  type LogContextJobOptions,
} from './carrier';
import { BULLMQ_DIAGNOSTICS, reportBullmqDiagnostic } from './diagnostics';
import { boundedJsonCopy, setOwn } from '@ecsctx/core/integration';
import { JOB_IDENTITY_NAMESPACE } from './job-identity';

const SCALAR_FIELDS = ['userId', 'ip', 'sessionId', 'orn', 'pgCode', 'referenceNumber'] as const;

/**
 * Snapshots by context. A bound context is immutable (each bind replaces it), so a request
 * that adds many jobs copies its fields once.
 */
const snapshots = new WeakMap<LoggingContext, CapturedFields | null>();

/**
 * Snapshots the bound fields of the current scope (without `spanId`, which belongs to the
 * scope, and without the reserved `bullmq` namespace, which each job sets for itself).
 * `undefined` outside a scope or when nothing is bound.
 */
function snapshotFields(context: LoggingContext | undefined = getLoggingContext()): CapturedFields | undefined {
  if (!context) return undefined;
  const cached = snapshots.get(context);
  if (cached !== undefined) return cached ?? undefined;
  // shared by every job the context is captured for: frozen, so no caller can change another's
  const fields = copyFields(context);
  if (fields) deepFreeze(fields);
  snapshots.set(context, fields ?? null);
  return fields;
}

function deepFreeze(value: object): void {
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child);
  }
}

function copyFields(context: LoggingContext): CapturedFields | undefined {
  const out: { -readonly [K in keyof CapturedFields]: CapturedFields[K] } = {};
  let any = false;
  for (const name of SCALAR_FIELDS) {
    const value = context[name];
    if (value !== undefined) {
      (out as Record<string, unknown>)[name] = value;
      any = true;
    }
  }
  const scalarsOnly = any ? { ...out } : undefined;
  const extraKeys = Object.keys(context.extra).filter((key) => key !== JOB_IDENTITY_NAMESPACE);
  if (extraKeys.length > 0) {
    const extra: Record<string, unknown> = {};
    for (const key of extraKeys) {
      const value = boundedJsonCopy(context.extra[key], MAX_CAPTURED_DEPTH);
      if (value !== undefined) setOwn(extra, key, value);
    }
    if (Object.keys(extra).length > 0) {
      out.extra = extra;
      any = true;
    }
  }
  if (Object.keys(context.labels).length > 0) {
    out.labels = { ...context.labels };
    any = true;
  }
  if (!any) return undefined;
  if (out.extra !== undefined || out.labels !== undefined) {
    if (Buffer.byteLength(JSON.stringify(out)) > MAX_CARRIER_CONTEXT_BYTES) {
      reportBullmqDiagnostic(
        BULLMQ_DIAGNOSTICS.contextTooLarge,
        `the bound logging context is larger than ${MAX_CARRIER_CONTEXT_BYTES} bytes of JSON: jobs carry only the trace and the scalar fields (extra and labels were left out)`,
      );
      return scalarsOnly;
    }
  }
  return out;
}

/** A carrier for one job: `fields` plus a new outbound span of the current trace. */
function createCarrier(fields: CapturedFields | undefined): CapturedLogContext {
  const outbound = createOutboundTrace();
  const carrier: { v: typeof CARRIER_VERSION; traceparent?: string; tracestate?: string; context?: CapturedFields } = { v: CARRIER_VERSION };
  if (outbound) {
    carrier.traceparent = outbound.headers.traceparent;
    if (outbound.headers.tracestate !== undefined) carrier.tracestate = outbound.headers.tracestate;
  }
  if (fields) carrier.context = fields;
  return carrier;
}

/**
 * Snapshots the current logging context and trace for a job: the bound fields (session,
 * user, merchant, namespaces, labels) and a `traceparent`/`tracestate` that continues the
 * current trace with a new parent-id. JSON-safe; never throws (on an unexpected failure
 * it returns an empty carrier and reports `ECSCTX_BULLMQ_CAPTURE_FAILED` once).
 *
 * Outside any scope the carrier is empty (`{ v: 1 }`): the worker then starts a fresh
 * context and a new trace, without a warning.
 *
 * @example
 * // explicit capture, e.g. in your own enqueue helper
 * await queue.add('send-receipt', { orderId }, { ecsctx: captureLogContext() } as JobsOptions);
 * // or in job data, RQ-style
 * await queue.add('send-receipt', { orderId, [LOG_CONTEXT_KEY]: captureLogContext() });
 */
export function captureLogContext(): CapturedLogContext {
  try {
    return createCarrier(snapshotFields());
  } catch {
    reportBullmqDiagnostic(BULLMQ_DIAGNOSTICS.captureFailed, 'capturing the logging context for a BullMQ job failed unexpectedly; the job carries none');
    return { v: CARRIER_VERSION };
  }
}

/**
 * Returns a copy of job options with the current logging context attached under
 * {@link LOG_CONTEXT_KEY}. A carrier already present is kept (an explicit capture wins).
 * The typed way to use the explicit API with `Queue.add`, `addBulk` and flows.
 *
 * @example
 * await queue.add('send-receipt', { orderId }, attachLogContext({ attempts: 3 }));
 */
export function attachLogContext<O extends object = Record<never, never>>(opts?: O): O & LogContextJobOptions {
  const base = (opts ?? {}) as O;
  if (hasCarrier(base)) return { ...base };
  return { ...base, [LOG_CONTEXT_KEY]: captureLogContext() };
}

/** True when `opts` already holds something under {@link LOG_CONTEXT_KEY}. */
function hasCarrier(opts: object | undefined): boolean {
  return opts !== undefined && (opts as Record<string, unknown>)[LOG_CONTEXT_KEY] !== undefined;
}

/**
 * Job options for one job added by a wrapped producer: the carrier is added unless the
 * options already hold one, or describe a legacy repeatable job (BullMQ 5 `repeat`), whose
 * every repetition must start with an empty context (the seed's Beat rule).
 */
export function optionsWithCarrier<O extends object>(opts: O | undefined, fields: CapturedFields | undefined): O | (O & LogContextJobOptions) | undefined {
  if (hasCarrier(opts)) return opts;
  if (opts !== undefined && (opts as Record<string, unknown>).repeat !== undefined) return opts;
  let carrier: CapturedLogContext;
  try {
    carrier = createCarrier(fields);
  } catch {
    reportBullmqDiagnostic(BULLMQ_DIAGNOSTICS.captureFailed, 'capturing the logging context for a BullMQ job failed unexpectedly; the job carries none');
    return opts;
  }
  return { ...((opts ?? {}) as O), [LOG_CONTEXT_KEY]: carrier };
}

/** {@link snapshotFields} that never throws (a wrapped producer must never fail an add). */
export function safeSnapshotFields(): CapturedFields | undefined {
  try {
    return snapshotFields();
  } catch {
    reportBullmqDiagnostic(BULLMQ_DIAGNOSTICS.captureFailed, 'capturing the logging context for a BullMQ job failed unexpectedly; the job carries none');
    return undefined;
  }
}
