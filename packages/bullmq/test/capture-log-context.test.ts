/**
 * The capture side without Redis: what a carrier holds, that it is always JSON-safe and
 * bounded, and that explicit captures are kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bindLoggingContext,
  resetDiagnostics,
  runWithLoggingContext,
  setDiagnosticHandler,
  traceFromHeaders,
  type Diagnostic,
} from '@ecsctx/core';
import { parseTraceparent } from '@ecsctx/core/trace';
import { BULLMQ_DIAGNOSTICS, LOG_CONTEXT_KEY, MAX_CAPTURED_DEPTH, MAX_CARRIER_CONTEXT_BYTES, attachLogContext, captureLogContext } from '@ecsctx/bullmq';
import { optionsWithCarrier } from '../src/capture-log-context';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('captureLogContext', () => {
  it('is an empty carrier outside any scope', () => {
    expect(captureLogContext()).toEqual({ v: 1 });
  });

  it('captures the bound fields, without the span id and without the bullmq namespace', () => {
    const carrier = runWithLoggingContext(
      () => {
        bindLoggingContext({ extra: { bullmq: { job: { id: 'parent' } } } });
        return captureLogContext();
      },
      { context: { spanId: 'f'.repeat(16), userId: 7, sessionId: 's', ip: '10.0.0.1', orn: 'o', pgCode: 'p', referenceNumber: 'r', extra: { merchant_id: 'acme' }, labels: { tier: 'gold' } } },
    );
    expect(carrier).toEqual({
      v: 1,
      context: { userId: 7, sessionId: 's', ip: '10.0.0.1', orn: 'o', pgCode: 'p', referenceNumber: 'r', extra: { merchant_id: 'acme' }, labels: { tier: 'gold' } },
    });
  });

  it('continues the current trace with a new parent-id per capture and keeps tracestate', () => {
    const [a, b] = runWithLoggingContext(() => [captureLogContext(), captureLogContext()], {
      trace: traceFromHeaders({ traceparent: TRACEPARENT, tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' }),
    });
    const pa = parseTraceparent(a.traceparent);
    const pb = parseTraceparent(b.traceparent);
    expect(pa?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(pb?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(pa?.parentId).not.toBe('b7ad6b7169203331');
    expect(pa?.parentId).not.toBe(pb?.parentId);
    expect(a.tracestate).toBe('congo=t61rcWkgMzE,rojo=00f067aa0ba902b7');
  });

  it('turns what JSON cannot hold into JSON and never throws', () => {
    const carrier = runWithLoggingContext(captureLogContext, {
      context: { extra: { big: 10n, when: new Date('2026-01-02T03:04:05.000Z'), fn: () => 1, nan: Number.NaN } },
    });
    expect(JSON.parse(JSON.stringify(carrier)).context.extra).toEqual({ big: '10', when: '2026-01-02T03:04:05.000Z', nan: null });
  });

  it('always yields a carrier that survives JSON, whatever is bound', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true })), (extra) => {
        const carrier = runWithLoggingContext(captureLogContext, { context: { extra } });
        expect(() => JSON.stringify(carrier)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('leaves extra and labels out, with one diagnostic, when they are too large to travel', () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const carrier = runWithLoggingContext(captureLogContext, {
      context: { sessionId: 's', extra: { blob: 'x'.repeat(MAX_CARRIER_CONTEXT_BYTES) }, labels: { a: 'b' } },
    });
    expect(carrier.context).toEqual({ sessionId: 's' });
    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.contextTooLarge]);
  });
});

describe('attachLogContext', () => {
  it('returns a copy of the options with a carrier, leaving the input alone', () => {
    const opts = { attempts: 3 };
    const out = runWithLoggingContext(() => attachLogContext(opts), { context: { sessionId: 's' } });
    expect(opts).toEqual({ attempts: 3 });
    expect(out).toEqual({ attempts: 3, [LOG_CONTEXT_KEY]: { v: 1, context: { sessionId: 's' } } });
  });

  it('keeps a carrier that is already there', () => {
    const early = { v: 1 as const, context: { sessionId: 'early' } };
    const out = runWithLoggingContext(() => attachLogContext({ [LOG_CONTEXT_KEY]: early }), { context: { sessionId: 'late' } });
    expect(out[LOG_CONTEXT_KEY]).toBe(early);
  });
});

describe('wrapped producers', () => {
  it('attach nothing to a legacy repeatable job (its repetitions start empty)', () => {
    const opts = { repeat: { every: 1000 } };
    expect(optionsWithCarrier(opts, { sessionId: 's' })).toBe(opts);
  });
});

describe('the captured extra fields', () => {
  it('are a bounded JSON copy: nesting below MAX_CAPTURED_DEPTH is cut with a marker, BigInt is text', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { j: 1 } } } } } } } } } };
    const captured = runWithLoggingContext(() => {
      bindLoggingContext({ extra: { deep, big: 10n ** 20n } });
      return captureLogContext();
    });
    const text = JSON.stringify(captured.context?.extra);
    expect(text).toContain('"big":"100000000000000000000"');
    expect(text).not.toContain('"j":1');
    expect(text).toContain(`nested deeper than ${MAX_CAPTURED_DEPTH}`);
  });
});
