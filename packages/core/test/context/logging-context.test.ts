import { describe, expect, it, afterEach } from 'vitest';
import {
  bindLoggingContext,
  getLoggingContext,
  runWithLoggingContext,
  withLoggingContext,
  setDiagnosticHandler,
  resetDiagnostics,
  type Diagnostic,
} from '@ecsctx/core';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

describe('logging context', () => {
  it('binds fields for the rest of the scope and merges successive binds', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ sessionId: 's1', extra: { merchant_id: 'acme' }, labels: { env: 'prod' } });
      bindLoggingContext({ userId: 42, extra: { shopapp: { store_id: 's1', nested: { a: 1 } } } });
      bindLoggingContext({ sessionId: null, extra: { shopapp: { nested: { b: 2 } } }, labels: { region: 'eu' } });
      expect(getLoggingContext()).toEqual({
        sessionId: 's1',
        userId: 42,
        extra: { merchant_id: 'acme', shopapp: { store_id: 's1', nested: { a: 1, b: 2 } } },
        labels: { env: 'prod', region: 'eu' },
      });
    });
  });

  it('non-null scalars override earlier ones', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ sessionId: 'a', userId: 1 });
      bindLoggingContext({ sessionId: 'b' });
      expect(getLoggingContext()?.sessionId).toBe('b');
      expect(getLoggingContext()?.userId).toBe(1);
    });
  });

  it('coerces non-scalar labels to strings and sanitizes label keys', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ labels: { count: 7, meta: { k: 'v' }, tags: ['a', 'b'], 'a.b*c\\d': 'x', gone: null } });
      expect(getLoggingContext()?.labels).toEqual({ count: '7', meta: '{"k":"v"}', tags: '["a","b"]', a_b_c_d: 'x' });
    });
  });

  it('withLoggingContext restores the outer context on exit, also for async functions', async () => {
    await runWithLoggingContext(async () => {
      bindLoggingContext({ sessionId: 'outer' });
      await withLoggingContext({ sessionId: 'inner' }, async () => {
        await new Promise((r) => setTimeout(r, 5));
        expect(getLoggingContext()?.sessionId).toBe('inner');
        bindLoggingContext({ orn: 'only-inside' });
      });
      expect(getLoggingContext()?.sessionId).toBe('outer');
      expect(getLoggingContext()?.orn).toBeUndefined();
    });
  });

  it('runWithLoggingContext starts fresh: nothing leaks between concurrent scopes', async () => {
    const seen: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        runWithLoggingContext(async () => {
          bindLoggingContext({ sessionId: `s${i}` });
          await new Promise((r) => setTimeout(r, (i * 7) % 11));
          seen.push(`${i}:${getLoggingContext()?.sessionId}`);
        }),
      ),
    );
    for (const entry of seen) {
      const [i, s] = entry.split(':');
      expect(s).toBe(`s${i}`);
    }
    runWithLoggingContext(() => {
      runWithLoggingContext(() => expect(getLoggingContext()?.sessionId).toBeUndefined());
    }, { context: { sessionId: 'parent' } });
  });

  it('binding outside any scope binds nothing, says so once, and leaks into no later work', async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    expect(getLoggingContext()).toBeUndefined();
    expect(bindLoggingContext({ sessionId: 'leak' })).toBe(false);
    expect(bindLoggingContext({ sessionId: 'leak-again' })).toBe(false);
    expect(getLoggingContext()).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1));
    expect(getLoggingContext()).toBeUndefined();
    runWithLoggingContext(() => expect(getLoggingContext()?.sessionId).toBeUndefined());
    expect(diagnostics.map((d) => d.code)).toEqual(['ECSCTX_CONTEXT_NO_SCOPE']);
  });

  it('never assigns through __proto__ in extra or labels', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted2": true}}}');
    runWithLoggingContext(() => {
      bindLoggingContext({ extra: hostile, labels: JSON.parse('{"__proto__": "x"}') });
      bindLoggingContext({ extra: JSON.parse('{"__proto__": {"more": 1}}') });
      const ctx = getLoggingContext()!;
      expect(Object.getPrototypeOf(ctx.extra)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(ctx.extra, '__proto__')).toBe(true);
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });

  it('the store is one per process even across module copies (globalThis key)', () => {
    const key = Symbol.for('ecsctx.context.v1');
    expect((globalThis as Record<symbol, unknown>)[key]).toBeDefined();
  });
});
