// Cold start: in a fresh process, the event-loop time per line of the first N typical lines
// (PII from a file keyset, 100 lines per event-loop turn) against the same process's steady
// cost once warm, for the synchronous logger and the worker-thread one (whose waits for room
// in its buffer count as event-loop time). Each sample is a process of its own;
// `runColdStart()` spawns them.
import { openSync } from 'node:fs';
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

/** µs of event-loop time per line for `lines` typical lines; `settle()` waits for the last one, `blockedUs()` counts waits. */
async function linesCost(log, settle, blockedUs, lines, offset) {
  const events = Array.from({ length: lines }, (_, i) => typical(offset + i));
  const blocked = blockedUs();
  const t0 = mainThreadUs();
  for (let done = 0; done < lines; done += 100) {
    for (let i = done; i < Math.min(lines, done + 100); i++) log(events[i]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await settle();
  return (mainThreadUs() - t0 + blockedUs() - blocked) / lines;
}

async function child(variant, keysetFile, lines) {
  const core = createRequire(self)('@ecsctx/core');
  const pii = { provider: 'file', tokenKeysetPath: keysetFile, env: 'bench' };
  await core.configurePii(pii);
  let log, settle, blockedUs;
  if (variant === 'worker') {
    const logger = core.createEcsWorkerLogger({ destination: openSync('/dev/null', 'w'), name: 'bench', env: { PROJECT_NAME: 'bench' }, pii });
    const transport = logger.transports[0];
    await transport.ready();
    log = (e) => logger.info(e.message, e.meta);
    settle = () => transport.flush();
    blockedUs = () => transport.stats().waitedMs * 1000;
  } else {
    const sink = new DiscardSink();
    const logger = core.createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
    let sent = 0;
    log = (e) => (sent++, logger.info(e.message, e.meta));
    settle = () => sink.reached(sent);
    blockedUs = () => 0;
  }
  const first = await linesCost(log, settle, blockedUs, lines, 0);
  for (let r = 1; r < WARM_ROUNDS; r++) await linesCost(log, settle, blockedUs, lines, r * lines);
  const steady = await linesCost(log, settle, blockedUs, lines, WARM_ROUNDS * lines);
  return { first, steady };
}

const VARIANTS = { sync: 'createEcsLogger', worker: 'createEcsWorkerLogger' };

/** Per variant, `samples` fresh processes; µs per line of the first `lines` lines and of a warm run of as many. */
export async function runColdStart({ keysetFile, lines = 5_000, samples = 3 }) {
  const results = {};
  const f = (s) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
  const rows = [];
  for (const [variant, label] of Object.entries(VARIANTS)) {
    const runs = [];
    for (let s = 0; s < samples; s++) {
      const text = execFileSync(process.execPath, [self, variant, keysetFile, String(lines)], { encoding: 'utf8', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
      runs.push(JSON.parse(text.trim().split('\n').pop()));
    }
    const first = summarize(runs.map((r) => r.first));
    const steady = summarize(runs.map((r) => r.steady));
    const ratio = summarize(runs.map((r) => r.first / r.steady));
    results[variant] = { runs, first, steady, ratio };
    rows.push(`| ${label} | ${f(first)} | ${f(steady)} | ${ratio.median.toFixed(2)}× (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}) |`);
  }
  const markdown = [
    `Fresh processes (${samples} per logger), typical lines with PII from a file keyset, 100 per event-loop turn, event-loop µs per line, median (min–max):`,
    '',
    `| logger | first ${lines} lines | after ${WARM_ROUNDS * lines} lines | first ÷ warm (target ≤ 2×) |`,
    '| --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  return { lines, results, markdown };
}

if (process.argv[1] === self && process.argv[2]) {
  const [variant, keysetFile, lines] = process.argv.slice(2);
  const result = await child(variant, keysetFile, Number(lines));
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(0), 10).unref();
}
