/**
 * The Vault provider against an in-repo HTTP server that speaks Vault's documented AppRole login
 * and KV v2 read API (test/support/vault-server.ts); no Vault binary can be installed here.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { describePii, getPiiTokenizer, initPii, resetPii, reveal, tokenize } from '../../src/pii/index';
import { openVaultProvider, type VaultProviderOptions } from '../../src/pii/providers/vault';
import { createTokenizer } from '../../src/pii/token';
import { parseKeyset, type KeysetSource } from '../../src/pii/parse-keyset';
import { captureDiagnostics, makeTempDir, waitFor } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';
import { FakeVault } from '../support/vault-server';
import { makeVaultTls, type VaultTlsFiles } from '../support/vault-tls';

const ROLE_ID = 'role-1234-abcd';
const SECRET_ID = 'secret-id-5f1c9a77-do-not-log';
const TOKEN_PATH = 'secret/data/platform/pii/token-keyset';
const REVEAL_PATH = 'secret/data/platform/pii/reveal-keyset';
const tokenDoc = vectors.keysets['pub-token'];
const revealDoc = vectors.keysets['pub-reveal'];
const rotatedTokenDoc = { ...tokenDoc, primary_kid: 'tk-2023' };
const expected = (doc: KeysetSource, env = 'prod') => createTokenizer(parseKeyset(doc), env).tokenize('jane@example.com', 'email');

let vault: FakeVault;
let dir: string;
let cleanup: () => void;
let roleIdPath: string;
let secretIdPath: string;
let diagnostics: ReturnType<typeof captureDiagnostics>;
const opened: { close(): void }[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('ecsctx-vault-'));
  roleIdPath = path.join(dir, 'role-id');
  secretIdPath = path.join(dir, 'secret-id');
  writeFileSync(roleIdPath, ROLE_ID + '\n', { mode: 0o600 });
  writeFileSync(secretIdPath, SECRET_ID + '\n', { mode: 0o600 });
  vault = await FakeVault.start({
    roleId: ROLE_ID,
    secretId: SECRET_ID,
    secrets: { [TOKEN_PATH]: { keyset: JSON.stringify(tokenDoc) }, [REVEAL_PATH]: { keyset: revealDoc } },
  });
  diagnostics = captureDiagnostics();
});

afterEach(async () => {
  for (const provider of opened.splice(0)) provider.close();
  resetPii();
  diagnostics.restore();
  await vault.close();
  cleanup();
});

function options(overrides: Partial<VaultProviderOptions> = {}): VaultProviderOptions {
  return {
    addr: vault.url,
    roleIdPath,
    secretIdPath,
    tokenKeysetPath: TOKEN_PATH,
    revealKeysetPath: REVEAL_PATH,
    timeoutMs: 2000,
    refreshMs: 60_000,
    access: 'tokenize',
    ...overrides,
  };
}

async function open(overrides: Partial<VaultProviderOptions> = {}) {
  const provider = await openVaultProvider(options(overrides));
  opened.push(provider);
  return provider;
}

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PII_PROVIDER: 'vault',
    PII_ENV: 'prod',
    PII_VAULT_ADDR: vault.url,
    PII_VAULT_ROLE_ID_PATH: roleIdPath,
    PII_VAULT_SECRET_ID_PATH: secretIdPath,
    PII_VAULT_TOKEN_KEYSET_PATH: TOKEN_PATH,
    PII_VAULT_REVEAL_KEYSET_PATH: REVEAL_PATH,
    PII_VAULT_TIMEOUT: '2',
    ...overrides,
  };
}

/** Every text a failure produced must be free of credentials. */
function expectNoSecrets(...texts: string[]): void {
  const tokens = vault.requests.map((r) => r.token).filter((t): t is string => t !== undefined);
  for (const text of texts) {
    expect(text).not.toContain(SECRET_ID);
    for (const token of tokens) expect(text).not.toContain(token);
  }
}

describe('Vault provider: start-up', () => {
  test('logs in with AppRole and reads the token keyset from KV v2 (keyset stored as a JSON string)', async () => {
    await initPii(env());
    expect(tokenize('jane@example.com', 'email')).toBe(expected(tokenDoc));
    const [login, read] = vault.requests;
    expect(login).toMatchObject({ method: 'POST', path: '/v1/auth/approle/login', status: 200, body: { role_id: ROLE_ID, secret_id: SECRET_ID } });
    expect(read).toMatchObject({ method: 'GET', path: `/v1/${TOKEN_PATH}`, status: 200 });
    expect(read.token).toMatch(/^hvs\./);
  });

  test('reads a keyset stored as an object under the keyset key', async () => {
    vault.setSecret(TOKEN_PATH, { keyset: tokenDoc });
    await initPii(env());
    expect(tokenize('jane@example.com', 'email')).toBe(expected(tokenDoc));
  });

  test('with access tokenize never reads the reveal keyset (least privilege)', async () => {
    await initPii(env());
    expect(vault.requests.some((r) => r.path.includes('reveal'))).toBe(false);
    expect(describePii()?.revealKeyset).toBeUndefined();
  });

  test('with access full reads the reveal keyset and reveals Python ciphertexts', async () => {
    await initPii(env({ PII_ACCESS: 'full' }));
    const v = vectors.ciphertexts.find((c) => c.env === 'prod')!;
    expect(reveal(v.ciphertext, v.field_type)).toBe(v.plaintext);
    expect(vault.requests.map((r) => r.path)).toContain(`/v1/${REVEAL_PATH}`);
  });

  test('rejects initPii when Vault is down at start', async () => {
    await vault.goDown();
    const error = await initPii(env()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE' });
    expect((error as Error).message).toBe(`cannot load PII keysets from Vault at ${vault.url}: connection refused`);
    expect(getPiiTokenizer()).toBeUndefined();
  });

  test('rejects with Vault\'s own error when the AppRole credentials are wrong, without echoing them', async () => {
    writeFileSync(secretIdPath, 'wrong-secret-id-0000');
    const error = (await initPii(env()).catch((e: Error) => e)) as Error;
    expect(error.message).toContain('AppRole login: HTTP 400 (invalid role or secret ID)');
    expect(error.message).not.toContain('wrong-secret-id-0000');
    expectNoSecrets(error.message);
  });

  test('rejects when a credential file is missing', async () => {
    const error = (await initPii(env({ PII_VAULT_SECRET_ID_PATH: path.join(dir, 'nope') })).catch((e: Error) => e)) as Error;
    expect(error.message).toContain(`cannot read PII_VAULT_SECRET_ID_PATH file ${path.join(dir, 'nope')} (ENOENT)`);
  });

  test('rejects when Vault answers slower than the timeout', async () => {
    vault.delayMs = 1500;
    const started = Date.now();
    const error = (await initPii(env({ PII_VAULT_TIMEOUT: '0.2' })).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/timed out after 0\.2s/);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  test('rejects when the KV path does not exist', async () => {
    vault.deleteSecret(TOKEN_PATH);
    await expect(initPii(env())).rejects.toThrow(`reading the token keyset at /v1/${TOKEN_PATH}: not found`);
  });

  test('rejects when the secret has no keyset key', async () => {
    vault.setSecret(TOKEN_PATH, { something: 'else' });
    await expect(initPii(env())).rejects.toThrow("has no 'keyset' key");
  });

  test('rejects with the keyset code when the stored keyset is invalid', async () => {
    vault.setSecret(TOKEN_PATH, { keyset: '{"primary_kid": "a", "keys": {"a": {"alg": "x", "key_b64": "abcde"}}}' });
    await expect(initPii(env())).rejects.toMatchObject({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' });
  });
});

describe('Vault provider: refresh and faults after start', () => {
  test('picks up a rotated keyset on refresh', async () => {
    const provider = await open();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    vault.setSecret(TOKEN_PATH, { keyset: JSON.stringify(rotatedTokenDoc) });
    await provider.refreshNow();
    expect(provider.current().token.primaryKid).toBe('tk-2023');
  });

  test('keeps the same keyset objects when nothing changed (tokenizer cache survives)', async () => {
    const provider = await open();
    const before = provider.current();
    await provider.refreshNow();
    expect(provider.current()).toBe(before);
  });

  test('keeps the last good keysets while Vault is down, reports once, and recovers', async () => {
    const provider = await open();
    const good = provider.current();
    await vault.goDown();
    await provider.refreshNow();
    await provider.refreshNow();
    expect(provider.current()).toBe(good);
    const failures = diagnostics.list.filter((d) => d.code === 'ECSCTX_PII_VAULT_REFRESH_FAILED');
    expect(failures).toHaveLength(1);
    expect(failures[0].message).toContain('connection refused');
    expect(failures[0].message).toContain('keeping the last good keysets');
    await vault.comeUp();
    vault.setSecret(TOKEN_PATH, { keyset: JSON.stringify(rotatedTokenDoc) });
    await provider.refreshNow();
    expect(provider.current().token.primaryKid).toBe('tk-2023');
  });

  test('reports one diagnostic per outage, even when the reasons change, and again for a later outage', async () => {
    const provider = await open();
    vault.failNextReads = 1;
    await provider.refreshNow();
    await vault.goDown();
    await provider.refreshNow();
    expect(diagnostics.list.map((d) => d.message)).toEqual([expect.stringContaining('HTTP 500')]);
    await vault.comeUp();
    await provider.refreshNow();
    vault.delayMs = 2500;
    await provider.refreshNow();
    expect(diagnostics.list).toHaveLength(2);
    expect(diagnostics.list[1].message).toContain('timed out');
  });

  test('keeps the last good keysets when a refresh is slower than the timeout', async () => {
    const provider = await open({ timeoutMs: 200 });
    const good = provider.current();
    vault.delayMs = 1000;
    await provider.refreshNow();
    expect(provider.current()).toBe(good);
    expect(diagnostics.list[0].message).toMatch(/timed out after 0\.2s/);
  });

  test('keeps the last good keysets when Vault answers 500', async () => {
    const provider = await open();
    vault.failNextReads = 1;
    await provider.refreshNow();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(diagnostics.list[0].message).toContain('HTTP 500 (internal error)');
  });

  test('keeps the last good keysets when the rotated keyset is invalid', async () => {
    const provider = await open();
    vault.setSecret(TOKEN_PATH, { keyset: '{"primary_kid": "x", "keys": {}}' });
    await provider.refreshNow();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(diagnostics.list[0].message).toMatch(/primary_kid "x" is not one of its keys/);
  });

  test('logs in again when Vault answers 403 for an expired or revoked token', async () => {
    const provider = await open();
    vault.expireTokens();
    vault.setSecret(TOKEN_PATH, { keyset: JSON.stringify(rotatedTokenDoc) });
    await provider.refreshNow();
    expect(vault.answered(403)).toHaveLength(1);
    expect(vault.logins).toBe(2);
    expect(provider.current().token.primaryKid).toBe('tk-2023');
    expect(diagnostics.list).toEqual([]);
  });

  test('logs in again before the token lease runs out, so no request meets a 403', async () => {
    vault.tokenTtlSeconds = 1;
    const provider = await open();
    await new Promise((resolve) => setTimeout(resolve, 850));
    await provider.refreshNow();
    expect(vault.logins).toBe(2);
    expect(vault.answered(403)).toEqual([]);
    const [first, second] = vault.requests.filter((r) => r.path === `/v1/${TOKEN_PATH}`);
    expect(second.token).not.toBe(first.token);
  });

  test('reuses the token while its lease is far from over', async () => {
    const provider = await open();
    await provider.refreshNow();
    await provider.refreshNow();
    expect(vault.logins).toBe(1);
  });

  test('re-reads the secret_id file at each login (rotated on disk)', async () => {
    const provider = await open();
    vault.secretId = 'secret-id-rotated-2';
    writeFileSync(secretIdPath, 'secret-id-rotated-2');
    vault.expireTokens();
    await provider.refreshNow();
    expect(vault.logins).toBe(2);
    expect(diagnostics.list).toEqual([]);
  });

  test('refreshes on its own every PII_REFRESH_SECONDS, and the mask sees the rotation', async () => {
    await initPii(env({ PII_REFRESH_SECONDS: '0.05' }));
    const before = getPiiTokenizer()!.tokenize('jane@example.com', 'email');
    expect(before).toBe(expected(tokenDoc));
    vault.setSecret(TOKEN_PATH, { keyset: JSON.stringify(rotatedTokenDoc) });
    await waitFor(() => getPiiTokenizer()!.tokenize('jane@example.com', 'email') === expected(rotatedTokenDoc), 5000, 'refresh');
  });

  test('never puts the secret_id or a Vault token in a message', async () => {
    const provider = await open();
    vault.failNextReads = 1;
    await provider.refreshNow();
    await vault.goDown();
    await provider.refreshNow();
    expect(diagnostics.list.length).toBeGreaterThan(0);
    expectNoSecrets(...diagnostics.list.map((d) => d.message));
  });

  test('stops refreshing after close', async () => {
    const provider = await open({ refreshMs: 20 });
    provider.close();
    const count = vault.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(vault.requests.length).toBe(count);
  });
});

describe('Vault provider over https with a private CA', () => {
  let tls: VaultTlsFiles | undefined;
  let secure: FakeVault | undefined;

  beforeAll(async () => {
    tls = makeVaultTls();
    if (tls) {
      secure = await FakeVault.start({
        roleId: ROLE_ID,
        secretId: SECRET_ID,
        tls: { key: tls.key, cert: tls.cert },
        secrets: { [TOKEN_PATH]: { keyset: JSON.stringify(tokenDoc) } },
      });
    }
  });
  afterAll(async () => {
    await secure?.close();
    tls?.cleanup();
  });

  test('openssl made a CA for this test', () => {
    expect(tls).toBeDefined();
  });

  test('trusts Vault through PII_VAULT_CACERT_PATH', async () => {
    await initPii(env({ PII_VAULT_ADDR: secure!.url, PII_VAULT_CACERT_PATH: tls!.caPath }));
    expect(secure!.url.startsWith('https://')).toBe(true);
    expect(tokenize('jane@example.com', 'email')).toBe(expected(tokenDoc));
  });

  test('refuses a Vault certificate the system CAs do not trust when no CA is given', async () => {
    const error = (await initPii(env({ PII_VAULT_ADDR: secure!.url })).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|self.signed/i);
  });

  test('fails clearly when the CA file is missing', async () => {
    await expect(initPii(env({ PII_VAULT_ADDR: secure!.url, PII_VAULT_CACERT_PATH: path.join(dir, 'none.crt') }))).rejects.toMatchObject({
      code: 'ERR_ECSCTX_PII_PROVIDER_FAILED',
    });
  });
});
