/**
 * The published types: drop-in for BullMQ's own, no `any` leaking out, and the explicit API
 * usable with BullMQ's option types. Checked by `tsc -p tsconfig.test.json`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { FlowProducer, Job, JobsOptions, Processor, Queue, SandboxedJob, Worker } from 'bullmq';
import {
  attachLogContext,
  captureLogContext,
  instrumentFlowProducer,
  instrumentQueue,
  withLogContext,
  type CapturedLogContext,
  type JobLike,
  type LogContextFlowProducer,
  type LogContextQueue,
  type LogContextWorker,
} from '@ecsctx/bullmq';

describe('types', () => {
  it('keep the wrapped classes assignable to the BullMQ classes', () => {
    expectTypeOf<LogContextQueue<{ orderId: string }>>().toMatchTypeOf<Queue<{ orderId: string }>>();
    expectTypeOf<LogContextWorker<{ orderId: string }>>().toMatchTypeOf<Worker<{ orderId: string }>>();
    expectTypeOf<LogContextFlowProducer>().toMatchTypeOf<FlowProducer>();
    expectTypeOf<Parameters<LogContextQueue<{ orderId: string }>['add']>[1]>().toEqualTypeOf<{ orderId: string }>();
  });

  it('return the instrumented instance with its own type', () => {
    expectTypeOf(instrumentQueue<Queue<{ n: number }>>).returns.toEqualTypeOf<Queue<{ n: number }>>();
    expectTypeOf(instrumentFlowProducer<FlowProducer>).returns.toEqualTypeOf<FlowProducer>();
  });

  it('make a wrapped processor a BullMQ processor, in process and sandboxed', () => {
    const inProcess = withLogContext(async (job: Job<{ n: number }, string>) => String(job.data.n));
    expectTypeOf(inProcess).toMatchTypeOf<Processor<{ n: number }, string>>();
    const sandboxed = withLogContext((job: SandboxedJob<{ n: number }>) => job.data.n + 1);
    expectTypeOf(sandboxed).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf<Job>().toMatchTypeOf<JobLike>();
    expectTypeOf<SandboxedJob>().toMatchTypeOf<JobLike>();
  });

  it('fit the explicit API into BullMQ job options', () => {
    expectTypeOf(captureLogContext()).toEqualTypeOf<CapturedLogContext>();
    expectTypeOf(attachLogContext({ attempts: 3 })).toMatchTypeOf<JobsOptions>();
    expectTypeOf(attachLogContext({ attempts: 3 }).ecsctx).toEqualTypeOf<CapturedLogContext | undefined>();
  });
});
