/**
 * The W3C Trace Context rules that are easy to miss, as data: what a service must send on an
 * outbound call for a given inbound `traceparent`/`tracestate`. The same cases run against the
 * test service without OpenTelemetry (trace-out.test.ts, our rules) and with the OpenTelemetry
 * SDK and its http/express/undici instrumentations (otel.test.ts), where OpenTelemetry's own
 * W3C propagator decides; `otel` states where its behaviour differs from ours (the list is in
 * docs/opentelemetry.md).
 *
 * @see https://www.w3.org/TR/trace-context-2/
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import type { Seen } from './callee';
import { HEX16, HEX32 } from './logs';

export const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
export const PARENT_ID = 'b7ad6b7169203331';

/** A `traceparent` for `TRACE_ID`/`PARENT_ID` unless told otherwise. */
export const tp = (flags = '01', traceId = TRACE_ID, parentId = PARENT_ID, version = '00'): string => `${version}-${traceId}-${parentId}-${flags}`;

/** What the callee must see on the one outbound call. */
export interface Outcome {
  /** The inbound trace continues (`TRACE_ID`), or a new trace id was started. */
  readonly continued: boolean;
  /** The trace-flags sent. */
  readonly flags: string;
  /** The one `tracestate` sent, or `undefined` when none may be sent. */
  readonly tracestate: string | undefined;
}

export interface W3cCase {
  /** The rule, as the test name. */
  readonly rule: string;
  /** Inbound headers (an array is sent as repeated header lines). */
  readonly headers: OutgoingHttpHeaders;
  /** What our rules (core's parser and formatter) send. */
  readonly ecsctx: Outcome;
  /** What OpenTelemetry's `W3CTraceContextPropagator` sends, where it differs. */
  readonly otel?: Outcome;
}

const CONGO = 'congo=t61rcWkgMzE';

/** 20 entries of 38–39 characters with one of 204 (over 128: dropped first by §3.3.1.5) as the fourth. */
const LONG_STATE = Array.from({ length: 20 }, (_, i) => `vendor${i}=${'v'.repeat(28)}${String(i).padStart(2, '0')}`);
LONG_STATE.splice(3, 0, `big=${'b'.repeat(200)}`);
const SMALL_STATE = LONG_STATE.filter((e) => !e.startsWith('big='));

/** OpenTelemetry's cut: entries in order, each kept while the total stays within 512 characters. */
function fitInOrder(entries: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const next = length + entry.length + (kept.length > 0 ? 1 : 0);
    if (next > max) continue;
    kept.push(entry);
    length = next;
  }
  return kept.join(',');
}

const continued = (flags: string, tracestate?: string): Outcome => ({ continued: true, flags, tracestate });
/** A new trace of ours: sampled, and random (Level 2 §3.2.2.5.2: its id comes from the CSPRNG). */
const restarted: Outcome = { continued: false, flags: '03', tracestate: undefined };
/** A new trace of OpenTelemetry's: sampled; OpenTelemetry JS does not set the random flag. */
const restartedByOtel: Outcome = { continued: false, flags: '01', tracestate: undefined };
/** 32 entries of 258 characters: over 8192 in all, each over 128. */
const HUGE_STATE = Array.from({ length: 32 }, (_, i) => `v${String(i).padStart(2, '0')}=${'x'.repeat(254)}`);
const LONG_FUTURE = `${'cc'}-${TRACE_ID}-${PARENT_ID}-01-${'f'.repeat(600)}`;
const futureVersion = (traceparent: string): OutgoingHttpHeaders => ({ traceparent, tracestate: CONGO });
const THIRTY_THREE = Array.from({ length: 33 }, (_, i) => `k${i}=v`);

export const W3C_CASES: readonly W3cCase[] = [
  { rule: 'starts a new trace when no traceparent arrives', headers: {}, ecsctx: restarted, otel: restartedByOtel },
  { rule: 'rejects uppercase hex: a new trace id, and tracestate is not propagated', headers: { traceparent: tp('01', TRACE_ID.toUpperCase()), tracestate: CONGO }, ecsctx: restarted, otel: restartedByOtel },
  { rule: 'starts a new trace when two traceparent headers arrive', headers: { traceparent: [tp(), tp('01', '1'.repeat(32))], tracestate: CONGO }, ecsctx: restarted, otel: restartedByOtel },
  { rule: 'sends reserved flag bits as 0 (ff in)', headers: { traceparent: tp('ff') }, ecsctx: continued('03'), otel: continued('01') },
  { rule: 'sends reserved flag bits as 0 (f9 in)', headers: { traceparent: tp('f9') }, ecsctx: continued('01') },
  { rule: 'sends reserved flag bits as 0 (fc in)', headers: { traceparent: tp('fc') }, ecsctx: continued('00') },
  { rule: 'sends reserved flag bits as 0 (0b in)', headers: { traceparent: tp('0b') }, ecsctx: continued('03'), otel: continued('01') },
  { rule: 'keeps a set random flag set (03 in)', headers: { traceparent: tp('03') }, ecsctx: continued('03'), otel: continued('01') },
  { rule: 'keeps an unset random flag unset (01 in)', headers: { traceparent: tp('01') }, ecsctx: continued('01') },
  { rule: 'keeps an unset random and sampled flag unset (00 in)', headers: { traceparent: tp('00') }, ecsctx: continued('00') },
  { rule: 'continues a future version with extra fields, and sends version 00', headers: futureVersion(`${tp('01', TRACE_ID, PARENT_ID, 'cc')}-what-the-future-holds`), ecsctx: continued('01', CONGO) },
  { rule: 'continues a future version without extra fields', headers: futureVersion(tp('01', TRACE_ID, PARENT_ID, 'cc')), ecsctx: continued('01', CONGO) },
  { rule: 'validates the ids of a future version: uppercase', headers: futureVersion(`${tp('01', TRACE_ID.toUpperCase(), PARENT_ID, 'cc')}-x`), ecsctx: restarted, otel: restartedByOtel },
  { rule: 'validates the ids of a future version: all-zero trace id', headers: futureVersion(`${tp('01', '0'.repeat(32), PARENT_ID, 'cc')}-x`), ecsctx: restarted, otel: restartedByOtel },
  { rule: 'validates the ids of a future version: short parent id', headers: futureVersion(`${tp('01', TRACE_ID, PARENT_ID.slice(2), 'cc')}-x`), ecsctx: restarted, otel: restartedByOtel },
  { rule: 'validates a future version: extra data not after a dash', headers: futureVersion(`${tp('01', TRACE_ID, PARENT_ID, 'cc')}.x`), ecsctx: restarted, otel: restartedByOtel },
  {
    rule: 'cuts a tracestate over 512 characters by whole entries (ours: large entries first, then from the end)',
    headers: { traceparent: tp(), tracestate: LONG_STATE.join(',') },
    ecsctx: continued('01', SMALL_STATE.slice(0, 13).join(',')),
    otel: continued('01', fitInOrder(LONG_STATE, 512)),
  },
  { rule: 'combines several tracestate headers in order', headers: { traceparent: tp(), tracestate: [CONGO, 'rojo=00f067aa0ba902b7,tenant@vendor=x'] }, ecsctx: continued('01', `${CONGO},rojo=00f067aa0ba902b7,tenant@vendor=x`) },
  { rule: 'drops the tracestate with a key starting with @', headers: { traceparent: tp(), tracestate: `${CONGO},@rojo=00f067aa0ba902b7` }, ecsctx: continued('01'), otel: continued('01', CONGO) },
  { rule: 'keeps a tracestate with a duplicated key as received', headers: { traceparent: tp(), tracestate: 'congo=1,rojo=2,congo=3' }, ecsctx: continued('01', 'congo=1,rojo=2,congo=3'), otel: continued('01', 'congo=3,rojo=2') },
  { rule: 'carries keys of the Level 2 grammar (at signs anywhere after the first character)', headers: { traceparent: tp(), tracestate: `foo@=1,t@vvvvvvvvvvvvvvv=2,1abc=3,${CONGO}` }, ecsctx: continued('01', `foo@=1,t@vvvvvvvvvvvvvvv=2,1abc=3,${CONGO}`), otel: continued('01', CONGO) },
  { rule: 'sends no tracestate when no member is valid (never an empty one)', headers: { traceparent: tp(), tracestate: 'Rojo=1,congo=' }, ecsctx: continued('01'), otel: continued('01', '') },
  { rule: 'cuts a tracestate over 8192 characters to 512 instead of dropping it', headers: { traceparent: tp(), tracestate: HUGE_STATE.join(',') }, ecsctx: continued('01', HUGE_STATE[0]), otel: continued('01', HUGE_STATE[0]) },
  { rule: 'continues a future version over 512 characters', headers: futureVersion(LONG_FUTURE), ecsctx: continued('01', CONGO) },
  { rule: 'starts a new trace when two traceparent headers arrive, the first a future version', headers: { traceparent: [`${tp('01', TRACE_ID, PARENT_ID, 'cc')}-extra`, tp('01', '1'.repeat(32))], tracestate: CONGO }, ecsctx: restarted, otel: continued('01', CONGO) },
  { rule: 'drops the tracestate with an entry without =', headers: { traceparent: tp(), tracestate: `${CONGO},rojo` }, ecsctx: continued('01'), otel: continued('01', CONGO) },
  { rule: 'drops the tracestate with more than 32 entries', headers: { traceparent: tp(), tracestate: THIRTY_THREE.join(',') }, ecsctx: continued('01'), otel: continued('01', THIRTY_THREE.slice(0, 32).join(',')) },
];

/** Asserts that the callee saw exactly `outcome` on one request: one traceparent, version 00, a new parent-id. */
export function expectOutcome(seen: Seen, outcome: Outcome): void {
  expect(seen.traceparent, 'exactly one traceparent header').toHaveLength(1);
  const [version, traceId, parentId, flags, ...rest] = seen.traceparent[0].split('-');
  expect(rest).toEqual([]);
  expect(version).toBe('00');
  expect(traceId).toMatch(HEX32);
  if (outcome.continued) expect(traceId).toBe(TRACE_ID);
  else expect([TRACE_ID, '1'.repeat(32), '0'.repeat(32)]).not.toContain(traceId);
  expect(parentId).toMatch(HEX16);
  expect(parentId).not.toBe(PARENT_ID);
  expect(flags).toBe(outcome.flags);
  expect(seen.tracestate).toEqual(outcome.tracestate === undefined ? [] : [outcome.tracestate]);
}
