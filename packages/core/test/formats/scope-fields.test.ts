/**
 * A scope's fields are compiled once, on its first line, and every later line of the scope
 * reuses them; a bind makes a new scope context and so a new compilation. Lines of
 * interleaved scopes each carry their own scope's fields, below the call's own.
 */
import { AsyncResource } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bindLoggingContext, runWithLoggingContext, withLoggingContext } from '@ecsctx/core';
import { scopeFieldsOf } from '../../src/formats/scope-fields';
import { captureCall } from '../../src/formats/captured-call';
import { flush, makeLogger } from '../support/logger';

describe('scope fields', () => {
  it('are compiled once per scope context and again after a bind', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ userId: 7, ip: '10.0.0.1', labels: { tenant: 'acme' } });
      const first = scopeFieldsOf(captureCall());
      expect(scopeFieldsOf(captureCall())).toBe(first);
      expect(first.keys).toEqual(['user', 'client', 'labels']);
      expect(first.values[0]).toEqual({ id: '7' });
      expect(Object.isFrozen(first.values[0])).toBe(true);
      bindLoggingContext({ sessionId: 's-1' });
      const rebound = scopeFieldsOf(captureCall());
      expect(rebound).not.toBe(first);
      expect(rebound.keys).toEqual(['user', 'client', 'session_id', 'labels']);
    });
  });

  it('write a bound span id that is no hex id through the walk (cut like any string)', async () => {
    const { logger, capture } = makeLogger({ limits: { maxStringLength: 64 } });
    await withLoggingContext({ spanId: 'x'.repeat(500) }, async () => logger.info('long'));
    await flush(logger);
    const [line] = capture.records();
    expect(String((line.span as Record<string, unknown>).id).length).toBeLessThan(200);
  });

  it('outside any scope give nothing', () => {
    expect(scopeFieldsOf(captureCall()).keys).toEqual([]);
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 30 })], { numRuns: 40 })(
    'interleaved scopes: each line carries its own scope, under the call’s own fields',
    async (steps) => {
      const { logger, capture } = makeLogger();
      const scopes = [0, 1, 2, 3].map((n) =>
        runWithLoggingContext(() => {
          bindLoggingContext({ userId: `user-${n}`, extra: { shard: n } });
          // a function that logs inside this scope, whenever it is called
          return AsyncResource.bind((own: string) =>
            new Promise<void>((resolve) =>
              setImmediate(() => {
                logger.info('step', own === '' ? {} : { user: { name: own } });
                resolve();
              }),
            ),
          );
        }),
      );
      await Promise.all(steps.map(([n, own]) => scopes[n](own)));
      await flush(logger);
      const lines = capture.records();
      expect(lines).toHaveLength(steps.length);
      // lines may be written in any order across scopes; each is matched to a step by its own fields
      const seen = lines.map((line) => {
        const user = line.user as Record<string, unknown>;
        const n = Number(String(user.id).slice('user-'.length));
        expect((line.extra as Record<string, unknown> | undefined)?.shard ?? line.shard).toBe(n);
        return [n, user.name === undefined ? '' : 'named'];
      });
      expect(seen.sort()).toEqual(steps.map(([n, own]) => [n, own === '' ? '' : 'named']).sort());
    },
  );

  it('a call’s own field beside a scope field of the same root keeps both', async () => {
    const { logger, capture } = makeLogger();
    await withLoggingContext({ userId: 'u-1' }, async () => {
      logger.info('one', { user: { roles: ['admin'] } });
      logger.info('two');
    });
    await flush(logger);
    const [one, two] = capture.records();
    expect(one.user).toEqual({ id: 'u-1', roles: ['admin'] });
    expect(two.user).toEqual({ id: 'u-1' });
  });
});
