/**
 * Optional lifecycle lines of a job attempt, written in the job's scope (so they carry its
 * trace, span and identity): `bullmq_job_started`, then one of `bullmq_job_completed`,
 * `bullmq_job_retrying`, `bullmq_job_failed` or `bullmq_job_deferred`, with ECS
 * `event.outcome` and `event.duration` (nanoseconds).
 */
import { BULLMQ_DIAGNOSTICS, reportBullmqDiagnostic } from './diagnostics';
import type { JobLike } from './job-identity';

/**
 * The logger the lifecycle lines are written to. A winston logger made by core's
 * `createEcsLogger()` fits; so does any object with these three methods.
 */
export interface JobLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}

/** Messages of the lifecycle lines. */
export const JOB_LIFECYCLE_MESSAGES = {
  started: 'bullmq_job_started',
  completed: 'bullmq_job_completed',
  retrying: 'bullmq_job_retrying',
  failed: 'bullmq_job_failed',
  deferred: 'bullmq_job_deferred',
  stalled: 'bullmq_job_stalled',
} as const;

/**
 * Errors BullMQ uses for control flow, not failure: `moveToDelayed` / `moveToWait` /
 * `moveToWaitingChildren` followed by a throw, and manual rate limiting.
 */
const CONTROL_FLOW_ERRORS = new Set(['DelayedError', 'WaitingError', 'WaitingChildrenError', 'RateLimitError']);
const RATE_LIMIT_MESSAGE = 'bullmq:rateLimitExceeded';

/** How an attempt that threw ends. */
type AttemptEnd = 'retrying' | 'failed' | 'deferred';

/** Classifies an error thrown by a processor the way the worker will treat it. */
function classifyFailure(job: JobLike, err: unknown): AttemptEnd {
  const name = err instanceof Error ? err.name : undefined;
  const message = err instanceof Error ? err.message : undefined;
  if ((name !== undefined && CONTROL_FLOW_ERRORS.has(name)) || message === RATE_LIMIT_MESSAGE) return 'deferred';
  if (name === 'UnrecoverableError') return 'failed';
  const opts = job.opts as { attempts?: unknown } | undefined;
  const attempts = typeof opts?.attempts === 'number' ? opts.attempts : 1;
  return job.attemptsMade + 1 < attempts ? 'retrying' : 'failed';
}

function write(logger: JobLogger, level: 'info' | 'warn' | 'error', message: string, meta?: Record<string, unknown>): void {
  try {
    logger[level](message, meta);
  } catch {
    reportBullmqDiagnostic(BULLMQ_DIAGNOSTICS.lifecycleLogFailed, 'a BullMQ job lifecycle line could not be written: the logger threw');
  }
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}

/**
 * Runs one attempt (`call`) with lifecycle lines around it. Must run inside the job's
 * scope. Rethrows what `call` throws; logging never changes the job's outcome.
 */
export async function runLoggedAttempt<R>(logger: JobLogger, job: JobLike, call: () => R | PromiseLike<R>): Promise<R> {
  const start = process.hrtime.bigint();
  write(logger, 'info', JOB_LIFECYCLE_MESSAGES.started);
  let result: R;
  try {
    result = await call();
  } catch (err) {
    const end = classifyFailure(job, err);
    const event = { outcome: end === 'deferred' ? 'unknown' : 'failure', duration: elapsed(start) };
    if (end === 'deferred') write(logger, 'info', JOB_LIFECYCLE_MESSAGES.deferred, { event });
    else write(logger, end === 'retrying' ? 'warn' : 'error', JOB_LIFECYCLE_MESSAGES[end], { event, error: err instanceof Error ? err : { message: String(err) } });
    throw err;
  }
  write(logger, 'info', JOB_LIFECYCLE_MESSAGES.completed, { event: { outcome: 'success', duration: elapsed(start) } });
  return result;
}

/** Writes `bullmq_job_stalled` (must run inside the job's scope). */
export function logStalled(logger: JobLogger): void {
  write(logger, 'warn', JOB_LIFECYCLE_MESSAGES.stalled, { event: { outcome: 'unknown' } });
}
