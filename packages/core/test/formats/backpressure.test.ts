import { describe, expect, it } from 'vitest';
import { bindLoggingContext, runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { makeLogger } from '../support/logger';

describe('context is captured at the log call, not when the format runs', () => {
  it('keeps each line with its own scope and time when a slow transport causes backpressure', async () => {
    const { logger, capture } = makeLogger({}, { delayMs: 2, highWaterMark: 1 });
    const scopes = 40;
    const perScope = 5;
    // when each call started and ended: the line's time must fall between (load-proof, unlike a tolerance)
    const callTimes = new Map<string, [number, number]>();
    await Promise.all(
      Array.from({ length: scopes }, (_, i) =>
        runWithLoggingContext(
          async () => {
            bindLoggingContext({ sessionId: `s-${i}`, userId: i });
            for (let j = 0; j < perScope; j++) {
              await new Promise((r) => setTimeout(r, (i + j) % 3));
              const before = Date.now();
              logger.info('tick', { i, j });
              callTimes.set(`${i}-${j}`, [before, Date.now()]);
            }
          },
          { trace: traceFromHeaders(undefined) },
        ),
      ),
    );
    // the transport is far behind: most lines are still buffered now
    expect(capture.lines.length).toBeLessThan(scopes * perScope);
    await new Promise<void>((resolve) => {
      const poll = (): void => (capture.lines.length >= scopes * perScope ? resolve() : void setTimeout(poll, 10));
      poll();
    });
    const traceOf = new Map<number, string>();
    for (const rec of capture.records()) {
      const { i, j } = rec.extra;
      expect(rec.session_id).toBe(`s-${i}`);
      expect(rec.user.id).toBe(String(i));
      if (traceOf.has(i)) expect(rec.trace.id).toBe(traceOf.get(i));
      else traceOf.set(i, rec.trace.id);
      const logged = Date.parse(rec['@timestamp']);
      const [before, after] = callTimes.get(`${i}-${j}`)!;
      expect(logged).toBeGreaterThanOrEqual(before);
      expect(logged).toBeLessThanOrEqual(after);
    }
    expect(new Set(traceOf.values()).size).toBe(scopes);
  }, 30_000);
});
