/** `src/serialize/json-text.ts` directly: `quoteJson` is `JSON.stringify` of a string, byte for byte. */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { quoteJson } from '../../src/serialize/json-text';

describe('quoteJson', () => {
  it('quotes plain text and escapes what JSON escapes', () => {
    expect(quoteJson('abc')).toBe('"abc"');
    expect(quoteJson('')).toBe('""');
    expect(quoteJson('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteJson('\n\t\u0000\u001f')).toBe('"\\n\\t\\u0000\\u001f"');
    expect(quoteJson('\ud800')).toBe('"\\ud800"');
    expect(quoteJson('😀')).toBe('"😀"');
    expect(quoteJson('é\u007f\u2028')).toBe('"é\u007f\u2028"');
  });

  test.prop([fc.string({ unit: 'binary' })])('is JSON.stringify for any string, lone surrogates included', (text) => {
    expect(quoteJson(text)).toBe(JSON.stringify(text));
  });
});
