import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { configurePii, describePii, getPiiTokenizer, parseKeyset, resetPii, reveal } from '../../src/pii/index';
import { openValue } from '../../src/pii/cipher';
import { openFileProvider } from '../../src/pii/providers/file';
import { piiState } from '../../src/pii/state';
import { createTokenizer } from '../../src/pii/token';
import { captureDiagnostics, makeTempDir, writeKeysetFile } from '../support/pii-files';
import { vectors } from '../support/pii-vectors';

/** Every spelling of every key byte string in the vector keysets. */
const keyMaterial = Object.values(vectors.keysets).flatMap((doc) =>
  Object.values(doc.keys).flatMap((k) => {
    const bytes = Buffer.from(k.key_b64, 'base64url');
    return [k.key_b64, k.key_b64.slice(0, 8), bytes.toString('hex').slice(0, 12), bytes.toString('base64').slice(0, 8)];
  }),
);

function expectClean(text: string): void {
  for (const secret of keyMaterial) expect(text, `leaked ${secret}`).not.toContain(secret);
}

function failureOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const show = (value: unknown): string => inspect(value, { depth: Infinity, showHidden: true });

afterEach(() => resetPii());

describe('no key material in messages or inspect output', () => {
  const doc = vectors.keysets['pub-token'];
  const keyB64 = doc.keys['tk-2024'].key_b64;

  test('keyset parse errors, including JSON syntax errors next to a key', () => {
    const text = JSON.stringify(doc);
    const broken = [
      text.slice(0, text.indexOf(keyB64) + 20),
      text.replace(keyB64, keyB64 + '!"'),
      text.replace(`"${keyB64}"`, keyB64),
      JSON.stringify({ ...doc, keys: { 'tk-2024': { alg: 'x', key_b64: keyB64 + 'AB' } } }),
      JSON.stringify({ keys: [{ kty: 'oct', kid: 'a', k: keyB64 + '+' }] }),
      JSON.stringify({ keys: [{ kty: 'RSA', kid: 'a', k: keyB64 }] }),
    ];
    for (const input of broken) {
      const error = failureOf(() => parseKeyset(input));
      expect(error).toMatchObject({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' });
      expect((error as { cause?: unknown }).cause).toBeUndefined();
      expectClean(error.message);
      expectClean(show(error));
    }
  });

  test('keysets, tokenizers, the runtime and the global state', async () => {
    await configurePii({ provider: 'static', access: 'full', env: 'prod', tokenKeyset: doc, revealKeyset: vectors.keysets['pub-reveal'] });
    const keyset = parseKeyset(doc);
    for (const out of [
      show(keyset),
      String(keyset),
      JSON.stringify(keyset),
      show(createTokenizer(keyset, 'prod')),
      JSON.stringify(createTokenizer(keyset, 'prod')),
      show(getPiiTokenizer()),
      show(piiState()),
      JSON.stringify(describePii()),
    ]) {
      expectClean(out);
    }
  });

  test('reveal failures, and they do not repeat the ciphertext', async () => {
    await configurePii({ provider: 'static', access: 'full', env: 'prod', tokenKeyset: doc, revealKeyset: vectors.keysets['pub-reveal'] });
    for (const v of [...vectors.negative, ...vectors.lenient]) {
      const error = failureOf(() => openValue(parseKeyset(vectors.keysets[v.keyset]), v.env, v.field_type, v.ciphertext));
      expectClean(show(error));
      if (v.ciphertext.length > 30) expect(error.message).not.toContain(v.ciphertext.slice(13, 40));
    }
    expectClean(show(failureOf(() => reveal(vectors.ciphertexts[0].ciphertext, 'wrong'))));
  });

  test('file provider errors and diagnostics for a half-written keyset file', async () => {
    const { dir, cleanup } = makeTempDir();
    const diagnostics = captureDiagnostics();
    try {
      const text = JSON.stringify(doc);
      const file = writeKeysetFile(dir, 'token.json', text.slice(0, text.indexOf(keyB64) + 30));
      const error = await openFileProvider({ tokenKeysetPath: file }).catch((e: Error) => e);
      expectClean(show(error));
      const good = writeKeysetFile(dir, 'good.json', doc);
      const provider = await openFileProvider({ tokenKeysetPath: good });
      writeKeysetFile(dir, 'good.json', text.slice(0, text.indexOf(keyB64) + 30));
      const { utimesSync } = await import('node:fs');
      utimesSync(good, new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
      await provider.checkNow();
      provider.close();
      expect(diagnostics.list).toHaveLength(1);
      for (const d of diagnostics.list) expectClean(d.message);
    } finally {
      diagnostics.restore();
      cleanup();
    }
  });

  test('configuration failures', async () => {
    const bad = { ...doc, primary_kid: 'nope' };
    const error = await configurePii({ provider: 'static', tokenKeyset: bad }).catch((e: Error) => e);
    expectClean(show(error));
  });
});
