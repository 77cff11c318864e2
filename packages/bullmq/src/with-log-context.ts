/**
 * The processor wrapper, the Node form of the seed's RQ `with_log_context` decorator: every
 * call of the wrapped processor runs in its own job scope (see `runWithJobLogContext`).
 * It works for in-process processors and for the function a sandboxed processor file
 * exports (the carrier crosses the process boundary inside `job.opts`).
 */
import type { JobLike } from './job-identity';
import { runLoggedAttempt, type JobLogger } from './job-lifecycle-log';
import { runWithJobLogContext } from './run-with-job-log-context';

/** Options of {@link withLogContext} (and of `LogContextWorker`'s `logContext`). */
export interface WithLogContextOptions {
  /**
   * Writes lifecycle lines (`bullmq_job_started`, `bullmq_job_completed`,
   * `bullmq_job_retrying`, `bullmq_job_failed`, `bullmq_job_deferred`) in each job's scope.
   * Default: none; the processor logs what it wants.
   */
  logger?: JobLogger;
  /**
   * `service.type` of the lines written in each job's scope (the role of the code writing
   * them). Only the job's scope gets it: lines written elsewhere in the process (an HTTP
   * handler's) keep their logger's type. Default `'worker'`; `false` lets the logger's type
   * apply to job lines too.
   */
  serviceType?: string | false;
}

/** A processor: BullMQ's `Processor` and a sandboxed processor file's export both fit. */
export type JobProcessor<J extends JobLike, R> = (job: J, token?: string, signal?: AbortSignal) => R | PromiseLike<R>;

/**
 * Wraps a processor so that each job runs in a fresh logging scope: the context and trace
 * captured when the job was added, a new `span.id`, and the job's identity under
 * `bullmq`; its lines say `service.type: worker` (see `serviceType`).
 *
 * The wrapper keeps the processor's arity (BullMQ passes an `AbortSignal` only to
 * processors declaring three parameters) and its `this`.
 *
 * @example
 * // in-process
 * const worker = new Worker('emails', withLogContext(async (job) => {
 *   logger.info('sending_receipt'); // trace.id of the request that added the job
 * }), { connection });
 *
 * // sandboxed processor file (CommonJS)
 * const { withLogContext } = require('@ecsctx/bullmq');
 * module.exports = withLogContext(async (job) => { logger.info('resizing_image'); });
 */
export function withLogContext<J extends JobLike, R>(
  processor: JobProcessor<J, R>,
  options: WithLogContextOptions = {},
): (job: J, token?: string, signal?: AbortSignal) => Promise<Awaited<R>> {
  if (typeof processor !== 'function') throw new TypeError('withLogContext(processor): processor must be a function');
  const logger = options.logger;
  const scopeOptions = { serviceType: options.serviceType };

  const run = (self: unknown, job: J, args: readonly unknown[]): Promise<Awaited<R>> =>
    runWithJobLogContext(
      job,
      () => {
        const call = (): R | PromiseLike<R> => processor.apply(self, [job, ...args] as unknown as Parameters<JobProcessor<J, R>>);
      if (logger) return runLoggedAttempt(logger, job, call) as Promise<Awaited<R>>;
      try {
        return Promise.resolve(call()) as Promise<Awaited<R>>;
      } catch (err) {
        return Promise.reject(err);
      }
    },
      scopeOptions,
    );

  // BullMQ checks `processor.length >= 3` to decide whether to create an AbortSignal.
  if (processor.length >= 3) {
    return function (this: unknown, job: J, token?: string, signal?: AbortSignal): Promise<Awaited<R>> {
      return run(this, job, [token, signal]);
    };
  }
  return function (this: unknown, job: J, token?: string): Promise<Awaited<R>> {
    return run(this, job, [token]);
  };
}
