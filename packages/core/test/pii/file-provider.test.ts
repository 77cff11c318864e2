import { renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { configurePii, getPiiTokenizer, resetPii, reveal, tokenize } from '../../src/pii/index';
import { openFileProvider } from '../../src/pii/providers/file';
import { createTokenizer } from '../../src/pii/token';
import { captureDiagnostics, makeTempDir, waitFor, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';

const token2024 = vectors.keysets['pub-token'];
const token2023 = { ...token2024, primary_kid: 'tk-2023' };
const revealDoc = vectors.keysets['pub-reveal'];

let dir: string;
let cleanup: () => void;
let diagnostics: ReturnType<typeof captureDiagnostics>;
const opened: { close(): void }[] = [];

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  diagnostics = captureDiagnostics();
});
afterEach(() => {
  for (const provider of opened.splice(0)) provider.close();
  resetPii();
  diagnostics.restore();
  cleanup();
});

/** Moves the file's mtime forward so a change is seen even within one clock tick. */
function touchForward(file: string, seconds = 10): void {
  const when = new Date(Date.now() + seconds * 1000);
  utimesSync(file, when, when);
}

async function open(options: Parameters<typeof openFileProvider>[0]) {
  const provider = await openFileProvider({ reloadCheckMs: 60_000, ...options });
  opened.push(provider);
  return provider;
}

const tokenWith = (keyset: Parameters<typeof createTokenizer>[0]) => createTokenizer(keyset, 'prod').tokenize('a@b', 'email');

describe('file provider', () => {
  test('loads the token and reveal keyset files', async () => {
    const provider = await open({
      tokenKeysetPath: writeKeysetFile(dir, 'token.json', token2024),
      revealKeysetPath: writeKeysetFile(dir, 'reveal.json', revealDoc),
    });
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(provider.current().reveal?.kids).toEqual(['rk-a', 'rk-b']);
    expect(diagnostics.list).toEqual([]);
  });

  test('reloads a file whose mtime changed', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const provider = await open({ tokenKeysetPath: file });
    const before = provider.current();
    writeKeysetFile(dir, 'token.json', token2023);
    touchForward(file);
    await provider.checkNow();
    expect(provider.current()).not.toBe(before);
    expect(provider.current().token.primaryKid).toBe('tk-2023');
    expect(diagnostics.list).toEqual([]);
  });

  test('reloads a file replaced by rename (how Kubernetes swaps mounted secrets)', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const provider = await open({ tokenKeysetPath: file });
    const next = writeKeysetFile(dir, 'token.json.tmp', token2023);
    renameSync(next, file);
    await provider.checkNow();
    expect(provider.current().token.primaryKid).toBe('tk-2023');
  });

  test('does not re-read a file whose mtime, size and inode are unchanged', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const when = Math.floor(Date.now() / 1000) - 100;
    utimesSync(file, when, when);
    const provider = await open({ tokenKeysetPath: file });
    // Same size, same mtime, different (invalid) content: a change the check must not notice.
    writeFileSync(file, 'x'.repeat(JSON.stringify(token2024, null, 2).length));
    utimesSync(file, when, when);
    await provider.checkNow();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(diagnostics.list).toEqual([]);
  });

  test('keeps the last good keyset when the file is half-written, reports once, then picks up the complete file', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const provider = await open({ tokenKeysetPath: file });
    const good = provider.current();
    const full = JSON.stringify(token2023, null, 2);
    writeFileSync(file, full.slice(0, Math.floor(full.length / 2)));
    touchForward(file, 5);
    await provider.checkNow();
    await provider.checkNow();
    touchForward(file, 6);
    await provider.checkNow();
    expect(provider.current()).toBe(good);
    expect(diagnostics.list).toHaveLength(1);
    expect(diagnostics.list[0]).toMatchObject({ code: 'ECSCTX_PII_KEYSET_RELOAD_FAILED' });
    expect(diagnostics.list[0].message).toContain(file);
    expect(diagnostics.list[0].message).toContain('keeping the last good keyset');
    writeFileSync(file, full);
    touchForward(file, 7);
    await provider.checkNow();
    expect(provider.current().token.primaryKid).toBe('tk-2023');
  });

  test('keeps the last good keyset when the file disappears', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const provider = await open({ tokenKeysetPath: file });
    rmSync(file);
    await provider.checkNow();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(diagnostics.list[0].message).toContain('ENOENT');
  });

  test('refuses a reloaded keyset that cannot tokenize and keeps the last good one', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    const provider = await open({ tokenKeysetPath: file });
    writeKeysetFile(dir, 'token.json', { ...token2024, primary_kid: 'absent' });
    touchForward(file);
    await provider.checkNow();
    expect(provider.current().token.primaryKid).toBe('tk-2024');
    expect(diagnostics.list[0].message).toMatch(/primary_kid "absent" is not one of its keys/);
  });

  test('reloads the reveal keyset too (rotation adds a kid)', async () => {
    const tokenFile = writeKeysetFile(dir, 'token.json', token2024);
    const revealFile = writeKeysetFile(dir, 'reveal.json', { ...revealDoc, primary_kid: 'rk-a', keys: { 'rk-a': revealDoc.keys['rk-a'] } });
    const provider = await open({ tokenKeysetPath: tokenFile, revealKeysetPath: revealFile });
    expect(provider.current().reveal?.kids).toEqual(['rk-a']);
    writeKeysetFile(dir, 'reveal.json', revealDoc);
    touchForward(revealFile);
    await provider.checkNow();
    expect(provider.current().reveal?.kids).toEqual(['rk-a', 'rk-b']);
    expect(provider.current().token.primaryKid).toBe('tk-2024');
  });

  test('warns once at start-up, for all files, when keyset files are readable by group or others', async () => {
    const tokenFile = writeKeysetFile(dir, 'token.json', token2024, 0o644);
    const revealFile = writeKeysetFile(dir, 'reveal.json', revealDoc, 0o640);
    await open({ tokenKeysetPath: tokenFile, revealKeysetPath: revealFile });
    const provider = await open({ tokenKeysetPath: tokenFile, revealKeysetPath: revealFile });
    writeKeysetFile(dir, 'token.json', token2023, 0o644);
    touchForward(tokenFile);
    await provider.checkNow();
    const warnings = diagnostics.list.filter((d) => d.code === 'ECSCTX_PII_KEYSET_PERMISSIONS');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain(`${tokenFile} (mode 0644)`);
    expect(warnings[0].message).toContain(`${revealFile} (mode 0640)`);
  });

  test('does not warn for owner-only files', async () => {
    await open({ tokenKeysetPath: writeKeysetFile(dir, 'token.json', token2024, 0o600) });
    await open({ tokenKeysetPath: writeKeysetFile(dir, 'token2.json', token2024, 0o400) });
    expect(diagnostics.list).toEqual([]);
  });

  test('fails start-up naming the file when it is not a keyset', async () => {
    const file = writeKeysetFile(dir, 'token.json', '{"primary_kid": "a", "keys": {"a": {"alg": "x", "key_b64": "SECRETSECRET');
    await expect(openFileProvider({ tokenKeysetPath: file })).rejects.toMatchObject({
      code: 'ERR_ECSCTX_PII_KEYSET_INVALID',
      message: `cannot load the PII token keyset file ${file}: invalid keyset: not valid JSON`,
    });
  });

  test('keeps no timer that holds the process open', async () => {
    const count = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = count();
    await open({ tokenKeysetPath: writeKeysetFile(dir, 'token.json', token2024), reloadCheckMs: 10 });
    expect(count()).toBe(before);
  });
});

describe('file provider through configurePii', () => {
  test('the mask fast path and tokenize() see a reload made by the timer', async () => {
    const file = writeKeysetFile(dir, 'token.json', token2024);
    await configurePii({ provider: 'file', env: 'prod', tokenKeysetPath: file, reloadCheckMs: 20 });
    const before = getPiiTokenizer()!.tokenize('a@b', 'email');
    expect(before).toBe(tokenWith(await open({ tokenKeysetPath: file }).then((p) => p.current().token)));
    writeKeysetFile(dir, 'token.json', token2023);
    touchForward(file);
    await waitFor(() => getPiiTokenizer()!.tokenize('a@b', 'email') !== before, 5000, 'reload');
    expect(tokenize('a@b', 'email')).toBe(getPiiTokenizer()!.tokenize('a@b', 'email'));
  });

  test('reveal keeps decrypting old kids after the reveal file rotated', async () => {
    const tokenFile = writeKeysetFile(dir, 'token.json', token2024);
    const revealFile = writeKeysetFile(dir, 'reveal.json', revealDoc);
    await configurePii({ provider: 'file', access: 'full', env: 'prod', tokenKeysetPath: tokenFile, revealKeysetPath: revealFile, reloadCheckMs: 20 });
    const old = vectors.ciphertexts.find((v) => v.kid === 'rk-a' && v.env === 'prod')!;
    const rotated = { ...revealDoc, primary_kid: 'rk-c', keys: { ...revealDoc.keys, 'rk-c': { alg: 'AES-256-GCM', key_b64: Buffer.alloc(32, 3).toString('base64url') } } };
    writeKeysetFile(dir, 'reveal.json', rotated);
    touchForward(revealFile);
    await waitFor(() => {
      try {
        return reveal(`penc:v1:rk-c:${Buffer.alloc(40).toString('base64url')}`, 'generic') === '';
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_ECSCTX_PII_DECRYPT_FAILED';
      }
    }, 5000, 'rk-c to be known');
    expect(reveal(old.ciphertext, old.field_type)).toBe(old.plaintext);
  });
});

describe('path handling', () => {
  test('reports a directory given as the keyset path', async () => {
    await expect(openFileProvider({ tokenKeysetPath: path.join(dir) })).rejects.toMatchObject({
      code: 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE',
      message: expect.stringContaining('EISDIR'),
    });
  });
});
