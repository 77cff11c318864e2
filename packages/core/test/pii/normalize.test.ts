import { describe, expect, test } from 'vitest';
import { normalizeForToken, PYTHON_WHITESPACE, stripPython } from '../../src/pii/normalize';
import { vectors } from '../support/pii-vectors';

describe('normalizeForToken', () => {
  test('pins all 41 normalization vectors', () => {
    expect(vectors.normalization).toHaveLength(41);
  });

  test.each(vectors.normalization.map((v) => [v.field_type, JSON.stringify(v.input), v] as const))(
    '%s %s normalizes as Python does',
    (_type, _label, v) => {
      expect(normalizeForToken(v.input, v.field_type)).toBe(v.normalized);
    },
  );

  test('strips exactly the characters Python str.isspace() accepts, not those of String.prototype.trim', () => {
    for (const code of PYTHON_WHITESPACE) expect(stripPython(`${String.fromCharCode(code)}x${String.fromCharCode(code)}`)).toBe('x');
    expect(stripPython('\ufeffx\ufeff')).toBe('\ufeffx\ufeff');
    expect(stripPython('\u200bx')).toBe('\u200bx');
    expect(stripPython('\u180ex')).toBe('\u180ex');
    expect(stripPython('\x1c\x1d\x1e\x1f\x85x')).toBe('x');
  });

  test('keeps inner whitespace when stripping', () => {
    expect(normalizeForToken(' a \u3000 b ', 'generic')).toBe('a \u3000 b');
  });

  test('strips a long whitespace run in linear time', () => {
    const value = ' '.repeat(200_000) + 'x' + ' '.repeat(200_000) + 'y';
    const started = performance.now();
    expect(normalizeForToken(value, 'generic')).toBe(value.slice(200_000));
    expect(performance.now() - started).toBeLessThan(200);
  });

  test('keeps digits of any script and astral digits for phone, and every +', () => {
    expect(normalizeForToken('\u{1D7CE}\u{1D7CF}-\uff11+\u0e51', 'phone')).toBe('\u{1D7CE}\u{1D7CF}\uff11+\u0e51');
    expect(normalizeForToken('²³ ½ Ⅻ', 'phone')).toBe('');
  });

  test('lowercases email with full Unicode mappings and final sigma', () => {
    expect(normalizeForToken('ΟΔΟΣ@X.GR', 'email')).toBe('οδος@x.gr');
    expect(normalizeForToken('İ@X', 'email')).toBe('i\u0307@x');
  });

  test('treats the field type case-sensitively', () => {
    expect(normalizeForToken(' A@B ', 'Email')).toBe('A@B');
    expect(normalizeForToken(' +1 2 ', 'PHONE')).toBe('+1 2');
  });
});
