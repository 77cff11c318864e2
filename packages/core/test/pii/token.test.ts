import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalizeForToken } from '../../src/pii/normalize';
import { keyObjectOf } from '../../src/pii/keyset';
import { parseKeyset } from '../../src/pii/parse-keyset';
import { createTokenizer, deriveSubKey, MAX_CACHED_FIELD_TYPES, TOKEN_PREFIX } from '../../src/pii/token';
import { HmacSha256, JS_HMAC_MAX_BYTES } from '../../src/pii/hmac-sha256';
import { vectors } from '../support/pii-vectors';

const keysets = Object.fromEntries(Object.entries(vectors.keysets).map(([name, doc]) => [name, parseKeyset(doc)]));

describe('tokens', () => {
  test('the vector file holds 242 token vectors', () => {
    expect(vectors.tokens).toHaveLength(vectors.counts.tokens);
    expect(vectors.tokens).toHaveLength(242);
  });

  test('makes all 242 tokens byte-identical to Python', () => {
    const mismatches = vectors.tokens.filter(
      (v) => createTokenizer(keysets[v.keyset], v.env).tokenize(v.input, v.field_type) !== v.token,
    );
    expect(mismatches).toEqual([]);
  });

  test('every token vector input normalizes to its recorded normalized form', () => {
    const tokenizers = new Map<string, ReturnType<typeof createTokenizer>>();
    for (const v of vectors.tokens) {
      const key = `${v.keyset}\0${v.env}`;
      if (!tokenizers.has(key)) tokenizers.set(key, createTokenizer(keysets[v.keyset], v.env));
      // Tokenizing the normalized form gives the same token: normalization is idempotent.
      expect(tokenizers.get(key)?.tokenize(v.normalized, v.field_type)).toBe(v.token);
    }
  });

  test('derives the 30 intermediate sub-keys as Python does', () => {
    expect(vectors.derived_keys).toHaveLength(30);
    for (const v of vectors.derived_keys) {
      const keyset = keysets[v.keyset];
      const master = keyObjectOf(keyset, keyset.primaryKid);
      expect(master).toBeDefined();
      expect(v.context).toBe(`${v.env}|${v.field_type}`);
      expect(deriveSubKey(master!, v.env, v.field_type).toString('hex')).toBe(v.derived_key_hex);
    }
  });

  test('shares a sub-key between contexts whose joined strings are equal (| is not escaped)', () => {
    for (const group of vectors.context_collisions) {
      const keyset = keysets[group.keyset];
      const master = keyObjectOf(keyset, keyset.primaryKid)!;
      for (const m of group.members) {
        expect(deriveSubKey(master, m.env, m.field_type).toString('hex')).toBe(m.derived_key_hex);
        expect(createTokenizer(keyset, m.env).tokenize(m.input, m.field_type)).toBe(m.token);
      }
      expect(new Set(group.members.map((m) => m.token)).size).toBe(group.tokens_equal ? 1 : group.members.length);
    }
  });

  test('uses only the primary key of the token keyset', () => {
    const v = vectors.tokens.find((t) => t.keyset === 'pub-token')!;
    const doc = structuredClone(vectors.keysets['pub-token']);
    doc.primary_kid = 'tk-2023';
    expect(createTokenizer(parseKeyset(doc), v.env).tokenize(v.input, v.field_type)).not.toBe(v.token);
  });

  test('hashes a key longer than the HMAC block first (80-byte key vectors)', () => {
    expect(keysets['pub-token-long'].describe()[0].length).toBe(80);
    const long = vectors.tokens.filter((v) => v.keyset === 'pub-token-long');
    expect(long.length).toBeGreaterThan(0);
    for (const v of long) expect(createTokenizer(keysets['pub-token-long'], v.env).tokenize(v.input, v.field_type)).toBe(v.token);
  });

  test('starts every token with ptok:v1: and base64url without padding', () => {
    const token = createTokenizer(keysets['pub-token'], 'prod').tokenize('x', 'generic');
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token.slice(TOKEN_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('keeps giving correct tokens beyond the sub-key cache limit', () => {
    const tokenizer = createTokenizer(keysets['pub-token'], 'prod');
    const fresh = (type: string): string => createTokenizer(keysets['pub-token'], 'prod').tokenize('v', type);
    for (let i = 0; i < MAX_CACHED_FIELD_TYPES + 10; i++) tokenizer.tokenize('v', `t${i}`);
    expect(tokenizer.tokenize('v', `t${MAX_CACHED_FIELD_TYPES + 5}`)).toBe(fresh(`t${MAX_CACHED_FIELD_TYPES + 5}`));
    expect(tokenizer.tokenize('v', 't1')).toBe(fresh('t1'));
  });

  test('refuses a keyset whose primary kid is not one of its keys', () => {
    const keyset = parseKeyset({ ...vectors.keysets['pub-token'], primary_kid: 'absent' });
    expect(() => createTokenizer(keyset, 'prod')).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_KEY_NOT_FOUND' }));
  });
});

describe('HmacSha256 (the JavaScript HMAC behind tokens)', () => {
  test('gives the bytes createHmac gives at every padding boundary, for keys of 1 to 64 bytes', () => {
    for (const keyLength of [1, 16, 32, 55, 63, 64]) {
      const key = randomBytes(keyLength);
      const hmac = new HmacSha256(key);
      for (let n = 0; n <= 200; n++) {
        const text = 'a'.repeat(n);
        expect(hmac.digestBase64url(text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
      }
      // ASCII then not (the short and the long loads give up part-way), and the longest of each
      const mixed = ['abcé', 'a'.repeat(54) + 'é', 'a'.repeat(55) + 'é', 'a'.repeat(100) + '😀', 'a'.repeat(1000) + 'ü'.repeat(12)];
      for (const text of ['é'.repeat(100), '😀x', 'x\ud800y', '\u0000', 'z'.repeat(JS_HMAC_MAX_BYTES), 'ü'.repeat(JS_HMAC_MAX_BYTES / 2), ...mixed]) {
        expect(hmac.digestBase64url(text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
      }
      expect(hmac.digestBase64url('z'.repeat(JS_HMAC_MAX_BYTES + 1))).toBeUndefined();
      expect(hmac.digestBase64url('ü'.repeat(JS_HMAC_MAX_BYTES / 2 + 1))).toBeUndefined();
      expect(hmac.digestBase64url('a'.repeat(1000) + 'ü'.repeat(13))).toBeUndefined();
      // a message given up on leaves nothing behind that changes the next one
      expect(hmac.digestBase64url('a'.repeat(30))).toBe(createHmac('sha256', key).update('a'.repeat(30), 'utf8').digest('base64url'));
    }
    expect(() => new HmacSha256(randomBytes(65))).toThrow(RangeError);
    const key = randomBytes(32);
    expect(new HmacSha256(key).digestBase64url('jane@example.com', 'ptok:v1:')).toBe('ptok:v1:' + createHmac('sha256', key).update('jane@example.com').digest('base64url'));
    expect(() => new HmacSha256(key).digestBase64url('x', 'p'.repeat(33))).toThrow(RangeError);
  });

  test('random keys and texts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 400 }), (key, text) => {
        expect(new HmacSha256(key).digestBase64url(text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tokens through the JavaScript HMAC and past its size', () => {
  test('gives the bytes createHmac gives, for any text up to and past the fast-path size', () => {
    const master = randomBytes(32);
    const keyset = parseKeyset({ schema_version: 1, primary_kid: 'k', keys: { k: { alg: 'HMAC-SHA-256', key_b64: master.toString('base64url') } } });
    const tokenizer = createTokenizer(keyset, 'prop');
    const subKey = createHmac('sha256', master).update('prop|phone', 'utf8').digest();
    // phone normalization keeps digits and +: the property feeds already-normalized text
    const digits = fc.stringMatching(/^\+?[0-9]{0,1200}$/);
    fc.assert(
      fc.property(digits, (text) => {
        expect(tokenizer.tokenize(text, 'phone')).toBe(TOKEN_PREFIX + createHmac('sha256', subKey).update(text, 'utf8').digest('base64url'));
      }),
      { numRuns: 300 },
    );
    const emailSub = createHmac('sha256', master).update('prop|email', 'utf8').digest();
    const unicode = fc.string({ unit: 'grapheme', maxLength: 600 }).map((t) => t.toLowerCase().trim());
    fc.assert(
      fc.property(unicode, (text) => {
        fc.pre(text === tokenizerNormalized(text));
        expect(tokenizer.tokenize(text, 'email')).toBe(TOKEN_PREFIX + createHmac('sha256', emailSub).update(text, 'utf8').digest('base64url'));
      }),
      { numRuns: 300 },
    );
  });
});

function tokenizerNormalized(text: string): string {
  return normalizeForToken(text, 'email');
}
