/**
 * A secret-named parameter's value is masked wherever `name=value` pairs appear: query
 * strings, URL fragments (`#access_token=`, OAuth's implicit flow) and `;`-separated
 * connection strings. A pair's value runs to the next `&`, `;`, `#` or white space, so the
 * pairs beside it stay readable. A query parameter whose name the key rules call PII
 * (`?customer_name=Jane%20Doe`) has its decoded value tokenized as under that key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, tokenize } from '@ecsctx/core';
import { UrlSecretMasker } from '../../../src/formats/mask/mask-url-secrets';
import { SENSITIVE_KEY_PARTS } from '../../../src/fields';
import { makeLogger, flush } from '../../support/logger';
import { referenceDir } from '../../support/capture';
import { keyInStyle } from '../../support/secret-generators';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

const masker = new UrlSecretMasker();
const secretName = fc.constantFrom('password', 'Password', 'PWD', 'token', 'access_token', 'client_secret', 'api_key');
const plainName = fc.constantFrom('Server', 'Database', 'page', 'sort', 'User Id', 'state', 'lang');
const value = fc.stringMatching(/^[A-Za-z0-9_.~+/-]{4,24}$/);

describe('URL and pair secrets', () => {
  it('masks pairs after a ; and in a fragment', () => {
    expect(masker.mask('Server=db;Database=app;Password=hunter2pass;User Id=sa;')).toBe('Server=db;Database=app;Password=****;User Id=sa;');
    expect(masker.mask('a=1;password=x1')).toBe('a=1;password=****');
    expect(masker.mask('https://app.example.com/cb#access_token=abc123&state=xyz')).toBe('https://app.example.com/cb#access_token=****&state=xyz');
  });

  test.prop([fc.array(fc.tuple(fc.boolean(), value), { minLength: 1, maxLength: 6 }), fc.constantFrom(';', '&', '; '), secretName, plainName, fc.constantFrom('', 'https://h.example/p?', 'https://h.example/p#')])(
    'every secret pair is masked and every other pair kept, whatever the separator',
    (pairs, separator, secret, plain, prefix) => {
      const parts = pairs.map(([isSecret, v]) => `${isSecret ? secret : plain}=${v}`);
      const out = masker.mask(prefix + parts.join(separator));
      const expected = pairs.map(([isSecret, v]) => `${isSecret ? secret : plain}=${isSecret ? '****' : v}`);
      expect(out).toBe(prefix + expected.join(separator));
    },
  );
});

describe('PII in query parameters', () => {
  // a person's name or an address line: words that no detector finds on its own
  const personValue = fc
    .array(fc.stringMatching(/^[A-Z][a-z]{3,9}$/), { minLength: 1, maxLength: 3 })
    .map((w) => w.join(' '));
  const encode = fc.constantFrom(
    (v: string) => encodeURIComponent(v),
    (v: string) => new URLSearchParams({ v }).toString().slice(2), // form encoding: spaces as +
  );
  const style = fc.constantFrom('snake', 'camel', 'kebab') as fc.Arbitrary<'snake' | 'camel' | 'kebab'>;

  test.prop([fc.constantFrom(...SENSITIVE_KEY_PARTS), style, personValue, encode, fc.constantFrom('url.full', 'url.query', 'message', 'referer'), fc.boolean()], { numRuns: 120 })(
    'the value of a PII-named parameter is tokenized as under that key; the parameters beside it are kept',
    async (word, how, person, enc, where, keyset) => {
      if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      else resetPii();
      const name = keyInStyle(['customer', word], how);
      const query = `page=2&${name}=${enc(person)}&sort=asc`;
      const url = `https://shop.example/orders?${query}`;
      const { logger, capture } = makeLogger();
      if (where === 'url.full') logger.info('x', { url: { full: url } });
      else if (where === 'url.query') logger.info('x', { url: { query } });
      else if (where === 'message') logger.info(`redirect to ${url} now`);
      else logger.info('x', { http: { request: { headers: { referer: url } } } });
      logger.info('x', { [name]: person });
      await flush(logger);
      const [line, underKey] = capture.lines;
      for (const word of person.split(' ')) expect(line, name).not.toMatch(new RegExp(`\\b${word}\\b`));
      expect(line).toContain('page=2&');
      expect(line).toContain('&sort=asc');
      // the same value gives the same token in a URL and under its key
      const token = (JSON.parse(underKey) as { extra: Record<string, string> }).extra[name];
      expect(line).toContain(`${name}=${token}`);
    },
  );
  afterAll(() => resetPii());
});

describe('user-info in a URL', () => {
  const password = fc.stringMatching(/^[A-Za-z0-9#/?@:!$%&*=+~.-]{1,40}$/).filter((p) => !/^\d{1,5}([/?#]|$)/.test(p));
  test.prop([fc.constantFrom('postgres', 'mysql', 'redis', 'amqp', 'mongodb+srv', 'https'), fc.stringMatching(/^[a-z0-9_.-]{0,12}$/), password, fc.constantFrom('db', 'db.internal:5432', 'rabbit'), fc.constantFrom('', '/app', '/app?sslmode=require'), fc.constantFrom('', ' next', '"')], { numRuns: 500 })(
    'a password with raw / ? # @ : is masked to the last @ of the URL, and the host stays',
    (scheme, user, pass, host, path, tail) => {
      expect(masker.mask(`${scheme}://${user}:${pass}@${host}${path}${tail}`)).toBe(`${scheme}://****@${host}${path}${tail}`);
    },
  );

  it('keeps a host with a port before an @ in the path, and an @ with no user-info', () => {
    for (const text of ['https://x.com:8080/@bob', 'https://medium.com/@bob', 'see https://x.com:443 and mail a@b.com', 'ws://h:80/a@b']) expect(masker.mask(text)).toBe(text);
  });

  it('is linear: 1 MB of schemes and user names', () => {
    const t0 = performance.now();
    masker.mask('a://b:'.repeat(200_000) + '@');
    masker.mask(`x://u:${'#'.repeat(1_000_000)}`);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe('a bare secret with & ; # , in it', () => {
  const raw = fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{2,8}$/), fc.constantFrom('&', ';', '#', ','), fc.stringMatching(/^[A-Za-z0-9!%*]{1,8}$/)).map(([a, d, b]) => `${a}${d}${b}`);
  test.prop([secretName, raw, fc.constantFrom('', ' next', '&page=2', ';Database=app', ';User Id=sa', ', user=bob', '\tx')], { numRuns: 300 })(
    'is masked whole: a delimiter ends the value only before a blank, the end or another name=',
    (name, value, tail) => {
      const masked = masker.mask(`${name}=${value}${tail}`);
      expect(masked).toBe(`${name}=****${tail}`);
    },
  );

  it('is linear: 1 MB of delimiters and names without =', () => {
    const t0 = performance.now();
    masker.mask('password=' + '&aaaa;bbbb#cccc,'.repeat(70_000));
    masker.mask('password=' + `&${'a'.repeat(63)} `.repeat(16_000));
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});

describe('secrets in URLs, through a real logger', () => {
  beforeAll(() => configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' }));
  afterAll(() => resetPii());

  async function logOnce(meta: Record<string, unknown>): Promise<{ line: string; record: Record<string, any> }> {
    const { logger, capture } = makeLogger();
    logger.info('security', meta);
    await flush(logger);
    return { line: capture.lines[0], record: capture.records()[0] };
  }

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

  test.prop([secretName, secretValue, safeParam, where], { numRuns: 120 })('no secret value survives, the non-secret parts do', async (name, value, [safeName, safeValue], at) => {
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

describe('user-info as a review found it', () => {
  it('a port before , or ; is a port, not a password', () => {
    const masker = new UrlSecretMasker();
    for (const text of ['mongodb://h1:27017,h2:27017/db?replicaSet=rs0&x=a@b']) expect(masker.mask(text), text).toBe(text);
  });
});
