// Lines below every level are dropped before the formats run: winston would place, mask and
// render a `debug` line under LOG_LEVEL=info and then drop it in its transports.
import { PassThrough, Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import winston from 'winston';
import { captureLoggingContext, createEcsLogger, ecsFormat, EcsctxValidationError } from '@ecsctx/core';
import { createCapture } from '../support/capture';
import { flush } from '../support/logger';

/** A real winston logger with the ECS chain behind a format that counts the lines it sees. */
function countingLogger(level: string, transports: winston.transport[]) {
  const seen: string[] = [];
  const count = winston.format((info) => {
    seen.push(`${info.level} ${String(info.message)}`);
    return info;
  });
  const logger = captureLoggingContext(
    winston.createLogger({ level, format: winston.format.combine(count(), ecsFormat({ env: { PROJECT_NAME: 'shop' } })), transports }),
  );
  return { logger, seen };
}

// a validate format in 'error' mode anywhere in the process keeps every line (last test)
const KEEP = Symbol.for('ecsctx.keep-quiet-lines.v1');
beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEEP];
});

describe('lines below every level', () => {
  it('are dropped before the formats run; lines at enabled levels are formatted and written', async () => {
    const capture = createCapture();
    const { logger, seen } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream })]);
    logger.debug('cache_probe', { customer: { email: 'jane@example.com' } });
    logger.log('silly', 'very_verbose');
    logger.info('order_created', { order_id: 'o-1' });
    logger.error('payment_failed');
    await flush(logger);
    expect(seen).toEqual(['info order_created', 'error payment_failed']);
    expect(capture.records().map((r) => r.message)).toEqual(['order_created', 'payment_failed']);
  });

  it('are formatted and written when a transport has a lower level of its own', async () => {
    const capture = createCapture();
    const { logger, seen } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream, level: 'debug' })]);
    logger.debug('cache_probe', { customer: { email: 'jane@example.com' } });
    await flush(logger);
    expect(seen).toEqual(['debug cache_probe']);
    const [line] = capture.records();
    expect(line['log.level']).toBe('debug');
    expect(JSON.stringify(line)).not.toContain('jane@example.com');
  });

  it('follow a level changed at run time', async () => {
    const capture = createCapture();
    const { logger, seen } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream })]);
    logger.debug('before');
    logger.level = 'debug';
    logger.debug('after');
    await flush(logger);
    expect(seen).toEqual(['debug after']);
    expect(capture.records().map((r) => r.message)).toEqual(['after']);
  });

  it('still go through the formats when something else reads the logger (a data listener, a piped stream)', async () => {
    const capture = createCapture();
    const { logger, seen } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream })]);
    const heard: string[] = [];
    const listener = (info: { message: string }) => heard.push(info.message);
    logger.on('data', listener);
    logger.debug('heard_by_listener');
    await flush(logger);
    logger.off('data', listener);
    const piped: string[] = [];
    const sink = new Writable({
      objectMode: true,
      write(info: { message: string }, _enc, done) {
        piped.push(info.message);
        done();
      },
    });
    logger.pipe(sink);
    logger.debug('heard_by_pipe');
    await flush(logger);
    logger.unpipe(sink);
    expect(seen).toEqual(['debug heard_by_listener', 'debug heard_by_pipe']);
    expect(heard).toEqual(['heard_by_listener']);
    expect(piped).toEqual(['heard_by_pipe']);
    expect(capture.lines).toEqual([]); // the transport still filters by level
  });

  it('never make a log call throw, whatever the info object is', async () => {
    const capture = createCapture();
    const { logger } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream })]);
    const hostile = new Proxy(
      { level: 'debug', message: 'proxy' },
      {
        get(target, key) {
          if (typeof key === 'symbol') throw new Error('trap');
          return Reflect.get(target, key);
        },
      },
    );
    expect(() => logger.log(hostile as unknown as winston.LogEntry)).not.toThrow();
    expect(() => logger.log({ level: 'no-such-level', message: 'unknown' })).not.toThrow();
    await flush(logger);
    // the debug line is below the level; a level the logger lacks is written at info, never lost
    expect(capture.records().map((line) => [line.message, line.extra])).toEqual([['unknown', { ecsctx_level: 'no-such-level' }]]);
    // a stream that is not a transport and passes lines on keeps winston's behaviour too
    const through = new PassThrough({ objectMode: true });
    logger.pipe(through);
    logger.debug('through');
    await flush(logger);
    expect((through.read() as { message: string }).message).toBe('through');
  });

  it("still go through the formats when read with 'readable' or read()", async () => {
    const capture = createCapture();
    const { logger, seen } = countingLogger('info', [new winston.transports.Stream({ stream: capture.stream })]);
    const read: string[] = [];
    const onReadable = () => {
      for (let info = logger.read(); info !== null; info = logger.read()) read.push((info as { message: string }).message);
    };
    logger.on('readable', onReadable);
    logger.debug('read_by_hand');
    await flush(logger);
    logger.off('readable', onReadable);
    expect(seen).toEqual(['debug read_by_hand']);
    expect(read).toEqual(['read_by_hand']);
  });

  it("still throw from the log call for a misplaced field when validation is 'error' (tests)", () => {
    const capture = createCapture();
    const logger = createEcsLogger({ stream: capture.stream, level: 'info', validation: 'error', env: { PROJECT_NAME: 'shop' } });
    expect(() => logger.debug('cache_probe', { user: 'jo' })).toThrow(EcsctxValidationError);
  });
});
