// Memory after many lines through the preset, against a warm-up baseline.
import core from '@ecsctx/core';
import { DiscardSink } from './sink.mjs';
import { typical } from './events.mjs';

const { createEcsLogger, runWithLoggingContext, bindLoggingContext } = core;

function snapshot() {
  global.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

export async function measureMemory({ lines }) {
  const sink = new DiscardSink();
  const logger = createEcsLogger({ stream: sink, name: 'bench-memory', env: { PROJECT_NAME: 'bench' } });
  const batch = 1_000;
  let sent = 0;
  const send = async (n) => {
    for (let done = 0; done < n; done += batch) {
      runWithLoggingContext(() => {
        bindLoggingContext({ sessionId: `s-${sent}` });
        for (let i = 0; i < batch; i++) logger.info('memory_probe', typical(sent + i).meta);
      });
      sent += batch;
      await sink.reached(sent);
      // winston's Stream transport emits 'logged' from a setImmediate per line: let those run,
      // or a million of them pile up (holding their lines) behind the promise-only loop
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await send(Math.min(50_000, lines));
  const base = snapshot();
  await send(lines);
  const after = snapshot();
  const mb = (b) => (b / 2 ** 20).toFixed(1);
  const growth = { rssMB: (after.rss - base.rss) / 2 ** 20, heapMB: (after.heapUsed - base.heapUsed) / 2 ** 20 };
  return {
    lines,
    base,
    after,
    growth,
    gcExposed: typeof global.gc === 'function',
    markdown: `After ${lines.toLocaleString('en')} lines through the preset (typical events, a scope per 1 000 lines): RSS ${mb(base.rss)} → ${mb(after.rss)} MB (${growth.rssMB >= 0 ? '+' : ''}${growth.rssMB.toFixed(1)} MB), heap ${mb(base.heapUsed)} → ${mb(after.heapUsed)} MB (${growth.heapMB >= 0 ? '+' : ''}${growth.heapMB.toFixed(1)} MB).`,
  };
}
