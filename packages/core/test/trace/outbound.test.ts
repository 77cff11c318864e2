import { describe, expect, it } from 'vitest';
import {
  buildTraceparent,
  createOutboundTrace,
  getTraceId,
  runWithLoggingContext,
  traceFromHeaders,
} from '@ecsctx/core';
import { newTraceContext } from '@ecsctx/core/integration';
import { parseTraceparent } from '@ecsctx/core/trace';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace in and out', () => {
  it('continues a valid inbound trace and reads tracestate only then', () => {
    const trace = traceFromHeaders({ traceparent: TP, tracestate: 'rojo=1' });
    expect(trace).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', parentId: 'b7ad6b7169203331', traceFlags: 1 });
    expect(trace.traceState).toEqual([{ key: 'rojo', value: '1' }]);
    const fresh = traceFromHeaders({ traceparent: TP.toUpperCase(), tracestate: 'rojo=1' });
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh.traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(fresh.traceState).toBeUndefined();
    expect(traceFromHeaders(undefined).traceId).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
  });

  it('sets the random-trace-id flag on a trace it starts, its id coming from the CSPRNG (Level 2 §3.2.2.5.2), and the sampled flag', () => {
    for (const trace of [traceFromHeaders(undefined), traceFromHeaders({ traceparent: 'garbage' }), newTraceContext()]) {
      expect(trace.traceFlags).toBe(0x03);
      runWithLoggingContext(() => expect(buildTraceparent()).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-03$/), { trace });
    }
  });

  it('keeps the random flag as received when continuing: set stays set, unset stays unset (Level 2 §3.2.2.5.2)', () => {
    for (const [flags, sent] of [['02', '02'], ['03', '03'], ['01', '01'], ['00', '00'], ['ff', '03'], ['fd', '01']]) {
      runWithLoggingContext(() => expect(buildTraceparent()?.slice(-2)).toBe(sent), { trace: traceFromHeaders({ traceparent: TP.replace(/-01$/, `-${flags}`) }) });
    }
  });

  it('buildTraceparent sends version 00 with a new parent-id per call and the sampled flag kept', () => {
    runWithLoggingContext(() => {
      const a = parseTraceparent(buildTraceparent())!;
      const b = parseTraceparent(buildTraceparent())!;
      expect(a.version).toBe('00');
      expect(a.traceId).toBe(getTraceId());
      expect(a.parentId).not.toBe(b.parentId);
      expect(a.parentId).not.toBe('b7ad6b7169203331');
      expect(a.traceFlags).toBe(1);
    }, { trace: traceFromHeaders({ traceparent: TP }) });
  });

  it('keeps an unset sampled flag unset and clears reserved bits', () => {
    runWithLoggingContext(() => {
      expect(buildTraceparent()?.endsWith('-00')).toBe(true);
    }, { trace: traceFromHeaders({ traceparent: TP.replace(/-01$/, '-00') }) });
    runWithLoggingContext(() => {
      expect(buildTraceparent()?.endsWith('-01')).toBe(true);
    }, { trace: traceFromHeaders({ traceparent: TP.replace(/-01$/, '-fd') }) });
  });

  it('carries tracestate onward and gives nothing outside a traced scope', () => {
    runWithLoggingContext(() => {
      expect(createOutboundTrace()?.headers.tracestate).toBe('rojo=1,congo=2');
    }, { trace: traceFromHeaders({ traceparent: TP, tracestate: ['rojo=1', 'congo=2'] }) });
    expect(buildTraceparent()).toBeUndefined();
    runWithLoggingContext(() => expect(buildTraceparent()).toBeUndefined());
  });
});
