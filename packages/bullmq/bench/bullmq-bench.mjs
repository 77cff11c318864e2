/**
 * BullMQ throughput with and without @ecsctx/bullmq, on a real Redis, using the BUILT
 * packages (run `npm run build` first) and BullMQ's optional peer `ioredis`.
 *
 * - worker: jobs/s of a Worker draining a pre-filled queue, plain processor vs the same
 *   processor wrapped with withLogContext (restore + fresh scope + identity per job);
 *   both queues hold the same jobs, carriers included, so only the worker side differs.
 * - producer: adds/s of Queue.add vs LogContextQueue.add inside a logging scope.
 * Each side runs `rounds` times, in alternating order; the medians are reported.
 *
 * Bounded: every phase has a deadline; all keys live under a unique prefix and every
 * queue is obliterated at the end, whatever happens.
 *
 *   node packages/bullmq/bench/bullmq-bench.mjs [jobs] [concurrency]
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const bullmq = require('bullmq');
const core = require('../../core/dist/index.js');
const { newTraceContext } = require('../../core/dist/integration.js');
const ecsBullmq = require('../dist/index.js');

const PHASE_DEADLINE_MS = 120_000;
const BULK_CHUNK = 1000;

/** BullMQ connection options (BullMQ connects through its optional peer ioredis) for a `redis://` URL. */
export function connectionFromUrl(redisUrl) {
  const u = new URL(redisUrl);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(Number.isInteger(db) ? { db } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

/** `promise`, or a rejection once `ms` have passed (`what` names the phase). */
export function withDeadline(promise, what, ms = PHASE_DEADLINE_MS) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bullmq bench: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Runs `fn` in a request's scope, as a producer inside an Express handler has it. */
export function inRequest(fn) {
  return core.runWithLoggingContext(fn, {
    trace: newTraceContext(),
    context: { sessionId: 'sess-bench', userId: 'u-1', extra: { merchant_id: 'acme', shopapp: { store_id: 's1' } }, labels: { tier: 'gold' } },
  });
}

/** Fills `queueName` with `jobs` context-carrying jobs (the queue is returned open). */
export async function prefill(queueName, jobs, connection, prefix, track) {
  const queue = track(new ecsBullmq.LogContextQueue(queueName, { connection, prefix, defaultJobOptions: { removeOnComplete: true } }));
  for (let done = 0; done < jobs; done += BULK_CHUNK) {
    const n = Math.min(BULK_CHUNK, jobs - done);
    await inRequest(() => queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'bench', data: { i: done + i } }))));
  }
  return queue;
}

/** Drains `jobs` jobs with `processor`; returns elapsed ms from start to the last completion. */
export async function drain(queueName, processor, jobs, concurrency, connection, prefix, track, deadlineMs = PHASE_DEADLINE_MS) {
  const worker = track(new bullmq.Worker(queueName, processor, { connection, prefix, concurrency, autorun: false }));
  await worker.waitUntilReady();
  let completed = 0;
  const finished = new Promise((resolve, reject) => {
    worker.on('completed', () => {
      if (++completed === jobs) resolve();
    });
    worker.on('failed', (_job, err) => reject(err));
  });
  const start = process.hrtime.bigint();
  worker.run().catch(() => undefined);
  await withDeadline(finished, `draining ${queueName}`, deadlineMs);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await worker.close();
  return ms;
}

/** Adds `jobs` jobs (`{ i }`) to `queue` one by one, `inFlight` at a time, in the current scope. */
export async function addInLanes(queue, jobs, inFlight) {
  let next = 0;
  const lane = async () => {
    while (next < jobs) {
      const i = next++;
      await queue.add('bench', { i });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Adds `jobs` jobs one by one (`inFlight` at a time) inside a logging scope; returns elapsed ms. */
async function produce(queue, jobs, inFlight) {
  const start = process.hrtime.bigint();
  await inRequest(() => addInLanes(queue, jobs, inFlight));
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const rate = (jobs, ms) => Math.round((jobs / ms) * 1000);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const overhead = ({ plain, wrapped }) => Math.round((1 - wrapped / plain) * 1000) / 10;

/**
 * Runs the bench and returns its numbers (jobs/s; overhead in % of the plain rate).
 * @param {{ jobs?: number, concurrency?: number, redisUrl?: string, rounds?: number }} options
 */
export async function runBullmqBench({ jobs = 5000, concurrency = 20, redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', rounds = 3 } = {}) {
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1_000_000) throw new RangeError('runBullmqBench: jobs must be an integer in 1..1000000');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) throw new RangeError('runBullmqBench: concurrency must be an integer in 1..1000');
  const connection = connectionFromUrl(redisUrl);
  const prefix = `ecsctx-bench-${process.pid}-${randomBytes(4).toString('hex')}`;
  const open = [];
  const track = (closable) => (open.push(closable), closable);
  // the wrapper marks the process as a worker; the bench writes no log lines
  const processor = async (job) => job.data.i;
  const wrapped = ecsBullmq.withLogContext(processor, { serviceType: false });
  const silence = core.setDiagnosticHandler(() => undefined);
  try {
    const workerRates = { plain: [], wrapped: [] };
    const producerRates = { plain: [], wrapped: [] };
    const producerJobs = Math.min(jobs, 2000);
    for (let round = 0; round < rounds; round++) {
      // alternate the order each round, so warm-up and drift do not favour one side
      const order = round % 2 === 0 ? ['plain', 'wrapped'] : ['wrapped', 'plain'];
      for (const variant of order) {
        const name = `${variant}-${round}`;
        await prefill(name, jobs, connection, prefix, track);
        const ms = await drain(name, variant === 'plain' ? processor : wrapped, jobs, concurrency, connection, prefix, track);
        workerRates[variant].push(rate(jobs, ms));
        const queue = track(
          variant === 'plain' ? new bullmq.Queue(`produce-${name}`, { connection, prefix }) : new ecsBullmq.LogContextQueue(`produce-${name}`, { connection, prefix }),
        );
        const addMs = await withDeadline(produce(queue, producerJobs, concurrency), `producing with ${variant}`);
        producerRates[variant].push(rate(producerJobs, addMs));
      }
    }
    const worker = { plain: median(workerRates.plain), wrapped: median(workerRates.wrapped) };
    const producer = { plain: median(producerRates.plain), wrapped: median(producerRates.wrapped) };
    return {
      name: '@ecsctx/bullmq',
      jobs,
      concurrency,
      rounds,
      unit: 'jobs/s (median of rounds)',
      worker: { ...worker, overheadPct: overhead(worker) },
      producer: { jobs: producerJobs, ...producer, overheadPct: overhead(producer) },
    };
  } finally {
    core.setDiagnosticHandler(silence);
    for (const item of open.reverse()) {
      if (typeof item.obliterate === 'function') await item.obliterate({ force: true }).catch(() => undefined);
      await item.close().catch(() => undefined);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [jobs, concurrency] = process.argv.slice(2).map(Number);
  const result = await runBullmqBench({ jobs: jobs || undefined, concurrency: concurrency || undefined });
  console.log(JSON.stringify(result, null, 2));
}
