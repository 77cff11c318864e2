/**
 * The job's own identity on every line it logs, under the root namespace `bullmq` (kept
 * at the root by core's placement rules): `bullmq.job.{id,name,attempt}`,
 * `bullmq.queue.name`, and `bullmq.job.scheduler_id` for jobs made by a job scheduler.
 */

/** The root namespace of the job identity (allowlisted in core's `fields.ts`). */
export const JOB_IDENTITY_NAMESPACE = 'bullmq';

/**
 * What the worker side reads from a job. BullMQ's `Job` and the `SandboxedJob` a
 * sandboxed processor receives both fit.
 */
export interface JobLike {
  /** Job id (BullMQ ids are strings). */
  readonly id?: string | undefined;
  /** Job name. */
  readonly name: string;
  /** Name of the job's queue. */
  readonly queueName: string;
  /** Attempts that already ended (failed, or completed); `0` while the first attempt runs. */
  readonly attemptsMade: number;
  /** Job options: the carrier is read from `opts.ecsctx`. */
  readonly opts?: object | undefined;
  /** Job data: read for a carrier under `data.ecsctx` when the options hold none. */
  readonly data?: unknown;
  /** Set on jobs made by a job scheduler (or a BullMQ 5 repeatable): they start with an empty context. */
  readonly repeatJobKey?: string | undefined;
}

/** The identity bound under `bullmq` for one attempt of a job. */
export interface JobIdentity {
  readonly job: {
    readonly id?: string;
    readonly name: string;
    /** 1 for the first attempt, 2 for the first retry, … (`attemptsMade + 1`). */
    readonly attempt: number;
    /** The job scheduler that made the job. */
    readonly scheduler_id?: string;
  };
  readonly queue: { readonly name: string };
}

/** True for a job made by a job scheduler or a legacy repeatable schedule. */
export function isScheduledJob(job: JobLike): boolean {
  return typeof job.repeatJobKey === 'string' && job.repeatJobKey !== '';
}

/** The identity of the attempt of `job` that is running now. */
export function jobIdentity(job: JobLike): JobIdentity {
  const made = typeof job.attemptsMade === 'number' && Number.isFinite(job.attemptsMade) ? job.attemptsMade : 0;
  // key order is the order of the line: id, name, attempt
  const identity: { id?: string; name: string; attempt: number; scheduler_id?: string } =
    job.id !== undefined && job.id !== null
      ? { id: String(job.id), name: String(job.name), attempt: made + 1 }
      : { name: String(job.name), attempt: made + 1 };
  if (isScheduledJob(job)) identity.scheduler_id = job.repeatJobKey;
  return { job: identity, queue: { name: String(job.queueName) } };
}
