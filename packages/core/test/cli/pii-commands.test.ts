import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isPiiConfigured } from '../../src/pii/index';
import { makeTempDir, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';
import { runCli } from './cli-io';

let dir: string;
let cleanup: () => void;
let env: Record<string, string>;

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('ecsctx-cli-'));
  env = {
    PII_PROVIDER: 'file',
    PII_ENV: 'prod',
    PII_TOKEN_KEYSET_PATH: writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']),
  };
});
afterEach(() => cleanup());

const tokensFor = (type: string, envName = 'prod') =>
  vectors.tokens.filter((t) => t.keyset === 'pub-token' && t.env === envName && t.field_type === type && !t.input.includes('\n'));

describe('ecsctx tokenize', () => {
  test('prints the Python token of each argument, in order', async () => {
    const cases = tokensFor('email');
    const result = await runCli(['tokenize', '--type', 'email', '--', ...cases.map((c) => c.input)], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(cases.map((c) => c.token + '\n').join(''));
    expect(result.stderr).toBe('');
  });

  test('reads values from stdin lines (LF or CRLF) and defaults to the generic type', async () => {
    const cases = tokensFor('generic').filter((c) => !/[\r\n\u2028\u2029\u0085]/.test(c.input) && c.input !== '');
    const result = await runCli(['tokenize'], { env, stdin: cases.map((c) => c.input).join('\r\n') + '\n' });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(cases.map((c) => c.token));
  });

  test('uses PII_ENV', async () => {
    const [c] = tokensFor('phone', 'staging');
    const result = await runCli(['tokenize', '--type', 'phone', c.input], { env: { ...env, PII_ENV: 'staging' } });
    expect(result.stdout).toBe(c.token + '\n');
  });

  test('leaves PII unconfigured afterwards', async () => {
    await runCli(['tokenize', 'x'], { env });
    expect(isPiiConfigured()).toBe(false);
  });

  test('fails with exit 1 when PII is not configured', async () => {
    const result = await runCli(['tokenize', 'x'], { env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PII is not configured: set PII_PROVIDER=file|vault');
  });

  test('fails with exit 1 naming the file when the keyset file is missing', async () => {
    const result = await runCli(['tokenize', 'x'], { env: { ...env, PII_TOKEN_KEYSET_PATH: `${dir}/none.json` } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${dir}/none.json`);
  });

  test('exits 2 for an unknown option or an empty --type', async () => {
    expect((await runCli(['tokenize', '--kind', 'x'], { env })).code).toBe(2);
    expect((await runCli(['tokenize', '--type', '', 'x'], { env })).code).toBe(2);
  });

  test('--help prints usage and exits 0', async () => {
    const result = await runCli(['tokenize', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ecsctx tokenize');
  });
});

describe('ecsctx reveal', () => {
  beforeEach(() => {
    env.PII_ACCESS = 'full';
    env.PII_REVEAL_KEYSET_PATH = writeKeysetFile(dir, 'reveal.json', vectors.keysets['pub-reveal']);
  });

  const prod = vectors.ciphertexts.filter((v) => v.env === 'prod' && v.field_type === 'email' && !v.plaintext.includes('\n'));

  test('prints the plaintext of Python ciphertexts, old kids included', async () => {
    const result = await runCli(['reveal', '--type', 'email', ...prod.map((v) => v.ciphertext)], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(prod.map((v) => v.plaintext + '\n').join(''));
    expect(prod.some((v) => v.kid === 'rk-a')).toBe(true);
  });

  test('reads ciphertexts from stdin, ignoring whitespace around each line', async () => {
    const result = await runCli(['reveal', '--type', 'email'], { env, stdin: prod.map((v) => `  ${v.ciphertext}\t`).join('\n') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(prod.map((v) => v.plaintext + '\n').join(''));
  });

  test('reports a bad value by position without echoing it, prints the others, exits 1', async () => {
    const bad = vectors.negative.find((n) => n.name === 'tampered_tag')!;
    const good = vectors.ciphertexts[0];
    const result = await runCli(['reveal', good.ciphertext, bad.ciphertext, 'penc:v9:x:AAAA'], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${good.plaintext}\n\n\n`);
    expect(result.stderr).toContain('ecsctx reveal: value 2: cannot decrypt value with kid "rk-b"');
    expect(result.stderr).toContain('ecsctx reveal: value 3: not a valid encrypted value: unsupported version segment "v9"');
    expect(result.stderr).not.toContain(bad.ciphertext.slice(13));
  });

  test('fails with exit 1 and the access-denied message under PII_ACCESS=tokenize', async () => {
    const result = await runCli(['reveal', vectors.ciphertexts[0].ciphertext], { env: { ...env, PII_ACCESS: 'tokenize' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('reveal() requires PII_ACCESS=full');
    expect(result.stdout).toBe('');
  });
});

describe('ecsctx', () => {
  test('--help lists the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const name of ['keyset', 'tokenize', 'reveal']) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  test('no command prints usage on stderr and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: ecsctx <command>');
  });

  test('an unknown command exits 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });
});
