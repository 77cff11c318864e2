import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bindLoggingContext,
  configurePii,
  getDiagnosticCounts,
  getLoggingContext,
  resetPii,
  runWithLoggingContext,
  tokenize,
} from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';
import { referenceDir } from '../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

beforeAll(() => configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' }));
afterAll(() => resetPii());

async function logOnce(meta: Record<string, unknown>, message = 'security'): Promise<{ line: string; record: Record<string, any> }> {
  const { logger, capture } = makeLogger();
  logger.info(message, meta);
  await flush(logger);
  return { line: capture.lines[0], record: capture.records()[0] };
}

describe('secrets in URLs', () => {
  it('masks secret query parameters and user-info wherever a URL appears, keeping the rest readable', async () => {
    const { line, record } = await logOnce({
      url: {
        full: 'https://alice:hunter2@api.example.com/v1/orders?id=42&access_token=abc123&X-Amz-Signature=deadbeef',
        original: '/oauth/callback?code=4/0Ab&state=xyz',
        query: 'page=2&api_key=k-999&sort=asc',
      },
      http: { request: { referrer: 'https://shop.example.com/cart?sid=s3cr3t&step=3', headers: { Referer: 'https://x.test/?password=pw1' } }, response: { headers: { Location: 'https://x.test/next?token=t0k' } } },
      note: 'redirected to https://x.test/cb?client_secret=cs1&ok=1 by bob',
    });
    for (const secret of ['hunter2', 'alice', 'abc123', 'deadbeef', '4/0Ab', 'k-999', 's3cr3t', 'pw1', 't0k', 'cs1']) expect(line).not.toContain(secret);
    expect(record.url.full).toBe('https://****@api.example.com/v1/orders?id=42&access_token=****&X-Amz-Signature=****');
    expect(record.url.original).toBe('/oauth/callback?code=****&state=xyz');
    expect(record.url.query).toBe('page=2&api_key=****&sort=asc');
    expect(record.extra.note).toBe('redirected to https://x.test/cb?client_secret=****&ok=1 by bob');
  });

  it('keeps a code parameter outside OAuth callbacks, and tokenizes emails inside URLs', async () => {
    const { record } = await logOnce({ url: { full: 'https://shop.example.com/apply?code=SUMMER10&email=jane@example.com' } });
    expect(record.url.full).toBe(`https://shop.example.com/apply?code=SUMMER10&email=${tokenize('jane@example.com', 'email')}`);
  });

  const secretName = fc.constantFrom('token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'key', 'secret', 'client_secret', 'password', 'passwd', 'pwd', 'signature', 'sig', 'X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'X-Goog-Signature', 'session', 'sessionid', 'sid', 'TOKEN', 'Api_Key');
  const secretValue = fc.stringMatching(/^[A-Za-z0-9_%.~-]{6,24}$/).map((v) => `S3c${v}`);
  const safeParam = fc.tuple(fc.constantFrom('page', 'sort', 'lang', 'view'), fc.stringMatching(/^[a-z]{3,8}$/));
  const where = fc.constantFrom('url.full', 'url.original', 'url.query', 'referrer', 'location', 'text');

  fcTest.prop([secretName, secretValue, safeParam, where], { numRuns: 120 })('no secret value survives, the non-secret parts do', async (name, value, [safeName, safeValue], at) => {
    const query = `${safeName}=${safeValue}&${name}=${value}`;
    const url = `https://api.example.com/v2/items?${query}`;
    const meta: Record<string, unknown> =
      at === 'url.full' ? { url: { full: url } }
      : at === 'url.original' ? { url: { original: url } }
      : at === 'url.query' ? { url: { query } }
      : at === 'referrer' ? { http: { request: { referrer: url } } }
      : at === 'location' ? { headers: { Location: url } }
      : { note: `went to ${url} then left` };
    const { line } = await logOnce(meta);
    expect(line).not.toContain(value);
    expect(line).toContain(`${safeName}=${safeValue}`);
    expect(line).toContain(`${name}=****`);
  });
});

describe('prototype-safe merging', () => {
  const hostile = () =>
    JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted2": "yes"}}, "prototype": {"x": 1}, "nested": {"__proto__": {"deep": "yes"}}}');

  it('keeps __proto__, constructor and prototype keys as plain data and pollutes nothing', async () => {
    const { logger, capture } = makeLogger();
    await runWithLoggingContext(async () => {
      bindLoggingContext({ extra: hostile(), labels: hostile() });
      logger.info('hostile', hostile());
      logger.info('hostile_payload', { payload: hostile(), labels: hostile(), 'a.__proto__.b': 1 });
      const ctx = getLoggingContext()!;
      expect(Object.getPrototypeOf(ctx.extra)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(ctx.labels)).toBe(Object.prototype);
    });
    await flush(logger);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(({} as Record<string, unknown>).deep).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('b');
    const [first, second] = capture.lines.map((l) => JSON.parse(l));
    expect(Object.prototype.hasOwnProperty.call(first.extra, '__proto__')).toBe(true);
    expect(first.extra.constructor).toEqual({ prototype: { polluted2: 'yes' } });
    expect(Object.prototype.hasOwnProperty.call(second.payload.nested, '__proto__')).toBe(true);
  });
});

describe('limits that match Elasticsearch', () => {
  it('a 10 000-deep object and a 100 000-key object give one line within the caps', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`k${i}`] = i;
    const { logger, capture } = makeLogger();
    logger.info('deep', { deep });
    logger.info('wide', { wide });
    await flush(logger);
    expect(capture.lines).toHaveLength(2);
    for (const line of capture.lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(16_383);
    const wideRec = capture.records()[1];
    expect(Object.keys(wideRec.extra.wide).length).toBeLessThanOrEqual(201);
    expect(wideRec.extra.wide['…']).toMatch(/more keys/);
    expect(capture.lines[0]).toContain('nested deeper than 16');
  });

  it('shrinks a line over maxLineBytes and says what it dropped', async () => {
    const before = getDiagnosticCounts().get('ECSCTX_LIMIT_LINE_BYTES') ?? 0;
    const items = Array.from({ length: 150 }, (_, i) => ({ sku: `SKU-${i}`, title: 'x'.repeat(100) }));
    const { line, record } = await logOnce({ payload: { items }, other: 'y'.repeat(5000) });
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(16_383);
    expect(record.message).toBe('security');
    expect(getDiagnosticCounts().get('ECSCTX_LIMIT_LINE_BYTES')).toBe(before + 1);
  });

  it('limits are options', async () => {
    const { logger, capture } = makeLogger({ limits: { maxStringLength: 10, maxDepth: 3 } });
    logger.info('small', { text: 'abcdefghijklmnop', a: { b: { c: { d: 1 } } } });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.extra.text).toBe('abcdefghij…[truncated 6 chars]');
    expect(rec.extra.a.b).toBe('[Object: nested deeper than 3]');
  });
});
