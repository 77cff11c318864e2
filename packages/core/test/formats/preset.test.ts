/**
 * The preset (`ecsFormat`, the five steps as one compiled plan) on a real winston logger: the
 * line's head and key order, scope and trace fields, children, levels, errors, each step alone
 * in a user's `format.combine`, hostile field combinations, and `service.type`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import winston from 'winston';
import {
  bindLoggingContext,
  captureLoggingContext,
  ecsFormat,
  injectContext,
  namespaceFields,
  renderEcs,
  runWithLoggingContext,
  traceFromHeaders,
  validateEcs,
  setDiagnosticHandler,
  resetDiagnostics,
} from '@ecsctx/core';
import { applicationPackageName } from '../../src/service-identity';
import { makeLogger, flush } from '../support/logger';
import { createCapture } from '../support/capture';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

describe('the preset chain on a real winston logger', () => {
  it('writes one ECS line with the spec key order and service metadata', async () => {
    const { logger, capture } = makeLogger({ name: 'shop.views' });
    logger.info('health_check');
    await flush(logger);
    expect(capture.lines).toHaveLength(1);
    const line = capture.lines[0];
    expect(line.startsWith('{"@timestamp":"')).toBe(true);
    expect(Object.keys(JSON.parse(line)).slice(0, 4)).toEqual(['@timestamp', 'log.level', 'message', 'ecs.version']);
    expect(JSON.parse(line)).toMatchObject({
      'log.level': 'info',
      message: 'health_check',
      'ecs.version': '1.12.0',
      log: { logger: 'shop.views' },
      service: { name: applicationPackageName(), type: 'app', version: '1.3.0' },
      project: { name: 'shopfront' },
    });
    expect(JSON.parse(line)['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('maps bound context and trace to ECS fields', async () => {
    const { logger, capture } = makeLogger();
    runWithLoggingContext(
      () => {
        bindLoggingContext({
          spanId: 'b7ad6b7169203332', userId: 42, ip: '192.0.2.10', sessionId: 'sess-456', orn: 'ref-123',
          pgCode: 'stripe', referenceNumber: 'T-77', labels: { env: 'production' }, extra: { merchant_id: 'acme', shopapp: { store_id: 's1' } },
        });
        logger.info('checkout', { amount: 100 });
      },
      { trace: traceFromHeaders({ traceparent: TP }) },
    );
    await flush(logger);
    expect(capture.records()[0]).toMatchObject({
      trace: { id: '0af7651916cd43dd8448eb211c80319c' },
      span: { id: 'b7ad6b7169203332' },
      user: { id: '42' },
      client: { ip: '192.0.2.10' },
      session_id: 'sess-456',
      payment: { orn: 'ref-123', pg_code: 'stripe', reference: 'T-77' },
      labels: { env: 'production' },
      merchant_id: 'acme',
      extra: { shopapp: { store_id: 's1' }, amount: 100 },
    });
  });

  it('explicit fields win over context, leaf by leaf', async () => {
    const { logger, capture } = makeLogger();
    runWithLoggingContext(() => {
      bindLoggingContext({ sessionId: 'ctx', userId: 1, labels: { a: 'ctx', b: 'ctx' } });
      logger.info('override', { session_id: 'kw', user: { domain: 'corp' }, labels: { a: 'kw' } });
    });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.session_id).toBe('kw');
    expect(rec.user).toEqual({ id: '1', domain: 'corp' });
    expect(rec.labels).toEqual({ a: 'kw', b: 'ctx' });
  });

  it('child loggers keep working and their fields are placed too', async () => {
    const { logger, capture } = makeLogger();
    const child = logger.child({ component: 'billing', 'log.logger': 'billing' });
    runWithLoggingContext(() => {
      bindLoggingContext({ sessionId: 's' });
      child.warn('slow_request', { duration_ms: 1520 });
    });
    await flush(logger);
    expect(capture.records()[0]).toMatchObject({
      'log.level': 'warn', session_id: 's', log: { logger: 'billing' }, extra: { component: 'billing', duration_ms: 1520 },
    });
  });

  it('honours the level option', async () => {
    const { logger, capture } = makeLogger({ level: 'warn' });
    logger.info('dropped');
    logger.error('kept');
    await flush(logger);
    expect(capture.records().map((r) => r.message)).toEqual(['kept']);
  });

  it('renders errors as error.type/message/stack_trace with cause chains', async () => {
    const { logger, capture } = makeLogger();
    const root = new TypeError('socket hang up');
    const err = Object.assign(new Error('payment failed', { cause: root }), { code: 'E_PAY' });
    logger.error(err);
    logger.error('payment_failed', err);
    logger.error('payment_failed', { error: err });
    logger.error('failure', { error: 'timeout' });
    await flush(logger);
    const [a, b, c, d] = capture.records();
    for (const rec of [a, b, c]) {
      expect(rec.error).toMatchObject({ type: 'Error', message: 'payment failed', code: 'E_PAY' });
      expect(rec.error.stack_trace).toContain('payment failed');
      expect(rec.error.stack_trace).toContain('Caused by: TypeError: socket hang up');
    }
    expect(a.message).toBe('payment failed');
    expect(b.message).toBe('payment_failed');
    expect(b.extra).toBeUndefined();
    expect(c.message).toBe('payment_failed');
    expect(d.error).toEqual({ message: 'timeout' });
  });

  it('each format works on its own in winston.format.combine', async () => {
    const capture = createCapture();
    const logger = captureLoggingContext(
      winston.createLogger({
        format: winston.format.combine(injectContext({ env: {} }), namespaceFields({ env: {} }), validateEcs(), renderEcs({ loggerName: 'plain' })),
        transports: [new winston.transports.Stream({ stream: capture.stream })],
      }),
    );
    logger.info('no_mask', { customer_tier: 'gold' });
    const onlyRender = winston.createLogger({ format: renderEcs(), transports: [new winston.transports.Stream({ stream: capture.stream })] });
    onlyRender.info('render_only', { '@timestamp': 'caller', 'ecs.version': '8.0.0', other: 1 });
    await flush(logger);
    await flush(onlyRender);
    const [first, second] = capture.records();
    expect(first).toMatchObject({ message: 'no_mask', log: { logger: 'plain' }, service: { type: 'app' }, extra: { customer_tier: 'gold' } });
    expect(second['ecs.version']).toBe('1.12.0');
    expect(second.extra).toEqual({ '@timestamp': 'caller', 'ecs.version': '8.0.0' });
  });

  it('ecsFormat composes with a user logger and its own transports', async () => {
    const capture = createCapture();
    const logger = captureLoggingContext(
      winston.createLogger({ format: ecsFormat({ env: {}, loggerName: 'mine' }), transports: [new winston.transports.Stream({ stream: capture.stream })] }),
    );
    logger.info('composed');
    await flush(logger);
    expect(capture.records()[0]).toMatchObject({ message: 'composed', log: { logger: 'mine' } });
  });
});

describe('hostile field combinations give one conflict-free document', () => {
  it.each<[string, Record<string, unknown>, (rec: Record<string, any>) => void]>([
    ['dotted and nested service.name', { 'service.name': 'dotted', service: { name: 'nested', extra_leaf: 1 } }, (r) => expect(r.service).toMatchObject({ name: 'dotted', extra_leaf: 1, version: '1.3.0' })],
    ['caller ecs and ecs.version', { ecs: { version: '8.0' }, 'ecs.version': '9' }, (r) => {
      expect(r['ecs.version']).toBe('1.12.0');
      expect(r.extra.ecs).toEqual({ version: '9' });
    }],
    ['event scalar beside event.dataset', { event: 'x', 'event.dataset': 'shop.log' }, (r) => {
      expect(r.event).toEqual({ dataset: 'shop.log' });
      expect(r.extra.event).toBe('x');
    }],
    ['caller @timestamp', { '@timestamp': '1999-01-01T00:00:00.000Z' }, (r) => {
      expect(r['@timestamp']).not.toBe('1999-01-01T00:00:00.000Z');
      expect(r.extra['@timestamp']).toBe('1999-01-01T00:00:00.000Z');
    }],
    ['caller log.level', { 'log.level': 'fatal', log: { origin: { function: 'f' } } }, (r) => {
      expect(r['log.level']).toBe('info');
      expect(r.log).toEqual({ origin: { function: 'f' } });
      expect(r.extra.log).toEqual({ level: 'fatal' });
    }],
    ['flat log string', { log: 'x' }, (r) => expect(r.extra.log).toBe('x')],
    ['flat user and url', { user: 'bob', url: 'https://x.test/' }, (r) => expect(r.extra).toMatchObject({ user: 'bob', url: 'https://x.test/' })],
    ['label keys with . * \\', { labels: { 'a.b': '1', 'c*d': '2', 'e\\f': '3' } }, (r) => expect(r.labels).toEqual({ a_b: '1', c_d: '2', e_f: '3' })],
    ['labels as a string', { labels: 'oops' }, (r) => expect(r.extra.labels).toBe('oops')],
    ['empty dotted segments', { 'a..b': 1, '.x': 2 }, (r) => expect(r.extra).toMatchObject({ a__b: 1, _x: 2 })],
    ['empty, blank and dotted keys inside objects', { payload: { '': 1, ' ': 2, 'a.': 3, '.b': 4, 'c..d': 5 }, labels: { '': 'x' } }, (r) => {
      // ('' and ' ' both become `_`: the second is kept apart as `__2`, not lost)
      expect(r.payload).toEqual({ _: 1, __2: 2, a_: 3, _b: 4, c__d: 5 });
      expect(r.labels).toEqual({ _: 'x' });
    }],
    ['non-string message', { message: { nested: true } }, (r) => expect(typeof r.message).toBe('string')],
  ])('%s', async (_name, meta, check) => {
    const { logger, capture } = makeLogger();
    logger.log({ level: 'info', message: 'hostile', ...meta });
    await flush(logger);
    expect(capture.lines).toHaveLength(1);
    check(capture.records()[0]);
  });

  it('never mutates the caller objects', async () => {
    const { logger } = makeLogger();
    const meta = { user: { name: 'bob' }, labels: { 'a.b': { deep: 1 } }, payload: { customer_name: 'John Doe' }, 'service.name': 'x' };
    const snapshot = structuredClone(meta);
    runWithLoggingContext(() => {
      bindLoggingContext({ userId: 5, extra: { payload: { order: 1 } } });
      logger.info('mutation_check', meta);
    });
    await flush(logger);
    expect(meta).toEqual(snapshot);
  });
});

describe('service.type', () => {
  it("is the scope's type, else the logger's serviceType, else SERVICE_TYPE, else app; never a copy of service.name", async () => {
    const { logger, capture } = makeLogger();
    runWithLoggingContext(() => logger.info('in_job'), { serviceType: 'worker' });
    logger.info('outside');
    const { logger: http, capture: httpCapture } = makeLogger({ serviceType: 'http' });
    runWithLoggingContext(() => http.info('in_job'), { serviceType: 'worker' });
    http.info('outside');
    const { logger: fixed, capture: fixedCapture } = makeLogger({ env: { APP_VERSION: '1.3.0', SERVICE_TYPE: 'api' } });
    runWithLoggingContext(() => fixed.info('in_job'), { serviceType: 'worker' });
    fixed.info('outside');
    await flush(logger);
    await flush(http);
    await flush(fixed);
    expect(capture.records().map((r) => r.service.type)).toEqual(['worker', 'app']);
    expect(httpCapture.records().map((r) => r.service.type)).toEqual(['worker', 'http']);
    // SERVICE_TYPE names the service as the Python library does; its own type is not repeated
    expect(fixedCapture.records().map((r) => r.service)).toEqual([
      { name: 'api', type: 'worker', version: '1.3.0' },
      { name: 'api', version: '1.3.0' },
    ]);
  });
});
