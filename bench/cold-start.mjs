// Cold start: in a fresh process, the event-loop time per line of the first N typical lines
// (PII from a file keyset, 100 lines per event-loop turn) against the same process's steady
// cost once warm. Each sample is a process of its own; `runColdStart()` spawns them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { DiscardSink } from './sink.mjs';
import { typical } from './events.mjs';
import { summarize } from './stats.mjs';

const self = fileURLToPath(import.meta.url);
const WARM_ROUNDS = 10;

const mainThreadUs = () => {
  const u = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return u.user + u.system;
};

async function linesCost(logger, sink, lines, offset) {
  const events = Array.from({ length: lines }, (_, i) => typical(offset + i));
  const before = sink.count;
  const t0 = mainThreadUs();
  for (let done = 0; done < lines; done += 100) {
    for (let i = done; i < Math.min(lines, done + 100); i++) logger.info(events[i].message, events[i].meta);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await sink.reached(before + lines);
  return (mainThreadUs() - t0) / lines;
}

async function child(keysetFile, lines) {
  const core = createRequire(self)('@ecsctx/core');
  await core.configurePii({ provider: 'file', tokenKeysetPath: keysetFile, env: 'bench' });
  const sink = new DiscardSink();
  const logger = core.createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
  const first = await linesCost(logger, sink, lines, 0);
  for (let r = 1; r < WARM_ROUNDS; r++) await linesCost(logger, sink, lines, r * lines);
  const steady = await linesCost(logger, sink, lines, WARM_ROUNDS * lines);
  return { first, steady };
}

/** `samples` fresh processes; µs per line of the first `lines` lines and of a warm run of as many. */
export async function runColdStart({ keysetFile, lines = 5_000, samples = 3 }) {
  const runs = [];
  for (let s = 0; s < samples; s++) {
    const text = execFileSync(process.execPath, [self, keysetFile, String(lines)], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    runs.push(JSON.parse(text.trim().split('\n').pop()));
  }
  const first = summarize(runs.map((r) => r.first));
  const steady = summarize(runs.map((r) => r.steady));
  const ratio = summarize(runs.map((r) => r.first / r.steady));
  const f = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  const markdown = [
    `Fresh processes (${samples}), typical lines with PII from a file keyset, event-loop µs per line, median (min–max):`,
    '',
    `| first ${lines} lines | after ${WARM_ROUNDS * lines} lines | first ÷ warm (target ≤ 2×) |`,
    '| ---: | ---: | ---: |',
    `| ${f(first)} | ${f(steady)} | ${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}) |`,
  ].join('\n');
  return { lines, runs, first, steady, ratio, markdown };
}

if (process.argv[1] === self && process.argv[2]) {
  const [keysetFile, lines] = process.argv.slice(2);
  const result = await child(keysetFile, Number(lines));
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(0), 10).unref();
}
