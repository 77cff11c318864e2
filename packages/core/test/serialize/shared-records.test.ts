/**
 * `src/serialize/shared-records.ts`, through the walk (`sanitizeRecord`): a shared record is
 * walked once per hooks' stamp and state; every later walk gives a copy of what the first
 * made, counted against the same caps, and nothing is remembered that a cut or a changed
 * stamp would make different.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { sanitizeRecord } from '../../src/serialize/sanitize';
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../../src/serialize/sanitize-limits';
import { newSanitizeReport, type SanitizeReport } from '../../src/serialize/sanitize-report';
import { isSharedRecord, markSharedRecord } from '../../src/serialize/shared-records';
import type { SanitizeHooks } from '../../src/serialize/sanitize-hooks';

/** Hooks that upper-case strings and count what they are asked, with a stamp the test sets. */
class CountingHooks implements SanitizeHooks<string> {
  strings = 0;
  stamp: object | undefined = {};
  child(state: string, key: string | undefined): string {
    return key === 'secret' ? 'secret' : state;
  }
  string(value: string, state: string): string {
    this.strings++;
    return state === 'secret' ? '[REDACTED]' : value.toUpperCase();
  }
  key(key: string): string {
    return key;
  }
  keyText(): string | undefined {
    return undefined;
  }
  memoStamp(): object | undefined {
    return this.stamp;
  }
}

function walk(line: Record<string, unknown>, hooks: CountingHooks, partial: Partial<SanitizeLimits> = {}): { out: Record<string, unknown>; report: SanitizeReport } {
  const report = newSanitizeReport();
  return { out: sanitizeRecord(line, { ...DEFAULT_SANITIZE_LIMITS, ...partial }, report, hooks, 'root'), report };
}

const shared = <T extends Record<string, unknown>>(value: T): T => {
  const frozen = Object.freeze(value);
  markSharedRecord(frozen);
  return frozen;
};

describe('markSharedRecord', () => {
  it('marks frozen plain objects of strings, numbers, booleans and null only', () => {
    const marked = (value: object): boolean => {
      markSharedRecord(value);
      return isSharedRecord(value);
    };
    expect(marked(Object.freeze({ id: 'u-1', n: 2, ok: true, none: null }))).toBe(true);
    expect(marked(Object.freeze(Object.assign(Object.create(null), { id: 'x' })))).toBe(true);
    expect(marked({ id: 'not frozen' })).toBe(false);
    expect(marked(Object.freeze({ nested: Object.freeze({ id: 'x' }) }))).toBe(false);
    expect(marked(Object.freeze({ list: Object.freeze(['a']) }))).toBe(false);
    expect(marked(Object.freeze({ fn: () => 1 }))).toBe(false);
    expect(marked(Object.freeze({ big: 1n }))).toBe(false);
    expect(marked(Object.freeze(Object.defineProperty({}, 'id', { get: () => 'changes', enumerable: true })))).toBe(false);
    expect(marked(Object.freeze(new (class Point { x = 1 })()))).toBe(false);
    expect(marked(Object.freeze(new Date(0)))).toBe(false);
  });

  it('leaves a Proxy unmarked and never throws, whatever its traps do', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = new Proxy(Object.freeze({ id: 'x' }), {
      isExtensible: () => {
        throw new Error('trap');
      },
      getPrototypeOf: () => {
        throw new Error('trap');
      },
    });
    const frozenTarget = new Proxy(Object.freeze({ id: 'x' }), {});
    for (const value of [revoked, throwing, frozenTarget]) {
      expect(() => markSharedRecord(value)).not.toThrow();
      expect(isSharedRecord(value)).toBe(false);
    }
  });
});

describe('a shared record in the walk', () => {
  it('is walked once: later lines get an equal copy of their own, and the hooks are not asked again', () => {
    const hooks = new CountingHooks();
    const user = shared({ id: 'u-1', name: 'jane', secret: 'hunter2' });
    const first = walk({ user, n: 1 }, hooks).out;
    const asked = hooks.strings;
    const second = walk({ user, n: 2 }, hooks).out;
    expect(hooks.strings).toBe(asked);
    expect(second.user).toEqual({ id: 'U-1', name: 'JANE', secret: '[REDACTED]' });
    expect(second.user).toEqual(first.user);
    expect(second.user).not.toBe(first.user);
    expect(Object.isFrozen(second.user)).toBe(false);
    (second.user as Record<string, unknown>).id = 'changed by a later step';
    expect(walk({ user }, hooks).out.user).toEqual({ id: 'U-1', name: 'JANE', secret: '[REDACTED]' });
  });

  it('is walked again when the hooks give another stamp, and not remembered without one', () => {
    const hooks = new CountingHooks();
    const user = shared({ id: 'u-2' });
    walk({ user }, hooks);
    hooks.stamp = {};
    const before = hooks.strings;
    walk({ user }, hooks);
    expect(hooks.strings).toBe(before + 1);
    hooks.stamp = undefined;
    walk({ user }, hooks);
    walk({ user }, hooks);
    expect(hooks.strings).toBe(before + 3);
  });

  it('is walked again at another state (the same record under a credential key)', () => {
    const hooks = new CountingHooks();
    const record = shared({ value: 'abc' });
    expect(walk({ plain: record }, hooks).out.plain).toEqual({ value: 'ABC' });
    expect(walk({ secret: record }, hooks).out.secret).toEqual({ value: '[REDACTED]' });
    expect(walk({ plain: record }, hooks).out.plain).toEqual({ value: 'ABC' });
  });

  it('that a cap cut is never remembered: each line cuts it and counts the cut', () => {
    const hooks = new CountingHooks();
    const long = shared({ text: 'x'.repeat(50) });
    for (let i = 0; i < 3; i++) {
      const { out, report } = walk({ long }, hooks, { maxStringLength: 10 });
      expect(String((out.long as Record<string, unknown>).text).length).toBeLessThan(50);
      expect(report.truncatedStrings).toBe(1);
    }
  });

  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 12 })], { numRuns: 60 })(
    'counts its keys against maxFields as a walk does: the same line and the same cuts, first time or not',
    (sharedKeys, before, maxFields) => {
      const record = shared(Object.fromEntries(Array.from({ length: sharedKeys }, (_, i) => [`k${i}`, `v${i}`])));
      const line: Record<string, unknown> = {};
      for (let i = 0; i < before; i++) line[`a${i}`] = i;
      line.shared = record;
      line.after = 'z';
      const fresh = walk(line, new CountingHooks(), { maxFields });
      const hooks = new CountingHooks();
      walk({ shared: record }, hooks); // remembered with room to spare
      const again = walk(line, hooks, { maxFields });
      expect(again.out).toEqual(fresh.out);
      expect(again.report).toEqual(fresh.report);
    },
  );
});
