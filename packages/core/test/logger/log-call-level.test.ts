/**
 * A line is never lost to its level: `logger.log()` with a level the logger does not have is
 * written at the level that name means (`fatal`, `WARNING`), or at `info` with the given level
 * under `extra.ecsctx_level`, counted as `unknown_level`.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { degradedLineCounts } from '@ecsctx/core';
import { flush, makeLogger } from '../support/logger';

describe('logger.log() levels', () => {
  it('reads a name another library uses as the level it means', async () => {
    const { logger, capture } = makeLogger();
    logger.log('fatal', 'a');
    logger.log('WARNING', 'b');
    logger.log(' Info ', 'c');
    logger.log('critical', 'd');
    await flush(logger);
    expect(capture.records().map((line) => [line['log.level'], line.message, line.extra])).toEqual([
      ['error', 'a', undefined],
      ['warn', 'b', undefined],
      ['info', 'c', undefined],
      ['error', 'd', undefined],
    ]);
  });

  it('writes a level that names none at info and keeps it under extra.ecsctx_level', async () => {
    const { logger, capture } = makeLogger();
    const before = degradedLineCounts().unknown_level;
    logger.log('constructor', 'a');
    logger.log({ level: { a: 1 }, message: 'b' } as never);
    logger.log(undefined as unknown as string, 'c');
    logger.log('just a message' as never);
    await flush(logger);
    expect(capture.records().map((line) => [line['log.level'], line.message, (line.extra as Record<string, unknown>).ecsctx_level])).toEqual([
      ['info', 'a', 'constructor'],
      ['info', 'b', '{"a":1}'],
      ['info', 'c', 'undefined'],
      ['info', 'just a message', 'undefined'],
    ]);
    expect(degradedLineCounts().unknown_level - before).toBe(4);
  });

  test.prop([fc.anything()], { numRuns: 200 })('any level value gives exactly one line', async (level) => {
    const { logger, capture } = makeLogger();
    logger.log(level as string, 'event');
    await flush(logger);
    expect(capture.records()).toHaveLength(1);
  });
});
