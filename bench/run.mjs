// `npm run bench`: every runner side by side in one run, on the same events, into the same kind
// of discarding sink; interleaved repetitions; per-line event-loop time, total CPU and wall
// clock; ratios to winston + @elastic/ecs-winston-format and to pino + redact + an HMAC censor,
// taken per repetition, with medians, min and max. `--smoke` runs a few hundred lines only.
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { createRequire } from 'node:module';
import { SINK_KINDS } from './sink.mjs';
import { EVENT_KINDS } from './events.mjs';
import { createRunners, writeKeysetFile } from './runners.mjs';
import { measureLogs, EVENT_LOOP_CLOCK } from './measure.mjs';
import { measureLineContent } from './tokens.mjs';
import { summarizeRuns, detailTables, headlineTable } from './report.mjs';
import { fmtRate, fmtRatio } from './stats.mjs';
import { measureChainSteps, measureOnePass } from './chain-steps.mjs';
import { measureMemory } from './memory.mjs';
import { runOtelCost } from './otel-cost.mjs';
import { measureExpressMemory } from './express-memory.mjs';
import { runColdStart } from './cold-start.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const LINES = smoke ? 200 : 5_000;
const REPS = smoke ? 2 : 7;
/** Steady mode: this many lines per event-loop turn (burst mode logs all LINES in one loop). */
const STEADY_BATCH = 100;
/** Paced mode: this many lines, then a timer of PACE_MS (the event loop idles between). */
const PACED_BATCH = 20;
const PACE_MS = 2;
const MODES = [
  { key: 'steady', batch: STEADY_BATCH, title: `steady (${STEADY_BATCH} lines per event-loop turn)` },
  { key: 'paced', batch: PACED_BATCH, pauseMs: PACE_MS, sinks: ['bytes'], title: `paced (${PACED_BATCH} lines, then a ${PACE_MS} ms timer)` },
  { key: 'burst', batch: LINES, title: `burst (${LINES} lines in one synchronous loop)` },
];
const modesFor = (sinkKind) => MODES.filter((m) => !m.sinks || m.sinks.includes(sinkKind));
/** The two peers every ratio is taken to: the key in a summary row, and the runner's name. */
const PEERS = { vsElastic: 'winston + @elastic/ecs-winston-format', vsHmac: 'pino + ecs-pino-format + redact + HMAC censor' };
const out = (s = '') => process.stdout.write(s + '\n');

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

/** The line benchmark: every sink, every mode; prints the headline first, then the details. */
async function lineBench(runners) {
  const content = await measureLineContent(runners, EVENT_KINDS);
  const summaries = {};
  const runs = {};
  for (const sinkKind of SINK_KINDS) {
    for (const mode of modesFor(sinkKind)) {
      const results = await measureLogs(runners, EVENT_KINDS, { lines: LINES, reps: REPS, batch: mode.batch, pauseMs: mode.pauseMs, sinkKind });
      (runs[sinkKind] ??= {})[mode.key] = results;
      (summaries[sinkKind] ??= {})[mode.key] = summarizeRuns(results, PEERS);
    }
  }
  const ours = runners.filter((r) => r.ours).map((r) => r.name);
  out(`\n## Lines: event-loop time per line\n`);
  out(`Event-loop time is ${EVENT_LOOP_CLOCK}; ${REPS} repetitions of ${LINES} lines per runner and kind.`);
  out('A ratio is the peer\'s event-loop time over the runner\'s, taken per repetition: ≥ 1.00× means the runner costs the event loop less. Median (min–max).');
  out('The worker-thread runners write to /dev/null from their worker, whatever the sink; their event-loop time includes any wait for room in their buffer.');
  for (const sinkKind of SINK_KINDS) {
    out(`\n### Headline${sinkKind === 'bytes' ? '' : ' with the strings sink'}: sink taking ${sinkKind}${sinkKind === 'bytes' ? ' (the headline: every real destination writes bytes)' : ''}\n`);
    out(headlineTable(summaries[sinkKind], ours, PEERS));
  }
  for (const sinkKind of SINK_KINDS) {
    for (const mode of modesFor(sinkKind)) out(detailTables(summaries[sinkKind][mode.key], content, PEERS, `${mode.title}, sink taking ${sinkKind}`));
  }
  return { content, summaries, runs };
}

function chainSteps(runners) {
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
  return steps;
}

/** bench/detector-worst-case.mjs, when it exists, runs in a process of its own and prints its report. */
function detectorWorstCase() {
  const script = join(here, 'detector-worst-case.mjs');
  if (!existsSync(script)) {
    out('\n(detector worst case: bench/detector-worst-case.mjs not present, skipped)');
    return undefined;
  }
  try {
    const text = execFileSync(process.execPath, [script, ...(smoke ? ['--smoke'] : [])], { cwd: root, encoding: 'utf8', timeout: 600_000 });
    out(`\n${text.trim()}`);
    return { output: text };
  } catch (err) {
    out(`\n(detector worst case failed: ${err && err.message})`);
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
  out(`\n${new Date().toISOString()} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · ${(os.totalmem() / 2 ** 30) | 0} GiB · Node ${process.version} · load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  out(`versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (!process.version.startsWith('v24.')) out(`(the reference is Node 24; this run is on ${process.version})`);

  const keysetFile = writeKeysetFile();
  const runners = createRunners(keysetFile);
  const lines = await lineBench(runners);

  const coldStart = await runColdStart({ keysetFile, lines: smoke ? 300 : 5_000, samples: smoke ? 1 : 3 });
  out(`\n### Cold start\n\n${coldStart.markdown}`);

  await runners.find((r) => r.name === 'ecsctx, PII from a file keyset').before();
  const steps = chainSteps(runners);

  const express = await optionalBench('Express', join(root, 'packages/express/bench/express-bench.mjs'), 'runExpressBench', {
    requests: smoke ? 200 : 20_000,
    concurrency: smoke ? 10 : 50,
  });
  if (express && !express.error) {
    out(`\n### Express requests/s (${express.express}, ${express.requests} requests × ${express.rounds} rounds, concurrency ${express.concurrency}, best round)\n`);
    out('| app | requests/s | ratio to bare | cost over bare, µs per request |');
    out('| --- | ---: | ---: | ---: |');
    for (const r of express.results) out(`| ${r.name} | ${fmtRate(r.rps)} | ${fmtRatio(r.relativeToBare)} | ${r.costUs.toFixed(1)} |`);
    const q = express.ratios;
    out(`\nCost over bare: one-line access log ÷ pino-http ${q.oneLineOverPinoHttp.toFixed(2)}× (target ≤ ${q.targets.oneLineOverPinoHttp}×), two-line access log ÷ pino-http ${q.twoLinesOverPinoHttp.toFixed(2)}× (target ≤ ${q.targets.twoLinesOverPinoHttp}×); with the worker logger, one line ${q.oneLineWorkerOverPinoHttp.toFixed(2)}×, two lines ${q.twoLinesWorkerOverPinoHttp.toFixed(2)}×; expressContext ${q.contextCostUs.toFixed(1)} µs per request (${q.contextOverBare.toFixed(2)}× bare's time per request).`);
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

  const detector = detectorWorstCase();

  const memory = await measureMemory({ lines: smoke ? 2_000 : 1_000_000 });
  const expressMemory = await measureExpressMemory({ requests: smoke ? 300 : 100_000 });
  out(`\n### Memory\n\n${memory.markdown}\n\n${expressMemory.markdown}`);

  // `table` (burst, bytes): each runner's median event-loop µs per line and its ratio to ecs-winston-format
  const table = compatTable(lines.summaries.bytes.burst);
  const result = { date: new Date().toISOString(), smoke, versions, lines: LINES, reps: REPS, steadyBatch: STEADY_BATCH, eventLoopClock: EVENT_LOOP_CLOCK, peers: PEERS, content: lines.content, summaries: lines.summaries, runs: lines.runs, table, coldStart, steps, express, bullmq, otel: otel.results, detector, memory, expressMemory };
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, smoke ? 'smoke.json' : 'latest.json'), JSON.stringify(result, null, 2));
  // let open handles (timers of the PII provider) not keep the process alive
  setTimeout(() => process.exit(0), 50).unref();
}

function compatTable(summary) {
  const table = {};
  for (const [kind, rows] of Object.entries(summary)) {
    for (const [name, row] of Object.entries(rows)) (table[kind] ??= {})[name] = { median: row.loopUs.median, ratio: row.vsElastic.median };
  }
  return table;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
