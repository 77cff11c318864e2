/**
 * One job attempt, one fresh logging scope: the producer's context restored, the trace
 * continued (same `trace.id`), a new `span.id`, and the job's identity under `bullmq`.
 * The Node form of the seed's Celery `task_prerun`/`task_postrun` pair: the scope ends
 * when `fn` returns or its promise settles, so nothing leaks into the next job.
 */
import { newSpanId, runWithLoggingContext, type LoggingContextFields } from '@ecsctx/core';
import { newTraceContext, setOwn } from '@ecsctx/core/integration';
import { jobIdentity, JOB_IDENTITY_NAMESPACE, type JobLike } from './job-identity';
import { readLogContext, type RestoredLogContext } from './read-log-context';

/** Options of {@link runWithJobLogContext}. */
export interface JobScopeOptions {
  /** Called with what was found, before `fn` runs (e.g. to count jobs without context). */
  onRestore?: (restored: RestoredLogContext) => void;
  /**
   * `service.type` of the job's lines (the role of the code writing them), whatever the
   * logger's own type: the lines of an HTTP handler in the same process keep theirs.
   * Default `'worker'`; `false` lets each logger's type apply.
   */
  serviceType?: string | false;
}

/** The service type job scopes get when none is given. */
const JOB_SERVICE_TYPE = 'worker';

/** The scope type of a job scope given `serviceType` (see {@link JobScopeOptions}). */
export function jobServiceType(serviceType: string | false | undefined): string | undefined {
  return serviceType === false ? undefined : (serviceType ?? JOB_SERVICE_TYPE);
}

/** The fields a job's scope starts with: the restored ones, a new span id, and the job identity. */
function jobScopeFields(job: JobLike, restored: RestoredLogContext): LoggingContextFields {
  // own keys copied as data properties (a JSON `__proto__` key stays harmless); the identity
  // replaces whatever the carrier held under `bullmq`, in its place. No spreads: a spread
  // with a computed key was a third of this function's cost per job.
  const extra: Record<string, unknown> = {};
  const fields = restored.fields;
  const carried = fields === undefined ? undefined : fields.extra;
  if (carried !== undefined && carried !== null) {
    const keys = Object.keys(carried);
    for (let i = 0; i < keys.length; i++) setOwn(extra, keys[i], carried[keys[i]]);
  }
  setOwn(extra, JOB_IDENTITY_NAMESPACE, jobIdentity(job));
  if (fields === undefined) return { spanId: newSpanId(), extra };
  return {
    userId: fields.userId,
    ip: fields.ip,
    sessionId: fields.sessionId,
    orn: fields.orn,
    pgCode: fields.pgCode,
    referenceNumber: fields.referenceNumber,
    labels: fields.labels,
    spanId: newSpanId(),
    extra,
  };
}

/**
 * Runs `fn` in a fresh logging scope for one attempt of `job`: the context and trace
 * captured when the job was added (see {@link readLogContext}), a new `span.id`, and
 * `bullmq.job.{id,name,attempt}` / `bullmq.queue.name`. Jobs made by a job scheduler, and
 * jobs without a valid carrier, start with only their identity and a new trace.
 *
 * Use it where BullMQ calls you outside the processor, e.g. in event listeners.
 *
 * @example
 * worker.on('failed', (job, err) => {
 *   if (job) runWithJobLogContext(job, () => logger.error('job_failed_for_good', { error: err }));
 * });
 */
export function runWithJobLogContext<R>(job: JobLike, fn: () => R, options: JobScopeOptions = {}): R {
  const restored = readLogContext(job);
  if (options.onRestore) options.onRestore(restored);
  return runWithLoggingContext(fn, {
    context: jobScopeFields(job, restored),
    trace: restored.trace ?? newTraceContext(),
    serviceType: jobServiceType(options.serviceType),
  });
}
