// `npm run bench`: every runner side by side in one run, on the same events, into the same
// discarding sink; interleaved repetitions; medians with min and max; ratios to
// winston + @elastic/ecs-winston-format. `--smoke` runs a few hundred iterations only.
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { createRequire } from 'node:module';
import { DiscardSink } from './sink.mjs';
import { EVENT_KINDS } from './events.mjs';
import { createRunners, writeKeysetFile } from './runners.mjs';
import { summarize, fmtRate, fmtRatio } from './stats.mjs';
import { measureChainSteps, measureOnePass } from './chain-steps.mjs';
import { measureMemory } from './memory.mjs';
import { runOtelCost } from './otel-cost.mjs';
import { measureExpressMemory } from './express-memory.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const LINES = smoke ? 200 : 5_000;
const REPS = smoke ? 2 : 7;
/** Steady mode: this many lines per event-loop turn (burst mode logs all LINES in one loop). */
const STEADY_BATCH = 100;
const MODES = [
  { key: 'burst', batch: LINES, title: `burst: ${LINES} lines in one synchronous loop` },
  { key: 'steady', batch: STEADY_BATCH, title: `steady: ${STEADY_BATCH} lines per event-loop turn` },
];
const out = (s = '') => process.stdout.write(s + '\n');

async function measureLogs(runners, batch) {
  const results = {};
  let offset = 0;
  for (let rep = 0; rep < REPS; rep++) {
    for (const [kind, makeEvent] of Object.entries(EVENT_KINDS)) {
      // rotate the order every repetition so no runner always goes first
      const order = runners.map((_, i) => runners[(i + rep) % runners.length]);
      for (const runner of order) {
        if (runner.before) await runner.before();
        const sink = new DiscardSink();
        const log = runner.make(sink);
        // fresh events with fresh PII values, built outside the timed region
        const events = new Array(LINES);
        for (let i = 0; i < LINES; i++) events[i] = makeEvent(offset + i);
        offset += LINES;
        const t0 = process.hrtime.bigint();
        for (let done = 0; done < LINES; done += batch) {
          const end = Math.min(LINES, done + batch);
          const loop = () => {
            for (let i = done; i < end; i++) log(events[i]);
          };
          if (runner.wrap) runner.wrap(loop);
          else loop();
          // steady mode: let the event loop turn (winston's per-line immediates run) between batches
          if (end < LINES) await new Promise((resolve) => setImmediate(resolve));
        }
        await sink.reached(LINES);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        await new Promise((resolve) => setImmediate(resolve)); // let winston's per-line immediates run
        ((results[kind] ??= {})[runner.name] ??= []).push(LINES / seconds);
      }
    }
  }
  return results;
}

function printLogTable(runners, results, mode) {
  const baseline = runners.find((r) => r.baseline).name;
  const table = {};
  for (const kind of Object.keys(EVENT_KINDS)) {
    out(`\n### ${kind} events (${mode.title}): logs/s (median of ${REPS}, min–max) and ratio to ${baseline}\n`);
    out('| runner | logs/s | min–max | ratio |');
    out('| --- | ---: | ---: | ---: |');
    const base = summarize(results[kind][baseline]).median;
    for (const r of runners) {
      const s = summarize(results[kind][r.name]);
      const ratio = s.median / base;
      (table[kind] ??= {})[r.name] = { ...s, ratio };
      out(`| ${r.name} | ${fmtRate(s.median)} | ${fmtRate(s.min)}–${fmtRate(s.max)} | ${fmtRatio(ratio)} |`);
    }
  }
  return table;
}

async function optionalBench(label, modulePath, fnName, options) {
  if (!existsSync(modulePath)) {
    out(`\n(${label}: ${modulePath} not present, skipped)`);
    return undefined;
  }
  try {
    const mod = await import(modulePath);
    return await mod[fnName](options);
  } catch (err) {
    out(`\n(${label} failed: ${err && err.message})`);
    return { error: String(err && err.message) };
  }
}

async function main() {
  const versions = {
    node: process.version,
    winston: require('winston/package.json').version,
    '@elastic/ecs-winston-format': require('@elastic/ecs-winston-format/package.json').version,
    pino: require('pino/package.json').version,
    '@elastic/ecs-pino-format': require('@elastic/ecs-pino-format/package.json').version,
    '@ecsctx/core': require('@ecsctx/core/package.json').version,
  };
  out(`# ecsctx benchmark${smoke ? ' (smoke)' : ''}`);
  out(`\n${new Date().toISOString()} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · ${os.totalmem() / 2 ** 30 | 0} GiB · Node ${process.version}`);
  out(`versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const keysetFile = writeKeysetFile();
  const runners = createRunners(keysetFile);
  const tables = {};
  for (const mode of MODES) tables[mode.key] = printLogTable(runners, await measureLogs(runners, mode.batch), mode);
  const table = tables.burst;

  await runners[4].before();
  out('\n### Chain steps: time per line and share (PII on)\n');
  out('| event | inject | namespace | mask | validate | ecs | one pass (the preset) |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const steps = {};
  for (const [kind, makeEvent] of Object.entries(EVENT_KINDS)) {
    const s = measureChainSteps(makeEvent, smoke ? 200 : 20_000);
    steps[kind] = s;
    const onePass = measureOnePass(makeEvent, smoke ? 200 : 20_000);
    out(`| ${kind} | ${s.map((x) => `${(x.nsPerLine / 1000).toFixed(1)} µs (${(x.share * 100).toFixed(0)}%)`).join(' | ')} | ${(onePass / 1000).toFixed(1)} µs |`);
  }

  const express = await optionalBench('Express', join(root, 'packages/express/bench/express-bench.mjs'), 'runExpressBench', {
    requests: smoke ? 200 : 20_000,
    concurrency: smoke ? 10 : 50,
  });
  if (express && !express.error) {
    out(`\n### Express requests/s (${express.express}, ${express.requests} requests × ${express.rounds} rounds, concurrency ${express.concurrency}, best round)\n`);
    out('| app | requests/s | ratio to bare |');
    out('| --- | ---: | ---: |');
    for (const r of express.results) out(`| ${r.name} | ${fmtRate(r.rps)} | ${fmtRatio(r.relativeToBare)} |`);
  }
  const bullmq = await optionalBench('BullMQ', join(root, 'packages/bullmq/bench/bullmq-bench.mjs'), 'runBullmqBench', {
    jobs: smoke ? 100 : 3_000,
    concurrency: 20,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  if (bullmq && !bullmq.error) {
    out(`\n### BullMQ jobs/s (${bullmq.jobs} jobs, concurrency ${bullmq.concurrency}, median of ${bullmq.rounds} rounds, local Redis)\n`);
    out('| side | plain BullMQ | with @ecsctx/bullmq | cost |');
    out('| --- | ---: | ---: | ---: |');
    out(`| worker (withLogContext) | ${fmtRate(bullmq.worker.plain)} | ${fmtRate(bullmq.worker.wrapped)} | ${bullmq.worker.overheadPct}% |`);
    out(`| producer (LogContextQueue.add) | ${fmtRate(bullmq.producer.plain)} | ${fmtRate(bullmq.producer.wrapped)} | ${bullmq.producer.overheadPct}% |`);
  }

  const otel = await runOtelCost({ lines: smoke ? 300 : 20_000, reps: smoke ? 1 : 5 });
  out(`\n### OpenTelemetry lookup on the log path\n\n${otel.markdown}`);

  const memory = await measureMemory({ lines: smoke ? 2_000 : 1_000_000 });
  const expressMemory = await measureExpressMemory({ requests: smoke ? 300 : 100_000 });
  out(`\n### Memory\n\n${memory.markdown}\n\n${expressMemory.markdown}`);

  const result = { date: new Date().toISOString(), smoke, versions, lines: LINES, reps: REPS, steadyBatch: STEADY_BATCH, table, steady: tables.steady, steps, express, bullmq, otel: otel.results, memory, expressMemory };
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(result, null, 2));
  resetAll();
}

function resetAll() {
  // let open handles (timers of the PII provider) not keep the process alive
  setTimeout(() => process.exit(0), 50).unref();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
