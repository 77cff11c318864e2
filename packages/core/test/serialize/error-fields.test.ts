/**
 * `src/serialize/error-fields.ts` directly: an Error as ECS `error.*` fields (type, message,
 * stack_trace with its `Caused by:` chain, code, other own properties). Never throws.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { errorToEcs } from '../../src/serialize/error-fields';
import { degradedLineCounts } from '../../src/degraded-lines';

describe('errorToEcs', () => {
  it('writes type, message and stack_trace', () => {
    const err = new TypeError('bad');
    expect(errorToEcs(err)).toEqual({ type: 'TypeError', message: 'bad', stack_trace: err.stack });
  });

  it('writes code as text, and the other own enumerable properties (reserved names left out)', () => {
    const err = Object.assign(new Error('x'), { code: 42, order_id: 7, type: 'no', stack_trace: 'no' });
    const out = errorToEcs(err);
    expect(out).toEqual({ type: 'Error', message: 'x', stack_trace: err.stack, code: '42', order_id: 7 });
    expect(errorToEcs(Object.assign(new Error('x'), { code: { o: 1 } })).code).toBeUndefined();
  });

  it('leaves out the keys in skip', () => {
    const err = Object.assign(new Error('x'), { level: 'error', a: 1 });
    expect(Object.keys(errorToEcs(err, ['level']))).toEqual(['type', 'message', 'stack_trace', 'a']);
  });

  it('appends the cause chain as Caused by: sections, up to 8 links', () => {
    const root = new Error('root');
    const err = new Error('top', { cause: new RangeError('mid', { cause: root }) });
    const out = errorToEcs(err);
    expect(out.stack_trace).toBe(`${err.stack}\nCaused by: ${(err.cause as Error).stack}\nCaused by: ${root.stack}`);
    expect(errorToEcs(new Error('s', { cause: 'text cause' })).stack_trace).toMatch(/\nCaused by: text cause$/);
    // a cause that is data stays data (the mask reads it by its keys), the trace points to it
    const dataCause = errorToEcs(new Error('o', { cause: { code: 1, customer_name: 'Jane' } }));
    expect(dataCause.stack_trace).toMatch(/\nCaused by: \(see error\.cause\)$/);
    expect(dataCause.cause).toEqual({ code: 1, customer_name: 'Jane' });
    let chain: Error = new Error('e0');
    for (let i = 1; i <= 12; i++) chain = new Error(`e${i}`, { cause: chain });
    expect((errorToEcs(chain).stack_trace as string).split('\nCaused by: ')).toHaveLength(9);
  });

  it('a circular cause ends at the link limit', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect((errorToEcs(a).stack_trace as string).split('\nCaused by: ')).toHaveLength(9);
  });

  it('without a stack, the chain starts from "type: message"', () => {
    const err = new Error('m', { cause: new Error('c') });
    Object.defineProperty(err, 'stack', { value: undefined });
    const cause = err.cause as Error;
    Object.defineProperty(cause, 'stack', { value: undefined });
    expect(errorToEcs(err)).toEqual({ type: 'Error', message: 'm', stack_trace: 'Error: m\nCaused by: Error: c' });
  });

  it('uses the constructor name when name is empty, and the text of a message that is no string', () => {
    class Custom extends Error {}
    const err = new Custom('x');
    err.name = '';
    expect(errorToEcs(err).type).toBe('Custom');
    const odd = new Error();
    Object.defineProperty(odd, 'message', { value: 42 });
    expect(errorToEcs(odd).message).toBe('42');
    const bare = new Error();
    Object.defineProperty(bare, 'message', { value: Object.create(null) });
    expect(errorToEcs(bare).message).toBe('{}');
  });

  it('never throws: a throwing getter is written as a marker, a throwing name falls back to the class', () => {
    const err = new Error('x');
    for (const key of ['name', 'message', 'stack', 'cause', 'code']) Object.defineProperty(err, key, { get() { throw new Error(key); } });
    Object.defineProperty(err, 'extra_prop', { enumerable: true, get() { throw new Error('p'); } });
    const before = degradedLineCounts().unreadable;
    const out = errorToEcs(err);
    expect(out).toEqual({
      type: 'Error',
      message: '[getter threw]',
      stack_trace: '[getter threw]\nCaused by: [getter threw]',
      code: '[getter threw]',
      extra_prop: '[getter threw]',
    });
    expect(degradedLineCounts().unreadable).toBeGreaterThan(before);
  });

  it('an AggregateError writes each error it holds as a section of the stack trace', () => {
    const err = new AggregateError([new TypeError('first'), new RangeError('second'), 'plain text'], 'all failed');
    const out = errorToEcs(err);
    const trace = out.stack_trace as string;
    expect(trace.startsWith('AggregateError: all failed')).toBe(true);
    expect(trace).toContain('\nError 1 of 3: TypeError: first');
    expect(trace).toContain('\nError 2 of 3: RangeError: second');
    expect(trace).toContain('\nError 3 of 3: plain text');
    expect(out).not.toHaveProperty('errors');
  });

  it('an AggregateError with many errors writes the first 16 and counts the rest', () => {
    const errors = Array.from({ length: 40 }, (_, i) => new Error(`e${i}`));
    const trace = errorToEcs(new AggregateError(errors, 'many')).stack_trace as string;
    expect(trace.match(/\nError \d+ of 40: /g)).toHaveLength(16);
    expect(trace).toContain('\n… 24 more errors');
  });

  it('an enumerable errors list (a validation library) stays a field', () => {
    const err = Object.assign(new Error('invalid'), { errors: [{ path: 'amount', message: 'required' }] });
    const out = errorToEcs(err);
    expect(out.errors).toEqual([{ path: 'amount', message: 'required' }]);
    expect(out.stack_trace as string).not.toContain('Error 1 of');
  });

  test.prop([fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !s.includes('\n')), { minLength: 1, maxLength: 16 })])(
    'no error an AggregateError holds is dropped', (messages) => {
      const trace = errorToEcs(new AggregateError(messages.map((m) => new Error(m)), 'agg')).stack_trace as string;
      messages.forEach((m, i) => expect(trace).toContain(`\nError ${i + 1} of ${messages.length}: Error: ${m}`));
    });

  it('a __proto__ property stays data', () => {
    const err = new Error('x');
    Object.defineProperty(err, '__proto__', { value: { p: 1 }, enumerable: true });
    const out = errorToEcs(err);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toContain('__proto__');
  });

  test.prop([fc.string(), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 })])('type and message are always strings', (message, props) => {
    const err = Object.assign(new Error(message), props);
    const out = errorToEcs(err);
    expect(typeof out.type).toBe('string');
    expect(typeof out.message).toBe('string');
  });
});
