// The cost of the OpenTelemetry lookup on the log path: ours on tiny events with
// OpenTelemetry absent (ECSCTX_OTEL=off: nothing loaded), registered with no active span,
// and inside an active span. Each mode runs in its own process (a registered SDK cannot be
// unregistered); `runOtelCost()` spawns them and returns logs/s per mode.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { DiscardSink } from './sink.mjs';
import { tiny } from './events.mjs';
import { summarize } from './stats.mjs';

const self = fileURLToPath(import.meta.url);

async function measure(mode, lines, reps) {
  const require = createRequire(self);
  let api;
  if (mode !== 'absent') {
    const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node');
    new NodeTracerProvider().register();
    api = require('@opentelemetry/api');
  }
  const core = require('@ecsctx/core');
  const rates = [];
  for (let r = 0; r < reps; r++) {
    const sink = new DiscardSink();
    const logger = core.createEcsLogger({ stream: sink, name: 'otel-cost', env: { PROJECT_NAME: 'bench' } });
    const events = Array.from({ length: lines }, (_, i) => tiny(i));
    const loop = () => {
      for (let i = 0; i < lines; i++) logger.info(events[i].message, events[i].meta);
    };
    const t0 = process.hrtime.bigint();
    if (mode === 'active') api.trace.getTracer('bench').startActiveSpan('bench', (span) => (loop(), span.end()));
    else loop();
    await sink.reached(lines);
    rates.push(lines / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return summarize(rates);
}

export async function runOtelCost({ lines = 20_000, reps = 5 } = {}) {
  const results = {};
  for (const mode of ['absent', 'registered', 'active']) {
    const out = execFileSync(process.execPath, [self, mode, String(lines), String(reps)], {
      env: { ...process.env, ECSCTX_OTEL: mode === 'absent' ? 'off' : '' },
      encoding: 'utf8',
    });
    results[mode] = JSON.parse(out.trim().split('\n').pop());
  }
  const base = results.absent.median;
  const rows = Object.entries(results).map(([mode, s]) => `| ${mode} | ${(s.median / 1000).toFixed(1)} k | ${(s.median / base).toFixed(2)}× |`);
  return { results, markdown: ['| OpenTelemetry | logs/s (tiny) | ratio to absent |', '| --- | ---: | ---: |', ...rows].join('\n') };
}

if (process.argv[1] === self && process.argv[2]) {
  const [mode, lines, reps] = process.argv.slice(2);
  const s = await measure(mode, Number(lines), Number(reps));
  process.stdout.write(JSON.stringify(s) + '\n');
  setTimeout(() => process.exit(0), 10).unref();
}
