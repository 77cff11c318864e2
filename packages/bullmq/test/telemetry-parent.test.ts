/**
 * The hand-over to BullMQ's telemetry without Redis or an SDK: which trace the producer call
 * is given, and that a telemetry which cannot take it never changes the outcome of `add`.
 * The behaviour with the real bullmq-otel is in bullmq-otel.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { LOG_CONTEXT_KEY } from '@ecsctx/bullmq';
import { firstTracedOptions, runInJobTelemetryContext, runWithTelemetryParent } from '../src/telemetry-parent';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A ContextManager that records what it is handed; `with` runs fn with the context as "active". */
function recordingTelemetry(overrides: { fromMetadata?: (active: unknown, metadata: string) => unknown; with?: (ctx: unknown, fn: () => unknown) => unknown } = {}) {
  const calls: { metadata: string[]; activeInFn: unknown[] } = { metadata: [], activeInFn: [] };
  let active: unknown = 'root';
  const telemetry = {
    tracer: { startSpan: () => undefined },
    contextManager: {
      active: () => active,
      getMetadata: () => '{}',
      fromMetadata:
        overrides.fromMetadata ??
        ((_active: unknown, metadata: string) => {
          calls.metadata.push(metadata);
          return { parent: metadata };
        }),
      with:
        overrides.with ??
        ((ctx: unknown, fn: () => unknown) => {
          const before = active;
          active = ctx;
          try {
            return fn();
          } finally {
            active = before;
          }
        }),
    },
  };
  const add = (): string => {
    calls.activeInFn.push(active);
    return 'added';
  };
  return { telemetry, calls, add };
}

describe('runWithTelemetryParent', () => {
  it("hands the snapshot's traceparent and tracestate to the telemetry as a JSON W3C carrier", () => {
    const { telemetry, calls, add } = recordingTelemetry();
    const opts = { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT, tracestate: 'vendor=1' } };
    expect(runWithTelemetryParent(telemetry, opts, add)).toBe('added');
    expect(calls.metadata).toEqual([JSON.stringify({ traceparent: TRACEPARENT, tracestate: 'vendor=1' })]);
    expect(calls.activeInFn).toEqual([{ parent: calls.metadata[0] }]);
  });

  it.each([
    ['no telemetry', undefined, { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } }],
    ['a telemetry without a context manager', { tracer: {} }, { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } }],
    ['no options', 'recording', undefined],
    ['an empty snapshot (outside a traced scope)', 'recording', { [LOG_CONTEXT_KEY]: { v: 1 } }],
    ['an invalid traceparent', 'recording', { [LOG_CONTEXT_KEY]: { v: 1, traceparent: '00-nope-01' } }],
    ['something else under the key', 'recording', { [LOG_CONTEXT_KEY]: 'a string' }],
  ])('runs add as it is with %s', (_what, given, opts) => {
    const { telemetry, calls, add } = recordingTelemetry();
    expect(runWithTelemetryParent(given === 'recording' ? telemetry : given, opts, add)).toBe('added');
    expect(calls.metadata).toEqual([]);
    expect(calls.activeInFn).toEqual(['root']);
  });

  it('runs add once, as it is, when the telemetry cannot read the carrier', () => {
    const { telemetry, calls, add } = recordingTelemetry({
      fromMetadata: () => {
        throw new SyntaxError('not my format');
      },
    });
    expect(runWithTelemetryParent(telemetry, { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } }, add)).toBe('added');
    expect(calls.activeInFn).toEqual(['root']);
  });

  it('runs add once, as it is, when the context manager throws before calling it', () => {
    const { telemetry, calls, add } = recordingTelemetry({
      with: () => {
        throw new Error('broken context manager');
      },
    });
    expect(runWithTelemetryParent(telemetry, { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } }, add)).toBe('added');
    expect(calls.activeInFn).toEqual(['root']);
  });

  it('passes on what add throws, without calling it twice', () => {
    const { telemetry } = recordingTelemetry();
    let calls = 0;
    const failingAdd = (): never => {
      calls++;
      throw new Error('Redis is down');
    };
    expect(() => runWithTelemetryParent(telemetry, { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } }, failingAdd)).toThrow('Redis is down');
    expect(calls).toBe(1);
  });
});

describe('firstTracedOptions', () => {
  it('picks the first entry whose snapshot names a trace (one producer span covers a bulk)', () => {
    const traced = { [LOG_CONTEXT_KEY]: { v: 1, traceparent: TRACEPARENT } };
    expect(firstTracedOptions([{}, { opts: { [LOG_CONTEXT_KEY]: { v: 1 } } }, { opts: traced }])).toBe(traced);
    expect(firstTracedOptions([{ opts: {} }])).toBeUndefined();
    expect(firstTracedOptions([])).toBeUndefined();
  });
});

describe('runInJobTelemetryContext', () => {
  it("runs fn in the context the job's telemetry metadata names", () => {
    const { telemetry, calls, add } = recordingTelemetry();
    const metadata = JSON.stringify({ traceparent: TRACEPARENT });
    expect(runInJobTelemetryContext(telemetry, { opts: { telemetry: { metadata } } }, add)).toBe('added');
    expect(calls.activeInFn).toEqual([{ parent: metadata }]);
  });

  it('runs fn as it is without telemetry, without metadata, or when the metadata cannot be read', () => {
    const { telemetry, calls, add } = recordingTelemetry();
    runInJobTelemetryContext(undefined, { opts: { telemetry: { metadata: '{}' } } }, add);
    runInJobTelemetryContext(telemetry, { opts: { telemetry: { omitContext: true } } }, add);
    runInJobTelemetryContext(telemetry, {}, add);
    const unreadable = recordingTelemetry({
      fromMetadata: () => {
        throw new SyntaxError('Unexpected token');
      },
    });
    runInJobTelemetryContext(unreadable.telemetry, { opts: { telemetry: { metadata: 'not json' } } }, unreadable.add);
    expect(calls.activeInFn).toEqual(['root', 'root', 'root']);
    expect(unreadable.calls.activeInFn).toEqual(['root']);
  });
});
