/**
 * `src/serialize/json-bytes.ts` directly: `jsonStringBytes` is the UTF-8 size of
 * `JSON.stringify(text)` for any text (lone surrogates included), and `cutToJsonBytes` keeps
 * the longest prefix that fits with its marker, never splitting a surrogate pair.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cutToJsonBytes, jsonStringBytes } from '../../src/serialize/json-bytes';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
/** Any UTF-16 units, lone surrogates and control characters included. */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const codePoints = fc.string({ unit: 'binary', maxLength: 200 });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('jsonStringBytes', () => {
  it('counts escapes, multibyte characters and surrogates as JSON.stringify writes them', () => {
    for (const text of ['', 'a"b\\c', '\u0000\n\u001f\b', 'é€😀', '\ud800x', 'x\udc00', '\u2028\u007f']) {
      expect(jsonStringBytes(text)).toBe(bytes(JSON.stringify(text)));
    }
  });

  test.prop([fc.oneof(anyUnits, codePoints)])('equals the bytes of JSON.stringify(text)', (text) => {
    expect(jsonStringBytes(text)).toBe(bytes(JSON.stringify(text)));
  });
});

describe('cutToJsonBytes', () => {
  it('gives back a text that fits', () => {
    expect(cutToJsonBytes('abc', 5)).toBe('abc');
  });

  it('never keeps half of a surrogate pair', () => {
    const text = '😀'.repeat(50);
    for (let max = 30; max < 60; max++) expect(cutToJsonBytes(text, max)).not.toMatch(LONE_SURROGATE);
  });

  test.prop([codePoints, fc.integer({ min: 40, max: 400 })])(
    'a prefix within max bytes with a marker counting the units cut, or the text when it fits',
    (text, max) => {
      const out = cutToJsonBytes(text, max);
      if (out === text) {
        expect(jsonStringBytes(text)).toBeLessThanOrEqual(max);
        return;
      }
      expect(jsonStringBytes(out)).toBeLessThanOrEqual(max);
      const m = /^([\s\S]*)…\[truncated (\d+) chars\]$/.exec(out);
      expect(m).not.toBeNull();
      expect(text.startsWith(m![1])).toBe(true);
      expect(Number(m![2])).toBe(text.length - m![1].length);
      expect(out).not.toMatch(LONE_SURROGATE);
      // the longest such prefix: one more code point and the widest marker would not fit
      const longer = m![1] + String.fromCodePoint(text.codePointAt(m![1].length)!);
      expect(jsonStringBytes(longer + `…[truncated ${text.length} chars]`)).toBeGreaterThan(max);
    },
  );
});
