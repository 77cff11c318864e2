/**
 * `src/logger/patch-log-methods.ts` builds the info winston would build for a log call: an
 * Error reaches `error.*` whichever way winston hands it over (with meta, beside defaultMeta,
 * through a child logger).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { makeLogger, flush } from '../support/logger';
import { CredentialKind, KeyClassifier, Sensitivity } from '../../src/formats/mask/classify-key';

class DbError extends Error {
  code = 'E1';
  constructor(message: string) {
    super(message);
    this.name = 'DbError';
  }
}

describe('errors, whatever way winston hands them over', () => {
  it('logger.error(err, meta) puts the error in error.* and its message in message', async () => {
    const { logger, capture } = makeLogger();
    logger.error(new DbError('with meta') as unknown as string, { order_id: 1 });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.message).toBe('with meta');
    expect(rec.error).toMatchObject({ type: 'DbError', message: 'with meta', code: 'E1' });
    expect(rec.extra).toEqual({ order_id: 1 });
  });

  it('defaultMeta lands where its keys belong, not inside a logged error', async () => {
    const { logger, capture } = makeLogger({ defaultMeta: { service: { name: 'dm' }, labels: { team: 'a' }, tenant: 't' } });
    logger.error(new Error('plain'));
    logger.info('x');
    await flush(logger);
    const [err, info] = capture.records();
    expect(err.service.name).toBe('dm');
    expect(err.labels).toEqual({ team: 'a' });
    expect(err.extra).toEqual({ tenant: 't' });
    expect(Object.keys(err.error).sort()).toEqual(['message', 'stack_trace', 'type']);
    expect(info).toMatchObject({ service: { name: 'dm' }, labels: { team: 'a' }, extra: { tenant: 't' } });
  });

  it("a child logger's error keeps error.type and error.code", async () => {
    const { logger, capture } = makeLogger();
    logger.child({ request_id: 'r1' }).error(new DbError('child err'));
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.error).toMatchObject({ type: 'DbError', message: 'child err', code: 'E1' });
    expect(rec.extra).toEqual({ request_id: 'r1' });
  });
});

describe('a level key the caller gives is a field, never the line level', () => {
  it('meta, an object or an Error given a level keep it under extra.level', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { level: 'custom', a: 1 });
    logger.warn({ message: 'obj', level: 'custom' } as never);
    logger.error('err', Object.assign(new Error('e'), { level: 'custom' }));
    await flush(logger);
    const [meta, obj, err] = capture.records();
    expect(meta['log.level']).toBe('info');
    expect(meta.extra).toEqual({ level: 'custom', a: 1 });
    expect(obj['log.level']).toBe('warn');
    expect(obj.extra).toEqual({ level: 'custom' });
    expect(err['log.level']).toBe('error');
    expect(err.extra.level).toBe('custom');
  });

  it("logger.log({ level, message }): the object's level is the line's, not a field", async () => {
    const { logger, capture } = makeLogger();
    logger.log({ level: 'warn', message: 'x' });
    logger.info('same', { level: 'info' });
    await flush(logger);
    const [own, same] = capture.records();
    expect(own['log.level']).toBe('warn');
    expect(own.extra).toBeUndefined();
    expect(same.extra).toBeUndefined();
  });
});

describe('no argument of a call is dropped', () => {
  it('fills printf-style placeholders without format.splat(); a %% is a percent sign', async () => {
    const { logger, capture } = makeLogger();
    logger.info('payment %s for %d KWD', 'p-9', 12.5, { order_id: 'o-1' });
    logger.warn('100%% done %s', 'now');
    logger.info('left as written: %s');
    await flush(logger);
    const [first, second, third] = capture.records();
    expect(first).toMatchObject({ message: 'payment p-9 for 12.5 KWD', extra: { order_id: 'o-1' } });
    expect(second.message).toBe('100% done now');
    expect(third.message).toBe('left as written: %s');
  });

  it('arguments neither the message nor the meta took are kept under extra.args, as text', async () => {
    const { logger, capture } = makeLogger();
    logger.info('retrying', 'attempt', 3, null, true);
    logger.info('two objects', { a: 1 }, { b: 2, password: 'hunter2' });
    logger.info('ids', [1, 2, 3]);
    logger.info('retrying %s', 'charge', 3, { order_id: 'o-1' }, { attempt: 3 });
    await flush(logger);
    const [first, second, third, fourth] = capture.records();
    expect(fourth).toMatchObject({ message: 'retrying charge', extra: { order_id: 'o-1', args: ['3', '{"attempt":3}'] } });
    expect(first.extra).toEqual({ args: ['attempt', '3', 'null', 'true'] });
    expect(second.extra).toEqual({ a: 1, args: ['{"b":2,"password":"[REDACTED]"}'] });
    expect(third.extra).toEqual({ args: ['[1,2,3]'] });
  });

  it('an undefined meta at the end is no argument (a wrapper passing an optional meta on); a placeholder still takes it', async () => {
    const { logger, capture } = makeLogger();
    logger.info('job_started', undefined);
    logger.log('info', 'job_started', undefined, undefined);
    logger.info('value %s', undefined);
    logger.info('kept', undefined, 1);
    await flush(logger);
    const [first, second, third, fourth] = capture.records();
    expect(first.extra).toBeUndefined();
    expect(second.extra).toBeUndefined();
    expect(third.message).toBe('value undefined');
    expect(fourth.extra).toEqual({ args: ['undefined', '1'] });
  });

  it("reads pino's order: an object or Error first, then the message and its arguments", async () => {
    const { logger, capture } = makeLogger();
    logger.info({ order_id: 'o-1' } as never, 'paid %s', 'p-9');
    logger.error(new DbError('db down') as never, 'payment failed');
    await flush(logger);
    const [first, second] = capture.records();
    expect(first).toMatchObject({ message: 'paid p-9', extra: { order_id: 'o-1' } });
    expect(second).toMatchObject({ message: 'payment failed', error: { type: 'DbError', message: 'db down', code: 'E1' } });
  });

  it('an argument that throws while it fills a placeholder is written as [unreadable]', async () => {
    const { logger, capture } = makeLogger();
    const hostile = { toString() { throw new Error('no'); }, [Symbol.for('nodejs.util.inspect.custom')]() { throw new Error('no'); } };
    logger.info('value %s here', hostile);
    await flush(logger);
    expect(capture.records()[0].message).toBe('value [unreadable] here');
  });

  const word = fc.stringMatching(/^[a-z]{3,8}$/);
  const keyRules = new KeyClassifier();
  const isNeutralKey = (key: string): boolean => {
    const cls = keyRules.classify(key);
    return cls.credential === CredentialKind.None && cls.sensitivity === Sensitivity.None;
  };
  const arg = fc.oneof(
    word.map((w) => ({ kind: 'text' as const, value: `v_${w}` })),
    // NNN.NN: a form no other part of a line takes (a timestamp has two digits before its dot)
    fc.integer({ min: 10_001, max: 99_999 }).filter((n) => n % 10 !== 0).map((n) => ({ kind: 'number' as const, value: n / 100 })),
    // (a key the mask acts on, `k_token`, `k_phone`, rightly hides its value: not this property's concern)
    word.filter((w) => isNeutralKey(`k_${w}`)).map((w) => ({ kind: 'object' as const, value: { [`k_${w}`]: `o_${w}` } })),
  );
  test.prop([fc.array(fc.constantFrom('%s', '%d', '%j', 'plain'), { maxLength: 4 }), fc.array(arg, { minLength: 1, maxLength: 5 })], { numRuns: 60 })(
    'every positional argument reaches the message or a field', async (parts, args) => {
      const { logger, capture } = makeLogger();
      logger.info(`event ${parts.join(' ')}`, ...args.map((a) => a.value));
      await flush(logger);
      const line = capture.lines[0];
      for (const a of args) {
        if (a.kind === 'object') {
          const [[key, value]] = Object.entries(a.value);
          expect(line).toContain(key);
          expect(line).toContain(value);
        } else expect(line).toContain(String(a.value));
      }
    },
  );
});
