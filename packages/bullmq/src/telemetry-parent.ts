/**
 * Keeps BullMQ's telemetry spans (bullmq-otel) and the job's log lines in one trace.
 *
 * With a `telemetry` on the producer, `Queue.add` starts a producer span in the
 * OpenTelemetry context active at the call, and the worker's `process` span continues it;
 * core then takes the worker's `trace.id`/`span.id` from that consumer span. When an
 * OpenTelemetry span is active at the call, the snapshot already names its trace (core's
 * `createOutboundTrace` returns OpenTelemetry's own `traceparent`), so nothing is needed.
 * When none is active but the scope has a W3C trace of its own (a request traced by this
 * library alone), the producer span would start a new trace and the job's lines would leave
 * the request's trace. So the add runs in a telemetry context made from the snapshot's
 * `traceparent`, through BullMQ's `ContextManager` (`fromMetadata` / `with`): BullMQ's spans
 * then continue the request's trace, as a child of the snapshot's parent-id.
 *
 * On the worker, the `stalled` line is written in the context of the job's telemetry
 * metadata, not in BullMQ's `moveStalledJobsToWait` span that emits the event.
 *
 * Nothing here writes `opts.telemetry`; BullMQ fills it from its producer span as always.
 * Any failure falls back to BullMQ's own behaviour: an add never fails because of it.
 */
import { parseTraceparent } from '@ecsctx/core/trace';
import { activeOtelSpanContext } from '@ecsctx/core/integration';
import { LOG_CONTEXT_KEY } from './carrier';
import { isJsonObject } from './json-object';

/** The part of BullMQ's `ContextManager` used here (BullMQ 5.x and 6.x). */
interface ContextManagerLike {
  active(): unknown;
  fromMetadata(activeContext: unknown, metadata: string): unknown;
  with<A extends () => unknown>(context: unknown, fn: A): ReturnType<A>;
}

/** The `telemetry` a queue or flow producer was created with (BullMQ keeps its options on `opts`). */
export function telemetryOf(producer: unknown): unknown {
  const opts = (producer as { opts?: { telemetry?: unknown } } | null)?.opts;
  return opts?.telemetry;
}

/** BullMQ's `telemetry.contextManager`, when `telemetry` has a usable one. */
function contextManagerOf(telemetry: unknown): ContextManagerLike | undefined {
  if (telemetry === null || typeof telemetry !== 'object') return undefined;
  const manager = (telemetry as { contextManager?: Partial<ContextManagerLike> | null }).contextManager;
  if (manager === null || typeof manager !== 'object') return undefined;
  if (typeof manager.active !== 'function' || typeof manager.fromMetadata !== 'function' || typeof manager.with !== 'function') return undefined;
  return manager as ContextManagerLike;
}

/** The W3C trace of the snapshot in `opts`, when there is one with a valid `traceparent`. */
function snapshotTrace(opts: object | undefined): { traceparent: string; tracestate?: string } | undefined {
  if (opts === undefined || opts === null) return undefined;
  const carrier = (opts as Record<string, unknown>)[LOG_CONTEXT_KEY];
  if (!isJsonObject(carrier) || typeof carrier.traceparent !== 'string' || !parseTraceparent(carrier.traceparent)) return undefined;
  return typeof carrier.tracestate === 'string' && carrier.tracestate !== ''
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/**
 * Runs `add` (a producer call of BullMQ) so that the producer's telemetry spans continue the
 * trace of `opts`' snapshot, when the producer has a telemetry and no OpenTelemetry span is
 * active. Otherwise, or when the telemetry cannot take the trace, runs `add` as it is.
 */
export function runWithTelemetryParent<R>(telemetry: unknown, opts: object | undefined, add: () => R): R {
  const manager = contextManagerOf(telemetry);
  if (manager === undefined || activeOtelSpanContext() !== undefined) return add();
  const trace = snapshotTrace(opts);
  if (trace === undefined) return add();
  let parent: unknown;
  try {
    // a JSON W3C carrier: the metadata format bullmq-otel writes and reads
    parent = manager.fromMetadata(manager.active(), JSON.stringify(trace));
  } catch {
    return add();
  }
  return withContext(manager, parent, add);
}

/** `manager.with(context, fn)`; when the manager itself throws before calling `fn`, `fn()` alone. */
function withContext<R>(manager: ContextManagerLike, context: unknown, fn: () => R): R {
  let started = false;
  try {
    return manager.with(context, () => {
      started = true;
      return fn();
    });
  } catch (err) {
    if (started) throw err; // thrown by fn: the caller's to see
    return fn();
  }
}

/** The options of the first entry whose snapshot names a trace (one producer span covers a bulk). */
export function firstTracedOptions(entries: readonly { readonly opts?: object }[]): object | undefined {
  for (const entry of entries) {
    if (snapshotTrace(entry.opts) !== undefined) return entry.opts;
  }
  return undefined;
}

/**
 * Runs `fn` in the OpenTelemetry context the job's telemetry metadata names (bullmq-otel's
 * carrier in `opts.telemetry.metadata`: its producer span, the parent of every attempt), so
 * a line written about the job outside its processor carries the job's trace. Runs `fn` as
 * it is when the worker has no telemetry, the job no metadata, or the telemetry cannot read it.
 */
export function runInJobTelemetryContext<R>(telemetry: unknown, job: { readonly opts?: object | undefined }, fn: () => R): R {
  const manager = contextManagerOf(telemetry);
  const carried = (job.opts as { telemetry?: { metadata?: unknown } } | undefined)?.telemetry?.metadata;
  if (manager === undefined || typeof carried !== 'string' || carried === '') return fn();
  let jobContext: unknown;
  try {
    jobContext = manager.fromMetadata(manager.active(), carried);
  } catch {
    return fn();
  }
  return withContext(manager, jobContext, fn);
}
