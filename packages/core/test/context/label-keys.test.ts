/**
 * `src/context/label-keys.ts`: two keys of one labels object that meet once made safe for
 * Elasticsearch (`''` and `' '` both `_`, `a.b` and `a_b`) are both kept, in a call's labels
 * and in a scope's: a key safe as given keeps its name, a changed one that meets a taken name
 * gets `_2`, `_3`, … appended.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { runWithLoggingContext } from '@ecsctx/core';
import { safeLabelKeys } from '../../src/context/label-keys';
import { flush, makeLogger } from '../support/logger';

describe('label keys that meet once made safe', () => {
  it('the rule', () => {
    expect(safeLabelKeys(['', ' '])).toEqual(['_', '__2']);
    expect(safeLabelKeys(['a.b', 'a_b', 'a*b'])).toEqual(['a_b_2', 'a_b', 'a_b_3']);
    expect(safeLabelKeys(['team', 'x.y'])).toEqual(['team', 'x_y']);
  });

  const cardNumber = fc.constantFrom('4111111111111111', '5555555555554444', '378282246310005');
  test.prop([cardNumber, fc.constantFrom('card ', 'pan-', ''), fc.boolean()], { numRuns: 20 })(
    'a key the mask rewrites (a card number in it) is made safe again: no * in a label key, no number in clear',
    async (card, lead, scoped) => {
      const { logger, capture } = makeLogger();
      const labels = { [`${lead}${card}`]: 1, team: 'pay' };
      if (scoped) runWithLoggingContext(() => logger.info('m'), { context: { labels } });
      else logger.info('m', { labels });
      await flush(logger);
      const keys = Object.keys(capture.records()[0].labels as object);
      expect(keys).toContain('team');
      for (const key of keys) expect(key).not.toMatch(/[.*\\]/);
      expect(capture.lines[0]).not.toContain(card);
    },
  );

  it("a call's labels keep every value", async () => {
    const { logger, capture } = makeLogger();
    logger.info('m', { labels: { '': 1, ' ': 2 } });
    await flush(logger);
    expect(capture.records()[0].labels).toEqual({ _: '1', __2: '2' });
  });

  it("a scope's labels keep every value; a later bind's same key replaces", async () => {
    const { logger, capture } = makeLogger();
    runWithLoggingContext(() => logger.info('m'), { context: { labels: { 'a.b': 1, a_b: 2 } } });
    await flush(logger);
    expect(capture.records()[0].labels).toEqual({ a_b: '2', a_b_2: '1' });
  });

  test.prop([fc.array(fc.string({ maxLength: 4 }), { maxLength: 8 })])('distinct keys give distinct safe keys, each safe', (keys) => {
    const unique = [...new Set(keys)];
    const safe = safeLabelKeys(unique);
    expect(new Set(safe).size).toBe(unique.length);
    for (const key of safe) expect(key).toMatch(/^[^.*\\]+$/);
  });
});
