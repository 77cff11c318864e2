// createEcsLogger passes winston's own options on: a format run before the chain (splat as
// winston documents it), silent, exitOnError, exception and rejection handlers.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import winston from 'winston';
import { createEcsLogger, getDiagnosticCounts, resetDiagnostics } from '@ecsctx/core';
import { createCapture } from '../support/capture';
import { flush, makeLogger } from '../support/logger';

afterEach(() => resetDiagnostics());

describe('format: run before the chain', () => {
  it("winston's splat(): printf-style messages interpolate and a trailing object is placed", async () => {
    const { logger, capture } = makeLogger({ format: winston.format.splat() });
    const meta = { x: 1, customer: { email: 'jane@example.com' } };
    logger.info('hello %s', 'world', meta);
    logger.info('%d items for %s', 3, 'order o-1');
    logger.warn('100%% done %s', 'now', { step: 'last' });
    logger.info('no tokens', { y: 2 });
    await flush(logger);
    const [first, second, third, fourth] = capture.records();
    expect(first).toMatchObject({ message: 'hello world', extra: { x: 1 } });
    expect(JSON.stringify(first)).not.toContain('jane@example.com'); // still masked
    expect(meta).toEqual({ x: 1, customer: { email: 'jane@example.com' } }); // the caller's object untouched
    expect(second.message).toBe('3 items for order o-1');
    expect(third).toMatchObject({ message: '100% done now', extra: { step: 'last' } });
    expect(fourth).toMatchObject({ message: 'no tokens', extra: { y: 2 } });
  });

  it('a format can drop lines and add fields; what it adds is placed like any field', async () => {
    const dropHealth = winston.format((info) => (info.message === 'health' ? false : { ...info, region: 'kw' }));
    const { logger, capture } = makeLogger({ format: dropHealth() });
    logger.info('health');
    logger.info('order_created', { order_id: 'o-1' });
    await flush(logger);
    expect(capture.records()).toHaveLength(1);
    expect(capture.records()[0]).toMatchObject({ message: 'order_created', extra: { order_id: 'o-1', region: 'kw' } });
  });

  it('a format that throws does not make the log call throw: the line is logged without it, reported once', async () => {
    const broken = winston.format(() => {
      throw new TypeError('bad format');
    });
    const { logger, capture } = makeLogger({ format: broken() });
    expect(() => logger.info('still_logged')).not.toThrow();
    logger.info('again');
    await flush(logger);
    expect(capture.records().map((r) => r.message)).toEqual(['still_logged', 'again']);
    expect(getDiagnosticCounts().get('ECSCTX_USER_FORMAT_FAILED')).toBe(2);
  });
});

describe("winston's other options", () => {
  it('silent writes nothing', async () => {
    const { logger, capture } = makeLogger({ silent: true });
    logger.error('quiet');
    await flush(logger);
    expect(capture.lines).toEqual([]);
  });

  it('exitOnError is asked for each uncaught error; exceptionHandlers and rejectionHandlers reach winston', () => {
    const handler = new winston.transports.Stream({ stream: new Writable({ write: (_c, _e, cb) => cb() }) });
    const asked: unknown[] = [];
    const decide = (error: Error): boolean => {
      asked.push(error);
      return false;
    };
    const logger = createEcsLogger({ env: {}, stream: createCapture().stream, exitOnError: decide, exceptionHandlers: [handler], rejectionHandlers: [handler] });
    try {
      expect(logger.exceptions.handlers.has(handler)).toBe(true);
      expect(logger.rejections.handlers.has(handler)).toBe(true);
      const error = new Error('x');
      // winston's own exit is always declined: the logger flushes, then exits when exitOnError says so
      expect((logger.exitOnError as (e: Error) => boolean)(error)).toBe(false);
      expect(asked).toEqual([error]);
    } finally {
      logger.exceptions.unhandle();
      logger.rejections.unhandle();
    }
  });

  it('handleExceptions and handleRejections are set on each of the logger\'s transports', () => {
    const own = new winston.transports.Stream({ stream: createCapture().stream });
    const logger = createEcsLogger({ env: {}, transports: [own], handleExceptions: true, handleRejections: true, exitOnError: false });
    try {
      expect(own.handleExceptions).toBe(true);
      expect(own.handleRejections).toBe(true);
      expect(process.listeners('uncaughtException').length).toBeGreaterThan(0);
    } finally {
      logger.exceptions.unhandle();
      logger.rejections.unhandle();
    }
  });
});
