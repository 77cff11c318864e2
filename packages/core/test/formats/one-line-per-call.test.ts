/**
 * Exactly one valid JSON line per log call, whatever the call is given, on every entry point:
 * the ready logger, the preset in a user's own winston logger, and the five formats combined
 * by hand.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { Logger } from 'winston';
import { bindLoggingContext, createEcsLogger, degradedLineCounts, resetDegradedLineCounts, runWithLoggingContext } from '@ecsctx/core';
import { LOGGER_ENTRIES } from '../support/logger-entries';
import { ecsErrors, errorWithThrowingFields, hostileMeta, hostileObject, materialize, hostileValue, lineSink, protoKeyed, revokedProxy, throwingGetter, trapProxy } from '../support/hostile';

const ENTRIES = LOGGER_ENTRIES;
const ENV = { PROJECT_NAME: 'shop' };

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The named hostile calls of the issue. */
const CALLS: Record<string, (logger: Logger) => void> = {
  'frozen Error alone': (l) => l.log('error', Object.freeze(new Error('x'))),
  'frozen Error to error()': (l) => l.error(Object.freeze(new Error('x'))),
  'getPrototypeOf trap in meta': (l) => l.info('m', { p: trapProxy('getPrototypeOf') }),
  'getPrototypeOf trap as meta': (l) => l.info('m', trapProxy('getPrototypeOf')),
  'ownKeys trap as meta': (l) => l.info('m', trapProxy('ownKeys')),
  'get trap in meta': (l) => l.info('m', { p: trapProxy('get') }),
  'revoked Proxy nested': (l) => l.info('m', { a: { p: revokedProxy() } }),
  'revoked Proxy as meta': (l) => l.info('m', revokedProxy()),
  'revoked Proxy alone': (l) => l.info(revokedProxy() as never),
  'throwing getter top-level': (l) => l.info('m', throwingGetter()),
  'throwing getter nested': (l) => l.info('m', { a: throwingGetter() }),
  'throwing getter in a scope': (l) => runWithLoggingContext(() => l.info('m', throwingGetter()), { context: { userId: 'u1' } }),
  'nested throwing getter in a scope': (l) => runWithLoggingContext(() => l.info('m', { a: throwingGetter() }), { context: { userId: 'u1' } }),
  '__proto__ key holding an Error': (l) => l.info('m', protoKeyed()),
  'stack as meta': (l) => l.info('m', { stack: 'x' }),
  circular: (l) => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    l.info('m', o);
  },
  'huge array': (l) => l.info('m', { arr: new Array(200_000).fill(7) }),
  'BigInt, Symbol, function, Buffer, invalid Date': (l) => l.info('m', { b: 10n, s: Symbol('s'), f: () => 1, buf: Buffer.from('abc'), d: new Date(Number.NaN) }),
};

describe.each(ENTRIES)('one line per call: $name', (entry) => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(name, async () => {
      const { stream, lines } = lineSink();
      const logger = entry.make(stream);
      expect(() => call(logger)).not.toThrow();
      await tick();
      expect(lines).toHaveLength(1);
      const record = JSON.parse(lines[0]) as Record<string, any>;
      expect(typeof record['@timestamp']).toBe('string');
      expect(await ecsErrors(lines[0])).toEqual([]);
    });
  }

  it('a __proto__ key holding an Error is data: no error.*, its sibling stays a field of its own', async () => {
    const { stream, lines } = lineSink();
    entry.make(stream).info('m', protoKeyed());
    await tick();
    const record = JSON.parse(lines[0]);
    expect(record.error).toBeUndefined();
    expect(Object.keys(record.extra)).toEqual(['password', '__proto__']);
    expect(record.extra.__proto__.message).toBe('inner');
  });

  it('a string stack without an error is a field, not error.*', async () => {
    const { stream, lines } = lineSink();
    entry.make(stream).info('m', { stack: 'x' });
    await tick();
    const record = JSON.parse(lines[0]);
    expect(record.error).toBeUndefined();
    expect(record.extra.stack).toBe('x');
  });

  it('a value that could not be read is a marker', async () => {
    const { stream, lines } = lineSink();
    const logger = entry.make(stream);
    logger.info('m', { a: throwingGetter(), keep: 'decoy' });
    logger.info('m', { p: revokedProxy(), keep: 'decoy' });
    await tick();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).extra).toEqual({ a: { boom: '[getter threw]' }, keep: 'decoy' });
    expect(JSON.parse(lines[1]).extra.keep).toBe('decoy');
  });

  test.prop([fc.array(fc.tuple(fc.constantFrom('info', 'error', 'warn', 'debug'), fc.string({ maxLength: 12 }), hostileMeta), { minLength: 1, maxLength: 6 })], { numRuns: 40 })(
    'random hostile meta: one line per call, none with an ECS type error',
    async (calls) => {
      const { stream, lines } = lineSink();
      const logger = entry.make(stream);
      for (const [level, message, meta] of calls) expect(() => logger.log(level, message, materialize(meta))).not.toThrow();
      await tick();
      expect(lines).toHaveLength(calls.length);
      for (const line of lines) {
        expect(await ecsErrors(line)).toEqual([]);
        // no line fell back to the minimal failed line: every value is written or marked
        expect(JSON.parse(line).labels?.ecsctx_degraded).toBeUndefined();
      }
    },
  );

  // a method is not a field: a `toJSON` among the call's fields is not called on the objects the
  // line is built from (it used to replace `extra` whole, or throw it away for a marker)
  const toJSONMethod = fc.constantFrom(
    () => ({ user: { id: 'u1' } }),
    () => 'text',
    () => {
      throw new Error('boom');
    },
  );
  // (keys and values the mask leaves alone: the fields are compared as given)
  const ownFields = fc.dictionary(fc.stringMatching(/^k[0-9]{1,4}$/), fc.oneof(fc.stringMatching(/^[a-z ]{0,8}$/), fc.integer()), { minKeys: 1, maxKeys: 4 });
  test.prop([toJSONMethod, ownFields, fc.constantFrom('root', 'extra', 'dotted')], { numRuns: 30 })(
    'a toJSON method among the fields is not written and loses no other field',
    async (method, fields, where) => {
      const { stream, lines } = lineSink();
      const meta = where === 'root' ? { toJSON: method, ...fields } : where === 'extra' ? { extra: { toJSON: method, ...fields } } : { 'f_x.toJSON': method, ...fields };
      entry.make(stream).info('m', meta);
      await tick();
      expect(lines).toHaveLength(1);
      const record = JSON.parse(lines[0]);
      expect(record.extra).toMatchObject(fields);
      expect(lines[0]).not.toContain('toJSON');
      expect(record.user).toBeUndefined();
      expect(record.extra.user).toBeUndefined();
    },
  );

  test.prop([hostileValue], { numRuns: 40 })('any value logged alone, as meta, as a placeholder\'s or a leftover argument: one line each', async (recipe) => {
    const { stream, lines } = lineSink();
    const logger = entry.make(stream);
    expect(() => logger.info(materialize(recipe) as never)).not.toThrow();
    expect(() => logger.warn('m', materialize(recipe))).not.toThrow();
    expect(() => logger.log('error', materialize(recipe) as never)).not.toThrow();
    expect(() => logger.info('m %s %j', materialize(recipe), materialize(recipe), { a: 1 }, materialize(recipe))).not.toThrow();
    expect(() => logger.info(materialize(recipe) as never, 'pino order', materialize(recipe))).not.toThrow();
    await tick();
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(await ecsErrors(line)).toEqual([]);
      expect(JSON.parse(line).labels?.ecsctx_degraded).toBeUndefined();
    }
  });
});

describe('a getter that logs through the logger that reads it', () => {
  it('ends: a line logged while 4 generations of such lines are built writes its message alone', async () => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ env: ENV, stream });
    let reads = 0;
    logger.defaultMeta = {
      dm: {
        get x(): number {
          reads++;
          logger.info('inner');
          return 1;
        },
      },
    };
    resetDegradedLineCounts();
    expect(() => logger.info('outer')).not.toThrow();
    await tick();
    expect(reads).toBe(4);
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(await ecsErrors(line)).toEqual([]);
    expect(lines.map((l) => JSON.parse(l).message).sort()).toEqual([...Array(4).fill('inner'), 'outer'].sort());
    expect(degradedLineCounts().cut).toBe(1);
  });
});

describe('logger.write given what is no info object', () => {
  const GIVEN: [string, () => unknown][] = [
    ['a string', () => 'plain text'],
    ['null', () => null],
    ['undefined', () => undefined],
    ['a number', () => 42],
    ['a Proxy whose get trap throws', () => new Proxy({ level: 'info', message: 'm' }, { get() { throw new Error('trap'); } })],
    ['a revoked Proxy', () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; }],
  ];
  it.each(GIVEN)('%s: one valid line, no throw, and the logger keeps working', async (_name, make) => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ env: ENV, stream });
    expect(() => logger.write(make() as never)).not.toThrow();
    logger.info('after');
    await tick();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(await ecsErrors(line)).toEqual([]);
    expect(JSON.parse(lines[1]).message).toBe('after');
  });
});

describe('timers (profile, startTimer().done)', () => {
  it('write one line each with durationMs, winston defaults, and never throw on a frozen or hostile meta', async () => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ env: ENV, stream });
    logger.profile('load');
    logger.profile('load', Object.freeze({ rows: 3 }));
    logger.startTimer().done(Object.freeze({ message: 'timed', level: 'warn' }));
    logger.startTimer().done(new Proxy({}, { get() { throw new Error('trap'); } }));
    logger.startTimer().done(null as never);
    for (const id of [new Proxy({}, { get() { throw new Error('trap'); } }), Object.create(null), { toString() { throw new Error('no'); } }]) {
      expect(() => logger.profile(id as never)).not.toThrow();
      expect(() => logger.profile(id as never)).not.toThrow();
    }
    await tick();
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(await ecsErrors(line)).toEqual([]);
    const records = lines.map((l) => JSON.parse(l));
    expect(records[0].message).toBe('load');
    expect(records[0].extra).toMatchObject({ rows: 3 });
    expect(typeof records[0].extra.durationMs).toBe('number');
    expect(records[1]).toMatchObject({ message: 'timed', 'log.level': 'warn' });
    expect(records[3]['log.level']).toBe('info');
  });
});

describe('a getter that logs its own object through the same logger', () => {
  const PLACES = ['meta', 'object alone', 'logger.write', 'child meta', 'log(level, msg, meta)', 'log(object)', 'timer meta'] as const;
  it.each(PLACES)('in %s: ends after 4 generations, writes every line, and the logger keeps working', async (place) => {
    const { stream, lines } = lineSink();
    const logger = createEcsLogger({ env: ENV, stream });
    let reads = 0;
    const log = (o: object): void => {
      if (place === 'meta') logger.info('event', o);
      else if (place === 'object alone') logger.info(o as never);
      else if (place === 'logger.write') logger.write(o as never);
      else if (place === 'child meta') logger.child({ c: 1 }).info('event', o);
      else if (place === 'log(object)') logger.log(o as never);
      else if (place === 'timer meta') logger.startTimer().done(o);
      else logger.log('warn', 'event', o);
    };
    const o: Record<string, unknown> = {
      level: 'info',
      message: 'event',
      get a(): number {
        reads++;
        log(o);
        return 1;
      },
    };
    resetDegradedLineCounts();
    expect(() => log(o)).not.toThrow();
    logger.info('after');
    await tick();
    expect(reads).toBe(4);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(await ecsErrors(line)).toEqual([]);
    expect(JSON.parse(lines[lines.length - 1]).message).toBe('after');
    expect(degradedLineCounts().cut).toBe(1);
  });
});

describe('degraded lines are counted by kind', () => {
  it('counts unreadable values and ECS type misfits, and the counts can be reset', async () => {
    resetDegradedLineCounts();
    const { stream } = lineSink();
    const logger = createEcsLogger({ env: ENV, stream });
    logger.info('m', { a: throwingGetter() });
    logger.info('m', { 'http.response.status_code': 'abc' });
    await tick();
    const counts = degradedLineCounts();
    expect(counts.unreadable).toBeGreaterThanOrEqual(1);
    expect(counts.type_misfit).toBe(1);
    resetDegradedLineCounts();
    expect(degradedLineCounts().type_misfit).toBe(0);
  });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('extra', 'labels', 'userId')], { numRuns: 20 })(
    'a scope bound with a part that could not be read counts each of its lines, after later binds too, and no line outside it',
    async (inside, nested, where) => {
      const { stream, lines } = lineSink();
      const logger = createEcsLogger({ env: ENV, stream });
      const hostile = where === 'userId' ? { userId: Object.create(null) as never } : { [where]: { ok: 'decoy', bad: throwingGetter() } };
      resetDegradedLineCounts();
      runWithLoggingContext(() => {
        bindLoggingContext(hostile);
        for (let i = 0; i < inside; i++) logger.info('in');
        bindLoggingContext({ sessionId: 's-1' }); // builds on the context that holds the marker
        for (let i = 0; i < nested; i++) logger.info('after a later bind');
      }, { context: { userId: 'u1' } });
      runWithLoggingContext(() => logger.info('clean scope'), { context: { userId: 'u2' } });
      logger.info('outside');
      await tick();
      expect(lines).toHaveLength(inside + nested + 2);
      expect(degradedLineCounts().unreadable).toBe(inside + nested);
    },
  );

  test.prop([fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileObject, hostileValue), { minKeys: 1, maxKeys: 4 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), hostileValue, { maxKeys: 3 }), fc.integer({ min: 2, max: 4 })], { numRuns: 40 })(
    'a scope bound with hostile extra or labels: every line of it is written in full, the later ones as the first',
    async (extraRecipe, labelsRecipe, count) => {
      const { stream, lines } = lineSink();
      const logger = createEcsLogger({ env: ENV, stream });
      resetDegradedLineCounts();
      runWithLoggingContext(
        () => {
          for (let i = 0; i < count; i++) logger.info('in scope', { n: 1 });
        },
        { context: { sessionId: 's-1', extra: materialize(extraRecipe) as Record<string, unknown>, labels: materialize(labelsRecipe) as Record<string, unknown> } },
      );
      await tick();
      expect(lines).toHaveLength(count);
      expect(degradedLineCounts().failed).toBe(0);
      for (const line of lines) {
        expect(JSON.parse(line).session_id).toBe('s-1');
        expect(await ecsErrors(line)).toEqual([]);
      }
    },
  );

  /** Places of a line where a value cannot be read. */
  const UNREADABLE_PLACES = ['meta', 'nested', 'second', 'error', 'child', 'scope'] as const;
  type Place = (typeof UNREADABLE_PLACES)[number];
  function logWithUnreadable(logger: Logger, places: readonly Place[]): void {
    const meta: Record<string, unknown> = { order_id: 'o-1' };
    if (places.includes('meta')) meta.total = throwingGetter();
    if (places.includes('nested')) meta.deep = { a: { b: throwingGetter() } };
    if (places.includes('second')) meta.other = throwingGetter();
    if (places.includes('error')) meta.err = errorWithThrowingFields();
    const target = places.includes('child') ? logger.child({ bound: throwingGetter() }) : logger;
    const log = (): void => void target.info('priced', meta);
    if (places.includes('scope')) runWithLoggingContext(() => log(), { context: { labels: throwingGetter() } as never });
    else log();
  }

  test.prop([fc.array(fc.uniqueArray(fc.constantFrom(...UNREADABLE_PLACES), { maxLength: 4 }), { minLength: 1, maxLength: 6 })], { numRuns: 30 })(
    'a line counts once per kind, however many of its values (meta, nested, an error, a child, a scope) could not be read',
    async (calls) => {
      const { stream, lines } = lineSink();
      const logger = createEcsLogger({ env: ENV, stream });
      resetDegradedLineCounts();
      for (const places of calls) logWithUnreadable(logger, places);
      await tick();
      expect(lines).toHaveLength(calls.length);
      expect(degradedLineCounts().unreadable).toBe(calls.filter((places) => places.length > 0).length);
      expect(degradedLineCounts().failed).toBe(0);
    },
  );

});
