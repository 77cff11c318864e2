// One runner of the benchmark writing one kind of line at a steady pace (100 lines per
// event-loop turn), for callgrind (bench/line-instructions.sh takes the difference of two run
// lengths) and for `node --cpu-prof` (bench/profile-lines.sh). The runner `events` only
// builds the events, the floor every other count includes.
//
//   node bench/line-instructions.mjs <runner> <tiny|typical|large> <lines>
//
// Runners: events, elastic (winston + @elastic/ecs-winston-format), pino-hmac (pino + redact +
// HMAC censor), ours (PII from a file keyset), ours-off (PII unconfigured), ours-bound (PII, a
// bound context and a trace), worker and worker-bound (the same two on a worker thread), and
// any runner of bench/runners.mjs by its full name.
import { createRunners, writeKeysetFile } from './runners.mjs';
import { EVENT_KINDS } from './events.mjs';
import { DiscardSink } from './sink.mjs';

const SHORT = {
  elastic: 'winston + @elastic/ecs-winston-format',
  'pino-hmac': 'pino + ecs-pino-format + redact + HMAC censor',
  ours: 'ecsctx, PII from a file keyset',
  'ours-off': 'ecsctx, PII unconfigured (redaction)',
  'ours-bound': 'ecsctx, PII + bound context + trace',
  worker: 'ecsctx on a worker thread, PII from a file keyset',
  'worker-bound': 'ecsctx on a worker thread, PII + bound context + trace',
};
const WARM_UP = 3_000;

const [runnerKey, kind, countText] = process.argv.slice(2);
const count = Number(countText);
const runners = createRunners(writeKeysetFile());
const runner = runnerKey === 'events' ? { name: 'events', make: () => () => undefined } : runners.find((r) => r.name === (SHORT[runnerKey] ?? runnerKey));
const makeEvent = EVENT_KINDS[kind];
if (!runner || !makeEvent || !Number.isInteger(count) || count < 1) {
  console.error(`usage: node bench/line-instructions.mjs <events|${Object.keys(SHORT).join('|')}> <${Object.keys(EVENT_KINDS).join('|')}> <lines>`);
  process.exit(2);
}
if (runner.before) await runner.before();
const sink = new DiscardSink();
const log = runner.make(sink);
if (runner.prepare) await runner.prepare();

async function run(lines, offset) {
  for (let done = 0; done < lines; done += 100) {
    const end = Math.min(lines, done + 100);
    const loop = () => {
      for (let i = done; i < end; i++) log(makeEvent(offset + i));
    };
    if (runner.wrap) runner.wrap(loop);
    else loop();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

await run(WARM_UP, 0); // JIT and inline caches settle
await run(count, 1e6);
if (runner.settle) await runner.settle(log, WARM_UP + count);
else await sink.reached(runnerKey === 'events' ? 0 : WARM_UP + count);
if (runner.close) await runner.close(log);
setTimeout(() => process.exit(0), 10).unref();
