/**
 * The built `ecsctx` binary, spawned as a user would run it. Needs `tsc -b packages/core`
 * (the root `npm test` builds first); skipped with a note when dist/ is missing.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/main.js');
const built = existsSync(BIN);

function spawnCli(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir('ecsctx-bin-')));
afterEach(() => cleanup());

describe.skipIf(!built)('the built ecsctx binary (dist/cli/main.js)', () => {
  test('starts with a node shebang', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('generates a keyset file with mode 0600 and tokenizes stdin lines like Python', async () => {
    const out = path.join(dir, 'generated.json');
    const generated = await spawnCli(['keyset', 'generate', '--out', out], {});
    expect(generated.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const cases = vectors.tokens.filter((t) => t.keyset === 'pub-token' && t.env === 'dev' && t.field_type === 'email' && !/[\r\n]/.test(t.input) && t.input !== '');
    const env = { PII_PROVIDER: 'file', PII_ENV: 'dev', PII_TOKEN_KEYSET_PATH: writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']) };
    const result = await spawnCli(['tokenize', '--type', 'email'], env, cases.map((c) => c.input).join('\n') + '\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(cases.map((c) => c.token + '\n').join(''));
  });

  test('reveals a Python ciphertext with PII_ACCESS=full', async () => {
    const v = vectors.ciphertexts.find((c) => c.env === 'prod' && c.field_type === 'phone')!;
    const env = {
      PII_PROVIDER: 'file',
      PII_ACCESS: 'full',
      PII_ENV: 'prod',
      PII_TOKEN_KEYSET_PATH: writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']),
      PII_REVEAL_KEYSET_PATH: writeKeysetFile(dir, 'reveal.json', vectors.keysets['pub-reveal']),
    };
    const result = await spawnCli(['reveal', '--type', 'phone', v.ciphertext], env);
    expect(result).toEqual({ code: 0, stdout: v.plaintext + '\n', stderr: '' });
  });

  test('exits 2 on usage errors and 1 on failures', async () => {
    expect((await spawnCli(['nope'], {})).code).toBe(2);
    expect((await spawnCli(['tokenize', '--bogus'], {})).code).toBe(2);
    const unconfigured = await spawnCli(['tokenize', 'x'], {});
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toContain('PII is not configured');
  });
});

test.runIf(!built)('the built binary test is skipped: run `npx tsc -b packages/core` first', () => {
  expect(built).toBe(false);
});
