import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { decodeKeyBase64 } from '../../src/pii/base64';
import { Keyset, keyObjectOf } from '../../src/pii/keyset';
import { toKeysetDocument } from '../../src/pii/keyset-document';
import { parseKeyset } from '../../src/pii/parse-keyset';
import { createTokenizer } from '../../src/pii/token';
import { vectors } from '../support/pii-vectors';

const hexOf = (keyset: Keyset, kid: string): string => keyObjectOf(keyset, kid)!.export().toString('hex');

describe('parseKeyset with the keyset_parsing vectors', () => {
  test('covers 17 cases', () => {
    expect(vectors.keyset_parsing).toHaveLength(17);
  });

  const parsed = vectors.keyset_parsing.filter((v) => v.python_result === 'parsed');
  const failed = vectors.keyset_parsing.filter((v) => v.python_result === 'error');

  test.each(parsed.map((v) => [v.name, v] as const))('parses %s as Python does', (_name, v) => {
    const keyset = parseKeyset(v.document);
    const want = v.parsed!;
    expect(keyset.schemaVersion).toBe(want.schema_version);
    expect(keyset.primaryKid).toBe(want.primary_kid);
    expect(keyset.primaryResolves).toBe(want.primary_resolves);
    expect(keyset.kids).toEqual(Object.keys(want.keys));
    for (const info of keyset.describe()) {
      expect(info.alg).toBe(want.keys[info.kid].alg);
      expect(info.createdAt).toBe(want.keys[info.kid].created_at);
      expect(hexOf(keyset, info.kid)).toBe(want.keys[info.kid].key_hex);
    }
  });

  test.each(failed.map((v) => [v.name, v] as const))('refuses %s as Python does', (_name, v) => {
    expect(() => parseKeyset(v.document)).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' }));
  });

  test('a keyset whose primary kid is not in keys parses but cannot tokenize', () => {
    const v = vectors.keyset_parsing.find((c) => c.name === 'primary_kid_missing_from_keys')!;
    const keyset = parseKeyset(v.document);
    expect(() => createTokenizer(keyset, 'prod')).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_KEY_NOT_FOUND' }));
  });

  test('parses the same document given as text, bytes or object', () => {
    const doc = vectors.keysets['pub-token'];
    const text = JSON.stringify(doc);
    for (const source of [text, Buffer.from(text), new TextEncoder().encode(text), doc]) {
      const keyset = parseKeyset(source);
      expect(keyset.primaryKid).toBe('tk-2024');
      expect(hexOf(keyset, 'tk-2023')).toBe(Buffer.from(doc.keys['tk-2023'].key_b64, 'base64url').toString('hex'));
    }
  });

  test('refuses an empty key (stricter than Python)', () => {
    expect(() => parseKeyset({ primary_kid: 'k', keys: { k: { alg: 'x', key_b64: '' } } })).toThrow(/the key is empty/);
  });

  test('refuses non-object documents and wrong field types', () => {
    for (const doc of ['[]', 'null', '42', '{"primary_kid": 1, "keys": {}}', '{"primary_kid": "a", "keys": []}x']) {
      expect(() => parseKeyset(doc)).toThrow(expect.objectContaining({ code: 'ERR_ECSCTX_PII_KEYSET_INVALID' }));
    }
    expect(() => parseKeyset({ primary_kid: 'k', keys: { k: { alg: 1, key_b64: 'AAAA' } } })).toThrow(/'alg' is not a string/);
  });
});

describe('decodeKeyBase64 (Python urlsafe_b64decode semantics)', () => {
  test.each([
    ['AQID', '010203'],
    ['AQID=', '010203'],
    ['AQ==', '01'],
    ['AQ', '01'],
    ['AQI', '0102'],
    ['A Q\nI\tD', '010203'],
    ['-_-_', 'fbffbf'],
    ['+/+/', 'fbffbf'],
    ['AQ==AQID', '01'],
    ['AQ=I=D', '0102'],
    ['AAAA=AQID', '000000010203'],
  ])('decodes %j like CPython a2b_base64', (text, hex) => {
    expect(decodeKeyBase64(text).toString('hex')).toBe(hex);
  });

  test('reports the 1-mod-4 data length with Python numbers and no input text', () => {
    expect(() => decodeKeyBase64('abcde')).toThrow('number of data characters (5) cannot be 1 more than a multiple of 4');
  });

  test('refuses non-ASCII text', () => {
    expect(() => decodeKeyBase64('AQIé')).toThrow(/non-ASCII/);
  });
});

describe('JWK Sets', () => {
  const k1 = Buffer.alloc(32, 1);
  const k2 = Buffer.alloc(32, 2);
  const jwks = {
    keys: [
      { kty: 'oct', kid: 'j-2', k: k2.toString('base64url'), alg: 'HS256' },
      { kty: 'oct', kid: 'j-1', k: k1.toString('base64url') },
    ],
  };

  test('reads oct keys and makes the first key the primary', () => {
    const keyset = parseKeyset(jwks);
    expect(keyset.format).toBe('jwk-set');
    expect(keyset.primaryKid).toBe('j-2');
    expect(keyset.kids).toEqual(['j-2', 'j-1']);
    expect(hexOf(keyset, 'j-1')).toBe(k1.toString('hex'));
    expect(keyset.describe()[0].alg).toBe('HS256');
  });

  test('tokenizes like the same key in a Python keyset document', () => {
    const doc = { schema_version: 1, primary_kid: 'j-2', keys: { 'j-2': { alg: 'HMAC-SHA-256', key_b64: k2.toString('base64url') } } };
    expect(createTokenizer(parseKeyset(jwks), 'prod').tokenize('a@b', 'email')).toBe(
      createTokenizer(parseKeyset(doc), 'prod').tokenize('a@b', 'email'),
    );
  });

  test.each([
    ['a non-oct key', { keys: [{ kty: 'RSA', kid: 'r', n: 'AQAB', e: 'AQAB' }] }, /only 'oct'/],
    ['a key without kid', { keys: [{ kty: 'oct', k: 'AQID' }] }, /'kid'/],
    ['duplicate kids', { keys: [{ kty: 'oct', kid: 'a', k: 'AQID' }, { kty: 'oct', kid: 'a', k: 'AQID' }] }, /duplicate kid/],
    ['a k in the standard alphabet', { keys: [{ kty: 'oct', kid: 'a', k: 'AQ+/' }] }, /'k' is not valid base64url/],
    ['an empty set', { keys: [] }, /no keys/],
  ])('refuses %s', (_name, doc, message) => {
    expect(() => parseKeyset(doc)).toThrow(message);
  });

  test('writes back in its own format', () => {
    const again = parseKeyset(toKeysetDocument(parseKeyset(jwks)) as unknown as Record<string, unknown>);
    expect(again.format).toBe('jwk-set');
    expect(hexOf(again, 'j-2')).toBe(k2.toString('hex'));
  });
});

describe('Keyset', () => {
  const doc = vectors.keysets['pub-reveal'];
  const keyset = parseKeyset(doc);
  const secrets = Object.values(doc.keys).flatMap((k) => {
    const bytes = Buffer.from(k.key_b64, 'base64url');
    return [k.key_b64, bytes.toString('hex'), bytes.toString('base64'), bytes.toString('latin1')];
  });
  const outputs = (): string[] => [
    String(keyset),
    JSON.stringify(keyset),
    inspect(keyset),
    inspect(keyset, { showHidden: true, depth: Infinity }),
    inspect({ nested: { keyset } }, { depth: Infinity }),
    `${keyset}`,
    inspect(keyset.describe(), { depth: Infinity }),
  ];

  test('never shows key bytes in toString, JSON or inspect', () => {
    for (const out of outputs()) for (const secret of secrets) expect(out).not.toContain(secret);
  });

  test('shows ids and the primary kid instead', () => {
    expect(String(keyset)).toBe('Keyset(primary=rk-b, kids=[rk-a, rk-b])');
    expect(inspect(keyset)).toBe('Keyset(primary=rk-b, kids=[rk-a, rk-b])');
    expect(JSON.parse(JSON.stringify(keyset))).toMatchObject({ primaryKid: 'rk-b', keys: [{ kid: 'rk-a', length: 32 }, { kid: 'rk-b', length: 32 }] });
  });

  test('is immutable and copies the bytes it is given', () => {
    const bytes = Buffer.alloc(32, 9);
    const own = new Keyset({ primaryKid: 'a', keys: [{ kid: 'a', key: bytes }] });
    bytes.fill(0);
    expect(hexOf(own, 'a')).toBe(Buffer.alloc(32, 9).toString('hex'));
    expect(Object.isFrozen(own)).toBe(true);
  });
});
