import { describe, expect, test } from 'vitest';
import { openValue, sealValue, splitCiphertext } from '../../src/pii/cipher';
import { parseKeyset } from '../../src/pii/parse-keyset';
import { vectors } from '../support/pii-vectors';

const keysets = Object.fromEntries(Object.entries(vectors.keysets).map(([name, doc]) => [name, parseKeyset(doc)]));
const nonceOf = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** The keyset with `kid` as primary, so sealing uses the vector's key. */
function withPrimary(name: string, kid: string) {
  return parseKeyset({ ...vectors.keysets[name], primary_kid: kid });
}

describe('ciphertexts made by Python', () => {
  test('the vector file holds 12 ciphertexts, 20 negative and 5 lenient cases', () => {
    expect(vectors.ciphertexts).toHaveLength(12);
    expect(vectors.negative).toHaveLength(20);
    expect(vectors.lenient).toHaveLength(5);
  });

  test.each(vectors.ciphertexts.map((v) => [v.kid, v.env, v.field_type, v] as const))(
    'reveals the %s / %s / %s vector',
    (_kid, _env, _type, v) => {
      expect(openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext)).toBe(v.plaintext);
    },
  );

  test.each(vectors.ciphertexts.map((v) => [v.kid, v.env, v.field_type, v] as const))(
    're-encrypts the %s / %s / %s vector byte-exactly with its nonce',
    (_kid, _env, _type, v) => {
      const keyset = withPrimary(v.keyset, v.kid);
      expect(sealValue(keyset, v.env, v.field_type, v.plaintext, nonceOf(v.nonce_hex))).toBe(v.ciphertext);
    },
  );

  test('keeps old kids working after the primary moved on (rotation)', () => {
    const old = vectors.ciphertexts.filter((v) => v.kid !== vectors.keysets['pub-reveal'].primary_kid);
    expect(old.length).toBeGreaterThan(0);
    for (const v of old) expect(openValue(keysets['pub-reveal'], v.env, v.field_type, v.ciphertext)).toBe(v.plaintext);
  });

  test('accepts a 16-byte (AES-128-GCM) key both ways, as Python does', () => {
    expect(vectors.ciphertexts_other_key_sizes).toHaveLength(1);
    for (const v of vectors.ciphertexts_other_key_sizes) {
      expect(openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext)).toBe(v.plaintext);
      expect(sealValue(keysets[v.keyset], v.env, v.field_type, v.plaintext, nonceOf(v.nonce_hex))).toBe(v.ciphertext);
    }
  });

  test('accepts a 24-byte (AES-192-GCM) key', () => {
    const keyset = parseKeyset({ primary_kid: 'k', keys: { k: { alg: 'AES-192-GCM', key_b64: Buffer.alloc(24, 7).toString('base64url') } } });
    expect(openValue(keyset, 'e', 'generic', sealValue(keyset, 'e', 'generic', 'x'))).toBe('x');
  });

  test('refuses a reveal key that is not 16, 24 or 32 bytes', () => {
    const keyset = parseKeyset({ primary_kid: 'k', keys: { k: { alg: 'AES-256-GCM', key_b64: Buffer.alloc(20, 7).toString('base64url') } } });
    expect(() => sealValue(keyset, 'e', 'generic', 'x')).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' }));
  });

  test('draws a fresh random nonce for every encryption', () => {
    const keyset = keysets['pub-reveal'];
    const a = sealValue(keyset, 'prod', 'email', 'same');
    const b = sealValue(keyset, 'prod', 'email', 'same');
    expect(a).not.toBe(b);
    expect(a.startsWith('penc:v1:rk-b:')).toBe(true);
    expect(openValue(keyset, 'prod', 'email', a)).toBe('same');
  });

  test('keeps a leading U+FEFF and NUL in the plaintext', () => {
    const keyset = keysets['pub-reveal'];
    expect(openValue(keyset, 'p', 'g', sealValue(keyset, 'p', 'g', '\ufeffa\u0000b'))).toBe('\ufeffa\u0000b');
  });
});

const expectedCode: Record<string, string> = {
  wrong_env: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  wrong_field_type: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  field_type_case: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  wrong_key_same_kid: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  unknown_kid: 'ERR_ECSCTX_PII_KEY_NOT_FOUND',
  kid_case: 'ERR_ECSCTX_PII_KEY_NOT_FOUND',
  tampered_nonce: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  tampered_ciphertext: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  tampered_tag: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  truncated_tag: 'ERR_ECSCTX_PII_DECRYPT_FAILED',
  payload_shorter_than_nonce_plus_tag: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  empty_payload: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  three_parts: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  two_parts: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  empty_string: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  token_instead_of_ciphertext: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  uppercase_prefix: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  other_prefix: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  leading_space: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
  bad_base64_length: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID',
};

describe('negative vectors', () => {
  test('every negative vector has an expected code here', () => {
    expect(Object.keys(expectedCode).sort()).toEqual(vectors.negative.map((v) => v.name).sort());
  });

  test.each(vectors.negative.map((v) => [v.name, v] as const))('rejects %s with a distinct code', (name, v) => {
    let caught: unknown;
    try {
      openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: expectedCode[name] });
    // The message never repeats the full ciphertext.
    if (v.ciphertext.length > 20) expect((caught as Error).message).not.toContain(v.ciphertext.split(':').pop());
  });

  test('says which env and field type failed to authenticate', () => {
    const v = vectors.negative.find((n) => n.name === 'wrong_env')!;
    expect(() => openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext)).toThrow(/env "dev" and field type "generic"/);
  });

  test('lists the known kids when the kid is unknown', () => {
    const v = vectors.negative.find((n) => n.name === 'unknown_kid')!;
    expect(() => openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext)).toThrow(/"no-such-kid".*"rk-a", "rk-b"/);
  });
});

describe('lenient vectors (decision: rejected)', () => {
  test.each(vectors.lenient.map((v) => [v.name, v] as const))(
    'rejects %s, which Python accepts, as a malformed ciphertext',
    (_name, v) => {
      expect(() => openValue(keysets[v.keyset], v.env, v.field_type, v.ciphertext)).toThrow(
        expect.objectContaining({ code: 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID' }),
      );
    },
  );

  test('each lenient vector is otherwise genuine: its canonical form reveals the same plaintext', () => {
    for (const v of vectors.lenient) {
      const parts = splitCiphertext(v.ciphertext)!;
      const bytes = Buffer.from(parts.payload.replace(/[^A-Za-z0-9+/_-]/g, '').replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
      const canonical = `penc:v1:${parts.kid}:${bytes.toString('base64url')}`;
      expect(openValue(keysets[v.keyset], v.env, v.field_type, canonical)).toBe(v.plaintext);
    }
  });
});

describe('splitCiphertext', () => {
  test.each(vectors.api_notes.filter((n) => n.name === 'parse_penc_kid').map((n) => [n.input as string, n.kid as string]))(
    'splits %s with kid %j as Python does',
    (input, kid) => {
      expect(splitCiphertext(input)?.kid).toBe(kid);
    },
  );

  test('rejects an empty kid when revealing', () => {
    expect(() => openValue(keysets['pub-reveal'], 'prod', 'generic', 'penc:v1::AAAA')).toThrow(/empty key id/);
  });
});
