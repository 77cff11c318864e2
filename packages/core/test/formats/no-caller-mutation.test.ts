/**
 * A log call never touches the caller's objects: no own property or symbol is added, changed
 * or removed on any object or Error passed to any logger method (winston's own methods write
 * `level` and `Symbol(level)` onto an object logged alone).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import winston, { type Logger } from 'winston';
import { captureLoggingContext, createEcsLogger, ecsFormat } from '@ecsctx/core';
import { lineSink } from '../support/hostile';

/** Own keys and symbols of every object reachable from `root`, with their values. */
function snapshot(root: unknown): Map<object, string[]> {
  const out = new Map<object, string[]>();
  const visit = (value: unknown): void => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || out.has(value)) return;
    const keys = Reflect.ownKeys(value);
    out.set(value, keys.map((k) => `${String(k)}=${describeValue(Object.getOwnPropertyDescriptor(value, k)?.value)}`));
    for (const k of keys) visit(Object.getOwnPropertyDescriptor(value, k)?.value);
  };
  visit(root);
  return out;
}

function describeValue(value: unknown): string {
  return value !== null && typeof value === 'object' ? '[object]' : typeof value === 'symbol' ? value.toString() : String(value);
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const ENTRIES: { name: string; make(stream: NodeJS.WritableStream): Logger }[] = [
  { name: 'createEcsLogger', make: (stream) => createEcsLogger({ level: 'silly', stream }) },
  {
    name: 'ecsFormat in a user logger (with defaultMeta)',
    make: (stream) => captureLoggingContext(winston.createLogger({ level: 'silly', defaultMeta: { team: 'a' }, format: ecsFormat(), transports: [new winston.transports.Stream({ stream })] })),
  },
];

const plainValue = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 4 })),
})).v;
const shape = fc.record({
  fields: fc.dictionary(fc.constantFrom('message', 'level', 'stack', 'extra', 'error', 'user', 'a.b', 'x', '__proto__'), plainValue, { maxKeys: 5 }),
  asError: fc.boolean(),
  frozen: fc.boolean(),
});

function build(s: { fields: Record<string, unknown>; asError: boolean; frozen: boolean }): object {
  const target: Record<string, unknown> = s.asError ? (new Error('boom') as unknown as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(s.fields)) Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  return s.frozen ? Object.freeze(target) : target;
}

describe.each(ENTRIES)('no caller mutation: $name', (entry) => {
  it('an Error logged alone carries no level, Symbol(level) or library symbol afterwards', async () => {
    const { stream, lines } = lineSink();
    const logger = entry.make(stream);
    const err = new Error('x');
    const before = Reflect.ownKeys(err);
    logger.log('error', err);
    logger.error(err);
    logger.error('failed', err);
    logger.info({ message: 'object', a: 1 });
    await tick();
    expect(Reflect.ownKeys(err)).toEqual(before);
    expect(lines).toHaveLength(4);
  });

  it('logger.write(obj) with a frozen object writes its line and keeps the logger working', async () => {
    const { stream, lines } = lineSink();
    const logger = entry.make(stream);
    const given = Object.freeze({ level: 'warn', message: 'written_directly', a: 1 });
    logger.write(given as never);
    logger.info('after');
    await tick();
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['written_directly', 'after']);
    expect(JSON.parse(lines[0])['log.level'] ?? JSON.parse(lines[0]).log?.level).toBe('warn');
    expect(Reflect.ownKeys(given)).toEqual(['level', 'message', 'a']);
  });

  test.prop([shape, fc.constantFrom('log-alone', 'level-alone', 'meta', 'log-meta', 'child', 'write', 'child-write', 'profile', 'timer')], { numRuns: 100 })(
    'random objects and Errors, frozen or not, any method: own keys and symbols unchanged',
    async (s, how) => {
      const { stream, lines } = lineSink();
      const logger = entry.make(stream);
      const value = build(s);
      const before = snapshot(value);
      if (how === 'log-alone') logger.log('warn', value as never);
      else if (how === 'level-alone') logger.info(value as never);
      else if (how === 'meta') logger.info('event_name', value);
      else if (how === 'log-meta') logger.log('error', 'event_name', value);
      else if (how === 'write') logger.write(value as never);
      else if (how === 'child-write') logger.child({ request: 'r1' }).write(value as never);
      else if (how === 'profile') {
        logger.profile('p');
        logger.profile('p', value as never);
      } else if (how === 'timer') logger.startTimer().done(value as never);
      else logger.child({ request: 'r1' }).info('event_name', value);
      await tick();
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).labels?.ecsctx_degraded).toBeUndefined(); // written, not the minimal failed line
      const after = snapshot(value);
      expect([...after.entries()]).toEqual([...before.entries()]);
    },
  );
});

describe('a message key in meta', () => {
  it('never changes the event name: it is a field under extra', async () => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ stream });
    logger.info('real_message', { message: 'ignored', keep: 1 });
    logger.warn('other_event', { message: { nested: true } });
    await tick();
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.message).toBe('real_message');
    expect(first.extra).toEqual({ message: 'ignored', keep: 1 });
    expect(second.message).toBe('other_event');
    expect(second.extra.message).toEqual({ nested: true });
  });

  test.prop([fc.string({ minLength: 1 }).filter((s) => !/%[scdjifoO%]/.test(s)), fc.string()])('for any event name and message value', async (name, metaMessage) => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ stream });
    logger.info(name);
    logger.info(name, { message: metaMessage });
    await tick();
    // (the message is masked like any text: compare it with the same name logged alone)
    const [alone, withMeta] = lines.map((l) => JSON.parse(l));
    expect(withMeta.message).toBe(alone.message);
  });
});
