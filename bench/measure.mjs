// The timed loop of the benchmark: one runner writes a run of events into a discarding sink,
// in bursts, in batches back to back, or in batches with the event loop idle between them, and the run is charged three ways per line: event-loop time
// (the main thread's CPU time, what a log call costs the service), total CPU (every thread of
// the process: a worker's, the garbage collector's helpers) and wall clock.
import { DiscardSink } from './sink.mjs';

/** CPU microseconds of the main thread so far, or undefined where Node cannot tell (before 23.9). */
const threadCpu =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const u = process.threadCpuUsage();
        return u.user + u.system;
      }
    : undefined;

/** Whether event-loop time is the main thread's CPU time (else it is wall clock). */
export const EVENT_LOOP_CLOCK = threadCpu ? 'main-thread CPU time (process.threadCpuUsage)' : 'wall clock (process.threadCpuUsage is missing)';

const processCpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Times one run of `events` through a fresh logger of `runner` (`batch` lines per event-loop
 * turn, and a timer of `pauseMs` between batches when it is above 0) into a fresh sink of `sinkKind`; the run ends when the last line is written (the sink
 * has it, or the runner's `settle` says so). Returns µs per line on each clock.
 */
export async function timeRun(runner, events, batch, sinkKind, pauseMs = 0) {
  if (runner.before) await runner.before();
  const sink = new DiscardSink(sinkKind);
  const log = runner.make(sink);
  if (runner.prepare) await runner.prepare();
  const lines = events.length;
  global.gc?.(); // the previous run's garbage is not this run's
  const blocked0 = runner.blockedUs?.() ?? 0;
  const wall0 = process.hrtime.bigint();
  const loop0 = threadCpu?.();
  const cpu0 = processCpu();
  for (let done = 0; done < lines; done += batch) {
    const end = Math.min(lines, done + batch);
    const loop = () => {
      for (let i = done; i < end; i++) log(events[i]);
    };
    if (runner.wrap) runner.wrap(loop);
    else loop();
    // steady mode: the event loop turns between batches (winston's per-line immediates run)
    if (end < lines) await (pauseMs > 0 ? new Promise((resolve) => setTimeout(resolve, pauseMs)) : turn());
  }
  await (runner.settle ? runner.settle(log, lines) : sink.reached(lines));
  const wallUs = Number(process.hrtime.bigint() - wall0) / 1e3;
  const cpuUs = processCpu() - cpu0;
  // a logging thread blocked waiting for a worker (Atomics.wait) uses no CPU, but its event loop is stalled
  const blockedUs = (runner.blockedUs?.() ?? 0) - blocked0;
  const loopUs = threadCpu ? threadCpu() - loop0 + blockedUs : wallUs;
  await turn(); // let winston's per-line immediates run before the next runner
  if (runner.close) await runner.close(log);
  return { loopUs: loopUs / lines, cpuUs: cpuUs / lines, wallUs: wallUs / lines };
}

/**
 * `reps` interleaved repetitions of every runner on every event kind, the runner order rotated
 * each repetition; fresh events (fresh PII values) for every run, built outside the timed region.
 * Returns `results[kind][runner][rep]` = the run's µs per line.
 */
export async function measureLogs(runners, kinds, { lines, reps, batch, pauseMs = 0, sinkKind }) {
  const results = {};
  let offset = 0;
  for (let rep = 0; rep < reps; rep++) {
    for (const [kind, makeEvent] of Object.entries(kinds)) {
      const order = runners.map((_, i) => runners[(i + rep) % runners.length]);
      for (const runner of order) {
        const events = new Array(lines);
        for (let i = 0; i < lines; i++) events[i] = makeEvent(offset + i);
        offset += lines;
        const run = await timeRun(runner, events, batch, sinkKind, pauseMs);
        ((results[kind] ??= {})[runner.name] ??= [])[rep] = run;
      }
    }
  }
  return results;
}
