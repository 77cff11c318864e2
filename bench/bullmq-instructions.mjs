// Instructions per job of the BullMQ wrappers, for callgrind: the jobs/s of the bench are
// Redis round trips on a shared VM, and run to run they move by more than the wrappers cost.
// Redis runs in its own process, so callgrind counts only what Node spends per job: the
// client's work (BullMQ, ioredis) and the wrapper's. Run through
// bench/bullmq-instructions.sh, which fills the queues from a process of its own and takes
// the difference of two run lengths.
//
//   node bench/bullmq-instructions.mjs fill <prefix> <queue> <jobs>
//   node bench/bullmq-instructions.mjs drain <prefix> <queue> <plain|als|wrapped> <jobs>
//   node bench/bullmq-instructions.mjs produce <prefix> <queue> <plain|wrapped> <jobs>
//   node bench/bullmq-instructions.mjs clean <prefix>
//
// `als` runs the plain processor in an AsyncLocalStorage of its own and nothing else: the
// floor of any AsyncLocalStorage-based job context on this Node (Node 20 runs its async
// hooks for every promise of the process once a store is used).
//
// Uses the BUILT packages (npm run build first) and the local Redis (REDIS_URL, default
// redis://127.0.0.1:6379).
import { createRequire } from 'node:module';
import { AsyncLocalStorage } from 'node:async_hooks';

const require = createRequire(import.meta.url);
const bullmq = require('bullmq');
const ecsBullmq = require('../packages/bullmq/dist/index.js');
const { addInLanes, connectionFromUrl, drain: drainQueue, inRequest, prefill, withDeadline } = await import('../packages/bullmq/bench/bullmq-bench.mjs');

const WARM_UP_JOBS = 1000;
const CONCURRENCY = 20;
const DEADLINE_MS = 600_000;

const connection = connectionFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

function usage() {
  console.error('usage: node bench/bullmq-instructions.mjs fill <prefix> <queue> <jobs>');
  console.error('       node bench/bullmq-instructions.mjs drain <prefix> <queue> plain|als|wrapped <jobs>');
  console.error('       node bench/bullmq-instructions.mjs produce <prefix> <queue> plain|wrapped <jobs>');
  console.error('       node bench/bullmq-instructions.mjs clean <prefix>');
  process.exit(2);
}

function count(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) usage();
  return n;
}

/** Fills `queue` with `jobs` context-carrying jobs (what a LogContextQueue producer adds). */
async function fill(prefix, name, jobs) {
  const queue = await prefill(name, jobs, connection, prefix, (closable) => closable);
  await queue.close();
}

/** Drains `jobs` jobs of `name` with a worker whose processor does nothing (wrapped or not). */
async function drain(prefix, name, variant, jobs) {
  const processor = async (job) => job.data.i;
  const storage = new AsyncLocalStorage();
  const fn =
    variant === 'wrapped'
      ? ecsBullmq.withLogContext(processor, { serviceType: false })
      : variant === 'als'
        ? (job) => storage.run({}, () => processor(job))
        : processor;
  await drainQueue(name, fn, jobs, CONCURRENCY, connection, prefix, (closable) => closable, DEADLINE_MS);
}

/** Adds `jobs` jobs one by one, CONCURRENCY at a time, inside a request's scope. */
async function produce(prefix, name, variant, jobs) {
  const queue =
    variant === 'wrapped'
      ? new ecsBullmq.LogContextQueue(name, { connection, prefix, defaultJobOptions: { removeOnComplete: true } })
      : new bullmq.Queue(name, { connection, prefix, defaultJobOptions: { removeOnComplete: true } });
  await queue.waitUntilReady();
  const run = (total) => inRequest(() => addInLanes(queue, total, CONCURRENCY));
  await withDeadline(run(WARM_UP_JOBS), 'warming up', DEADLINE_MS); // JIT and inline caches settle
  await withDeadline(run(jobs), `producing into ${name}`, DEADLINE_MS);
  await queue.obliterate({ force: true });
  await queue.close();
}

async function clean(prefix) {
  const client = new (require('ioredis'))(connection);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
  await client.quit();
}

const [command, prefix, ...rest] = process.argv.slice(2);
if (typeof prefix !== 'string' || !/^[\w-]+$/.test(prefix)) usage();
if (command === 'fill') await fill(prefix, rest[0], count(rest[1]));
else if (command === 'drain' && ['plain', 'als', 'wrapped'].includes(rest[1])) {
  await drain(prefix, `${rest[0]}-warm`, rest[1], WARM_UP_JOBS); // JIT and inline caches settle
  await drain(prefix, rest[0], rest[1], count(rest[2]));
} else if (command === 'produce' && ['plain', 'wrapped'].includes(rest[1])) await produce(prefix, rest[0], rest[1], count(rest[2]));
else if (command === 'clean') await clean(prefix);
else usage();
