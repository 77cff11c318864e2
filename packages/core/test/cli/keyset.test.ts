import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { keyObjectOf } from '../../src/pii/keyset';
import { openValue, sealValue } from '../../src/pii/cipher';
import { parseKeyset } from '../../src/pii/parse-keyset';
import { makeTempDir, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';
import { runCli } from './cli-io';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir('ecsctx-cli-')));
afterEach(() => cleanup());

const modeOf = (file: string): number => statSync(file).mode & 0o777;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as {
  schema_version: number;
  primary_kid: string;
  keys: Record<string, { alg: string; key_b64: string; created_at: string }>;
};

describe('ecsctx keyset generate', () => {
  test('writes a token keyset with one fresh 32-byte key, mode 0600, and prints no key material', async () => {
    const out = path.join(dir, 'token.json');
    const result = await runCli(['keyset', 'generate', '--out', out]);
    expect(result.code).toBe(0);
    expect(modeOf(out)).toBe(0o600);
    const doc = read(out);
    expect(doc.schema_version).toBe(1);
    expect(doc.primary_kid).toMatch(/^tk-\d{8}-[0-9a-f]{6}$/);
    const key = doc.keys[doc.primary_kid];
    expect(key.alg).toBe('HMAC-SHA-256');
    expect(key.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Buffer.from(key.key_b64, 'base64url')).toHaveLength(32);
    expect(key.key_b64).not.toMatch(/=/);
    expect(result.stdout).toContain(`token keyset ${out}: primary kid ${doc.primary_kid}`);
    expect(result.stdout + result.stderr).not.toContain(key.key_b64);
    expect(parseKeyset(readFileSync(out)).primaryResolves).toBe(true);
  });

  test('makes a different key each time', async () => {
    await runCli(['keyset', 'generate', '--out', path.join(dir, 'a.json')]);
    await runCli(['keyset', 'generate', '--out', path.join(dir, 'b.json')]);
    const keyOf = (f: string) => Object.values(read(path.join(dir, f)).keys)[0].key_b64;
    expect(keyOf('a.json')).not.toBe(keyOf('b.json'));
  });

  test('writes a reveal keyset usable for protect/reveal, with the kid asked for', async () => {
    const out = path.join(dir, 'reveal.json');
    expect((await runCli(['keyset', 'generate', '--out', out, '--kind', 'reveal', '--kid', 'rk-1'])).code).toBe(0);
    const doc = read(out);
    expect(doc.primary_kid).toBe('rk-1');
    expect(doc.keys['rk-1'].alg).toBe('AES-256-GCM');
    const keyset = parseKeyset(readFileSync(out));
    expect(openValue(keyset, 'prod', 'email', sealValue(keyset, 'prod', 'email', 'a@b'))).toBe('a@b');
  });

  test('writes a JWK Set when asked', async () => {
    const out = path.join(dir, 'jwks.json');
    expect((await runCli(['keyset', 'generate', '--out', out, '--format', 'jwk-set', '--kid', 'j1'])).code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.keys).toEqual([{ kty: 'oct', kid: 'j1', k: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), alg: 'HS256' }]);
  });

  test('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const out = writeKeysetFile(dir, 'token.json', 'keep me');
    const refused = await runCli(['keyset', 'generate', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out} already exists; pass --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runCli(['keyset', 'generate', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(read(out).primary_kid).toMatch(/^tk-/);
    expect(modeOf(out)).toBe(0o600);
  });

  test.each([
    [['keyset', 'generate'], /needs --out FILE/],
    [['keyset', 'generate', '--out', 'x', '--kind', 'master'], /--kind must be one of token, reveal/],
    [['keyset', 'generate', '--out', 'x', '--kid', 'a:b'], /--kid must be/],
    [['keyset', 'generate', '--out', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['keyset', 'generate', '--out', 'x', 'extra'], /Unexpected argument 'extra'|positional/i],
    [['keyset'], /needs an action/],
    [['keyset', 'shred'], /unknown keyset action "shred"/],
  ])('exits 2 with a usage message for %j', async (argv, message) => {
    const result = await runCli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("--help' for usage");
  });

  test('fails with exit 1 when the directory does not exist', async () => {
    const result = await runCli(['keyset', 'generate', '--out', path.join(dir, 'missing', 'k.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENOENT');
  });
});

describe('ecsctx keyset rotate', () => {
  test('adds a new primary reveal key, keeps the old kids, and old ciphertexts still reveal', async () => {
    const file = writeKeysetFile(dir, 'reveal.json', vectors.keysets['pub-reveal'], 0o644);
    const result = await runCli(['keyset', 'rotate', '--in', file, '--kid', 'rk-c']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Rotated reveal keyset');
    expect(result.stdout).toContain('primary kid rk-c; kids rk-a, rk-b, rk-c');
    expect(modeOf(file)).toBe(0o600);
    const keyset = parseKeyset(readFileSync(file));
    expect(keyset.primaryKid).toBe('rk-c');
    expect(keyset.describe().find((k) => k.kid === 'rk-c')).toMatchObject({ alg: 'AES-256-GCM', length: 32 });
    for (const v of vectors.ciphertexts) expect(openValue(keyset, v.env, v.field_type, v.ciphertext)).toBe(v.plaintext);
    expect(sealValue(keyset, 'prod', 'generic', 'x').startsWith('penc:v1:rk-c:')).toBe(true);
    // Old key bytes are unchanged.
    const before = parseKeyset(vectors.keysets['pub-reveal']);
    expect(keyObjectOf(keyset, 'rk-a')!.export().equals(keyObjectOf(before, 'rk-a')!.export())).toBe(true);
  });

  test('rotates a token keyset and warns that new tokens differ', async () => {
    const file = writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']);
    const result = await runCli(['keyset', 'rotate', '--in', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('tokens use the primary key only');
    const doc = read(file);
    expect(Object.keys(doc.keys)).toEqual(['tk-2023', 'tk-2024', doc.primary_kid]);
    expect(doc.primary_kid).toMatch(/^tk-\d{8}-/);
    expect(doc.keys['tk-2023']).toEqual(vectors.keysets['pub-token'].keys['tk-2023']);
  });

  test('writes to --out and leaves --in alone; refuses an existing --out without --force', async () => {
    const file = writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']);
    const original = readFileSync(file, 'utf8');
    const out = path.join(dir, 'next.json');
    expect((await runCli(['keyset', 'rotate', '--in', file, '--out', out])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(parseKeyset(readFileSync(out)).kids).toHaveLength(3);
    expect((await runCli(['keyset', 'rotate', '--in', file, '--out', out])).code).toBe(2);
    expect((await runCli(['keyset', 'rotate', '--in', file, '--out', out, '--force'])).code).toBe(0);
  });

  test('puts the new key first in a JWK Set (the first key is the primary)', async () => {
    const file = writeKeysetFile(dir, 'jwks.json', { keys: [{ kty: 'oct', kid: 'old', k: Buffer.alloc(32, 1).toString('base64url'), alg: 'A256GCM' }] });
    expect((await runCli(['keyset', 'rotate', '--in', file, '--kid', 'new'])).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.keys.map((k: { kid: string }) => k.kid)).toEqual(['new', 'old']);
    expect(parseKeyset(doc).primaryKid).toBe('new');
  });

  test('asks for --kind when the alg values do not tell', async () => {
    const file = writeKeysetFile(dir, 'k.json', { primary_kid: 'a', keys: { a: { alg: 'ROT13', key_b64: Buffer.alloc(32).toString('base64url') } } });
    const result = await runCli(['keyset', 'rotate', '--in', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --kind');
    expect((await runCli(['keyset', 'rotate', '--in', file, '--kind', 'token'])).code).toBe(0);
  });

  test('refuses a kid that is already in the keyset', async () => {
    const file = writeKeysetFile(dir, 'token.json', vectors.keysets['pub-token']);
    const result = await runCli(['keyset', 'rotate', '--in', file, '--kid', 'tk-2023']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already in the keyset');
  });

  test('fails with exit 1 and no key material for an invalid keyset file', async () => {
    const secret = 'c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3Qtc2hvdw';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, `{"primary_kid": "a", "keys": {"a": {"alg": "x", "key_b64": "${secret}`);
    const result = await runCli(['keyset', 'rotate', '--in', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid keyset: not valid JSON');
    expect(result.stderr).not.toContain(secret.slice(0, 12));
  });
});
