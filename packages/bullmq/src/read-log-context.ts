/**
 * The restore side's reading of a job: finds the carrier, checks it once at this boundary
 * (it crossed Redis and may be someone else's data), and turns it into the fields and the
 * trace of the job's scope. Anything wrong degrades to a fresh context and one diagnostic.
 */
import { traceFromHeaders, type LoggingContextFields, type TraceContext } from '@ecsctx/core';
import { parseTraceparent } from '@ecsctx/core/trace';
import { CARRIER_VERSION, LOG_CONTEXT_KEY } from './carrier';
import { BULLMQ_DIAGNOSTICS, reportBullmqDiagnostic } from './diagnostics';
import { isScheduledJob, type JobLike } from './job-identity';
import { isJsonObject } from './json-object';

/** How the worker found the job's context. */
export type LogContextStatus =
  /** A valid carrier was found and restored. */
  | 'restored'
  /** The job carried no carrier (a producer without this package). */
  | 'missing'
  /** Something under the key was not a valid carrier. */
  | 'malformed'
  /** The job was made by a job scheduler: it starts empty by rule. */
  | 'scheduled';

/** What {@link readLogContext} found. */
export interface RestoredLogContext {
  readonly status: LogContextStatus;
  /** Where the carrier was read from. */
  readonly source: 'options' | 'data' | 'telemetry' | 'none';
  /** Fields to bind from the start of the job's scope. */
  readonly fields?: LoggingContextFields;
  /** The trace to continue; `undefined` means a new trace. */
  readonly trace?: TraceContext;
}

const STRING_FIELDS = ['ip', 'sessionId', 'orn', 'pgCode', 'referenceNumber'] as const;

type ParseResult = { ok: true; fields: LoggingContextFields | undefined; trace: TraceContext | undefined } | { ok: false; reason: string };

/** Checks one carrier value; never throws. */
function parseCarrier(value: unknown): ParseResult {
  if (!isJsonObject(value)) return { ok: false, reason: 'it is not an object' };
  if (value.v !== CARRIER_VERSION) return { ok: false, reason: `its version is not ${CARRIER_VERSION}` };
  let trace: TraceContext | undefined;
  if (value.traceparent !== undefined) {
    if (typeof value.traceparent !== 'string') return { ok: false, reason: 'its traceparent is not a valid W3C traceparent' };
    if (value.tracestate !== undefined && typeof value.tracestate !== 'string') {
      return { ok: false, reason: 'its tracestate is not a string' };
    }
    // parsed once: a continued trace has the parent id; an invalid traceparent gives a new trace without one
    trace = traceFromHeaders({ traceparent: value.traceparent, tracestate: value.tracestate as string | undefined });
    if (trace.parentId === undefined) return { ok: false, reason: 'its traceparent is not a valid W3C traceparent' };
  }
  if (value.context === undefined) return { ok: true, fields: undefined, trace };
  const context = value.context;
  if (!isJsonObject(context)) return { ok: false, reason: 'its context is not an object' };
  const fields: LoggingContextFields = {};
  if (context.userId !== undefined) {
    if (typeof context.userId !== 'string' && typeof context.userId !== 'number') return { ok: false, reason: 'its context.userId is neither a string nor a number' };
    fields.userId = context.userId;
  }
  for (const name of STRING_FIELDS) {
    const field = context[name];
    if (field === undefined) continue;
    if (typeof field !== 'string') return { ok: false, reason: `its context.${name} is not a string` };
    fields[name] = field;
  }
  if (context.extra !== undefined) {
    if (!isJsonObject(context.extra)) return { ok: false, reason: 'its context.extra is not an object' };
    fields.extra = context.extra;
  }
  if (context.labels !== undefined) {
    if (!isJsonObject(context.labels)) return { ok: false, reason: 'its context.labels is not an object' };
    for (const key of Object.keys(context.labels)) {
      const label = context.labels[key];
      if (typeof label !== 'string' && typeof label !== 'number' && typeof label !== 'boolean') {
        return { ok: false, reason: 'its context.labels holds a value that is not a string' };
      }
    }
    fields.labels = context.labels;
  }
  return { ok: true, fields, trace };
}

/** A trace from BullMQ's native carrier when it holds a W3C carrier (bullmq-otel writes `{"traceparent": …}`). */
function traceFromTelemetry(opts: Record<string, unknown>): TraceContext | undefined {
  const telemetry = opts.telemetry;
  if (!isJsonObject(telemetry) || typeof telemetry.metadata !== 'string') return undefined;
  let carrier: unknown;
  try {
    carrier = JSON.parse(telemetry.metadata);
  } catch {
    return undefined;
  }
  if (!isJsonObject(carrier) || typeof carrier.traceparent !== 'string' || !parseTraceparent(carrier.traceparent)) return undefined;
  const tracestate = typeof carrier.tracestate === 'string' ? carrier.tracestate : undefined;
  return traceFromHeaders({ traceparent: carrier.traceparent, tracestate });
}

/**
 * Reads the job's carrier: `opts.ecsctx` first, then `data.ecsctx`. Jobs made by a job
 * scheduler start empty whatever they carry. A missing or malformed carrier reports one
 * diagnostic (`ECSCTX_BULLMQ_CONTEXT_MISSING` / `ECSCTX_BULLMQ_CONTEXT_MALFORMED`) and
 * yields no fields; a missing one still continues a W3C trace found in
 * `opts.telemetry.metadata` (bullmq-otel's carrier). Never throws.
 */
export function readLogContext(job: JobLike): RestoredLogContext {
  const opts = isJsonObject(job.opts) ? job.opts : undefined;
  const data = isJsonObject(job.data) ? job.data : undefined;
  let source: 'options' | 'data' | 'none' = 'none';
  let value: unknown;
  if (opts && opts[LOG_CONTEXT_KEY] !== undefined) {
    source = 'options';
    value = opts[LOG_CONTEXT_KEY];
  } else if (data && data[LOG_CONTEXT_KEY] !== undefined) {
    source = 'data';
    value = data[LOG_CONTEXT_KEY];
  }
  if (isScheduledJob(job)) {
    if (source !== 'none') {
      reportBullmqDiagnostic(
        BULLMQ_DIAGNOSTICS.scheduledContextIgnored,
        'a job made by a BullMQ job scheduler carried a logging context (copied from its template); it was ignored: scheduled jobs start with an empty context and bind their own',
      );
    }
    return { status: 'scheduled', source: 'none' };
  }
  if (source === 'none') {
    const trace = opts ? traceFromTelemetry(opts) : undefined;
    reportBullmqDiagnostic(
      BULLMQ_DIAGNOSTICS.contextMissing,
      `a BullMQ job reached the worker without a captured logging context (opts.${LOG_CONTEXT_KEY}); it runs with a fresh context` +
        (trace ? ' in the trace of its telemetry metadata' : ' and a new trace') +
        '. Add jobs through LogContextQueue / instrumentQueue() or attach captureLogContext() yourself',
    );
    return trace ? { status: 'missing', source: 'telemetry', trace } : { status: 'missing', source: 'none' };
  }
  const parsed = parseCarrier(value);
  if (!parsed.ok) {
    reportBullmqDiagnostic(
      BULLMQ_DIAGNOSTICS.contextMalformed,
      `a BullMQ job carried a malformed logging context under ${source === 'options' ? 'opts' : 'data'}.${LOG_CONTEXT_KEY} (${parsed.reason}); it runs with a fresh context and a new trace`,
    );
    return { status: 'malformed', source };
  }
  return { status: 'restored', source, fields: parsed.fields, trace: parsed.trace };
}
