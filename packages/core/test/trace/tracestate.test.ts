/**
 * `tracestate`, W3C Trace Context Level 2 §3.3 (https://www.w3.org/TR/trace-context-2/), with
 * the rule each test checks in its name. Generators build keys and values from the ABNF's
 * character classes, so places nobody listed are covered.
 */
import { describe, expect, it, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseTracestate, formatTracestate, isValidTracestateKey, type TracestateEntry } from '@ecsctx/core/trace';

const LCALPHA = 'abcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
const KEYCHAR = `${LCALPHA}${DIGIT}_-*/@`;
/** nblk-chr = %x21-2B / %x2D-3C / %x3E-7E */
const NBLK = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => c !== ',' && c !== '=').join('');

const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** key = ( lcalpha / DIGIT ) 0*255 ( keychar ) */
const key = fc.tuple(chars(LCALPHA + DIGIT, 1, 1), chars(KEYCHAR, 0, 255)).map(([a, b]) => a + b);
/** value = 0*255(chr) nblk-chr, chr = %x20 / nblk-chr */
const value = fc.tuple(chars(` ${NBLK}`, 0, 255), chars(NBLK, 1, 1)).map(([a, b]) => a + b);
const entry = fc.record({ key, value });
const ows = chars(' \t', 0, 3);

describe('tracestate key grammar (Level 2 §3.3.1.3.1: key = ( lcalpha / DIGIT ) 0*255 ( keychar ))', () => {
  test('accepts every key the grammar generates: a lowercase letter or digit, then up to 255 of a-z 0-9 _ - * / @', () => {
    fc.assert(fc.property(key, (k) => {
      expect(isValidTracestateKey(k)).toBe(true);
    }), { numRuns: 500 });
  });

  test('rejects a key whose first character is not a lowercase letter or a digit (at sign included)', () => {
    fc.assert(
      fc.property(fc.constantFrom('@', '_', '-', '*', '/', 'A', 'Z', ' ', '.', 'é'), chars(KEYCHAR, 0, 20), (first, rest) => {
        expect(isValidTracestateKey(first + rest)).toBe(false);
      }),
    );
  });

  test('rejects a key with any character outside keychar, wherever it stands', () => {
    const outside = fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)).filter((c) => !KEYCHAR.includes(c));
    fc.assert(
      fc.property(key, outside, fc.nat(), (k, bad, at) => {
        const i = 1 + (at % k.length);
        expect(isValidTracestateKey(k.slice(0, i) + bad + k.slice(i))).toBe(false);
      }),
    );
  });

  it('accepts 256 characters and rejects 257 (1 + 0*255)', () => {
    expect(isValidTracestateKey('z'.repeat(256))).toBe(true);
    expect(isValidTracestateKey('z'.repeat(257))).toBe(false);
    expect(isValidTracestateKey(`${'t'.repeat(242)}@v`)).toBe(true);
    expect(isValidTracestateKey(`${'t'.repeat(255)}@v`)).toBe(false);
    expect(isValidTracestateKey('')).toBe(false);
  });

  it('accepts at signs anywhere after the first character (Level 2 dropped the tenant@system structure)', () => {
    for (const k of ['foo@', 'foo@@bar', 'foo@bar@baz', 't@vvvvvvvvvvvvvvv', '1abc', 'fw529a3039@dt', 'a@1vendor']) expect(isValidTracestateKey(k)).toBe(true);
  });

  test("accepts every key of the Level 1 Recommendation's grammar (simple-key / multi-tenant-key)", () => {
    const rest = (n: number): fc.Arbitrary<string> => chars(`${LCALPHA}${DIGIT}_-*/`, 0, n);
    const simple = fc.tuple(chars(LCALPHA, 1, 1), rest(255)).map(([a, b]) => a + b);
    const tenant = fc.tuple(chars(LCALPHA + DIGIT, 1, 1), rest(240), chars(LCALPHA, 1, 1), rest(13)).map(([a, b, c, d]) => `${a}${b}@${c}${d}`);
    fc.assert(fc.property(fc.oneof(simple, tenant), (k) => {
      expect(isValidTracestateKey(k)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('tracestate parsing (§3.3.1)', () => {
  test('parses any list of valid members, with spaces and tabs around them and empty members, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, ows, ows, fc.boolean()), { minLength: 1, maxLength: 32 }), (members) => {
        const header = members.map(([e, before, after, empty]) => `${before}${e.key}=${e.value}${after}${empty ? ', \t' : ''}`).join(',');
        expect(parseTracestate(header)).toEqual(members.map(([e]) => ({ key: e.key, value: e.value.replace(/ +$/, '') })));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a value\'s leading spaces; trailing spaces are optional whitespace (§3.3.1.3.2)', () => {
    expect(parseTracestate('a=  x  ,b=1')).toEqual([{ key: 'a', value: '  x' }, { key: 'b', value: '1' }]);
  });

  it('combines several header lines in order (§3.3.1, RFC 9110 §5.3)', () => {
    expect(parseTracestate(['a=1', 'b=2,c=3'])?.map((e) => e.key)).toEqual(['a', 'b', 'c']);
    expect(parseTracestate(['', 'foo=1'])).toEqual([{ key: 'foo', value: '1' }]);
  });

  it('keeps duplicate keys as received: the header stays valid, and only a vendor adding one is forbidden (§3.3.1.2, §3.5)', () => {
    expect(parseTracestate('foo=1,foo=2,bar=3')).toEqual([
      { key: 'foo', value: '1' },
      { key: 'foo', value: '2' },
      { key: 'bar', value: '3' },
    ]);
    expect(formatTracestate(parseTracestate(['foo=1', 'foo=1']))).toBe('foo=1,foo=1');
  });

  it('accepts an empty header (§3.3.1.1) and has nothing to propagate', () => {
    expect(parseTracestate('')).toBeUndefined();
    expect(parseTracestate(' \t, ,')).toBeUndefined();
  });

  it.each([
    ['a key starting with @', '@vendor=1,ok=2'],
    ['an uppercase key', 'Rojo=1'],
    ['a space before =', 'foo =1'],
    ['a dot in the key', 'foo.bar=1'],
    ['an empty value', 'a=,b=3'],
    ['a value of spaces only', 'a=   '],
    ['a value with a control character', 'a=x\u0000'],
    ['a value with =', 'foo=bar=baz'],
    ['a member without =', 'novalue'],
    ['a value over 256 characters', `a=${'v'.repeat(257)}`],
  ])('drops the whole header for %s: it cannot be parsed (§3.5: MAY discard the entire header)', (_name, header) => {
    expect(parseTracestate(header)).toBeUndefined();
  });

  it('drops a header with more than 32 members (§3.3.1.1), empty members not counted', () => {
    const members = Array.from({ length: 33 }, (_, i) => `k${i}=v`);
    expect(parseTracestate(members.join(','))).toBeUndefined();
    expect(parseTracestate(members.slice(0, 32).join(',,'))).toHaveLength(32);
  });

  it('reads a valid header over 8192 characters (no parse limit) and sends at most 512 of it (§3.3.1.5)', () => {
    const entries = Array.from({ length: 32 }, (_, i) => ({ key: `vendor${i}`, value: `${'v'.repeat(250)}${i}` }));
    const header = entries.map((e) => `${e.key}=${e.value}`).join(' ,\t');
    expect(header.length).toBeGreaterThan(8192);
    expect(parseTracestate(header)).toEqual(entries);
    const sent = formatTracestate(parseTracestate(header))!;
    expect(sent.length).toBeLessThanOrEqual(512);
    expect(sent).toBe(`${entries[0].key}=${entries[0].value}`);
  });

  it('reads a megabyte of empty members and whitespace in linear time', () => {
    const header = `a=1,${' \t,'.repeat(400_000)}b=2`;
    const started = performance.now();
    expect(parseTracestate(header)).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('tracestate truncation for propagation (§3.3.1.5)', () => {
  const serialized = (entries: readonly TracestateEntry[]): string[] => entries.map((e) => `${e.key}=${e.value}`);

  test('sends at most 512 characters of whole entries, in order: entries over 128 characters go first, then entries from the end', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 32 }), (entries) => {
        const all = serialized(entries);
        const sent = formatTracestate(entries);
        const kept = sent === undefined ? [] : sent.split(',');
        if (all.join(',').length <= 512) {
          expect(sent).toBe(all.join(','));
          return;
        }
        expect(sent === undefined || sent.length <= 512).toBe(true);
        expect(sent).not.toBe('');
        // whole entries, in their order: `kept` is a subsequence of `all`
        let at = 0;
        for (const k of kept) {
          at = all.indexOf(k, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at++;
        }
        const small = all.filter((e) => e.length <= 128);
        const keptSmall = kept.filter((e) => e.length <= 128);
        // small entries go from the end only, and only once no large entry is left
        expect(keptSmall).toEqual(small.slice(0, keptSmall.length));
        if (keptSmall.length < small.length) expect(kept.every((e) => e.length <= 128)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('removes a large entry before any small one, and small ones from the end', () => {
    const big = { key: 'big', value: 'x'.repeat(200) };
    const small = Array.from({ length: 30 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, value: 'y'.repeat(10) }));
    const out = formatTracestate([small[0], big, ...small.slice(1)])!;
    expect(out).toBe(serialized(small).join(','));
    const many = Array.from({ length: 32 }, (_, i) => ({ key: `key${i}`, value: 'z'.repeat(20) }));
    const cut = formatTracestate(many)!;
    expect(cut.length).toBeLessThanOrEqual(512);
    expect(cut).toBe(serialized(many).slice(0, cut.split(',').length).join(','));
    const n = cut.split(',').length;
    expect(cut.length + 1 + serialized(many)[n].length).toBeGreaterThan(512); // as many as fit
  });

  it('never sends an empty tracestate', () => {
    expect(formatTracestate([])).toBeUndefined();
    expect(formatTracestate([{ key: 'a', value: 'v'.repeat(256) }, { key: 'b', value: 'v'.repeat(256) }])).toBe(`a=${'v'.repeat(256)}`);
    expect(formatTracestate([{ key: 'k'.repeat(256), value: 'v'.repeat(256) }])).toBeUndefined();
  });
});
