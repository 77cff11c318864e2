/**
 * `src/serialize/cut-string.ts` directly: a string is cut to `max` characters and ends with
 * `…[truncated N chars]`, never through a token the mask wrote (`ptok:`, `penc:`, `[PII_REDACTED]`).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cutString } from '../../src/serialize/cut-string';

const TOKEN = 'ptok:v1:' + 'A'.repeat(43);

describe('cutString', () => {
  it('cuts at max and counts the characters cut', () => {
    expect(cutString('abcdefghij', 4)).toBe('abcd…[truncated 6 chars]');
    expect(cutString('abcdefghij', 0)).toBe('…[truncated 10 chars]');
  });

  it('cuts before a token that max would cut through', () => {
    const text = 'x'.repeat(10) + TOKEN + 'tail';
    expect(cutString(text, 20)).toBe('x'.repeat(10) + `…[truncated ${text.length - 10} chars]`);
    const penc = 'y'.repeat(5) + 'penc:v1:abc-def_ghi' + 'z';
    expect(cutString(penc, 12)).toBe('yyyyy' + `…[truncated ${penc.length - 5} chars]`);
  });

  it('cuts before a [PII_REDACTED] marker that max would cut through', () => {
    const text = 'abc [PII_REDACTED] def';
    expect(cutString(text, 10)).toBe('abc ' + `…[truncated ${text.length - 4} chars]`);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    expect(cutString('a😀😀b', 2)).toBe('a…[truncated 5 chars]');
    expect(cutString('a😀😀b', 3)).toBe('a😀…[truncated 3 chars]');
  });

  it('keeps a token that ends before max whole', () => {
    const text = TOKEN + ' and more text';
    expect(cutString(text, TOKEN.length + 2)).toBe(TOKEN + ' a' + '…[truncated 12 chars]');
  });

  test.prop([fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 120 }), fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 200 })])(
    'a string longer than max: its output is a prefix of the text, at most max long before the marker, and never holds part of a token',
    (before, gap, after, n) => {
      const text = before + ' '.repeat(gap) + TOKEN + after;
      // the walk cuts only strings longer than max
      const max = n % text.length;
      const out = cutString(text, max);
      const m = /^([\s\S]*)…\[truncated (\d+) chars\]$/.exec(out);
      expect(m).not.toBeNull();
      const kept = m![1];
      expect(text.startsWith(kept)).toBe(true);
      expect(kept.length).toBeLessThanOrEqual(max);
      expect(Number(m![2])).toBe(text.length - kept.length);
      const at = text.indexOf(TOKEN, before.length);
      if (kept.length > at) expect(kept.length).toBeGreaterThanOrEqual(at + TOKEN.length);
    },
  );
});
