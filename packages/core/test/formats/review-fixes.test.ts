/**
 * Cases a fresh-eyes review found: errors logged with meta, defaultMeta and child loggers;
 * objects whose toJSON breaks a field-set; PII in keys, percent-encoded, cut by truncation,
 * under label keys, written with the 00 prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, tokenize } from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';
import { referenceDir } from '../support/capture';

const keysets = (JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> }).keysets;

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

  it('an error object whose toJSON returns a string still gives an object error field', async () => {
    const { logger, capture } = makeLogger();
    logger.info('m', { error: { toJSON: () => 'x' }, user: { toJSON: () => 'bob' } });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.error).toEqual({ message: 'x' });
    expect(rec.user).toBeUndefined();
    expect(rec.extra.user).toBe('bob');
  });
});

describe('PII the first mask missed', () => {
  beforeAll(() => configurePii({ provider: 'static', tokenKeyset: keysets['chain-public'] as never, env: 'prod' }));
  afterAll(() => resetPii());

  it('tokenizes emails and phone numbers used as keys', async () => {
    const { logger, capture } = makeLogger();
    logger.info('k', { 'john.doe@example.com': 1, '+965 5555 1234': 2, nested: { 'user:jane@example.org': 3 } });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).not.toMatch(/john|doe@|5555|jane@/);
    expect(capture.records()[0].extra[tokenize('john.doe@example.com', 'email')]).toBe(1);
  });

  it('scans text that starts like a token (only a whole token is left alone)', async () => {
    const { logger, capture } = makeLogger();
    logger.info('ptok:v1 reach jane.doe@example.com', {
      'ptok:v1 jane.doe@example.com': 1,
      note: 'ptok:v1 call +965 6666 7777 / jane.doe@example.com',
      customer_name: 'penc:v1 Jane Doe',
      kept: 'ptok:v1:existing',
    });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).not.toMatch(/jane\.doe@|6666 7777|Jane Doe/);
    const rec = capture.records()[0];
    expect(rec.message).toBe(`ptok:v1 reach ${tokenize('jane.doe@example.com', 'email')}`);
    expect(rec.extra.kept).toBe('ptok:v1:existing');
  });

  it('tokenizes a key holding PII on every line, not only the first (key names are remembered only when clean)', async () => {
    const { logger, capture } = makeLogger();
    for (let i = 0; i < 3; i++) logger.info('k', { 'john.doe@example.com': i, plain_key: i, [`"quoted" \\ key ${i}`]: 'a"b' });
    await flush(logger);
    expect(capture.lines).toHaveLength(3);
    capture.lines.forEach((line, i) => {
      expect(line).not.toContain('john');
      const extra = capture.records()[i].extra;
      expect(extra[tokenize('john.doe@example.com', 'email')]).toBe(i);
      expect(extra.plain_key).toBe(i);
      expect(extra[`"quoted" \\ key ${i}`]).toBe('a"b');
    });
  });

  it('finds percent-encoded emails in URLs and text, with the token of the plain email', async () => {
    const { logger, capture } = makeLogger();
    logger.info('k', { url: { full: 'https://x.com/u/john.doe%40example.com', query: 'email=john.doe%40example.com' } });
    await flush(logger);
    const rec = capture.records()[0];
    expect(capture.lines[0]).not.toContain('john.doe');
    expect(rec.url.full).toBe(`https://x.com/u/${tokenize('john.doe@example.com', 'email')}`);
  });

  it('masks before it truncates, and never cuts through a token', async () => {
    const { logger, capture } = makeLogger();
    logger.info('k', { note: 'a'.repeat(8180) + ' john.doe@example.com' });
    await flush(logger);
    const note: string = capture.records()[0].extra.note;
    expect(capture.lines[0]).not.toContain('john');
    expect(note).toMatch(/…\[truncated \d+ chars\]$/);
    expect(note).not.toMatch(/ptok:v1:[A-Za-z0-9_-]{0,42}…/);
  });

  it('applies key rules to labels', async () => {
    const { logger, capture } = makeLogger();
    logger.info('k', { labels: { phone: 96555551234, tier: 'gold' } });
    await flush(logger);
    expect(capture.records()[0].labels).toEqual({ phone: tokenize('96555551234', 'phone'), tier: 'gold' });
  });

  it('finds phone numbers written with the 00 international prefix', async () => {
    const { logger, capture } = makeLogger();
    logger.info('k', { x: 'call 00965 5555 1234 today', id: 'ORD 0012345678' });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.extra.x).toBe(`call ${tokenize('00965 5555 1234', 'phone')} today`);
    expect(rec.extra.id).toBe('ORD 0012345678');
  });
});

describe('ECS leaf types', () => {
  it('converts leaves of ECS field-sets to their ECS type when nothing is lost, and leaves the caller alone', async () => {
    const { logger, capture } = makeLogger();
    const meta = {
      user: { id: 5, roles: [1, 'admin'] },
      http: { response: { status_code: '200' }, request: { method: 7, headers: { 'x-n': 5 } } },
      event: { duration: 1.5, original: 12 },
      url: { port: '8080', path: '/a' },
    };
    const before = structuredClone(meta);
    logger.info('typed', meta);
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.user).toEqual({ id: '5', roles: ['1', 'admin'] });
    expect(rec.http.response.status_code).toBe(200);
    expect(rec.http.request.method).toBe('7');
    expect(rec.http.request.headers['x-n']).toBe(5); // not an ECS field: left as given
    expect(rec.event).toEqual({ duration: 2, original: '12' });
    expect(rec.url).toEqual({ port: 8080, path: '/a' });
    expect(meta).toEqual(before);
  });
});
