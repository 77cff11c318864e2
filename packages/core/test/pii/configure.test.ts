import { afterEach, describe, expect, test, vi } from 'vitest';
import { PiiAccessDeniedError, PiiNotConfiguredError } from '../../src/errors';
import {
  configurePii,
  describePii,
  getPiiTokenizer,
  initPii,
  isPiiConfigured,
  parseKeyset,
  protect,
  resetPii,
  reveal,
  tokenize,
} from '../../src/pii/index';
import { protectWithNonce } from '../../src/pii/operations';
import { piiState } from '../../src/pii/state';
import { captureDiagnostics, makeTempDir, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';

const token = vectors.keysets['pub-token'];
const revealDoc = vectors.keysets['pub-reveal'];
const note = (name: string) => vectors.api_notes.find((n) => n.name === name)!;
const firstToken = (env: string, type = 'email') => vectors.tokens.find((t) => t.keyset === 'pub-token' && t.env === env && t.field_type === type)!;

afterEach(() => {
  resetPii();
  vi.unstubAllEnvs();
});

describe('api_notes', () => {
  test('configurePii with env "" tokenizes under env "unknown"', async () => {
    const n = note('empty_env_becomes_unknown');
    vi.stubEnv('PII_ENV', undefined as unknown as string);
    await configurePii({ provider: 'static', env: '', tokenKeyset: token });
    expect(tokenize(n.input as string, n.field_type as string)).toBe(n.token);
    resetPii();
    await configurePii({ provider: 'static', env: 'unknown', tokenKeyset: token });
    expect(tokenize(n.input as string, n.field_type as string)).toBe(n.token);
    resetPii();
    await configurePii({ provider: 'static', tokenKeyset: token });
    expect(tokenize(n.input as string, n.field_type as string)).toBe(n.token);
  });

  test('protect is refused without a reveal keyset (access tokenize)', async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token, revealKeyset: revealDoc });
    expect(() => protect('x', 'generic')).toThrow(PiiAccessDeniedError);
    expect(() => protect('x', 'generic')).toThrow("protect() requires PII_ACCESS=full and a reveal keyset. Current access mode is 'tokenize'.");
  });

  test('reveal is refused without a reveal keyset (access tokenize)', async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
    const v = vectors.ciphertexts[0];
    expect(() => reveal(v.ciphertext, v.field_type)).toThrow(PiiAccessDeniedError);
    expect(() => reveal(v.ciphertext, v.field_type)).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_ACCESS_DENIED' }));
  });

  test('tokenize without configuration throws PiiNotConfiguredError', () => {
    expect(note('tokenize_unconfigured').python_error).toMatch(/PIINotConfiguredError/);
    expect(() => tokenize('x')).toThrow(PiiNotConfiguredError);
    expect(() => protect('x')).toThrow(PiiNotConfiguredError);
    expect(() => reveal('penc:v1:a:AAAA')).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_NOT_CONFIGURED' }));
  });
});

describe('configurePii', () => {
  test('tokenizes with the configured env and the default field type generic', async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
    const v = firstToken('prod', 'generic');
    expect(tokenize(v.input)).toBe(v.token);
    expect(tokenize(v.input, 'generic')).toBe(v.token);
  });

  test('access full protects and reveals with the reveal keyset, old kids included', async () => {
    await configurePii({ provider: 'static', access: 'full', env: 'prod', tokenKeyset: token, revealKeyset: revealDoc });
    const sealed = protect('  Jane  ', 'email');
    expect(sealed.startsWith('penc:v1:rk-b:')).toBe(true);
    expect(reveal(sealed, 'email')).toBe('  Jane  ');
    for (const v of vectors.ciphertexts.filter((c) => c.env === 'prod')) expect(reveal(v.ciphertext, v.field_type)).toBe(v.plaintext);
  });

  test('protectWithNonce reproduces the Python ciphertext for the primary kid', async () => {
    await configurePii({ provider: 'static', access: 'full', env: 'prod', tokenKeyset: token, revealKeyset: revealDoc });
    for (const v of vectors.ciphertexts.filter((c) => c.env === 'prod' && c.kid === 'rk-b')) {
      expect(protectWithNonce(v.plaintext, v.field_type, Buffer.from(v.nonce_hex, 'hex'))).toBe(v.ciphertext);
    }
  });

  test('rejects invalid options with ERR_ECSCTX_OPTIONS_INVALID', async () => {
    const bad: unknown[] = [
      { provider: 'nope', tokenKeyset: token },
      { provider: 'static' },
      { provider: 'static', access: 'full', tokenKeyset: token },
      { provider: 'static', access: 'admin', tokenKeyset: token },
      { provider: 'file' },
      { provider: 'file', access: 'full', tokenKeysetPath: '/x' },
      { provider: 'vault', vault: { addr: 'ftp://x', roleIdPath: 'a', secretIdPath: 'b', tokenKeysetPath: 'c' } },
      { provider: 'vault', vault: { addr: 'http://x', roleIdPath: 'a', secretIdPath: 'b', tokenKeysetPath: 'c' }, refreshSeconds: 0 },
      { provider: 'vault', vault: { addr: 'http://x', roleIdPath: 'a', secretIdPath: 'b', tokenKeysetPath: 'c' }, timeoutSeconds: 1e12 },
    ];
    for (const options of bad) {
      await expect(configurePii(options as never)).rejects.toMatchObject({ code: 'ERR_ECSCTX_OPTIONS_INVALID' });
    }
  });

  test('refuses a token keyset whose primary kid is missing, keeping the earlier configuration', async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
    const before = tokenize('a');
    await expect(configurePii({ provider: 'static', tokenKeyset: { ...token, primary_kid: 'absent' } })).rejects.toMatchObject({
      code: 'ERR_ECSCTX_PII_KEY_NOT_FOUND',
    });
    expect(tokenize('a')).toBe(before);
  });

  test('refuses a reveal keyset with a key that is not an AES size', async () => {
    const revealBad = { primary_kid: 'r', keys: { r: { alg: 'AES-256-GCM', key_b64: Buffer.alloc(20).toString('base64url') } } };
    await expect(
      configurePii({ provider: 'static', access: 'full', tokenKeyset: token, revealKeyset: revealBad }),
    ).rejects.toMatchObject({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' });
  });

  test('accepts a parsed Keyset as well as a document or JSON text', async () => {
    const v = firstToken('prod', 'generic');
    for (const tokenKeyset of [parseKeyset(token), token, JSON.stringify(token), Buffer.from(JSON.stringify(token))]) {
      await configurePii({ provider: 'static', env: 'prod', tokenKeyset });
      expect(tokenize(v.input)).toBe(v.token);
    }
  });

  test('warns once when env falls back to unknown while PII_ENV is set', async () => {
    const diagnostics = captureDiagnostics();
    try {
      vi.stubEnv('PII_ENV', 'prod');
      await configurePii({ provider: 'static', tokenKeyset: token });
      await configurePii({ provider: 'static', tokenKeyset: token });
      expect(diagnostics.list.map((d) => d.code)).toEqual(['ECSCTX_PII_ENV_DEFAULTED']);
    } finally {
      diagnostics.restore();
    }
  });

  test('a newer configuration wins over one that finishes later', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const file = writeKeysetFile(dir, 't.json', token);
      const slow = configurePii({ provider: 'file', env: 'dev', tokenKeysetPath: file });
      resetPii();
      await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
      await slow;
      expect(describePii()?.env).toBe('prod');
    } finally {
      cleanup();
    }
  });

  test('describePii reports ids but no key material', async () => {
    await configurePii({ provider: 'static', access: 'full', env: 'prod', tokenKeyset: token, revealKeyset: revealDoc });
    expect(describePii()).toEqual({
      provider: 'static',
      access: 'full',
      env: 'prod',
      tokenKeyset: { primaryKid: 'tk-2024', kids: ['tk-2023', 'tk-2024'] },
      revealKeyset: { primaryKid: 'rk-b', kids: ['rk-a', 'rk-b'] },
    });
  });

  test('tokenize refuses a non-string value with a TypeError', async () => {
    await configurePii({ provider: 'static', tokenKeyset: token });
    expect(() => tokenize(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('getPiiTokenizer', () => {
  test('is undefined when PII is not configured, and never throws', () => {
    expect(getPiiTokenizer()).toBeUndefined();
    expect(isPiiConfigured()).toBe(false);
  });

  test('gives tokens identical to tokenize()', async () => {
    await configurePii({ provider: 'static', env: 'dev', tokenKeyset: token });
    const tokenizer = getPiiTokenizer()!;
    for (const v of vectors.tokens.filter((t) => t.keyset === 'pub-token' && t.env === 'dev')) {
      expect(tokenizer.tokenize(v.input, v.field_type)).toBe(v.token);
    }
    expect(getPiiTokenizer()).toBe(tokenizer);
  });

  test('follows a reconfiguration', async () => {
    await configurePii({ provider: 'static', env: 'dev', tokenKeyset: token });
    const dev = getPiiTokenizer()!.tokenize('a', 'generic');
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
    expect(getPiiTokenizer()!.tokenize('a', 'generic')).not.toBe(dev);
    resetPii();
    expect(getPiiTokenizer()).toBeUndefined();
  });

  test('stays undefined for PII_PROVIDER=vault until initPii, with one diagnostic', () => {
    const diagnostics = captureDiagnostics();
    try {
      vi.stubEnv('PII_PROVIDER', 'vault');
      expect(getPiiTokenizer()).toBeUndefined();
      expect(getPiiTokenizer()).toBeUndefined();
      expect(() => tokenize('x')).toThrow(PiiNotConfiguredError);
      expect(diagnostics.list.map((d) => d.code)).toEqual(['ECSCTX_PII_AUTO_CONFIG_FAILED']);
    } finally {
      diagnostics.restore();
    }
  });
});

describe('lazy auto-configuration (PII_PROVIDER=file)', () => {
  test('configures synchronously on the first use when PII_PROVIDER=file', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      vi.stubEnv('PII_PROVIDER', 'file');
      vi.stubEnv('PII_ENV', 'staging');
      vi.stubEnv('PII_TOKEN_KEYSET_PATH', writeKeysetFile(dir, 'token.json', token));
      const v = firstToken('staging');
      expect(tokenize(v.input, v.field_type)).toBe(v.token);
      expect(isPiiConfigured()).toBe(true);
      expect(describePii()).toMatchObject({ provider: 'file', access: 'tokenize', env: 'staging' });
    } finally {
      cleanup();
    }
  });

  test('also serves the mask fast path', () => {
    const { dir, cleanup } = makeTempDir();
    try {
      vi.stubEnv('PII_PROVIDER', 'file');
      vi.stubEnv('PII_ENV', 'prod');
      vi.stubEnv('PII_TOKEN_KEYSET_PATH', writeKeysetFile(dir, 'token.json', token));
      const v = firstToken('prod');
      expect(getPiiTokenizer()?.tokenize(v.input, v.field_type)).toBe(v.token);
    } finally {
      cleanup();
    }
  });

  test('reports a missing file once and stays unconfigured (tries only once)', () => {
    const diagnostics = captureDiagnostics();
    try {
      vi.stubEnv('PII_PROVIDER', 'file');
      vi.stubEnv('PII_TOKEN_KEYSET_PATH', '/nonexistent/token.json');
      expect(getPiiTokenizer()).toBeUndefined();
      expect(getPiiTokenizer()).toBeUndefined();
      expect(isPiiConfigured()).toBe(false);
      expect(diagnostics.list).toHaveLength(1);
      expect(diagnostics.list[0]).toMatchObject({ code: 'ECSCTX_PII_AUTO_CONFIG_FAILED' });
      expect(diagnostics.list[0].message).toContain('/nonexistent/token.json');
      expect(diagnostics.list[0].message).toContain('ENOENT');
    } finally {
      diagnostics.restore();
    }
  });

  test('does not retry (no repeated disk reads on the log path) until resetPii', () => {
    const { dir, cleanup } = makeTempDir();
    const diagnostics = captureDiagnostics();
    try {
      const file = `${dir}/token.json`;
      vi.stubEnv('PII_PROVIDER', 'file');
      vi.stubEnv('PII_TOKEN_KEYSET_PATH', file);
      expect(getPiiTokenizer()).toBeUndefined();
      writeKeysetFile(dir, 'token.json', token);
      expect(getPiiTokenizer()).toBeUndefined();
      resetPii();
      expect(getPiiTokenizer()).toBeDefined();
    } finally {
      diagnostics.restore();
      cleanup();
    }
  });

  test('does nothing when PII_PROVIDER is unset', () => {
    vi.stubEnv('PII_PROVIDER', '');
    expect(isPiiConfigured()).toBe(false);
  });
});

describe('initPii', () => {
  test('configures from the PII_* variables given', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      await initPii({
        PII_PROVIDER: 'file',
        PII_ACCESS: 'full',
        PII_ENV: 'prod',
        PII_TOKEN_KEYSET_PATH: writeKeysetFile(dir, 't.json', token),
        PII_REVEAL_KEYSET_PATH: writeKeysetFile(dir, 'r.json', revealDoc),
      });
      const v = firstToken('prod');
      expect(tokenize(v.input, v.field_type)).toBe(v.token);
      expect(reveal(vectors.ciphertexts[0].ciphertext, vectors.ciphertexts[0].field_type)).toBe(vectors.ciphertexts[0].plaintext);
    } finally {
      cleanup();
    }
  });

  test('defaults to access tokenize and env unknown, and does not read the reveal file', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      await initPii({
        PII_PROVIDER: 'file',
        PII_TOKEN_KEYSET_PATH: writeKeysetFile(dir, 't.json', token),
        PII_REVEAL_KEYSET_PATH: '/nonexistent/reveal.json',
      });
      expect(describePii()).toMatchObject({ access: 'tokenize', env: 'unknown', revealKeyset: undefined });
      expect(tokenize(note('empty_env_becomes_unknown').input as string, 'email')).toBe(note('empty_env_becomes_unknown').token);
    } finally {
      cleanup();
    }
  });

  test('resolves without configuring when PII_PROVIDER is unset', async () => {
    await initPii({});
    expect(piiState().runtime).toBeUndefined();
  });

  test.each([
    [{ PII_PROVIDER: 'redis' }, /PII_PROVIDER must be/],
    [{ PII_PROVIDER: 'file' }, /PII_TOKEN_KEYSET_PATH is required/],
    [{ PII_PROVIDER: 'file', PII_TOKEN_KEYSET_PATH: '/x', PII_ACCESS: 'full' }, /PII_REVEAL_KEYSET_PATH is required/],
    [{ PII_PROVIDER: 'file', PII_TOKEN_KEYSET_PATH: '/x', PII_ACCESS: 'admin' }, /PII_ACCESS must be/],
    [{ PII_PROVIDER: 'vault' }, /PII_VAULT_ADDR is required/],
    [
      { PII_PROVIDER: 'vault', PII_VAULT_ADDR: 'http://x', PII_VAULT_ROLE_ID_PATH: 'a', PII_VAULT_SECRET_ID_PATH: 'b', PII_VAULT_TOKEN_KEYSET_PATH: 'c', PII_REFRESH_SECONDS: 'soon' },
      /PII_REFRESH_SECONDS must be/,
    ],
  ])('rejects %j', async (env, message) => {
    await expect(initPii(env)).rejects.toThrow(message);
  });

  test('rejects when the keyset file is missing, naming the file', async () => {
    await expect(initPii({ PII_PROVIDER: 'file', PII_TOKEN_KEYSET_PATH: '/nonexistent/t.json' })).rejects.toMatchObject({
      code: 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE',
      message: expect.stringContaining('/nonexistent/t.json'),
    });
  });
});

describe('process-wide state', () => {
  test("lives on globalThis under Symbol.for('ecsctx.pii.v1')", async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token });
    const slot = (globalThis as Record<symbol, unknown>)[Symbol.for('ecsctx.pii.v1')];
    expect(slot).toBe(piiState());
    expect(piiState().runtime?.env).toBe('prod');
  });

  test('is shared by a second copy of the module graph', async () => {
    await configurePii({ provider: 'static', env: 'prod', tokenKeyset: token, access: 'full', revealKeyset: revealDoc });
    vi.resetModules();
    const copy = await import('../../src/pii/index');
    const other = await import('../../src/pii/operations');
    expect(copy.configurePii).not.toBe(configurePii);
    const v = firstToken('prod');
    expect(copy.tokenize(v.input, v.field_type)).toBe(v.token);
    expect(copy.getPiiTokenizer()?.tokenize(v.input, v.field_type)).toBe(v.token);
    expect(other.protectWithNonce).not.toBe(protectWithNonce);
    expect(copy.reveal(protect('x', 'generic'), 'generic')).toBe('x');
    copy.resetPii();
    expect(isPiiConfigured()).toBe(false);
  });
});
