/**
 * `ecsctx check` reports a card number, a JWT, a private key block, a bearer token or a vendor API key in clear
 * as an error, anywhere in a line, and stays quiet on what the mask writes for them.
 */
import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { resetPii } from '@ecsctx/core';
import { checkLogLines } from '@ecsctx/core/check';
import { flush, makeLogger } from '../support/logger';
import { cardNumber, jwt } from '../support/secret-generators';

const base = { '@timestamp': '2026-01-01T00:00:00.000Z', 'log.level': 'info', message: 'm', 'ecs.version': '1.12.0', service: { name: 'app' } };

function secretFindings(lines: readonly Record<string, unknown>[]): { path: string; severity: string; message: string }[] {
  return checkLogLines(lines.map((l) => JSON.stringify(l))).findings.filter((f) => f.check === 'secret-value');
}

describe('secret-value', () => {
  it('reports each kind in clear, in values, nested fields, URLs and keys', () => {
    const card = '4111 1111 1111 1111';
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlX2J5dGVz';
    const found = secretFindings([
      { ...base, message: `paid with ${card}` },
      { ...base, custom: { auth: { header: `Bearer ${token}` } } },
      { ...base, url: { query: `next=%2Fhome&t=${token}` } },
      { ...base, extra: { key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----' } },
      { ...base, extra: { [card]: true } },
      { ...base, note: 'card%204111111111111111' },
    ]);
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      ['message', 'error'],
      // one finding: the bearer token is the JWT (overlapping finds count once)
      ['custom.auth.header', 'error'],
      ['url.query', 'error'],
      ['extra.key', 'error'],
      ['extra', 'error'],
      ['note', 'error'],
    ]);
    for (const f of found) expect(f.message).not.toMatch(/4111|eyJ|MIIB/);
  });

  it('accepts masked forms and decoys', () => {
    const found = secretFindings([
      { ...base, message: 'paid with ************1111', custom: { jwt: '[REDACTED]', auth: 'Bearer [REDACTED]', order: 'ORD-41111111111111111111', etag: 'a4111111111111111bcdef0123456789', epoch_ms: '1733390000000', amount: '1234.56' } },
    ]);
    expect(found).toEqual([]);
  });

  it('finds nothing in lines the preset logger wrote for planted cards and JWTs', async () => {
    resetPii();
    const values = fc.sample(fc.oneof(cardNumber, jwt), { numRuns: 100, seed: 7 });
    const { logger, capture } = makeLogger();
    for (const v of values) logger.info(`value ${v.text}`, { nested: { deep: [v.text] }, link: `https://x.example/?q=${encodeURIComponent(v.text)}` });
    await flush(logger);
    expect(capture.lines.length).toBe(values.length);
    expect(secretFindings(capture.records())).toEqual([]);
    // and the same values unmasked are all reported
    const raw = values.map((v) => ({ ...base, message: `value ${v.text}` }));
    expect(secretFindings(raw).length).toBe(values.length);
  });
});
