/**
 * Waiting on real BullMQ events (never on sleeps), with a deadline that fails the test
 * with a clear message instead of hanging it.
 */
import type { Job } from 'bullmq';

/** What the helpers need of a worker (any `Worker<D, R, N>` fits). */
export interface WorkerEvents {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

const DEFAULT_DEADLINE_MS = 20_000;

/** Resolves with the first `count` jobs the worker completes (in completion order). */
export function waitForCompleted<J extends Job = Job>(worker: WorkerEvents, count: number, deadlineMs = DEFAULT_DEADLINE_MS): Promise<J[]> {
  return new Promise((resolve, reject) => {
    const done: J[] = [];
    const timer = setTimeout(() => {
      worker.off('completed', onCompleted);
      reject(new Error(`only ${done.length} of ${count} jobs completed within ${deadlineMs} ms`));
    }, deadlineMs);
    const onCompleted = (job: Job): void => {
      done.push(job as J);
      if (done.length === count) {
        clearTimeout(timer);
        worker.off('completed', onCompleted);
        resolve(done);
      }
    };
    worker.on('completed', onCompleted);
  });
}

/** Resolves with the first `event` the worker emits (its arguments). */
export function waitForEvent(worker: WorkerEvents, event: 'stalled' | 'failed' | 'active', deadlineMs = DEFAULT_DEADLINE_MS): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off(event, listener);
      reject(new Error(`no ${event} event within ${deadlineMs} ms`));
    }, deadlineMs);
    const listener = (...args: unknown[]): void => {
      clearTimeout(timer);
      worker.off(event, listener);
      resolve(args);
    };
    worker.on(event, listener);
  });
}

/** A valid W3C traceparent with a fresh random trace id (the "inbound request"). */
export function inboundTraceparent(): { traceparent: string; traceId: string } {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  let traceId = hex(32);
  if (/^0+$/.test(traceId)) traceId = '1' + traceId.slice(1);
  return { traceparent: `00-${traceId}-${'a'.repeat(15)}1-01`, traceId };
}
