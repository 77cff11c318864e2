/**
 * The mask step (`maskPii`) through real loggers: what it tokenizes, redacts and keeps, with
 * and without a token keyset, and the rules the first review found missing. The detectors
 * and key rules have their own files in `mask/`, one per module.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bindLoggingContext,
  configureMasking,
  configurePii,
  resetPii,
  runWithLoggingContext,
  tokenize,
} from '@ecsctx/core';
import { applicationPackageName } from '../../src/service-identity';
import { makeLogger, flush } from '../support/logger';
import { referenceDir } from '../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

async function configure(): Promise<void> {
  await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
}

async function logOnce(meta: Record<string, unknown>, message = 'masked'): Promise<{ line: string; record: Record<string, any> }> {
  const { logger, capture } = makeLogger();
  logger.info(message, meta);
  await flush(logger);
  return { line: capture.lines[0], record: capture.records()[0] };
}

describe('the mask format with a token keyset', () => {
  beforeAll(configure);
  afterAll(() => resetPii());
  beforeEach(() => configureMasking({ exemptPaths: [] }));

  it('masks auth headers keeping the scheme; short secrets show nothing', async () => {
    const { record } = await logOnce({
      headers: { Authorization: 'Bearer abcdefghijklmnop', 'X-API-KEY': 'short-secret', 'Proxy-Authorization': 'Basic dXNlcjpwYXNzd29yZA==', Accept: '*/*' },
      http: { response: { headers: { 'set-cookie': ['sid=abc123; Path=/; HttpOnly', 'theme=dark'] } }, request: { headers: { cookie: 'sid=abc123; theme=dark' } } },
    });
    expect(record.headers).toEqual({ Authorization: 'Bearer abcd****mnop', 'X-API-KEY': '****', 'Proxy-Authorization': 'Basic ****', Accept: '*/*' });
    expect(record.http.response.headers['set-cookie']).toEqual(['sid=****; Path=/; HttpOnly', 'theme=****']);
    expect(record.http.request.headers.cookie).toBe('sid=****; theme=****');
    const { record: nine } = await logOnce({ headers: { authorization: 'Token 123456789' } });
    expect(nine.headers.authorization).toBe('Token ****');
  });

  it('tokenizes customer fields passed as top-level fields, args and kwargs', async () => {
    const { line, record } = await logOnce({ customer_name: 'John Doe', email: 'john@example.com', args: ['john@example.com'], kwargs: { phone: '+965 6666-7777' } });
    expect(line).not.toContain('John Doe');
    expect(line).not.toContain('john@example.com');
    expect(line).not.toContain('6666');
    expect(record.extra.customer_name).toBe(tokenize('John Doe', 'generic'));
    expect(record.extra.email).toBe(tokenize('john@example.com', 'email'));
    expect(record.extra.args[0]).toBe(tokenize('john@example.com', 'email'));
    expect(record.extra.kwargs.phone).toBe(tokenize('+965 6666-7777', 'phone'));
  });

  it('scans the message, context extra and labels', async () => {
    const { logger, capture } = makeLogger();
    runWithLoggingContext(() => {
      bindLoggingContext({ extra: { note: 'reach me at jane@example.org' }, labels: { contact: 'ops@example.org' } });
      logger.info('mail from bob@example.com');
    });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).not.toMatch(/@example\.(org|com)/);
    expect(capture.records()[0].message).toBe(`mail from ${tokenize('bob@example.com', 'email')}`);
  });

  it('gives the same token for an email under a key and in free text', async () => {
    const { record } = await logOnce({ payload: { email: ' John@Example.com ', note: 'sent to john@example.com' } });
    const token = tokenize('john@example.com', 'email');
    expect(record.payload.email).toBe(token);
    expect(record.payload.note).toBe(`sent to ${token}`);
  });

  it('leaves no phone fragments in clear and keeps safe keys and ids readable', async () => {
    const { line, record } = await logOnce({
      payload: { note: 'call +1 (555) 123-4567 or (555) 123-4567', gateway_name: 'knet', customer_id: 'c-1', id: 4455667788, order: 'ORD 1732435200' },
    });
    expect(line).not.toMatch(/555|4567/);
    expect(record.payload).toMatchObject({ gateway_name: 'knet', customer_id: 'c-1', id: 4455667788, order: 'ORD 1732435200' });
    expect(record.payload.note).toBe(`call ${tokenize('+1 (555) 123-4567', 'phone')} or ${tokenize('(555) 123-4567', 'phone')}`);
  });

  it('tokenizes every leaf of an address object, and nothing else of its parent', async () => {
    const { line, record } = await logOnce({ payload: { billing: { address: { line1: '12 Gulf Road', city: 'Kuwait City', zip: 12345 }, tier: 'gold' } } });
    expect(line).not.toMatch(/Gulf|Kuwait/);
    expect(record.payload.billing.address.line1).toBe(tokenize('12 Gulf Road', 'generic'));
    expect(record.payload.billing.tier).toBe('gold');
  });

  it('tokenizes a phone number logged as a number under a phone key', async () => {
    const { record } = await logOnce({ payload: { mobile: 96566667777, count: 3 } });
    expect(record.payload).toEqual({ mobile: tokenize('96566667777', 'phone'), count: 3 });
  });

  it('leaves existing tokens alone', async () => {
    const token = tokenize('john@example.com', 'email');
    const { record } = await logOnce({ payload: { email: token, note: `already ${token}` } });
    expect(record.payload).toEqual({ email: token, note: `already ${token}` });
  });

  it('honours path exemptions: key, a.b, [*] and *, with prefix match', async () => {
    configureMasking({ exemptPaths: ['payment_methods[*].name', 'catalog.*.title', 'display'] });
    const { record } = await logOnce({
      payload: {
        payment_methods: [{ name: 'Visa' }],
        catalog: { a: { title: 'Blue shirt' }, b: { title: 'Hat' } },
        display: { customer_name: 'Shown Name', contact: 'x@example.com' },
        name: 'Buyer',
      },
    });
    expect(record.payload.payment_methods[0].name).toBe('Visa');
    expect(record.payload.catalog).toEqual({ a: { title: 'Blue shirt' }, b: { title: 'Hat' } });
    expect(record.payload.display.customer_name).toBe('Shown Name');
    // free-text emails are never exempt
    expect(record.payload.display.contact).toBe(tokenize('x@example.com', 'email'));
    expect(record.payload.name).toBe(tokenize('Buyer', 'generic'));
  });

  it('keeps service metadata, trace ids and library fields out of the mask', async () => {
    const { record } = await logOnce({ bullmq: { job: { name: 'send-email' } }, url: { path: '/customers/42' } });
    expect(record.service).toEqual({ name: applicationPackageName(), type: 'app', version: '1.3.0' });
    expect(record.bullmq.job.name).toBe('send-email');
  });
});

describe('the mask format without keys', () => {
  beforeAll(() => resetPii());

  it('redacts instead of passing PII through', async () => {
    const { line, record } = await logOnce({ customer_name: 'John Doe', payload: { text: 'mail john@example.com' } });
    expect(line).not.toContain('John Doe');
    expect(line).not.toContain('john@example.com');
    expect(record.extra.customer_name).toBe('[PII_REDACTED]');
    expect(record.payload.text).toBe('mail [PII_REDACTED]');
  });
});

describe('property: planted emails and phones never appear in clear', () => {
  beforeAll(configure);
  afterAll(() => resetPii());

  const email = fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}$/), fc.constantFrom('com', 'org', 'io', 'co.uk'))
    .map(([l, d, t]) => `${l}@${d}.${t}`);
  const phone = fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(' ', '-', '.'))
    .map(([cc, a, b, sep]) => `+${cc} ${a}${sep}${b}`);
  const pii = fc.oneof(email, phone);
  const key = fc.stringMatching(/^[a-z_]{1,12}$/);
  const text = fc.tuple(fc.lorem({ maxCount: 4 }), pii, fc.lorem({ maxCount: 4 })).map(([a, p, b]) => ({ text: `${a} ${p}, ${b}`, planted: p }));
  const payload = fc.letrec<{ tree: { value: unknown; planted: string[] } }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 4 },
      text.map((t) => ({ value: t.text, planted: [t.planted] })),
      pii.map((p) => ({ value: p, planted: [p] })),
      fc.array(tie('tree'), { maxLength: 3 }).map((items) => ({ value: items.map((i) => i.value), planted: items.flatMap((i) => i.planted) })),
      fc.dictionary(key, tie('tree'), { maxKeys: 4 }).map((d) => {
        const value: Record<string, unknown> = {};
        const planted: string[] = [];
        for (const [k, v] of Object.entries(d)) {
          Object.defineProperty(value, k, { value: v.value, enumerable: true, writable: true, configurable: true });
          planted.push(...v.planted);
        }
        return { value, planted };
      }),
    ),
  }));

  fcTest.prop([fc.dictionary(key, payload.tree, { minKeys: 1, maxKeys: 4 }), fc.constantFrom('payload', 'extra_field', 'message', 'headers')], { numRuns: 150 })(
    'through the full chain',
    async (fields, where) => {
      const meta: Record<string, unknown> = {};
      const planted: string[] = [];
      for (const [k, v] of Object.entries(fields)) {
        Object.defineProperty(meta, k, { value: v.value, enumerable: true, writable: true, configurable: true });
        planted.push(...v.planted);
      }
      const { logger, capture } = makeLogger();
      if (where === 'message') logger.info(JSON.stringify(meta));
      else logger.info('prop', { [where]: meta });
      await flush(logger);
      for (const p of planted) expect(capture.lines[0]).not.toContain(p);
    },
  );
});

describe('PII the first mask missed', () => {
  beforeAll(configure);
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

describe('a RegExp', () => {
  it('is masked as its text would be', async () => {
    const { record } = await logOnce({ password: /Hunter2/, f: new RegExp('jane@example.com'), re: /a+b/gi });
    expect(JSON.stringify(record)).not.toMatch(/Hunter2|jane@example/);
    expect((record.extra as Record<string, unknown>).re).toBe('/a+b/gi');
  });
});

describe('a boxed primitive', () => {
  it('is masked as its primitive would be', async () => {
    const { record } = await logOnce({ s: new String('jane@example.com'), n: new Number(4111111111111111), b: new Boolean(true) });
    const extra = record.extra as Record<string, unknown>;
    expect(JSON.stringify(record)).not.toMatch(/jane@example|4111111111111111|"0":"j"/);
    expect(extra.n).toBe('************1111');
    expect(extra.b).toBe(true);
  });
});
