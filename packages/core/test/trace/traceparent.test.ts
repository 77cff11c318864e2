import { describe, expect, it } from 'vitest';
import { parseTraceparent, formatTraceparent } from '@ecsctx/core';

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

  it('rejects several traceparent headers', () => {
    expect(parseTraceparent([`00-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01`])).toBeUndefined();
    expect(parseTraceparent([`00-${TRACE}-${PARENT}-01`])?.traceId).toBe(TRACE);
  });

  it('accepts future versions with extra data and reads the first four fields', () => {
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
