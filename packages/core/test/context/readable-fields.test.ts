/**
 * `src/context/readable-fields.ts`: the context entry points never throw because of the
 * value they are given. A getter or Proxy trap that throws is caught: under `extra` and
 * `labels` its value becomes `[getter threw]`, a bound field or an object whose keys cannot be
 * listed is dropped, the bind is counted as `unreadable`, and `fn` runs with the readable parts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  bindLoggingContext,
  bindTraceContext,
  degradedLineCounts,
  getLoggingContext,
  resetDegradedLineCounts,
  runWithLoggingContext,
  withLoggingContext,
} from '@ecsctx/core';
import { ecsErrors, hostileKey, hostileObject, hostileValue, lineSink, materialize, revokedProxy, throwingGetter, trapProxy } from '../support/hostile';
import { createEcsLogger } from '@ecsctx/core';

const TRAPS = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has'] as const;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => resetDegradedLineCounts());

describe('a context value that cannot be read', () => {
  it.each(TRAPS)('a Proxy whose %s trap throws, at every entry point: fn runs, nothing throws', (trap) => {
    let runs = 0;
    const count = (): void => void runs++;
    expect(() => runWithLoggingContext(count, trapProxy(trap) as never)).not.toThrow();
    expect(() => runWithLoggingContext(count, { context: trapProxy(trap) as never })).not.toThrow();
    expect(() => withLoggingContext(trapProxy(trap) as never, count)).not.toThrow();
    expect(() => runWithLoggingContext(() => bindLoggingContext(trapProxy(trap) as never))).not.toThrow();
    expect(() => runWithLoggingContext(() => bindLoggingContext({ extra: trapProxy(trap) as never, labels: trapProxy(trap) as never }))).not.toThrow();
    expect(() => runWithLoggingContext(() => bindTraceContext(trapProxy(trap) as never))).not.toThrow();
    expect(runs).toBe(3);
  });

  it('throwing getters: the readable parts are bound, the others are markers or dropped, each line of the scope counted', async () => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ stream });
    resetDegradedLineCounts();
    const fields = Object.defineProperty({ sessionId: 'sess-1' }, 'userId', { enumerable: true, get() { throw new Error('userId'); } });
    const extra = Object.defineProperty({ tenant: 't-1' }, 'lazy', { enumerable: true, get() { throw new Error('lazy'); } });
    runWithLoggingContext(() => {
      bindLoggingContext({ extra, labels: { team: 'a', nested: throwingGetter() } });
      logger.info('inside');
      logger.info('inside again');
    }, { context: fields });
    await tick();
    const record = JSON.parse(lines[0]);
    expect(record.session_id).toBe('sess-1');
    expect(record.user).toBeUndefined();
    expect(record.extra).toEqual({ tenant: 't-1', lazy: '[getter threw]' });
    expect(record.labels).toEqual({ team: 'a', nested: '{"boom":"[getter threw]"}' });
    expect(degradedLineCounts().unreadable).toBe(2);
    expect(await ecsErrors(lines[0])).toEqual([]);
  });

  it('a Proxy given as extra is read as an object; a revoked one is dropped', () => {
    const extra = new Proxy({ tenant: 't-1' }, {});
    runWithLoggingContext(() => {
      expect(getLoggingContext()?.extra).toEqual({ tenant: 't-1' });
    }, { context: { extra, labels: revokedProxy() as never } });
  });

  it('options whose reads throw open a scope with nothing bound', () => {
    const options = Object.defineProperty({}, 'context', { get() { throw new Error('context'); } });
    expect(runWithLoggingContext(() => getLoggingContext(), options)).toEqual({ extra: {}, labels: {} });
    expect(degradedLineCounts().unreadable).toBe(1);
  });

  it('the caller objects are never written', () => {
    const extra = Object.freeze({ a: Object.freeze({ b: 1 }) });
    const fields = Object.freeze({ userId: 'u1', extra });
    runWithLoggingContext(() => bindLoggingContext({ extra: { a: { c: 2 } } }), { context: fields });
    expect(extra).toEqual({ a: { b: 1 } });
  });

  test.prop([hostileObject, fc.dictionary(fc.constantFrom('userId', 'spanId', 'ip', 'sessionId', 'extra', 'labels', 'orn'), fc.oneof(hostileValue, hostileObject), { maxKeys: 4 }), fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 })], { numRuns: 40 })(
    'random hostile contexts at every entry point: no throw, fn runs, one valid line per call inside',
    async (whole, parts, meta) => {
      const { stream, lines } = lineSink();
      const logger = createEcsLogger({ stream });
      const log = (): void => {
        logger.info('m', materialize(meta));
      };
      let runs = 0;
      expect(() => runWithLoggingContext(() => { runs++; log(); }, { context: materialize(whole) as never })).not.toThrow();
      expect(() => runWithLoggingContext(() => { runs++; log(); }, { context: materialize(parts) as never, trace: materialize(whole) as never })).not.toThrow();
      expect(() => withLoggingContext(materialize(parts) as never, () => { runs++; log(); })).not.toThrow();
      expect(() => runWithLoggingContext(() => {
        bindLoggingContext(materialize(whole) as never);
        bindLoggingContext(materialize(parts) as never);
        bindTraceContext(materialize(whole) as never);
        runs++;
        log();
      })).not.toThrow();
      await tick();
      expect(runs).toBe(4);
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        expect(await ecsErrors(line)).toEqual([]);
        expect(JSON.parse(line).labels?.ecsctx_degraded).toBeUndefined();
      }
    },
  );
});
