/**
 * YAML block scalars (`yaml-blocks`): after a credential name's `:`, `|` or `>` (with any
 * chomping and indentation indicator) and then lines indented more than the name's line are
 * its value, redacted whole; a PII name's block is tokenized. The keys around the block, at
 * the name's indentation or less, keep their values. Linear on 1 MB: see linear-scans.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskPairText as mask } from '../../support/pair-masker';
import { makeLogger, flush } from '../../support/logger';

const credentialName = fc.constantFrom('password', 'db_password', 'client_secret', 'privateKey', 'api_key', 'token', 'PASSWORD');
const indicator = fc.tuple(fc.constantFrom('|', '>'), fc.constantFrom('', '-', '+', '2', '-2', '2+')).map(([a, b]) => a + b);
const secretLine = fc.stringMatching(/^[A-Za-z0-9+/=_!#$%-]{6,40}$/).map((s) => `S${s}`);
/** Sibling values that must survive: versions, ports, hosts, words. */
const decoy = fc.constantFrom('5432', 'db.internal', 'v1.2.3', 'enabled', 'primary', '30s');

describe('YAML block scalars after a credential name', () => {
  it('redact the block; the keys after it keep their values', () => {
    expect(mask('db:\n  password: |\n    s3cret\n  host: db.internal\n')).toBe('db:\n  password: |\n    [REDACTED]\n  host: db.internal\n');
    expect(mask('secret_key: >-\n  line one\n\n  line two\nport: 5432')).toBe('secret_key: >-\n  [REDACTED]\nport: 5432');
    expect(mask('token: |\r\n  abc123\r\nnext: ok')).toBe('token: |\r\n  [REDACTED]\r\nnext: ok');
    // not block scalars: a pipe in a value, a bare `|` with text after it, a block of another name
    expect(mask('password: |x')).toBe('password: [REDACTED]');
    expect(mask('comment: |\n  password is not here\nport: 1')).toBe('comment: |\n  password is not here\nport: 1');
  });

  test.prop(
    [fc.integer({ min: 0, max: 6 }), credentialName, indicator, fc.array(secretLine, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), decoy, decoy],
    { numRuns: 300 },
  )('any indentation, indicator and line count: the block is gone, the siblings stay', (indent, name, ind, lines, extra, crlf, before, after) => {
    const pad = ' '.repeat(indent);
    const nl = crlf ? '\r\n' : '\n';
    const block = lines.map((l, i) => `${pad}${' '.repeat(extra)}${l}${i === 1 ? nl : ''}`).join(nl);
    const text = `${pad}host: ${before}${nl}${pad}${name}: ${ind}${nl}${block}${nl}${pad}port: ${after}${nl}`;
    const out = mask(text);
    for (const line of lines) expect(out).not.toContain(line);
    expect(out).toContain(`${pad}host: ${before}${nl}`);
    expect(out).toContain(`${pad}port: ${after}${nl}`);
    expect(out).toContain(`${name}: ${ind}${nl}`);
  });

  it('through a real logger: a config dump logged as text', async () => {
    const { logger, capture } = makeLogger();
    logger.info('config loaded', { config: 'database:\n  user: app\n  password: |\n    Tr0ub4dor&3\n  port: 5432\ncontact:\n  email: >\n    jane@example.com\n' });
    await flush(logger);
    const config = (capture.records()[0].extra as { config: string }).config;
    expect(config).not.toContain('Tr0ub4dor');
    expect(config).not.toContain('jane@example.com');
    expect(config).toContain('user: app');
    expect(config).toContain('port: 5432');
  });
});
