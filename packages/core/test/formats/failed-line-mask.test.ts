/**
 * A line a step failed on is still written (a minimal line, `labels.ecsctx_degraded:
 * "failed"`), and its message goes through the PII mask like any other: a failure never
 * writes what the mask would have hidden. The failure here is a real one: the logger's
 * `defaultFields` has a getter that throws, so the inject step fails on every line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, createEcsLogger, degradedLineCounts, resetDegradedLineCounts, resetPii } from '@ecsctx/core';
import { lineSink } from '../support/hostile';
import { planted } from '../support/secret-generators';
import { referenceDir } from '../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A logger whose every line fails in the inject step (its defaults cannot be read). */
function failingLogger(): { log: (message: string) => Promise<Record<string, unknown>>; lines: string[] } {
  const { stream, lines } = lineSink();
  const defaultFields = Object.defineProperty({}, 'region', {
    enumerable: true,
    get(): never {
      throw new Error('defaults unavailable');
    },
  }) as Record<string, unknown>;
  const logger = createEcsLogger({ stream, env: { PROJECT_NAME: 'shop' }, defaultFields });
  return {
    lines,
    log: async (message) => {
      const before = lines.length;
      logger.info(message);
      await tick();
      expect(lines.length).toBe(before + 1);
      return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    },
  };
}

describe.each([
  ['with a token keyset', true],
  ['without a keyset', false],
])("a failed line's message is masked %s", (_name, keyset) => {
  beforeAll(async () => {
    if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    else resetPii();
  });
  afterAll(() => resetPii());

  it('writes the minimal line, counted, with the message masked', async () => {
    resetDegradedLineCounts();
    const { log } = failingLogger();
    const line = await log('reset for jane.doe@example.com, password: Hunter22x, card 4111 1111 1111 1111');
    expect((line.labels as Record<string, unknown>).ecsctx_degraded).toBe('failed');
    expect(degradedLineCounts().failed).toBe(1);
    const message = line.message as string;
    expect(message).toContain('reset for ');
    for (const secret of ['jane.doe@example.com', 'Hunter22x', '4111 1111 1111 1111']) expect(message).not.toContain(secret);
    expect(message).toContain('password: [REDACTED]');
  });

  it('keeps a message with nothing to mask as it is', async () => {
    const { log } = failingLogger();
    expect((await log('cache_warmed in 12 ms')).message).toBe('cache_warmed in 12 ms');
  });

  test.prop([planted, fc.constantFrom('signup', 'retry', 'charge')], { numRuns: 60 })('never writes a planted secret or PII value in clear', async (value, word) => {
    const { log } = failingLogger();
    const message = (await log(`${word} failed: ${value.text} (see above)`)).message as string;
    for (const clear of value.clear) expect(message).not.toContain(clear);
    expect(message.startsWith(`${word} failed: `)).toBe(true);
  });
});
