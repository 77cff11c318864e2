/**
 * `src/logger/patch-child.ts`: a child logger's bindings are read once, when the child is
 * made. Bindings whose getters or Proxy traps throw never cost a line: each call of the child
 * writes exactly one line, with a marker where a binding could not be read, counted as an
 * `unreadable` degraded line; the caller's bindings are never written.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { Logger } from 'winston';
import { degradedLineCounts, resetDegradedLineCounts } from '@ecsctx/core';
import { LOGGER_ENTRIES } from '../support/logger-entries';
import { ecsErrors, hostileKey, hostileObject, hostileValue, lineSink, materialize, revokedProxy, throwingGetter, trapProxy } from '../support/hostile';

const ENTRIES = LOGGER_ENTRIES;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const TRAPS = ['get', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has'] as const;

beforeEach(() => resetDegradedLineCounts());

describe.each(ENTRIES)('child bindings that cannot be read: $name', (entry) => {
  it('a throwing getter: every line is written, the binding is a marker, each line counted', async () => {
    const { stream, lines } = lineSink();
    const child = entry.make(stream).child(Object.defineProperty({ request_id: 'r1' }, 'lazy', { enumerable: true, get() { throw new Error('getter'); } }));
    expect(() => child.info('first', { a: 1 })).not.toThrow();
    expect(() => child.warn('second')).not.toThrow();
    await tick();
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(JSON.parse(line).extra).toMatchObject({ request_id: 'r1', lazy: '[getter threw]' });
      expect(await ecsErrors(line)).toEqual([]);
    }
    expect(degradedLineCounts().unreadable).toBe(2);
    expect(degradedLineCounts().failed).toBe(0);
  });

  it.each(TRAPS)('a Proxy whose %s trap throws: one line per call', async (trap) => {
    const { stream, lines } = lineSink();
    const child = entry.make(stream).child(trapProxy(trap) as never);
    expect(() => child.info('m', { keep: 'decoy' })).not.toThrow();
    expect(() => child.error(new Error('boom'))).not.toThrow();
    await tick();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).extra.keep).toBe('decoy');
    expect(JSON.parse(lines[1]).error.message).toBe('boom');
    expect(degradedLineCounts().failed).toBe(0);
  });

  it('a revoked Proxy: the bindings are one marker, the line is written', async () => {
    const { stream, lines } = lineSink();
    const child = entry.make(stream).child(revokedProxy() as never);
    child.info('m');
    await tick();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).extra).toEqual({ value: '[unreadable]' });
    expect(degradedLineCounts().unreadable).toBe(1);
  });

  it('a child of a child keeps both bindings; the line wins over them; frozen bindings are not written', async () => {
    const { stream, lines } = lineSink();
    const outer = Object.freeze({ a: 'outer', b: 'outer' });
    const inner = Object.freeze({ b: 'inner', c: throwingGetter() });
    const child = entry.make(stream).child(outer).child(inner);
    child.info('m', { c: 'own' });
    await tick();
    expect(JSON.parse(lines[0]).extra).toEqual({ a: 'outer', b: 'inner', c: 'own' });
    expect(Object.keys(outer)).toEqual(['a', 'b']);
    expect(Object.isFrozen(inner)).toBe(true);
  });

  it('a binding named level is kept as extra.level, never the line level', async () => {
    const { stream, lines } = lineSink();
    entry.make(stream).child({ level: 'custom' }).warn('m');
    await tick();
    const record = JSON.parse(lines[0]);
    expect(record['log.level']).toBe('warn');
    expect(record.extra).toEqual({ level: 'custom' });
  });

  test.prop([hostileObject, fc.dictionary(hostileKey, fc.oneof(hostileValue, hostileObject), { maxKeys: 4 })], { numRuns: 40 })(
    'random hostile bindings and meta: one line per call, never a throw, never a failed line',
    async (bindings, meta) => {
      const { stream, lines } = lineSink();
      let child: Logger | undefined;
      expect(() => (child = entry.make(stream).child(materialize(bindings) as never))).not.toThrow();
      expect(() => child!.info('m', materialize(meta))).not.toThrow();
      expect(() => child!.child(materialize(bindings) as never).error('n')).not.toThrow();
      await tick();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(await ecsErrors(line)).toEqual([]);
        expect(JSON.parse(line).labels?.ecsctx_degraded).toBeUndefined();
      }
    },
  );
});
