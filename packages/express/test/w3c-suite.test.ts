/**
 * The 41 cases of the official W3C Trace Context test suite (github w3c/trace-context,
 * folder test/, strictness 2, spec level 2), ported to vitest in our own words, against a test
 * service built only from docs/express.md: `express.json()`, `expressContext()`, and
 * `createTracedFetch()` for the calls the harness asks for. Each case names the suite's test.
 * The harness side (raw requests, reading the callbacks) is support/w3c-harness.ts.
 *
 * @see https://www.w3.org/TR/trace-context-2/
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcsLogger } from '@ecsctx/core';
import { createTracedFetch, expressContext } from '@ecsctx/express';
import { createCapture } from '../../core/test/support/capture';
import { startCallee, type Callee } from './support/callee';
import { EXPRESS_VERSIONS, type ExpressFactory } from './support/express-versions';
import { listen, type Running } from './support/http';
import { exchange, type Callback, type HeaderLine } from './support/w3c-harness';

const T = '12345678901234567890123456789012';
const P = '1234567890123456';
const tp = (flags: string, version = '00', traceId = T, parentId = P): string => `${version}-${traceId}-${parentId}-${flags}`;

/** The test service of the suite's README, written from docs/express.md only. */
function startService(express: ExpressFactory): Promise<Running> {
  const logger = createEcsLogger({ name: 'w3c', stream: createCapture().stream });
  const fetchTraced = createTracedFetch({ logger });
  const app = express();
  app.use(express.json());
  app.use(expressContext());
  app.post('/test', async (req, res) => {
    for (const action of req.body as { url: string; arguments?: unknown[] }[]) {
      const reply = await fetchTraced(action.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(action.arguments ?? []) });
      await reply.arrayBuffer();
    }
    res.json({ done: true });
  });
  return listen(app);
}

describe.each(EXPRESS_VERSIONS)('the W3C Trace Context test suite (strictness 2, level 2), ported, with %s', (_name, express) => {
  let callee: Callee;
  let service: Running;
  beforeAll(async () => {
    callee = await startCallee();
    service = await startService(express);
  });
  afterAll(async () => {
    await service.close();
    await callee.close();
  });

  const one = async (lines: HeaderLine[]): Promise<Callback> => (await exchange(service.url, callee, lines))[0];
  const continues = async (lines: HeaderLine[]): Promise<Callback> => {
    const out = await one(lines);
    expect(out.traceId).toBe(T);
    return out;
  };
  const restarts = async (lines: HeaderLine[], ...notThese: string[]): Promise<Callback> => {
    const out = await one(lines);
    for (const id of [T, ...notThese]) expect(out.traceId).not.toBe(id);
    return out;
  };

  describe('TraceContextTest: traceparent', () => {
    it('both_traceparent_and_tracestate_missing: a valid traceparent goes out', async () => {
      await one([]);
    });

    it('traceparent_included_tracestate_missing: same trace id, a new parent id', async () => {
      expect((await continues([['traceparent', tp('01')]])).parentId).not.toBe(P);
    });

    it('traceparent_duplicated: two traceparent lines start a new trace', async () => {
      await restarts([['traceparent', tp('01', '00', `${T.slice(0, 30)}11`)], ['traceparent', tp('01')]], `${T.slice(0, 30)}11`);
    });

    it('traceparent_header_name: trace-parent and trace.parent are not traceparent', async () => {
      await restarts([['trace-parent', tp('01')]]);
      await restarts([['trace.parent', tp('01')]]);
    });

    it('traceparent_header_name_valid_casing: the name is case-insensitive', async () => {
      for (const name of ['TraceParent', 'TrAcEpArEnT', 'TRACEPARENT']) await continues([[name, tp('01')]]);
    });

    it('traceparent_version_0x00: version 00 with extra data is invalid', async () => {
      await restarts([['traceparent', `${tp('01')}.`]]);
      await restarts([['traceparent', `${tp('01')}-what-the-future-will-be-like`]]);
    });

    it('traceparent_version_0xcc: a future version continues, extra data after a dash ignored', async () => {
      await continues([['traceparent', tp('01', 'cc')]]);
      await continues([['traceparent', `${tp('01', 'cc')}-what-the-future-will-be-like`]]);
      await restarts([['traceparent', `${tp('01', 'cc')}.what-the-future-will-be-like`]]);
    });

    it('traceparent_version_0xff: version ff is invalid', async () => {
      await restarts([['traceparent', tp('01', 'ff')]]);
    });

    it('traceparent_version_illegal_characters', async () => {
      await restarts([['traceparent', tp('01', '.0')]]);
      await restarts([['traceparent', tp('01', '0.')]]);
    });

    it('traceparent_version_too_long', async () => {
      await restarts([['traceparent', tp('01', '000')]]);
      await restarts([['traceparent', tp('01', '0000')]]);
    });

    it('traceparent_version_too_short', async () => {
      await restarts([['traceparent', tp('01', '0')]]);
    });

    it('traceparent_trace_id_all_zero', async () => {
      await restarts([['traceparent', tp('01', '00', '0'.repeat(32))]], '0'.repeat(32));
    });

    it('traceparent_trace_id_illegal_characters', async () => {
      await restarts([['traceparent', tp('01', '00', `.${T.slice(1)}`)]]);
      await restarts([['traceparent', tp('01', '00', `${T.slice(0, 31)}.`)]]);
    });

    it('traceparent_trace_id_too_long', async () => {
      await restarts([['traceparent', tp('01', '00', `${T}3`)]], `${T.slice(1)}3`);
    });

    it('traceparent_trace_id_too_short', async () => {
      await restarts([['traceparent', tp('01', '00', T.slice(0, 31))]]);
    });

    it('traceparent_parent_id_all_zero', async () => {
      await restarts([['traceparent', tp('01', '00', T, '0'.repeat(16))]]);
    });

    it('traceparent_parent_id_illegal_characters', async () => {
      await restarts([['traceparent', tp('01', '00', T, `.${P.slice(1)}`)]]);
      await restarts([['traceparent', tp('01', '00', T, `${P.slice(0, 15)}.`)]]);
    });

    it('traceparent_parent_id_too_long', async () => {
      await restarts([['traceparent', tp('01', '00', T, `${P}7`)]]);
    });

    it('traceparent_parent_id_too_short', async () => {
      await restarts([['traceparent', tp('01', '00', T, P.slice(0, 15))]]);
    });

    it('traceparent_trace_flags_illegal_characters', async () => {
      await restarts([['traceparent', tp('.0')]]);
      await restarts([['traceparent', tp('0.')]]);
    });

    it('traceparent_trace_flags_too_long', async () => {
      await restarts([['traceparent', tp('001')]]);
    });

    it('traceparent_trace_flags_too_short', async () => {
      await restarts([['traceparent', tp('1')]]);
    });

    it('traceparent_ows_handling: spaces and tabs around the value are ignored', async () => {
      for (const value of [` ${tp('01')}`, `\t${tp('01')}`, `${tp('01')} `, `${tp('01')}\t`, `\t ${tp('01')} \t`]) await continues([['traceparent', value]]);
    });
  });

  describe('TraceContextTest: tracestate', () => {
    const TP = ['traceparent', tp('00')] as const;

    it('tracestate_included_traceparent_missing: tracestate alone is discarded', async () => {
      const a = await one([['tracestate', 'foo=1']]);
      const b = await one([['tracestate', 'foo=1,bar=2']]);
      expect(a.state.size).toBe(b.state.size);
    });

    it('tracestate_included_traceparent_included: tracestate is carried on', async () => {
      const out = await continues([TP, ['tracestate', 'foo=1,bar=2']]);
      expect(out.state.get('foo')).toBe('1');
      expect(out.state.get('bar')).toBe('2');
    });

    it('tracestate_header_name: trace-state and trace.state are not tracestate', async () => {
      expect((await one([TP, ['trace-state', 'foo=1']])).state.has('foo')).toBe(false);
      expect((await one([TP, ['trace.state', 'foo=1']])).state.has('foo')).toBe(false);
    });

    it('tracestate_header_name_valid_casing: the name is case-insensitive', async () => {
      for (const name of ['TraceState', 'TrAcEsTaTe', 'TRACESTATE']) expect((await one([TP, [name, 'foo=1']])).state.get('foo')).toBe('1');
    });

    it('tracestate_empty_header: an empty line is accepted and does not hide the others', async () => {
      await continues([TP, ['tracestate', '']]);
      expect((await continues([TP, ['tracestate', 'foo=1'], ['tracestate', '']])).state.get('foo')).toBe('1');
      expect((await continues([TP, ['tracestate', ''], ['tracestate', 'foo=1']])).state.get('foo')).toBe('1');
    });

    it('tracestate_multiple_headers_different_keys: lines are combined in order', async () => {
      const out = await continues([TP, ['tracestate', 'foo=1,bar=2'], ['tracestate', 'rojo=1,congo=2'], ['tracestate', 'baz=3']]);
      const at = ['foo=1', 'bar=2', 'rojo=1', 'congo=2', 'baz=3'].map((m) => out.stateText.indexOf(m));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
    });

    it('tracestate_duplicated_keys: the header is kept, duplicates as they came or one of them', async () => {
      expect((await continues([TP, ['tracestate', 'foo=1,foo=1']])).stateText).toContain('foo=1');
      expect((await continues([TP, ['tracestate', 'foo=1,foo=2']])).stateText).toMatch(/foo=[12]/);
      expect((await continues([TP, ['tracestate', 'foo=1'], ['tracestate', 'foo=1']])).stateText).toContain('foo=1');
      expect((await continues([TP, ['tracestate', 'foo=1'], ['tracestate', 'foo=2']])).stateText).toMatch(/foo=[12]/);
    });

    it('tracestate_all_allowed_characters: every key and value character is carried', async () => {
      const key = 'abcdefghijklmnopqrstuvwxyz0123456789_-*/';
      const value = Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => c !== ',' && c !== '=').join('');
      for (const k of [key, `${key}@a-z0-9_-*/`]) expect((await one([TP, ['tracestate', `${k}=${value}`]])).state.get(k)).toBe(value);
    });

    it('tracestate_ows_handling: spaces and tabs around members are ignored', async () => {
      for (const header of ['foo=1 \t , \t bar=2, \t baz=3', 'foo=1\t \t,\t \tbar=2,\t \tbaz=3']) {
        const out = await one([TP, ['tracestate', header]]);
        expect([...out.state]).toEqual([['foo', '1'], ['bar', '2'], ['baz', '3']]);
      }
      for (const header of [' foo=1', '\tfoo=1', 'foo=1 ', 'foo=1\t', '\t foo=1 \t']) expect((await continues([TP, ['tracestate', header]])).state.get('foo')).toBe('1');
    });

    it('tracestate_key_illegal_characters: the header is discarded', async () => {
      expect((await one([TP, ['tracestate', 'foo =1']])).state.size).toBe(0);
      expect((await one([TP, ['tracestate', 'FOO=1']])).state.size).toBe(0);
      expect((await one([TP, ['tracestate', 'foo.bar=1']])).state.size).toBe(0);
    });

    it('tracestate_key_illegal_vendor_format: at signs after the first character are keys like any other; a leading @ discards the header', async () => {
      for (const k of ['foo@', 'foo@@bar', 'foo@bar@baz']) {
        const out = await one([TP, ['tracestate', `${k}=1,bar=2`]]);
        expect(out.state.get(k)).toBe('1');
        expect(out.state.get('bar')).toBe('2');
      }
      expect((await one([TP, ['tracestate', '@foo=1,bar=2']])).state.has('bar')).toBe(false);
    });

    it('tracestate_member_count_limit: 32 members are carried, 33 discard the header', async () => {
      const members = Array.from({ length: 33 }, (_, i) => `bar${String(i + 1).padStart(2, '0')}=${String(i + 1).padStart(2, '0')}`);
      const lines = (list: string[]): HeaderLine[] => [0, 10, 20, 30].map((at) => ['tracestate', list.slice(at, at + 10).join(',')] as const);
      const full = await one([TP, ...lines(members.slice(0, 32))]);
      expect(full.state.get('bar01')).toBe('01');
      expect(full.state.size).toBe(32);
      expect((await one([TP, ...lines(members)])).state.has('bar01')).toBe(false);
    });

    it('tracestate_key_length_limit: keys of up to 256 characters, at signs included, are carried; 257 discard the header', async () => {
      for (const key of ['z'.repeat(256), `${'t'.repeat(241)}@${'v'.repeat(14)}`, `${'t'.repeat(242)}@v`, `t@${'v'.repeat(15)}`]) {
        const out = await one([TP, ['tracestate', 'foo=1'], ['tracestate', `${key}=1`]]);
        expect(out.state.get('foo')).toBe('1');
        expect(out.state.get(key)).toBe('1');
      }
      expect((await one([TP, ['tracestate', 'foo=1'], ['tracestate', `${'z'.repeat(257)}=1`]])).state.has('foo')).toBe(false);
    });

    it('tracestate_value_illegal_characters: the header is discarded', async () => {
      expect((await one([TP, ['tracestate', 'foo=bar=baz']])).state.size).toBe(0);
      expect((await one([TP, ['tracestate', 'foo=,bar=3']])).state.size).toBe(0);
    });
  });

  describe('AdvancedTest', () => {
    it('multiple_requests_with_valid_traceparent: every callback continues the trace with its own parent id', async () => {
      const out = await exchange(service.url, callee, [['traceparent', tp('01')]], 3);
      expect(new Set(out.map((c) => c.traceId))).toEqual(new Set([T]));
      expect(new Set(out.map((c) => c.parentId)).size).toBe(3);
    });

    it('multiple_requests_without_traceparent: a different parent id on each callback', async () => {
      const out = await exchange(service.url, callee, [], 3);
      expect(new Set(out.map((c) => c.parentId)).size).toBe(3);
      expect(new Set(out.map((c) => c.traceId)).size).toBe(1);
    });

    it('multiple_requests_with_illegal_traceparent: a new trace id, a different parent id on each callback', async () => {
      const out = await exchange(service.url, callee, [['traceparent', tp('01', '00', '0'.repeat(32))]], 3);
      expect(out.map((c) => c.traceId)).not.toContain('0'.repeat(32));
      expect(new Set(out.map((c) => c.parentId)).size).toBe(3);
    });
  });

  describe('TraceContext2Test', () => {
    it('propagates_random_flag: a set random flag stays set, with a new parent id', async () => {
      const out = await continues([['traceparent', tp('02')]]);
      expect(out.parentId).not.toBe(P);
      expect(out.flags & 0x02).toBe(0x02);
    });
  });
});
