/**
 * `traceparent`, W3C Trace Context Level 2 §3.2 (https://www.w3.org/TR/trace-context-2/), each
 * test naming the rule it checks.
 */
import { describe, expect, it, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { parseTraceparent, formatTraceparent } from '@ecsctx/core/trace';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';

describe('parseTraceparent (W3C Trace Context §3.2)', () => {
  it('parses a version-00 value', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ version: '00', traceId: TRACE, parentId: PARENT, traceFlags: 1 });
  });

  it('ignores spaces and tabs around the value', () => {
    expect(parseTraceparent(` \t00-${TRACE}-${PARENT}-00 \t`)?.traceFlags).toBe(0);
  });

  it.each([
    ['uppercase hex in trace-id', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['uppercase hex in parent-id', `00-${TRACE}-${PARENT.toUpperCase()}-01`],
    ['uppercase hex in flags', `00-${TRACE}-${PARENT}-0A`],
    ['uppercase version', `0A-${TRACE}-${PARENT}-01`],
    ['all-zero trace-id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['all-zero parent-id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['short trace-id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['long parent-id', `00-${TRACE}-${PARENT}0-01`],
    ['extra data after version 00', `00-${TRACE}-${PARENT}-01-extra`],
    ['missing flags', `00-${TRACE}-${PARENT}`],
    ['non-hex', `00-${TRACE.slice(0, 31)}g-${PARENT}-01`],
    ['a uuid', '6f1c0f9e-2b7a-4d21-9a55-0c3e8f1b2a77'],
    ['empty', ''],
    ['two comma-joined values', `00-${TRACE}-${PARENT}-01, 00-${TRACE}-${PARENT}-01`],
    ['future version without dash before extra data', `01-${TRACE}-${PARENT}-01x`],
    ['future version with bad trace-id', `cc-${'0'.repeat(32)}-${PARENT}-01-what`],
  ])('rejects %s', (_name, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });

  it('rejects several traceparent headers (an array of more than one value)', () => {
    expect(parseTraceparent([`00-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01`])).toBeUndefined();
    expect(parseTraceparent([`00-${TRACE}-${PARENT}-01`])?.traceId).toBe(TRACE);
  });

  it('accepts future versions with extra data and reads the first four fields (§3.2.4)', () => {
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-09-what-the-future-holds`)).toEqual({
      version: 'cc',
      traceId: TRACE,
      parentId: PARENT,
      traceFlags: 9,
    });
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01`)?.version).toBe('01');
  });

  it('formats version 00 with reserved flag bits cleared', () => {
    expect(formatTraceparent(TRACE, PARENT, 0xff)).toBe(`00-${TRACE}-${PARENT}-03`);
    expect(formatTraceparent(TRACE, PARENT, 0x01)).toBe(`00-${TRACE}-${PARENT}-01`);
    expect(formatTraceparent(TRACE, PARENT, 0x00)).toBe(`00-${TRACE}-${PARENT}-00`);
  });
});

describe('parseTraceparent on higher versions (§3.2.4 Versioning of traceparent)', () => {
  const hex = fc.constantFrom(...'0123456789abcdef');
  const hexes = (n: number): fc.Arbitrary<string> => fc.array(hex, { minLength: n, maxLength: n }).map((a) => a.join(''));
  const version = hexes(2).filter((v) => v !== '00' && v !== 'ff');
  const fields = fc.tuple(hexes(32).filter((t) => !/^0+$/.test(t)), hexes(16).filter((p) => !/^0+$/.test(p)), hexes(2));
  /** Anything a future version may append after a dash, commas aside. */
  const extra = fc.string({ maxLength: 40 }).map((x) => x.replace(/,/g, ''));

  test('reads trace-id, parent-id and flags at their version-00 places, whatever follows a dash after the flags', () => {
    fc.assert(
      fc.property(version, fields, fc.option(extra, { nil: undefined }), (v, [t, p, f], more) => {
        const value = `${v}-${t}-${p}-${f}${more === undefined ? '' : `-${more}`}`;
        expect(parseTraceparent(value)).toEqual({ version: v, traceId: t, parentId: p, traceFlags: parseInt(f, 16) });
      }),
      { numRuns: 500 },
    );
  });

  it('restarts on a higher version shorter than 55 characters, or flags not followed by the end or a dash', () => {
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-1`)).toBeUndefined();
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01.what-the-future-will-be-like`)).toBeUndefined();
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-011`)).toBeUndefined();
  });

  it('has no length limit of its own: a higher version over 512 characters continues (only prohibitively large headers are refused, and the HTTP server refuses those)', () => {
    const long = `cc-${TRACE}-${PARENT}-01-${'x'.repeat(4000)}`;
    expect(parseTraceparent(long)).toEqual({ version: 'cc', traceId: TRACE, parentId: PARENT, traceFlags: 1 });
  });

  test('rejects header lines combined with a comma (RFC 9110 §5.3; Node joins repeated headers with ", "), whatever the first version', () => {
    const any = fc.tuple(fc.oneof(fc.constant('00'), version), fields, fc.option(extra, { nil: undefined })).map(
      ([v, [t, p, f], more]) => `${v}-${t}-${p}-${f}${v === '00' || more === undefined ? '' : `-${more}`}`,
    );
    fc.assert(
      fc.property(any, any, fc.constantFrom(', ', ',', ' ,\t'), (a, b, sep) => {
        expect(parseTraceparent(a)).toBeDefined();
        expect(parseTraceparent(`${a}${sep}${b}`)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01-extra, 00-${'1'.repeat(32)}-${PARENT}-01`)).toBeUndefined();
  });

  it('trims spaces and tabs around a long value in linear time', () => {
    const value = ` cc-${TRACE}-${PARENT}-01-x${' '.repeat(200_000)}x `;
    const started = performance.now();
    expect(parseTraceparent(value)?.traceId).toBe(TRACE);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('parseTraceparent on version-00 values, character by character', () => {
  // the spec's rule as a pattern: the oracle for the parser's hand-written fast path
  const oracle = (value: string): unknown => {
    const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(value);
    if (!m || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return undefined;
    return { version: '00', traceId: m[1], parentId: m[2], traceFlags: parseInt(m[3], 16) };
  };
  const hex = fc.constantFrom(...'0123456789abcdef');
  const valid = fc
    .tuple(fc.array(hex, { minLength: 32, maxLength: 32 }), fc.array(hex, { minLength: 16, maxLength: 16 }), fc.array(hex, { minLength: 2, maxLength: 2 }))
    .map(([t, p, f]) => `00-${t.join('')}-${p.join('')}-${f.join('')}`);
  const odd = fc.constantFrom(...'0aAfFgG-_ 9\u0000é');

  // (the version characters stay `00`: other versions take the general rules, unchanged)
  test('agrees with the pattern on valid values and on values with characters changed', () => {
    fc.assert(
      fc.property(valid, fc.array(fc.tuple(fc.integer({ min: 2, max: 54 }), odd), { maxLength: 3 }), fc.boolean(), fc.boolean(), (value, edits, zeroTrace, zeroParent) => {
        let text = value;
        if (zeroTrace) text = text.slice(0, 3) + '0'.repeat(32) + text.slice(35);
        if (zeroParent) text = text.slice(0, 36) + '0'.repeat(16) + text.slice(52);
        for (const [at, c] of edits) text = text.slice(0, at) + c + text.slice(at + 1);
        expect(parseTraceparent(text)).toEqual(oracle(text));
      }),
      { numRuns: 2000 },
    );
  });
});
