/**
 * The namespace step places every key of a line: keys that could reach an object's prototype
 * (`__proto__`, `constructor`, `prototype`, dotted paths through them) are plain data, in the
 * call's fields, the bound context and labels alike, and nothing is polluted.
 */
import { describe, expect, it } from 'vitest';
import { bindLoggingContext, getLoggingContext, runWithLoggingContext } from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';

describe('prototype-safe merging', () => {
  const hostile = () =>
    JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted2": "yes"}}, "prototype": {"x": 1}, "nested": {"__proto__": {"deep": "yes"}}}');

  it('keeps __proto__, constructor and prototype keys as plain data and pollutes nothing', async () => {
    const { logger, capture } = makeLogger();
    await runWithLoggingContext(async () => {
      bindLoggingContext({ extra: hostile(), labels: hostile() });
      logger.info('hostile', hostile());
      logger.info('hostile_payload', { payload: hostile(), labels: hostile(), 'a.__proto__.b': 1 });
      const ctx = getLoggingContext()!;
      expect(Object.getPrototypeOf(ctx.extra)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(ctx.labels)).toBe(Object.prototype);
    });
    await flush(logger);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(({} as Record<string, unknown>).deep).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('b');
    const [first, second] = capture.lines.map((l) => JSON.parse(l));
    expect(Object.prototype.hasOwnProperty.call(first.extra, '__proto__')).toBe(true);
    expect(first.extra.constructor).toEqual({ prototype: { polluted2: 'yes' } });
    expect(Object.prototype.hasOwnProperty.call(second.payload.nested, '__proto__')).toBe(true);
  });
});
