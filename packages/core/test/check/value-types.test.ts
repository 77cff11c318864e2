/**
 * Values against Elasticsearch types, as Elasticsearch indexes them with its defaults.
 */
import { describe, expect, it } from 'vitest';
import { isEsDate, isNumericText, valueMismatch } from '../../src/check/value-types';

describe('isEsDate (strict_date_optional_time or epoch_millis)', () => {
  it.each(['2025', '2025-01', '2025-01-13', '2025-01-13T10', '2025-01-13T10:30', '2025-01-13T10:30:00.123456789Z', '2024-02-29T00:00:00+05:30', '2025-01-13T10:30:00-0800', '1700000000000'])(
    'accepts %s',
    (text) => expect(isEsDate(text)).toBe(true),
  );

  it.each(['2025-02-29', '2025-13-01', '2025-01-00', '2025-01-13T24:00:00Z', '2025-01-13T10:60', '2025-01T10:00', '13/01/2025', '2025-01-13T10:30:00+19:00', '2025-01-13 10:30:00', 'yesterday', ''])(
    'refuses %j',
    (text) => expect(isEsDate(text)).toBe(false),
  );
});

describe('valueMismatch', () => {
  it('accepts exact types', () => {
    expect(valueMismatch('keyword', 'x')).toBeUndefined();
    expect(valueMismatch('long', -3)).toBeUndefined();
    expect(valueMismatch('float', 1.5)).toBeUndefined();
    expect(valueMismatch('boolean', false)).toBeUndefined();
    expect(valueMismatch('ip', '::1')).toBeUndefined();
    expect(valueMismatch('date', 1700000000000)).toBeUndefined();
  });

  it('warns where Elasticsearch coerces, and errs where it rejects or truncates', () => {
    expect(valueMismatch('keyword', 42)?.severity).toBe('warning');
    expect(valueMismatch('long', ' 42 ')?.severity).toBe('warning');
    expect(valueMismatch('boolean', 'true')?.severity).toBe('warning');
    expect(valueMismatch('long', 1.5)?.severity).toBe('error');
    expect(valueMismatch('integer', 2 ** 31)?.severity).toBe('error');
    expect(valueMismatch('long', 'many')?.severity).toBe('error');
    expect(valueMismatch('boolean', 1)?.severity).toBe('error');
    expect(valueMismatch('ip', '10.0.0.256')?.severity).toBe('error');
    expect(valueMismatch('date', 'soon')?.severity).toBe('error');
  });

  it('reads decimal text the way Elasticsearch coerces it', () => {
    expect(['1', '-2.5', '.5', '1e3', ' 7 '].every(isNumericText)).toBe(true);
    expect(['', '0x10', '1,5', 'NaN', 'Infinity'].some(isNumericText)).toBe(false);
  });
});
