/**
 * A BullMQ `Worker` whose function processor runs each job in its own logging scope
 * (see `withLogContext`), and which marks the process as a worker for `service.name`.
 */
import { runWithLoggingContext, newSpanId } from '@ecsctx/core';
import { newTraceContext } from '@ecsctx/core/integration';
import { Job, Worker, type Processor, type WorkerOptions } from 'bullmq';
import { logStalled } from './job-lifecycle-log';
import { JOB_IDENTITY_NAMESPACE } from './job-identity';
import { jobServiceType, runWithJobLogContext } from './run-with-job-log-context';
import { runInJobTelemetryContext } from './telemetry-parent';
import { withLogContext, type WithLogContextOptions } from './with-log-context';

/** Options of {@link LogContextWorker}: BullMQ's worker options plus `logContext`. */
export interface LogContextWorkerOptions extends WorkerOptions {
  /** How jobs are logged; see {@link WithLogContextOptions}. Not passed on to BullMQ. */
  logContext?: WithLogContextOptions;
}

function workerOptions(opts: LogContextWorkerOptions | undefined): WorkerOptions {
  if (!opts) return opts as unknown as WorkerOptions;
  const { logContext: _ignored, ...rest } = opts;
  return rest;
}

function wrapProcessor<D, R, N extends string>(
  processor: string | URL | null | Processor<D, R, N> | undefined,
  opts: LogContextWorkerOptions | undefined,
): string | URL | null | Processor<D, R, N> | undefined {
  if (typeof processor !== 'function') return processor;
  return withLogContext(processor, opts?.logContext) as Processor<D, R, N>;
}

/**
 * A drop-in BullMQ `Worker` for context-carrying jobs:
 *
 * - a function processor is wrapped with `withLogContext`: each job attempt runs in a
 *   fresh scope with the producer's context and trace, a new `span.id` and its identity
 *   under `bullmq`;
 * - a processor file (sandboxed) runs in a child process, where the file wraps its own
 *   export with `withLogContext` (the carrier travels inside `job.opts`);
 * - the lines of each job say `service.type: worker` (`logContext.serviceType` changes it);
 *   the process's other lines (an HTTP server's) keep their logger's type;
 * - with `logContext.logger`, lifecycle lines are written, and a `stalled` job is logged
 *   as `bullmq_job_stalled` in its own context.
 *
 * @example
 * const worker = new LogContextWorker('emails', async (job) => {
 *   logger.info('sending_receipt');
 * }, { connection, concurrency: 20, logContext: { logger } });
 */
export class LogContextWorker<DataType = unknown, ResultType = unknown, NameType extends string = string> extends Worker<
  DataType,
  ResultType,
  NameType
> {
  constructor(
    name: string,
    processor: string | URL | null | Processor<DataType, ResultType, NameType> | undefined,
    opts: LogContextWorkerOptions,
  ) {
    super(name, wrapProcessor(processor, opts), workerOptions(opts));
    const options = opts?.logContext ?? {};
    this.jobServiceType = options.serviceType;
    const logger = options.logger;
    if (logger) {
      this.on('stalled', (jobId: string) => {
        void this.logStalledJob(jobId, () => logStalled(logger));
      });
    }
  }

  /**
   * Runs `log` in the stalled job's context (or in a fresh scope naming the job when it is
   * gone). With a `telemetry`, also in the OpenTelemetry context of the job's metadata:
   * BullMQ emits `stalled` inside its `moveStalledJobsToWait` span, whose trace is not the job's.
   */
  /** `service.type` of the job scopes this worker makes (`logContext.serviceType`). */
  private readonly jobServiceType: string | false | undefined;

  private async logStalledJob(jobId: string, log: () => void): Promise<void> {
    let job: Job | undefined;
    try {
      job = await Job.fromId(this, jobId);
    } catch {
      job = undefined;
    }
    if (job) {
      const found = job;
      runInJobTelemetryContext(this.opts.telemetry, found, () => runWithJobLogContext(found, log, { serviceType: this.jobServiceType }));
      return;
    }
    runWithLoggingContext(log, {
      context: { spanId: newSpanId(), extra: { [JOB_IDENTITY_NAMESPACE]: { job: { id: jobId }, queue: { name: this.name } } } },
      trace: newTraceContext(),
      serviceType: jobServiceType(this.jobServiceType),
    });
  }
}
