/**
 * Low-touch capture on a queue, the Node form of the seed's `install_celery_hooks`
 * `before_task_publish` hook: every job added with `add` or `addBulk` carries the logging
 * context and trace of the code that added it. Job schedulers (`upsertJobScheduler`) are
 * left alone on purpose: their jobs start with an empty context. With a `telemetry`
 * (bullmq-otel), BullMQ's producer span continues the snapshot's trace (`telemetry-parent.ts`).
 */
import { Queue, type JobsOptions } from 'bullmq';
import { optionsWithCarrier, safeSnapshotFields } from './capture-log-context';
import type { CapturedFields } from './carrier';
import { firstTracedOptions, runWithTelemetryParent, telemetryOf } from './telemetry-parent';

/** One entry of `Queue.addBulk`. */
interface BulkEntryLike {
  readonly opts?: object;
}

/** What {@link instrumentQueue} needs of a queue (BullMQ 5 and 6 `Queue` fit, any backend). */
export interface QueueLike {
  add(name: string, data: unknown, opts?: JobsOptions): Promise<unknown>;
  addBulk(jobs: readonly { name: string; data: unknown; opts?: JobsOptions }[]): Promise<unknown>;
}

const INSTRUMENTED = Symbol.for('ecsctx.bullmq.instrumented.v1');

/** The entries of an `addBulk` call, each with its own carrier (one snapshot of the fields, a new span each). */
function bulkWithCarriers<E extends BulkEntryLike>(jobs: readonly E[]): E[] {
  const fields: CapturedFields | undefined = safeSnapshotFields();
  return jobs.map((job) => ({ ...job, opts: optionsWithCarrier(job.opts, fields) }));
}

/**
 * A BullMQ `Queue` whose `add` and `addBulk` attach the current logging context and trace
 * to each job (under job option `ecsctx`). Drop-in: same constructor, same types.
 * Options that already hold a carrier are left as they are.
 *
 * @example
 * const emails = new LogContextQueue<{ orderId: string }>('emails', { connection });
 * app.post('/orders', async (req, res) => {
 *   bindLoggingContext({ extra: { merchant_id: req.merchant } });
 *   await emails.add('send-receipt', { orderId }); // the worker logs with this request's trace.id
 * });
 */
export class LogContextQueue<
  DataTypeOrJob = unknown,
  DefaultResultType = unknown,
  DefaultNameType extends string = string,
> extends Queue<DataTypeOrJob, DefaultResultType, DefaultNameType> {
  /** Adds a job carrying the caller's logging context and trace. */
  override add(
    ...[name, data, opts]: Parameters<Queue<DataTypeOrJob, DefaultResultType, DefaultNameType>['add']>
  ): ReturnType<Queue<DataTypeOrJob, DefaultResultType, DefaultNameType>['add']> {
    const withCarrier = optionsWithCarrier(opts, safeSnapshotFields());
    return runWithTelemetryParent(this.opts.telemetry, withCarrier, () => super.add(name, data, withCarrier));
  }

  /** Adds jobs, each carrying the caller's logging context and its own span of the trace. */
  override addBulk(
    ...[jobs]: Parameters<Queue<DataTypeOrJob, DefaultResultType, DefaultNameType>['addBulk']>
  ): ReturnType<Queue<DataTypeOrJob, DefaultResultType, DefaultNameType>['addBulk']> {
    const withCarriers = bulkWithCarriers(jobs);
    return runWithTelemetryParent(this.opts.telemetry, firstTracedOptions(withCarriers), () => super.addBulk(withCarriers));
  }
}

/**
 * Makes an existing queue instance capture like {@link LogContextQueue}, for queues you do
 * not construct yourself (a framework's, another backend's). Only this instance changes;
 * calling it again is a no-op. Returns the same queue.
 *
 * @example
 * const queue = instrumentQueue(moduleRef.get(getQueueToken('emails')));
 */
export function instrumentQueue<Q extends QueueLike>(queue: Q): Q {
  const target = queue as Q & { [INSTRUMENTED]?: true };
  if (queue instanceof LogContextQueue || target[INSTRUMENTED]) return queue;
  const add = queue.add;
  const addBulk = queue.addBulk;
  Object.defineProperties(queue, {
    add: {
      value: function (this: QueueLike, name: string, data: unknown, opts?: JobsOptions): Promise<unknown> {
        const withCarrier = optionsWithCarrier(opts, safeSnapshotFields());
        return runWithTelemetryParent(telemetryOf(this), withCarrier, () => add.call(this, name, data, withCarrier));
      },
      writable: true,
      configurable: true,
    },
    addBulk: {
      value: function (this: QueueLike, jobs: readonly { name: string; data: unknown; opts?: JobsOptions }[]): Promise<unknown> {
        const withCarriers = bulkWithCarriers(jobs);
        return runWithTelemetryParent(telemetryOf(this), firstTracedOptions(withCarriers), () => addBulk.call(this, withCarriers));
      },
      writable: true,
      configurable: true,
    },
    [INSTRUMENTED]: { value: true },
  });
  return queue;
}
