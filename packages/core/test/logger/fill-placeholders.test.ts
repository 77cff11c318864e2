/**
 * `src/logger/fill-placeholders.ts` directly: printf-style placeholders filled as `util.format`
 * fills them, one argument each, with the count of arguments taken; linear in the message.
 */
import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { fillPlaceholders, hasPlaceholder } from '../../src/logger/fill-placeholders';

describe('fillPlaceholders', () => {
  it('fills in order and says how many arguments it took', () => {
    expect(fillPlaceholders('paid %s for %d KWD', ['p-9', 12.5, 'left'])).toEqual({ text: 'paid p-9 for 12.5 KWD', used: 2 });
    expect(fillPlaceholders('%j and %o', [{ a: 1 }, [2]])).toEqual({ text: '{"a":1} and [ 2, [length]: 1 ]', used: 2 });
  });

  it('%% is a percent sign; a placeholder without an argument stays; %c and unknown letters stay', () => {
    expect(fillPlaceholders('100%% %s %s', ['done'])).toEqual({ text: '100% done %s', used: 1 });
    expect(fillPlaceholders('%c red %x %', ['color: red'])).toEqual({ text: '%c red %x %', used: 0 });
  });

  it('a number placeholder given something that is not a number writes it as text', () => {
    expect(fillPlaceholders('%d / %i / %f', ['abc', { n: 1 }, NaN])).toEqual({ text: "abc / { n: 1 } / NaN", used: 3 });
  });

  it('an argument that throws while formatted is [unreadable]', () => {
    const hostile = { toString(): string { throw new Error('no'); } };
    expect(fillPlaceholders('v=%s', [hostile]).text).toBe('v=[unreadable]');
  });

  const piece = fc.oneof(fc.constantFrom('%s', '%d', '%i', '%f', '%j', '%%'), fc.stringMatching(/^[a-z ]{0,6}$/));
  const text = fc.string({ maxLength: 6 });
  test.prop([fc.array(piece, { maxLength: 8 }), fc.array(text, { minLength: 1, maxLength: 8 })])('agrees with util.format on the arguments it took', (pieces, args) => {
    const message = pieces.join('').replace(/%[dif]/g, '%s');
    const { text: filled, used } = fillPlaceholders(message, args);
    expect(used).toBeLessThanOrEqual(args.length);
    // util.format appends the arguments it did not take, and leaves %% alone when given none
    if (used > 0) expect(filled).toBe(format(message, ...args.slice(0, used)));
  });

  it('is linear: 1 MB of percent signs and placeholders', () => {
    for (const message of ['%'.repeat(1 << 20), '%s'.repeat(1 << 19), '%%'.repeat(1 << 19), '%x'.repeat(1 << 19)]) {
      const started = performance.now();
      fillPlaceholders(message, ['a', 'b']);
      hasPlaceholder(message);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

describe('hasPlaceholder', () => {
  it.each([
    ['a %s', true], ['%d', true], ['100%%', false], ['%% %s', true], ['50% off', false], ['%', false], ['%c', false], ['%%s', false],
  ] as const)('%j → %j', (message, expected) => {
    expect(hasPlaceholder(message)).toBe(expected);
  });
});
