/**
 * `find-base64-tokens`: AWS STS session tokens (three generations of prefixes, standard base64
 * bodies with `/`, `+`, `=`) and Google OAuth refresh tokens (`1//…`) are masked whole where
 * they stand in text; base64 that merely holds a prefix mid-word, `v1//path`, URLs and the word
 * `ya29` stay. Linear on 1 MB: see linear-scans.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskSecrets } from '../../../src/formats/mask/find-secrets';
import { SESSION_TOKEN_PREFIXES } from '../../../src/formats/mask/find-base64-tokens';
import { HINT_SECRET, textHints } from '../../../src/formats/mask/scan-text';
import { makeLogger, flush } from '../../support/logger';

const STS = 'IQoJb3JpZ2luX2VjEHgaCXVzLWVhc3QtMSJHMEUCIQDx7sQ+1h0Qf2Cz/9kq3pWmZbB7yQ1rN8vL0aT5uYcXAiBz4m5FqL0R3wS+Hk9yTbN2vC8xP1dQ7eRfGh6Jk==';
const STS_2017 = 'FwoGZXIvYXdzEBYaDHhBTEXAMPLEkeyValue+ZZZxyzAbcdefghijklmnopqrstuvWXYZab/cd==';
const STS_2016 = 'AQoDYXdzEJr//////////wEa0ANaBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHiJk=';
const REFRESH = '1//0gLbNm4YcKx9ZqT-4vN_pQ8rS2tU6wX0yZaBcD';

/** Text that must come out as it went in. */
const DECOYS = [
  'QUJDIQoJb3JpZ2luX2VjEHgaCXVzLWVhc3QtMSJHMEUCIQDx7sQ1h0Qf2Cz9kq3pWmZbB7yQ1rN8vL0aT5uYcXAiBz4m5',
  '/v1//abcdefghijklmnopqrstuvwxyzABCDEFGH',
  'http://abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
  'api/1//lowercase_path_segment_without_capitals',
  'the word ya29 and ya29. alone',
  'IQoJb3JpZ2luX2Vj short',
  '1//0gShort',
];

describe('AWS session tokens and Google refresh tokens', () => {
  it.each([
    ['an STS session token (since 2019)', STS],
    ['an STS session token (2017–2019)', STS_2017],
    ['an STS session token (before 2017)', STS_2016],
    ['a Google OAuth refresh token', REFRESH],
    ['a Google access token (a vendor key)', 'ya29.a0AfB_byCxyz1234567890ABCDEFghijkLMNop'],
  ])('%s is masked whole, its neighbours kept', (_what, token) => {
    for (const [before, after] of [['session ', ' started'], ['"', '"'], ['token=', '&x=1'], ['', '.']]) {
      expect(maskSecrets(`${before}${token}${after}`)).toBe(`${before}[REDACTED]${after}`);
    }
  });

  it('decoys stay: a prefix mid-word, a path or URL with `//`, the word ya29, short bodies', () => {
    for (const text of DECOYS) expect(maskSecrets(text)).toBe(text);
  });

  it('the text hints call the secret detectors for each prefix, with no other sign of a secret', () => {
    for (const prefix of SESSION_TOKEN_PREFIXES) expect(textHints(`x ${prefix}${'abcdefghij/+'.repeat(5)}`) & HINT_SECRET).toBe(HINT_SECRET);
    expect(textHints('refresh 1//abcdefghijklmnopqrstuvwxyzABCDEFG') & HINT_SECRET).toBe(HINT_SECRET);
  });

  const prefix = fc.constantFrom(...SESSION_TOKEN_PREFIXES);
  const base64Body = fc.stringMatching(/^[A-Za-z0-9+/]{40,300}$/);
  const padding = fc.constantFrom('', '=', '==');
  const before = fc.constantFrom('', ' ', 'token: ', '"', 'X-Amz-Security-Token=', '\n', 'AWS_SESSION_TOKEN ');
  const after = fc.constantFrom('', ' ', '"', '&X-Amz-Date=20240101', '.', '\n', ', then');
  const decoy = fc.constantFrom(...DECOYS);

  test.prop([prefix, base64Body, padding, before, after, decoy], { numRuns: 300 })(
    'an STS session token with any base64 body is masked whole; a decoy beside it stays',
    (p, body, pad, b, a, d) => {
      const token = p + body + pad;
      const text = `${d} ${b}${token}${a}`;
      expect(textHints(text) & HINT_SECRET).toBe(HINT_SECRET);
      const masked = maskSecrets(text);
      expect(masked).not.toContain(body);
      expect(masked.startsWith(`${d} ${b}`)).toBe(true);
      expect(masked.endsWith(`[REDACTED]${a}`)).toBe(true);
    },
  );

  const refreshBody = fc.stringMatching(/^[A-Za-z0-9_-]{30,120}$/).filter((b) => /[0-9A-Z]/.test(b));
  test.prop([refreshBody, before, fc.constantFrom('', ' ', '"', '&scope=email', '\n', ', then'), decoy], { numRuns: 300 })(
    'a Google refresh token with any body is masked whole; a decoy beside it stays',
    (body, b, a, d) => {
      const text = `${d} ${b}1//${body}${a}`;
      expect(textHints(text) & HINT_SECRET).toBe(HINT_SECRET);
      expect(maskSecrets(text)).toBe(`${d} ${b}[REDACTED]${a}`);
    },
  );

  it('through a real logger: tokens in a message and in a field under a key that names nothing', async () => {
    const { logger, capture } = makeLogger();
    logger.info(`assumed role, session ${STS} ok`, { note: `refresh with ${REFRESH} later`, older: STS_2017, decoy: DECOYS[0] });
    await flush(logger);
    const record = capture.records()[0];
    const extra = record.extra as Record<string, string>;
    expect(record.message).toBe('assumed role, session [REDACTED] ok');
    expect(extra.note).toBe('refresh with [REDACTED] later');
    expect(extra.older).toBe('[REDACTED]');
    expect(extra.decoy).toBe(DECOYS[0]);
  });
});
