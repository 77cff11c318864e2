import { describe, expect, it } from 'vitest';
import { parseTracestate, formatTracestate, isValidTracestateKey } from '@ecsctx/core';

describe('tracestate (W3C Trace Context §3.3)', () => {
  it('parses members and ignores empty ones and whitespace', () => {
    expect(parseTracestate('rojo=00f067aa0ba902b7, ,congo=t61rcWkgMzE\t')).toEqual([
      { key: 'rojo', value: '00f067aa0ba902b7' },
      { key: 'congo', value: 't61rcWkgMzE' },
    ]);
  });

  it('combines several header lines in order', () => {
    expect(parseTracestate(['a=1', 'b=2,c=3'])?.map((e) => e.key)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['a key starting with @', '@vendor=1,ok=2'],
    ['an uppercase key', 'Rojo=1'],
    ['a duplicate key', 'a=1,a=2'],
    ['a missing value', 'a='],
    ['a value with a control character', 'a=x\u0000'],
    ['a value with a comma-less =', 'a=b=c'],
    ['a member without =', 'novalue'],
    ['a tenant key with a too-long system id', 'tenant@abcdefghijklmno=1'],
  ])('drops the whole header for %s', (_name, value) => {
    expect(parseTracestate(value)).toBeUndefined();
  });

  it('accepts multi-tenant keys and the full key alphabet', () => {
    expect(isValidTracestateKey('1tenant@vendor')).toBe(true);
    expect(isValidTracestateKey('a_b-c*d/e')).toBe(true);
    expect(isValidTracestateKey('t@1vendor')).toBe(false);
    expect(isValidTracestateKey('a'.repeat(256))).toBe(true);
    expect(isValidTracestateKey('a'.repeat(257))).toBe(false);
  });

  it('drops a header with more than 32 members', () => {
    const members = Array.from({ length: 33 }, (_, i) => `k${i}=v`).join(',');
    expect(parseTracestate(members)).toBeUndefined();
    expect(parseTracestate(members.split(',').slice(0, 32).join(','))).toHaveLength(32);
  });

  it('truncates to 512 characters by whole entries, large entries first, then from the end', () => {
    const big = { key: 'big', value: 'x'.repeat(200) };
    const small = Array.from({ length: 30 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: 'y'.repeat(10) }));
    const out = formatTracestate([small[0], big, ...small.slice(1)])!;
    expect(out.length).toBeLessThanOrEqual(512);
    expect(out).not.toContain('big=');
    expect(out.split(',').every((m) => /^k\d\d=y{10}$/.test(m))).toBe(true);
    const many = Array.from({ length: 32 }, (_, i) => ({ key: `key${i}`, value: 'z'.repeat(20) }));
    const cut = formatTracestate(many)!;
    expect(cut.length).toBeLessThanOrEqual(512);
    expect(cut.startsWith('key0=')).toBe(true);
    expect(cut.split(',').length).toBeLessThan(32);
  });
});
