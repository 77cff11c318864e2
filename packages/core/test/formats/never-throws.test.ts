import { describe, expect, it } from 'vitest';
import { makeLogger, flush } from '../support/logger';

function deep(n: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < n; i++) v = { next: v };
  return v;
}

function deepArray(n: number): unknown[] {
  let v: unknown[] = ['leaf'];
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  get sum(): number {
    return this.x + this.y;
  }
}

const circular: Record<string, unknown> = { name: 'loop' };
circular.self = circular;
const circularArray: unknown[] = [1];
circularArray.push(circularArray);
const throwing = Object.defineProperty({ ok: 1 }, 'bad', { enumerable: true, get() { throw new Error('getter'); } });
const throwingToJson = { toJSON() { throw new Error('toJSON'); } };
const proxy = new Proxy({}, { ownKeys() { throw new Error('ownKeys'); } });

describe('a log call never throws and never loses its line', () => {
  it.each<[string, unknown]>([
    ['a circular object', circular],
    ['a circular array', circularArray],
    ['BigInt', 10n ** 30n],
    ['a Symbol', Symbol('s')],
    ['a function', function named() {}],
    ['a throwing getter', throwing],
    ['a throwing toJSON', throwingToJson],
    ['a Proxy whose ownKeys throws', proxy],
    ['a Buffer', Buffer.from('secret bytes')],
    ['a Uint8Array', new Uint8Array(4)],
    ['a Map', new Map<unknown, unknown>([['a', 1], [{ k: 1 }, 'object key']])],
    ['a Set', new Set([1, 'two', { three: 3 }])],
    ['a Date', new Date(0)],
    ['an invalid Date', new Date(NaN)],
    ['a class instance', new Point(1, 2)],
    ['a 1 MB string', 'x'.repeat(1024 * 1024)],
    ['10 000-deep nesting', deep(10_000)],
    ['10 000-deep arrays', deepArray(10_000)],
    ['NaN and Infinity', [NaN, Infinity, -Infinity, -0]],
    ['a Promise', Promise.resolve(1)],
    ['a lone surrogate', 'a\ud800b'],
    ['null', null],
  ])('%s', async (_name, value) => {
    const { logger, capture } = makeLogger();
    expect(() => logger.info('hostile_value', { value, nested: { value } })).not.toThrow();
    expect(() => logger.info('hostile_payload', { payload: { value } })).not.toThrow();
    await flush(logger);
    expect(capture.lines).toHaveLength(2);
    for (const line of capture.lines) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(line.length).toBeLessThan(200_000);
    }
  });

  it('a throwing getter or Proxy trap on the meta object itself, or on a logged object (winston reads those before any format)', async () => {
    const { logger, capture } = makeLogger();
    expect(() => logger.info('getter_on_meta', throwing as never)).not.toThrow();
    expect(() => logger.info('proxy_meta', proxy as never)).not.toThrow();
    expect(() => logger.info({ message: 'logged_object', ...{}, get bad(): never { throw new Error('getter'); } } as never)).not.toThrow();
    await flush(logger);
    const records = capture.records();
    expect(records.map((r) => r.message)).toEqual(['getter_on_meta', 'proxy_meta', 'logged_object']);
    expect(records[0].extra).toEqual({ ok: 1, bad: '[getter threw]' });
    expect(records[2].extra).toEqual({ bad: '[getter threw]' });
  });

  it('an Error as the message, or a non-string message, still gives one line', async () => {
    const { logger, capture } = makeLogger();
    logger.info(new Error('boom') as unknown as string);
    logger.log({ level: 'info', message: 42 as unknown as string });
    logger.log({ level: 'info', message: circular as unknown as string });
    await flush(logger);
    expect(capture.records().map((r) => typeof r.message)).toEqual(['string', 'string', 'string']);
  });

  it('keeps the line readable: truncation and depth markers are visible', async () => {
    const { logger, capture } = makeLogger();
    logger.info('big', { text: 'y'.repeat(100_000), tree: deep(40) });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).toMatch(/…\[truncated \d+ chars\]/);
    expect(line).toContain('[Object: nested deeper than 16]');
  });
});
