/**
 * The preset runs `inject` and `namespace` as one step; it must give exactly what the two
 * formats give in a row, on every kind of input — with one documented exception: when a log
 * call gives a non-object for a field the bound context holds as an object (`user: null`
 * beside a bound `userId`), the fused step keeps the context's object and moves the call's
 * value to `extra`, where the two formats in a row let the call's value replace it first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { LEVEL, SPLAT } from 'triple-beam';
import { fc, test as fcTest } from '@fast-check/vitest';
import { CAPTURED_CALL, captureCall } from '../../src/formats/captured-call';
import { injectContext, namespaceFields, runWithLoggingContext, bindLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { injectAndPlace } from '../../src/formats/inject-and-place';
import { PLACEMENT_VIOLATIONS } from '../../src/formats/info-symbols';
import { referenceDir } from '../support/capture';

const env = { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0', ECSCTX_ROOT_FIELDS: 'customer' };
const composed = winston.format.combine(injectContext({ env }), namespaceFields({ env }));
const fused = injectAndPlace({ env });

/** Fields the bound context below provides as objects. */
const CONTEXT_OBJECTS = ['service', 'project', 'trace', 'user', 'shop', 'labels', 'x'];

function collides(fields: Record<string, unknown>): boolean {
  return Object.keys(fields).some((k) => {
    const v = fields[k];
    return CONTEXT_OBJECTS.includes(k.split('.')[0]) && (v === null || typeof v !== 'object' || Array.isArray(v) || k.includes('.'));
  });
}

function both(make: () => Record<string | symbol, unknown>): void {
  const call = runWithLoggingContext(
    () => {
      bindLoggingContext({ userId: 7, sessionId: 's', extra: { merchant_id: 'm', shop: { a: 1 }, 'x.y': 2 }, labels: { 'l.k': { o: 1 } } });
      return captureCall();
    },
    { trace: traceFromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }) },
  );
  const a = make();
  const b = make();
  a[CAPTURED_CALL] = call;
  b[CAPTURED_CALL] = call;
  const left = composed.transform(a as never, composed.options) as Record<string | symbol, unknown>;
  const right = fused.transform(b as never, fused.options) as Record<string | symbol, unknown>;
  expect(JSON.stringify(right)).toBe(JSON.stringify(left));
  const sorted = (v: unknown): string[] => [...((v as string[] | undefined) ?? [])].sort();
  expect(sorted(right[PLACEMENT_VIOLATIONS])).toEqual(sorted(left[PLACEMENT_VIOLATIONS]));
}

const cases = (JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { cases: { name: string; event: string; kwargs: Record<string, unknown> }[] }).cases;

describe('injectAndPlace equals injectContext + namespaceFields', () => {
  it.each(cases.map((c) => [c.name, c] as const))('chain case %s', (_n, c) => {
    both(() => ({ level: 'info', [LEVEL]: 'info', message: c.event, ...structuredClone(c.kwargs) }));
  });

  it('hostile combinations and errors', () => {
    const err = Object.assign(new Error('boom', { cause: new Error('root') }), { code: 'E1', extra_prop: 1 });
    both(() => ({ level: 'info', [LEVEL]: 'info', message: 'x', 'service.name': 'a', service: { name: 'b' }, ecs: 1, 'ecs.version': '9', event: 'e', 'event.dataset': 'd' }));
    both(() => ({ level: 'info', [LEVEL]: 'info', message: 'x', '@timestamp': 't', 'log.level': 'fatal', log: { level: 'x', origin: 1 }, 'a..b': 1 }));
    both(() => ({ level: 'error', [LEVEL]: 'error', message: 'failed boom', stack: err.stack, cause: err.cause, code: 'E1', extra_prop: 1, [SPLAT]: [err] }));
    both(() => ({ level: 'error', [LEVEL]: 'error', message: 'x', error: 'flat', url: 'u', stack: 'Error: x\n at y' }));
    const asInfo = Object.assign(new Error('as info'), { level: 'error', [LEVEL]: 'error' });
    both(() => asInfo as never);
    both(() => ({ level: 'info', [LEVEL]: 'info', message: 'x', trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331', trace_flags: '01' }));
    both(() => JSON.parse('{"level":"info","message":"x","__proto__":{"p":1},"extra":{"__proto__":{"q":1}}}'));
  });

  const key = fc.oneof(fc.constantFrom('user', 'error', 'event', 'labels', 'extra', 'service', 'ecs_event', 'payload', 'http', 'customer', 'log', 'session_id'), fc.stringMatching(/^[a-z_.]{1,8}$/));
  fcTest.prop([fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })], { numRuns: 300 })('on random fields', (fields) => {
    fc.pre(!collides(fields));
    both(() => ({ level: 'info', [LEVEL]: 'info', message: 'p', ...structuredClone(fields) }));
  });
});
