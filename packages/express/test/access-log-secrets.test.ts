/**
 * Credentials never reach an access-log line (issue 21, part 1): request and response bodies
 * (JSON and urlencoded), request and response headers, with PII configured and unconfigured,
 * through a real Express server and a real preset logger. `ecsctx check` finds them clean.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLogText } from '@ecsctx/core/check';
import { configurePii, resetPii } from '@ecsctx/core';
import { accessLog, expressContext, HTTP_EVENTS } from '@ecsctx/express';
import { EXPRESS_VERSIONS } from './support/express-versions';
import { listen, request, type Running } from './support/http';
import { collectDiagnostics, makeLogs, withMessage, type Logs } from './support/logs';
import { referenceDir } from '../../core/test/support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

collectDiagnostics();
let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  resetPii();
});

const done = (logs: Logs, n = 1) => logs.until((l) => withMessage(l, HTTP_EVENTS.responseSent).length >= n);

describe.each(EXPRESS_VERSIONS)('accessLog credentials with %s', (_name, express) => {
  function app(logs: Logs) {
    const a = express();
    a.use(express.json());
    a.use(express.urlencoded({ extended: false }));
    a.use(expressContext());
    a.use(accessLog({ logger: logs.logger }));
    a.post('/login', (_req, res) => {
      res.setHeader('Set-Cookie', ['sid=SESSIONCOOKIE123; Path=/; HttpOnly', 'theme=dark']);
      res.setHeader('X-Session-Token', 'RESPONSEHEADERTOKEN');
      res.json({ access_token: 'ACCESSTOKENVALUE', refresh_token: 'REFRESHTOKENVALUE', id_token: 'IDTOKENVALUE', token_type: 'Bearer', expires_in: 3600, user: { id: 'u-1' } });
    });
    return a;
  }

  const SECRETS = [
    'hunter2-PASSWORD', '918273', 'OTPCODE77', '4111111111111111', 'CVV987', 'ACCESSTOKENVALUE', 'REFRESHTOKENVALUE', 'IDTOKENVALUE',
    'SESSIONCOOKIE123', 'RESPONSEHEADERTOKEN', 'APIKEYHEADER', 'AUTHTOKENHEADER', 'COOKIEVALUE1', 'CUSTOMTOKENHEADER', 'bearer-secret-value-123456',
  ];

  for (const pii of [false, true]) {
    it(`POST /login with a JSON body: nothing secret in clear (PII ${pii ? 'configured' : 'unconfigured'})`, async () => {
      if (pii) configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      const logs = makeLogs();
      running = await listen(app(logs));
      await request(`${running.url}/login`, {
        method: 'POST',
        body: JSON.stringify({ username: 'bob', password: 'hunter2-PASSWORD', pin: 918273, otp: 'OTPCODE77', card: { cardNumber: '4111111111111111', cvv: 'CVV987' } }),
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'APIKEYHEADER',
          'x-auth-token': 'AUTHTOKENHEADER',
          cookie: 'sid=COOKIEVALUE1',
          'x-tenant-refresh-token': 'CUSTOMTOKENHEADER',
          authorization: 'Bearer bearer-secret-value-123456',
        },
      });
      await done(logs);
      const text = logs.capture.lines.join('\n');
      for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
      const out = withMessage(logs.records(), HTTP_EVENTS.responseSent)[0];
      expect(out.http.response.body.content).toContain('"token_type":"Bearer"');
      expect(out.http.response.body.content).toContain('"expires_in":3600');
      const report = checkLogText(text);
      expect(report.findings.filter((f) => f.check === 'secret')).toEqual([]);
    });
  }

  it('POST /login with an urlencoded body: nothing secret in clear', async () => {
    const logs = makeLogs();
    running = await listen(app(logs));
    await request(`${running.url}/login?otp=918273&page=2`, {
      method: 'POST',
      body: 'username=bob&password=hunter2-PASSWORD&cvc=CVV987&card_number=4111111111111111&remember=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await done(logs);
    const text = logs.capture.lines.join('\n');
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    const inbound = withMessage(logs.records(), HTTP_EVENTS.requestReceived)[0];
    expect(inbound.http.request.body.content).toContain('"remember":"yes"');
    expect(inbound.url.query).toBe('otp=****&page=2');
  });
});

// ---- generated: credential keys in random styles at random depth in bodies and headers ----

const CREDENTIALS = [['password'], ['client', 'secret'], ['access', 'token'], ['refresh', 'token'], ['api', 'key'], ['otp'], ['pin'], ['cvv'], ['private', 'key'], ['session', 'token'], ['auth', 'token'], ['passphrase']];
const DECOYS = [['hotel', 'id'], ['telemetry'], ['pinned'], ['spinner'], ['passage'], ['order', 'id'], ['amount'], ['token', 'count'], ['token', 'type'], ['session', 'id']];
const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
const STYLES = [
  (w: string[]) => w.join('_'),
  (w: string[]) => w.join('-'),
  (w: string[]) => w[0] + w.slice(1).map(cap).join(''),
  (w: string[]) => w.join('_').toUpperCase(),
  (w: string[]) => ['x', ...w].join('-'),
];
/** A planted key as a header name: lowercased, camelCase split by hyphens (it would lose its word boundaries). */
const asHeaderName = (k: string): string => k.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
const key = (words: string[][]) => fc.tuple(fc.constantFrom(...words), fc.constantFrom(...STYLES)).map(([w, style]) => style(w));
const pairs = fc.uniqueArray(
  fc.oneof(
    fc.tuple(key(CREDENTIALS), fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((s) => `Zq${s}`), fc.constant(true)),
    fc.tuple(key(DECOYS), fc.stringMatching(/^[a-z]{4,10}$/).map((s) => `dv${s}`), fc.constant(false)),
  ),
  // unique as header names too: `tokenType` is planted as the header `token-type`
  { minLength: 1, maxLength: 5, selector: ([k]) => asHeaderName(k) },
);
const depth = fc.array(fc.constantFrom('data', 'login', 'form', 'meta'), { maxLength: 3 });

describe('generated credentials in access-log bodies and headers', () => {
  const tally = { decoys: 0, damaged: 0, examples: [] as string[] };
  const express = EXPRESS_VERSIONS[0][1];
  let server: Running | undefined;
  let logs: Logs | undefined;
  let reply: unknown;

  fcTest.prop([pairs, depth, fc.constantFrom('json', 'urlencoded', 'headers', 'response'), fc.boolean()], { numRuns: 40 })(
    'no planted value in clear',
    async (planted, steps, where, pii) => {
      if (pii) configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      else resetPii();
      if (server === undefined) {
        logs = makeLogs();
        const a = express();
        a.use(express.json());
        a.use(express.urlencoded({ extended: true }));
        a.use(expressContext());
        a.use(accessLog({ logger: logs.logger }));
        a.post('/p', (_req, res) => res.json(reply ?? { ok: true }));
        server = await listen(a);
      }
      const leaf: Record<string, string> = Object.fromEntries(planted.map(([k, v]) => [k, v]));
      let nested: Record<string, unknown> = leaf;
      for (const s of [...steps].reverse()) nested = { [s]: nested };
      const before = (logs as Logs).capture.lines.length;
      reply = where === 'response' ? nested : undefined;
      // header names arrive lowercased: a camelCase name would lose its word boundaries
      // (`sessionId` → `sessionid`, a credential word), so headers are planted kebab-cased
      const headers: Record<string, string> = where === 'headers' ? Object.fromEntries(planted.map(([k, v]) => [asHeaderName(k), v])) : {};
      let body = '{}';
      if (where === 'json') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(nested);
      } else if (where === 'urlencoded') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(leaf).toString();
      } else headers['content-type'] = 'application/json';
      await request(`${server.url}/p`, { method: 'POST', body, headers });
      await (logs as Logs).until((l) => withMessage(l.slice(before), HTTP_EVENTS.responseSent).length >= 1);
      const text = (logs as Logs).capture.lines.slice(before).join('\n');
      for (const [k, v, secret] of planted) {
        if (secret) expect(text, `${k} in ${where}`).not.toContain(v);
        else {
          tally.decoys++;
          if (!text.includes(v)) {
            tally.damaged++;
            if (tally.examples.length < 8) tally.examples.push(`${where} ${steps.join('.')} ${k}=${v}`);
          }
        }
      }
    },
  );

  it('damages under 0.5% of the decoys', async () => {
    await server?.close();
    expect(tally.decoys).toBeGreaterThan(20);
    expect(tally.damaged / tally.decoys, tally.examples.join('\n')).toBeLessThan(0.005);
  });
});

describe('a body cut to maxBodyLength', () => {
  const [, express] = EXPRESS_VERSIONS[0];
  const CARD = '4111 1111 1111 1111';
  const EMAIL = 'jane.doe@example.com';
  fcTest.prop([fc.integer({ min: 16, max: 160 }), fc.integer({ min: -24, max: 24 }), fc.constantFrom(CARD, EMAIL), fc.boolean(), fc.integer({ min: 0, max: 2_000 })], { numRuns: 25 })(
    'never keeps part of a value the cut went through: the text is masked before it is cut',
    async (maxBodyLength, offset, value, asJson, tail) => {
      const logs = makeLogs();
      const a = express();
      a.use(express.text());
      a.use(express.json());
      a.use(expressContext());
      a.use(accessLog({ logger: logs.logger, maxBodyLength, requestHeaders: false, responseHeaders: false }));
      a.post('/notes', (req, res) => res.json(asJson ? req.body : { echo: req.body }));
      running = await listen(a);
      // the value starts `offset` characters from the cut, so the cut goes through it or near it
      const note = 'n'.repeat(Math.max(0, maxBodyLength + offset)) + ' ' + value + ' ' + 'x'.repeat(tail);
      await request(`${running.url}/notes`, {
        method: 'POST',
        body: asJson ? JSON.stringify({ note }) : note,
        headers: { 'content-type': asJson ? 'application/json' : 'text/plain' },
      });
      await done(logs);
      await running.close();
      running = undefined;
      const contents = logs.records().flatMap((l) => [l.http?.request?.body?.content, l.http?.response?.body?.content]).filter((c): c is string => typeof c === 'string');
      expect(contents.length).toBeGreaterThan(0);
      for (const content of contents) {
        const digits = content.replace(/[^0-9 ]/g, '|');
        expect(digits, content).not.toMatch(/(?:\d ?){6}/);
        expect(content, content).not.toMatch(/jane|\.doe|@exa/);
      }
    },
  );
});
