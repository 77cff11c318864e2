/**
 * `src/logger/patch-log-methods.ts` builds the info winston would build for a log call: an
 * Error reaches `error.*` whichever way winston hands it over (with meta, beside defaultMeta,
 * through a child logger).
 */
import { describe, expect, it } from 'vitest';
import { makeLogger, flush } from '../support/logger';

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
