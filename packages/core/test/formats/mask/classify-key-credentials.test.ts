/**
 * Credentials are masked by key (issue 21, part 1): key word parts, the principle (a credential
 * word last, or followed only by qualifiers), every place a value can sit, PII configured and
 * unconfigured, through a real preset logger. Decoys that merely contain a credential word as a
 * substring, or name something about a credential (`token_count`, `session_id`), must survive.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bindLoggingContext,
  configureMasking,
  configurePii,
  EcsctxOptionsError,
  maskPii,
  resetPii,
  runWithLoggingContext,
} from '@ecsctx/core';
import { checkLogText } from '@ecsctx/core/check';
import { keyWords } from '../../../src/formats/mask/key-words';
import { KeyClassifier, CredentialKind } from '../../../src/formats/mask/classify-key';
import { makeLogger, flush } from '../../support/logger';
import { referenceDir } from '../../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

afterEach(() => {
  resetPii();
  configureMasking({});
});

describe('key words', () => {
  it.each([
    ['password', ['password']],
    ['db_password', ['db', 'password']],
    ['clientSecret', ['client', 'secret']],
    ['clientSecretV2', ['client', 'secret']],
    ['APIKey', ['api', 'key']],
    ['X-API-Key', ['x', 'api', 'key']],
    ['x-auth-token', ['x', 'auth', 'token']],
    ['stripe.secret.key', ['stripe', 'secret', 'key']],
    ['Refresh Token', ['refresh', 'token']],
    ['PIN_CODE', ['pin', 'code']],
    ['cvv2', ['cvv']],
    ['CVC2', ['cvc']],
    ['password2', ['password']],
    ['2FA_code', ['2fa', 'code']],
    ['userIDToken', ['user', 'id', 'token']],
    ['hotel_id', ['hotel', 'id']],
    ['__proto__', ['proto']],
    ['', []],
    ['émailAddress', ['émail', 'address']],
  ])('%s → %j', (key, words) => {
    expect(keyWords(key)).toEqual(words);
  });

  fcTest.prop([fc.string({ maxLength: 200 })])('never throws, and its words are lowercase letters and digits without a trailing digit', (key) => {
    for (const w of keyWords(key)) {
      expect(w).toBe(w.toLowerCase());
      expect(w).not.toMatch(/\d$/);
      expect(w).not.toMatch(/[^\p{L}\p{N}]/u);
    }
  });
});

describe('credential keys', () => {
  it.each(['PIN_CODE', 'pinCode', 'pin_number', 'otp_code', 'pass_phrase', 'recoveryCodes', 'backup_codes', 'mfa-code'])('%s names a credential (its last word says the form)', (key) => {
    expect(new KeyClassifier().classify(key).credential).toBe(CredentialKind.Secret);
  });

  it.each(['country_code', 'promo_code', 'order_number', 'phone_number', 'error_code', 'status_code', 'zip_code', 'code'])('%s names no credential', (key) => {
    expect(new KeyClassifier().classify(key).credential).toBe(CredentialKind.None);
  });

  const classifier = new KeyClassifier();
  const credential = (key: string): boolean => classifier.classify(key).credential !== CredentialKind.None;

  it.each([
    'password', 'passwd', 'pwd', 'passphrase', 'secret', 'client_secret', 'token', 'access_token', 'refreshToken', 'id_token',
    'auth_token', 'api_key', 'apiKey', 'X-API-Key', 'private_key', 'secretKey', 'signing_key', 'otp', 'totp', 'mfa_code',
    'pin', 'cvv', 'cvc', 'CVV2', 'security_code', 'card_verification_value', 'session', 'sessionid', 'session_token', 'cookie',
    'Set-Cookie', 'authorization', 'Proxy-Authorization', 'credentials', 'connection_string', 'dsn', 'webhook_secret', 'bearer',
    'jwt', 'password_hash', 'new_password', 'password_confirmation', 'db.password', 'X-Auth-Token', 'X-CSRF-Token', 'card_number',
  ])('%s names a credential', (key) => {
    expect(credential(key)).toBe(true);
  });

  it.each([
    'hotel_id', 'telemetry', 'pinned', 'spinner', 'passage', 'secretary', 'token_count', 'tokens_used', 'session_id', 'api_key_id',
    'token_type', 'password_policy', 'pin_length', 'tokenizer_version', 'keyboard', 'order_id', 'amount', 'compass', 'cookie_consent',
    'password_changed_at', 'expires_in',
  ])('%s does not', (key) => {
    expect(credential(key)).toBe(false);
  });

  // environment variables and names written without separators: the long credential words name
  // a credential at the end of a word too; short ones (pass, pin, key) end too many other words
  fcTest.prop([fc.stringMatching(/^[a-z]{1,8}$/), fc.constantFrom('password', 'passwd', 'passphrase', 'token', 'secret', 'apikey'), fc.constantFrom('lower', 'upper', 'capital')])(
    'a run-together name ending in a long credential word is a credential (PGPASSWORD, githubtoken)',
    (prefix, word, style) => {
      const name = style === 'upper' ? (prefix + word).toUpperCase() : style === 'capital' ? prefix + word.charAt(0).toUpperCase() + word.slice(1) : prefix + word;
      expect(classifier.credentialOfKey(name), name).not.toBe(CredentialKind.None);
    },
  );

  // a message authentication code signs a request; the algorithm after it names the digest's form
  fcTest.prop([
    fc.constantFrom('hmac', 'signature', 'password', 'secret'),
    fc.constantFrom('sha256', 'SHA-256', 'Sha1', 'sha512', 'md5', 'sha'),
    fc.constantFrom('', 'x-', 'X-Shopify-', 'stripe_', 'webhook.'),
    fc.constantFrom('-', '_', ''),
  ])('a credential word followed by a digest algorithm names a credential (X-Shopify-Hmac-Sha256, hmac_sha256)', (word, algorithm, prefix, sep) => {
    const name = `${prefix}${word}${sep || '-'}${algorithm}`;
    expect(classifier.credentialOfKey(name), name).toBe(CredentialKind.Secret);
    expect(classifier.credentialOfKey(`${prefix}${word}`), word).toBe(CredentialKind.Secret);
  });

  it.each(['commit_sha', 'sha256', 'file_md5', 'checksum_sha1', 'hmac_algorithm', 'sha', 'git-sha', 'etag_md5'])('%s (a digest of something else, or a setting) does not', (name) => {
    expect(classifier.credentialOfKey(name)).toBe(CredentialKind.None);
  });

  it.each(['bypass', 'compass', 'spin', 'monkey', 'tokenizer', 'secretary', 'passwordless', 'tokens_total', 'secretariat'])('%s does not name a credential', (name) => {
    expect(classifier.credentialOfKey(name)).toBe(CredentialKind.None);
  });

  it('reads PII keys by word part too: hotel_id and telemetry are not phones, firstname and phoneNumber are PII', () => {
    expect(classifier.classify('hotel_id').sensitivity).toBe(0);
    expect(classifier.classify('telemetry').sensitivity).toBe(0);
    expect(classifier.classify('firstname').sensitivity).toBe(1);
    expect(classifier.classify('customerName').sensitivity).toBe(1);
    expect(classifier.classify('phoneNumber').sensitivity).toBe(2);
    expect(classifier.classify('tel').sensitivity).toBe(2);
    expect(classifier.classify('customerId').safe).toBe(true);
  });

  it('takes more credential words, safe keys and PII words; malformed lists are an options error', () => {
    const more = new KeyClassifier({ secretKeys: ['pin_block', 'vaultRole'], safeKeys: ['password_hint'], sensitiveKeyParts: ['passport'] });
    expect(more.classify('PinBlock').credential).toBe(CredentialKind.Secret);
    expect(more.classify('x_vault_role').credential).toBe(CredentialKind.Secret);
    expect(more.classify('passwordHint').credential).toBe(CredentialKind.None);
    expect(more.classify('passport_no').sensitivity).toBe(1);
    expect(() => new KeyClassifier({ secretKeys: ['--'] })).toThrow(EcsctxOptionsError);
    expect(() => maskPii({ secretKeys: 'password' as never })).toThrow(EcsctxOptionsError);
    expect(() => configureMasking({ safeKeys: [42 as never] })).toThrow(EcsctxOptionsError);
  });
});

// ---- generators ----------------------------------------------------------------------------

const CREDENTIALS: readonly (readonly string[])[] = [
  ['password'], ['passwd'], ['pwd'], ['passphrase'], ['secret'], ['client', 'secret'], ['token'], ['access', 'token'],
  ['refresh', 'token'], ['id', 'token'], ['auth', 'token'], ['api', 'key'], ['apikey'], ['private', 'key'], ['secret', 'key'],
  ['signing', 'key'], ['otp'], ['totp'], ['mfa', 'code'], ['pin'], ['cvv'], ['cvc'], ['security', 'code'], ['session'],
  ['session', 'token'], ['credentials'], ['bearer'], ['jwt'], ['connection', 'string'], ['webhook', 'secret'], ['passcode'],
];
const PREFIXES: readonly (readonly string[])[] = [[], [], ['db'], ['user'], ['stripe'], ['new'], ['x'], ['my', 'app'], ['oauth']];
const QUALIFIERS: readonly (readonly string[])[] = [[], [], [], ['value'], ['hash'], ['confirmation'], ['raw']];
const DECOYS: readonly (readonly string[])[] = [
  ['hotel', 'id'], ['telemetry'], ['pinned'], ['spinner'], ['passage'], ['order', 'id'], ['amount'], ['keyboard'], ['token', 'count'],
  ['tokens', 'used'], ['password', 'policy'], ['secretary'], ['api', 'key', 'id'], ['token', 'type'], ['pin', 'length'],
  ['tokenizer', 'version'], ['compass'], ['cookie', 'consent'], ['expires', 'in'], ['password', 'expiry'], ['bypass', 'mode'],
];

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
type Style = (words: readonly string[]) => string;
const STYLES: readonly Style[] = [
  (w) => w.join('_'),
  (w) => w.join('-'),
  (w) => w.join('.'),
  (w) => w.join('_').toUpperCase(),
  (w) => w[0] + w.slice(1).map(cap).join(''),
  (w) => w.map(cap).join(''),
  (w) => w.join(' '),
  (w) => ['X', ...w.map(cap)].join('-'),
  (w) => (w[0].length <= 3 ? w[0].toUpperCase() : cap(w[0])) + w.slice(1).map(cap).join(''),
];

const keyOf = (words: fc.Arbitrary<readonly string[]>): fc.Arbitrary<string> =>
  fc.tuple(words, fc.constantFrom(...STYLES)).map(([w, style]) => style(w));
const credentialKey = keyOf(
  fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...CREDENTIALS), fc.constantFrom(...QUALIFIERS)).map(([p, c, q]) => [...p, ...c, ...q]),
);
const decoyKey = keyOf(fc.tuple(fc.constantFrom(...PREFIXES.filter((p) => p[0] !== 'new' && p[0] !== 'oauth')), fc.constantFrom(...DECOYS)).map(([p, d]) => [...p, ...d]));
/** A secret: letters and digits, unlike anything else on a line. */
const secretValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{6,24}$/).map((s) => `Zq${s}`),
  fc.integer({ min: 10_000_000, max: 99_999_999 }),
);
const decoyValue = fc.oneof(fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `dv${s}`), fc.integer({ min: 0, max: 99_999 }));

/** Where a planted pair goes: a path of object keys and array steps, at random depth. */
const path = fc.array(fc.oneof(fc.constantFrom('data', 'body', 'items', 'meta', 'request', 'nested'), fc.constant(0)), { maxLength: 4 });

function nest(steps: readonly (string | number)[], leaf: Record<string, unknown>): unknown {
  let value: unknown = leaf;
  for (let i = steps.length - 1; i >= 0; i--) value = typeof steps[i] === 'number' ? [value] : { [steps[i] as string]: value };
  return value;
}

type Place = 'meta' | 'nested' | 'extra' | 'labels' | 'context' | 'error' | 'json-text' | 'headers';
const PLACES: readonly Place[] = ['meta', 'nested', 'extra', 'labels', 'context', 'error', 'json-text', 'headers'];

interface Plant {
  readonly place: Place;
  readonly steps: readonly (string | number)[];
  readonly pairs: readonly (readonly [string, unknown, boolean])[]; // key, value, is a secret
}

const plant = fc.record({
  place: fc.constantFrom(...PLACES),
  steps: path,
  pairs: fc.array(fc.oneof(fc.tuple(credentialKey, secretValue, fc.constant(true)), fc.tuple(decoyKey, decoyValue, fc.constant(false))), { minLength: 1, maxLength: 6 }),
});

/**
 * The planted object: the first value of each key wins. A dotted key at the line's root is a
 * path (`token.count` is written `token: { count }`, under a credential): decoys there are
 * planted undotted.
 */
function leafOf(p: Plant): Record<string, unknown> {
  const leaf: Record<string, unknown> = {};
  const rootDots = p.place === 'meta';
  for (const [k, v, secret] of p.pairs) {
    const key = rootDots && !secret ? k.replace(/\./g, '_') : k;
    if (!Object.prototype.hasOwnProperty.call(leaf, key)) leaf[key] = v;
  }
  return leaf;
}

async function logPlant(p: Plant): Promise<string> {
  const { logger, capture } = makeLogger();
  const leaf = leafOf(p);
  const inner = nest(p.steps, leaf);
  switch (p.place) {
    case 'meta':
      logger.info('planted', leaf);
      break;
    case 'nested':
      logger.info('planted', { payload: inner });
      break;
    case 'extra':
      logger.info('planted', { extra: inner });
      break;
    case 'labels':
      logger.info('planted', { labels: p.steps.length === 0 ? leaf : { ctx: inner } });
      break;
    case 'context':
      await runWithLoggingContext(async () => {
        bindLoggingContext({ extra: { bound: inner } });
        logger.info('planted');
      });
      break;
    case 'error': {
      const error = new Error('boom');
      Object.assign(error, p.steps.length === 0 ? leaf : { details: inner });
      logger.error('planted', error);
      break;
    }
    case 'json-text':
      logger.info('planted', { body: JSON.stringify(inner) });
      break;
    case 'headers':
      logger.info('planted', { http: { request: { headers: leaf } } });
      break;
  }
  await flush(logger);
  return capture.lines.join('\n');
}

interface Tally {
  decoys: number;
  damaged: number;
  /** The first damaged decoys, for the failure message. */
  examples: string[];
}

async function checkPlant(p: Plant, tally: Tally): Promise<void> {
  const text = await logPlant(p);
  const leaf = leafOf(p);
  const secretKeys = new Set(p.pairs.filter(([, , secret]) => secret).map(([k]) => k));
  for (const [key, value] of Object.entries(leaf)) {
    const secret = secretKeys.has(key);
    if (secret) {
      expect(text, `${key} in ${p.place}`).not.toContain(String(value));
    } else {
      tally.decoys++;
      const shown = typeof value === 'string' ? value : String(value);
      if (!text.includes(shown)) {
        tally.damaged++;
        if (tally.examples.length < 10) tally.examples.push(`${p.place} ${JSON.stringify(p.steps)} ${key}=${shown}`);
      }
    }
  }
}

describe('planted credentials never reach a line', () => {
  const tally: Tally = { decoys: 0, damaged: 0, examples: [] };

  fcTest.prop([plant], { numRuns: 300 })('PII unconfigured', async (p) => {
    await checkPlant(p, tally);
  });

  fcTest.prop([plant], { numRuns: 300 })('PII configured', async (p) => {
    configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    await checkPlant(p, tally);
  });

  it('damages under 0.5% of the decoys', () => {
    expect(tally.decoys).toBeGreaterThan(100);
    expect(tally.damaged / tally.decoys, tally.examples.join('\n')).toBeLessThan(0.005);
  });
});

describe('name–value pair objects', () => {
  // `{ name, value }` (Kubernetes env, HAR headers) and `{ Key, Value }` (AWS tags): the value
  // is judged under the name its sibling holds
  const pairShape = fc.constantFrom(['name', 'value'], ['key', 'value'], ['Name', 'Value'], ['Key', 'Value']);
  // (values of one kind: objects whose fields differ in kind in one array are a collision, another rule)
  const secretText = fc.stringMatching(/^[A-Za-z0-9]{6,24}$/).map((s) => `Zq${s}`);
  const decoyText = fc.stringMatching(/^[a-z]{3,8}$/).map((s) => `dv${s}`);
  const entries = fc.array(fc.oneof(fc.tuple(credentialKey, secretText, fc.constant(true)), fc.tuple(decoyKey, decoyText, fc.constant(false))), { minLength: 1, maxLength: 5 });
  fcTest.prop([path, entries, pairShape, fc.boolean()], { numRuns: 200 })(
    'the value of a pair named as a credential is masked; any other keeps its value',
    async (steps, list, [nameKey, valueKey], valueFirst) => {
      const { logger, capture } = makeLogger();
      const items = list.map(([name, value]) => (valueFirst ? { [valueKey]: value, [nameKey]: name } : { [nameKey]: name, [valueKey]: value }));
      logger.info('pairs', { list: nest(steps, { items }) });
      await flush(logger);
      const line = capture.lines[0];
      for (const [name, value, secret] of list) {
        if (secret) expect(line, `${name}: ${String(value)}`).not.toContain(String(value));
        else expect(line, `${name}: ${String(value)}`).toContain(`"${valueKey}":${JSON.stringify(value)}`);
      }
    },
  );
});

describe('examples', () => {
  it('masks the issue\'s login example, keeping the Authorization scheme and cookie names', async () => {
    const { logger, capture } = makeLogger();
    logger.info('login', {
      password: 'hunter2',
      token: 'tok_abc',
      secret: 's3',
      pin: 1234,
      credentials: { user: 'bob', key: ['k1', 'k2'] },
      headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz', cookie: 'sid=abc; theme=dark' },
      hotel_id: 'on',
      token_count: 12,
    });
    await flush(logger);
    const r = capture.records()[0];
    expect(r.extra).toMatchObject({ password: '[REDACTED]', token: '[REDACTED]', secret: '[REDACTED]', pin: '[REDACTED]', hotel_id: 'on', token_count: 12 });
    expect(r.extra.credentials).toEqual({ user: '[REDACTED]', key: ['[REDACTED]', '[REDACTED]'] });
    expect(r.headers).toEqual({ authorization: 'Bearer abcd****wxyz', cookie: 'sid=****; theme=****' });
  });

  it('masks the entries of a fetch Headers, URLSearchParams and FormData like an object\'s keys', async () => {
    const { logger, capture } = makeLogger();
    const form = new FormData();
    form.append('password', 'hunter2');
    form.append('note', 'hello');
    logger.info('outbound', {
      headers: new Headers({ authorization: 'Bearer abcdefghijklmnopqrstuvwxyz', accept: 'application/json' }),
      query: new URLSearchParams('api_key=sk_live_abcdefghijklmnop&page=2'),
      form,
    });
    await flush(logger);
    const line = capture.lines[0];
    for (const secret of ['abcdefghijklmnopqrstuvwxyz', 'sk_live_abcdefghijklmnop', 'hunter2']) expect(line).not.toContain(secret);
    const r = capture.records()[0];
    expect(r.headers).toEqual({ authorization: 'Bearer abcd****wxyz', accept: 'application/json' });
    expect(r.extra).toMatchObject({ query: { api_key: 'sk_l****mnop', page: '2' }, form: { password: '[REDACTED]', note: 'hello' } });
  });

  it('leaves a credential readable only when an exempt path names it', async () => {
    configureMasking({ exemptPaths: ['extra.debug_token', 'extra.form'] });
    const { logger, capture } = makeLogger();
    logger.info('x', { debug_token: 'visible', form: { password: 'hidden', name: 'Bob' }, 'signing.key': 'sk1', 'api.key.id': 'k-1' });
    await flush(logger);
    const r = capture.records()[0];
    expect(r.extra.debug_token).toBe('visible');
    expect(r.extra.form).toEqual({ password: '[REDACTED]', name: 'Bob' });
    expect(JSON.stringify(r)).not.toContain('sk1');
    expect(JSON.stringify(r)).toContain('k-1');
  });

  it('takes secretKeys and safeKeys from configureMasking and PII_MASK_* variables', async () => {
    configureMasking({ secretKeys: ['pin_block'] });
    const { logger, capture } = makeLogger({ env: { PROJECT_NAME: 'shopfront', PII_MASK_SECRET_KEYS: 'vault role', PII_MASK_SAFE_KEYS: 'otp' } });
    logger.info('x', { pinBlock: 'AB12', vault_role: 'r-1', otp: 'public-demo' });
    await flush(logger);
    expect(capture.records()[0].extra).toEqual({ pinBlock: '[REDACTED]', vault_role: '[REDACTED]', otp: 'public-demo' });
  });

  it('masks name=value credentials in text', async () => {
    const { logger, capture } = makeLogger();
    logger.info('callback otp=123456&x_auth_token=abc&page=2');
    await flush(logger);
    expect(capture.records()[0].message).toBe('callback otp=****&x_auth_token=****&page=2');
  });
});

describe('ecsctx check', () => {
  it('reports a credential in clear as a secret error, and finds none in our logger\'s lines', async () => {
    const raw = JSON.stringify({
      '@timestamp': '2026-01-01T00:00:00.000Z', 'log.level': 'info', message: 'login', 'ecs.version': '1.12.0', service: { name: 'app' },
      extra: { userPassword: 'hunter2', otp: 123456, token_count: 5 },
      http: { request: { body: { content: '{"client_secret":"cs"}' } } },
    });
    const bad = checkLogText(raw);
    const secrets = bad.findings.filter((f) => f.check === 'secret').map((f) => f.path);
    expect(secrets.sort()).toEqual(['extra.otp', 'extra.userPassword', 'http.request.body.content.client_secret']);
    expect(JSON.stringify(bad.findings)).not.toContain('hunter2');

    const { logger, capture } = makeLogger();
    logger.info('login', { userPassword: 'hunter2', otp: 123456, body: '{"client_secret":"cs"}', headers: { Authorization: 'Bearer abcdefghijklmnopqrstu' } });
    await flush(logger);
    expect(checkLogText(capture.lines.join('\n')).findings.filter((f) => f.check === 'secret')).toEqual([]);
  });

  it('takes the same extra key lists as the mask: secretKeys reports more, safeKeys fewer', () => {
    const raw = JSON.stringify({
      '@timestamp': '2026-01-01T00:00:00.000Z', 'log.level': 'info', message: 'vault', 'ecs.version': '1.12.0', service: { name: 'app' },
      extra: { vault_role: 'admin', vaultRole2: 'x', otp: 123456, role: 'reader' },
    });
    const paths = (options: Parameters<typeof checkLogText>[1]): string[] =>
      checkLogText(raw, options).findings.filter((f) => f.check === 'secret').map((f) => f.path).sort();
    expect(paths({})).toEqual(['extra.otp']);
    expect(paths({ secretKeys: ['vault role'] })).toEqual(['extra.otp', 'extra.vaultRole2', 'extra.vault_role']);
    expect(paths({ secretKeys: ['vault role'], safeKeys: ['otp'] })).toEqual(['extra.vaultRole2', 'extra.vault_role']);
    expect(() => checkLogText(raw, { secretKeys: 'vault role' as never })).toThrow(/secretKeys must be an array/);
  });
});

/** The `extra` of one line logged with `meta` through a real logger. */
async function extraOf(meta: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { logger, capture } = makeLogger();
  logger.info('x', meta);
  await flush(logger);
  return capture.records()[0].extra as Record<string, unknown>;
}

describe('pairs as a review found them', () => {
  it('validation errors: an error\'s own name does not hide its field; index parts and ajv 6 dataPath', async () => {
    const extra = await extraOf({
      errors: [
        { name: 'ValidationError', path: 'password', value: 'Hunter2a' },
        { path: ['passwords', 1], value: 'Hunter2b' },
        { dataPath: '.password', data: 'Hunter2c' },
      ],
    });
    expect(JSON.stringify(extra)).not.toMatch(/Hunter2/);
  });

  it('two-item lists of names are not pairs; an option value always is', async () => {
    const extra = await extraOf({
      amr: ['pwd', 'otp'],
      channels: ['email', 'phone'],
      required: ['password', 'email'],
      argv: ['--password', 'secret'],
      // a value that merely holds a word the rules act on (`secret`, `ip`) is a value
      pair: ['password', 'SuperSecret'],
      random: ['api_key', 'vZIpA0a00'],
    });
    expect(extra.pair).toEqual(['password', '[REDACTED]']);
    expect(JSON.stringify(extra.random)).not.toContain('vZIpA0a00');
    expect(extra.amr).toEqual(['pwd', 'otp']);
    expect(extra.channels).toEqual(['email', 'phone']);
    expect(extra.required).toEqual(['password', 'email']);
    expect(extra.argv).toEqual(['--password', '[REDACTED]']);
  });
});

describe('codes that prove who someone is or let them in', () => {
  it('are credentials under their keys, and other codes are not', () => {
    const rules = new KeyClassifier();
    for (const key of ['reset_code', 'password_reset_code', 'authorization_code', 'confirmationCode', 'otp_code', 'sms-code', 'login_code', 'door_access_code', 'activation_code']) {
      expect(rules.credentialOfKey(key), key).not.toBe(0);
    }
    for (const key of ['promo_code', 'error_code', 'status_code', 'country_code', 'zip_code', 'currency_code', 'discount_code', 'product_code', 'response_code']) {
      expect(rules.credentialOfKey(key), key).toBe(0);
    }
  });
});

describe('"password" in other languages', () => {
  it('is a credential word under any casing and beside other word parts, and its look-alikes are not', () => {
    const rules = new KeyClassifier();
    for (const key of ['пароль', 'ПАРОЛЬ', 'user_пароль', 'hasło', 'haslo', 'heslo', 'jelszó', 'lösenord', 'passord', 'adgangskode', 'salasana', 'şifre', 'parolă', '密码', '密碼', '口令', 'パスワード', '비밀번호', 'סיסמה', 'mot_de_passe', 'motDePasse', 'كلمة_المرور', 'db_senha']) {
      expect(rules.credentialOfKey(key), key).not.toBe(0);
    }
    for (const key of ['passe', 'de', 'mot', 'كلمة', 'parola', 'clave', 'password_policy', 'пароль_policy']) {
      expect(rules.credentialOfKey(key), key).toBe(0);
    }
  });
});

describe('a credential named in another script, in text', () => {
  fcTest.prop([fc.constantFrom('пароль', 'ПАРОЛЬ', 'hasło', 'jelszó', 'şifre', 'contraseña', '密码', 'パスワード', '비밀번호', 'סיסמה', 'كلمة_المرور', 'mot_de_passe', 'db_пароль'), fc.constantFrom(': ', '=', ' = ', ':'), fc.stringMatching(/^[A-Za-z0-9]{6,16}$/)], { numRuns: 60 })(
    'its value is masked after `:` or `=`, the name kept',
    async (name, separator, value) => {
      const { logger, capture } = makeLogger();
      logger.info(`login ${name}${separator}${value} done`);
      await flush(logger);
      const line = capture.lines[0] as string;
      expect(line).not.toContain(value);
      expect(line).toContain(`${name}${separator}`);
    },
  );
});

describe('Chinese, Japanese and Korean credential names', () => {
  fcTest.prop([fc.constantFrom('', '用户', '登录', '管理员', 'ログイン', '사용자'), fc.constantFrom('密码', '密碼', '口令', 'パスワード', '비밀번호'), fc.constantFrom('：', ':', '：', '=', ': '), fc.stringMatching(/^[A-Za-z0-9]{6,16}$/)], { numRuns: 60 })(
    'a name ending in the word for password is a credential, as a key and in text with a full-width colon',
    async (prefix, word, separator, value) => {
      const name = `${prefix}${word}`;
      const { logger, capture } = makeLogger();
      logger.info(`登录 ${name}${separator}${value}`, { [name]: value });
      await flush(logger);
      const line = capture.lines[0] as string;
      expect(line).not.toContain(value);
      expect(line).toContain(`${name}${separator}`);
    },
  );

  it('other full-width pairs stay', async () => {
    const { logger, capture } = makeLogger();
    logger.info('时间：2026-12-07 用户：张三 状态：成功');
    await flush(logger);
    expect((capture.records()[0] as { message: string }).message).toBe('时间：2026-12-07 用户：张三 状态：成功');
  });
});
