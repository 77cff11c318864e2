/**
 * `src/serialize/paired-key.ts`: pairs written without an object key. An array item after a
 * command-line option (`['--password', 'x']`) and the second item of a two-item array whose
 * first is a name (`['password', 'x']`) are masked as a value under that name — through a real
 * logger, on the text path and the object path (an array of mixed kinds), and in JSON text.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { arrayPairName, maskKeyOf } from '../../src/serialize/paired-key';
import { CredentialKind, KeyClassifier } from '../../src/formats/mask/classify-key';
import { makeLogger, flush } from '../support/logger';

const rules = new KeyClassifier();

async function logged(meta: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { logger, capture } = makeLogger();
  logger.info('x', meta);
  await flush(logger);
  expect(capture.lines).toHaveLength(1);
  return capture.records()[0] as Record<string, unknown>;
}

describe('arrayPairName', () => {
  it('names the item after an option, and the second item of a two-item array', () => {
    expect(arrayPairName(4, 3, '--password')).toBe('password');
    expect(arrayPairName(2, 1, 'api_key')).toBe('api_key');
    expect(arrayPairName(3, 1, 'password')).toBeUndefined(); // a list of words, not a pair
    expect(arrayPairName(2, 1, '--')).toBeUndefined();
    expect(arrayPairName(2, 1, 'two words')).toBeUndefined();
    expect(arrayPairName(2, 1, 42)).toBeUndefined();
    expect(arrayPairName(2, 1, `--${'a'.repeat(80)}`)).toBeUndefined();
  });
});

describe('pairs in arrays, through a real logger', () => {
  it('masks an argv option value and a pair, and keeps every other item', async () => {
    const line = await logged({
      argv: ['node', 'app.js', '--password', 'hunter2', '--port', '8080', '--log-level', 'debug'],
      mixed: ['--port', 80, '--api-key', 'k-123-secret'],
      pairs: [['password', 'hunter2'], ['user', 'bob'], ['id', '7']],
      fields: ['id', 'password', 'email'],
      json: JSON.stringify({ argv: ['--token', 'abc123'] }),
    });
    const extra = line.extra as Record<string, unknown>;
    expect(extra.argv).toEqual(['node', 'app.js', '--password', '[REDACTED]', '--port', '8080', '--log-level', 'debug']);
    expect(extra.mixed).toEqual(['--port', '80', '--api-key', '****']); // masked as under an api_key key
    expect(extra.pairs).toEqual([['password', '[REDACTED]'], ['user', 'bob'], ['id', '7']]);
    expect(extra.fields).toEqual(['id', 'password', 'email']);
    expect(extra.json).toBe('{"argv":["--token","[REDACTED]"]}');
  });

  const optionName = fc.oneof(fc.constantFrom('password', 'db-password', 'api-key', 'token', 'client_secret', 'verbose', 'port', 'host', 'user'), fc.stringMatching(/^[a-z][a-z0-9_-]{0,14}$/));
  const word = fc.stringMatching(/^[A-Za-z0-9]{6,16}$/).map((w) => `v${w}`);
  test.prop([fc.array(fc.tuple(optionName, word), { minLength: 1, maxLength: 6 }), fc.constantFrom('argv', 'pair')], { numRuns: 200 })(
    'a value is masked exactly when the key rules call its name a credential',
    async (generated, form) => {
      // (each value distinct: a kept value must not stand for a masked one)
      const options = generated.map(([name, value], i): [string, string] => [name, `${value}_${i}_`]);
      const argv = options.flatMap(([name, value]) => [`--${name}`, value]);
      const pairs = options.map(([name, value]) => [name, value]);
      const line = await logged(form === 'argv' ? { argv } : { pairs });
      const text = JSON.stringify(line.extra);
      for (const [name, value] of options) {
        const secret = rules.credentialOfKey(name) !== CredentialKind.None;
        // (a PII name's value is tokenized: also gone)
        if (secret) expect(text, name).not.toContain(value);
        else if (rules.classify(name).sensitivity === 0) expect(text, name).toContain(value);
      }
    },
  );
});

describe('pair objects ({ name, value }) through a real logger', () => {
  const envName = fc.oneof(fc.constantFrom('LOG_LEVEL', 'NODE_ENV', 'PORT', 'DB_PASSWORD', 'API_TOKEN', 'OWNER_EMAIL', 'REGION'), fc.stringMatching(/^[A-Z][A-Z0-9_]{1,20}$/));
  const envValue = fc.stringMatching(/^[a-z0-9.-]{3,16}$/).map((v) => `v${v}`);
  test.prop([fc.array(fc.tuple(envName, envValue), { minLength: 1, maxLength: 5 }), fc.constantFrom('name', 'Name', 'key', 'Key')], { numRuns: 100 })(
    'the name of a pair object stays as written (it names the value); the value is judged under it',
    async (entries, nameKey) => {
      const valueKey = nameKey.charAt(0) === 'N' || nameKey.charAt(0) === 'K' ? 'Value' : 'value';
      const line = await logged({ env: entries.map(([n, v]) => ({ [nameKey]: n, [valueKey]: v })) });
      const written = (line.extra as { env: Record<string, unknown>[] }).env;
      entries.forEach(([n, v], i) => {
        expect(written[i][nameKey]).toBe(n);
        const cls = rules.classify(n);
        if (rules.credentialOfKey(n) !== CredentialKind.None || cls.sensitivity !== 0) expect(written[i][valueKey]).not.toBe(v);
        else expect(written[i][valueKey]).toBe(v);
      });
    },
  );
});

describe("Node's rawHeaders through a real logger", () => {
  const headerName = fc.constantFrom('Host', 'Accept', 'User-Agent', 'Content-Type', 'X-Request-Id', 'X-Api-Key', 'Authorization', 'X-Auth-Token', 'Proxy-Authorization', 'X-Client-Secret');
  const headerValue = fc.stringMatching(/^[A-Za-z0-9]{10,24}$/).map((v) => `h${v}`);
  test.prop([fc.array(fc.tuple(headerName, headerValue), { minLength: 1, maxLength: 8 }), fc.constantFrom('rawHeaders', 'rawTrailers'), fc.boolean()], { numRuns: 100 })(
    'each value is masked as under its header name in a headers object; names and other values stay',
    async (pairs, key, nested) => {
      const flat = pairs.flatMap(([n, v]) => [n, v]);
      const line = await logged(nested ? { req: { [key]: flat } } : { [key]: flat });
      const extra = line.extra as Record<string, unknown>;
      const written = (nested ? (extra.req as Record<string, unknown>)[key] : extra[key]) as string[];
      pairs.forEach(([n, v], i) => {
        expect(written[2 * i]).toBe(n);
        const secret = rules.credentialOfKey(n) !== CredentialKind.None;
        if (secret) expect(written[2 * i + 1]).not.toBe(v);
        else expect(written[2 * i + 1]).toBe(v);
      });
    },
  );
});

describe('validation errors that echo what was sent', () => {
  it('judge value (or ajv\'s data) under the last name of the field it came from', () => {
    expect(maskKeyOf({ type: 'field', path: 'password', location: 'body', value: 'x' }, 'value')).toBe('password');
    expect(maskKeyOf({ param: 'user.password', value: 'x' }, 'value')).toBe('password');
    expect(maskKeyOf({ property: 'apiToken', value: 'x' }, 'value')).toBe('apiToken');
    expect(maskKeyOf({ path: ['items', 0, 'card_number'], value: 'x' }, 'value')).toBe('card_number');
    expect(maskKeyOf({ instancePath: '/users/3/password', data: 'x' }, 'data')).toBe('password');
    expect(maskKeyOf({ name: 'token', path: 'other', value: 'x' }, 'value')).toBe('token');
    expect(maskKeyOf({ path: '/', value: 'x' }, 'value')).toBe('value');
    expect(maskKeyOf({ data: 'x' }, 'data')).toBe('data');
  });

  it('through a real logger: express-validator, ajv and class-validator errors lose the password and keep the rest', async () => {
    const line = await logged({
      errors: [
        { type: 'field', msg: 'Invalid value', path: 'password', location: 'body', value: 'ExpValPw1' },
        { instancePath: '/password', message: 'must match pattern', data: 'AjvPw1' },
        { property: 'password', value: 'ClassValPw1', constraints: { minLength: 'too short' } },
        { path: 'quantity', msg: 'must be positive', value: '-3' },
      ],
    });
    const text = JSON.stringify(line);
    expect(text).not.toMatch(/ExpValPw1|AjvPw1|ClassValPw1/);
    expect(text).toContain('"-3"');
    expect(text).toContain('must match pattern');
  });
});

describe('an argv written with one-dash options', () => {
  it('masks the value of a credential option, keeps the others', async () => {
    const line = await logged({ argv: ['pwsh', '-File', 'deploy.ps1', '-Password', 'letmein1', '-Verbose', '-p', '8080'] });
    expect(JSON.stringify(line.extra)).not.toContain('letmein1');
    expect((line.extra as { argv: unknown[] }).argv).toEqual(['pwsh', '-File', 'deploy.ps1', '-Password', '[REDACTED]', '-Verbose', '-p', '8080']);
  });
});
