/**
 * One-time links (`find-link-tokens`): in a URL path, the opaque segments after one that names
 * a one-time link (reset, verify, confirm, activate, invite, magic link, unsubscribe, token)
 * are masked wherever the path appears (`url.path`, a message, a sentence); the route's own
 * words stay. Linear on 1 MB: see linear-scans.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { findLinkTokens, mayStartLinkPath } from '../../../src/formats/mask/find-link-tokens';
import type { SecretRange } from '../../../src/formats/mask/secret-range';
import { makeLogger, flush } from '../../support/logger';

/** The masked parts of `text`. */
function masked(text: string): string[] {
  const out: SecretRange[] = [];
  findLinkTokens(text, out);
  return out.map((r) => text.slice(r.start, r.end));
}

/** A route segment naming a one-time link, in the spellings routes use. */
const linkSegment = fc
  .tuple(
    fc.constantFrom('reset', 'verify', 'verification', 'confirm', 'confirmation', 'activate', 'activation', 'invite', 'invitations', 'magic', 'unsubscribe', 'token', 'tokens', 'otp', 'passwordless'),
    fc.constantFrom('', 'password', 'email', 'account', 'link'),
    fc.constantFrom('-', '_', 'camel', 'before'),
  )
  .map(([word, other, joint]) => {
    if (other === '') return word;
    if (joint === 'camel') return word + other[0].toUpperCase() + other.slice(1);
    if (joint === 'before') return `${other}-${word}`;
    return word + joint + other;
  });
/** A link's secret as services mint them: hex, base64url, a UUID, digits. */
const linkToken = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32,64}$/).filter((t) => /[0-9]/.test(t)),
  fc.stringMatching(/^[A-Za-z0-9_-]{16,43}$/).filter((t) => /[0-9]/.test(t) || (/[A-Z]/.test(t) && /[a-z]/.test(t))),
  fc.uuid(),
  fc.stringMatching(/^[0-9]{6,8}$/),
);
const prefix = fc.constantFrom('', '/api/v1', '/users', '/auth', 'https://app.example.com', 'https://app.example.com/en');
const suffix = fc.constantFrom('', '/', '?lang=en', '#top', '/accept', ' 200 12ms', '.');

describe('one-time links', () => {
  test.prop([prefix, linkSegment, linkToken, suffix])('lose every opaque segment after the route that names them', (head, route, token, tail) => {
    const text = `GET ${head}/${route}/${token}${tail}`;
    expect(mayStartLinkPath(text, text.indexOf(`/${route}/`))).toBe(true);
    expect(masked(text)).toEqual([token]);
  });

  test.prop([linkSegment, fc.uuid(), linkToken, fc.constantFrom('url', 'message', 'sentence')], { numRuns: 40 })(
    'are masked through a logger, in url.path, a message or a sentence, and the route stays',
    async (route, id, token, place) => {
      const path = `/accounts/${route}/${id}/${token}`;
      const { logger, capture } = makeLogger();
      if (place === 'url') logger.info('http_request_received', { url: { path } });
      else if (place === 'message') logger.info(`GET ${path}`);
      else logger.info('mail sent', { note: `Open https://app.example.com${path} within 24 hours.` });
      await flush(logger);
      const line = capture.lines[0] as string;
      expect(line).not.toContain(token);
      expect(line).not.toContain(id);
      expect(line).toContain(`/accounts/${route}/`);
    },
  );

  it('keep a route word that follows (`/verify/email`, `/invite/accept`) and paths that name no link', () => {
    for (const text of [
      '/verify/email',
      '/invite/accept/now',
      '/reset-password/new',
      '/auth/confirm/success',
      '/api/v1/tokens/revoke',
      '/oauth/token',
      '/reset/MQ/set-password/',
      '/orders/8f3kLq9ZpR2mXw7vT4nB6yC1dH5jK0sA',
      '/users/42/profile',
      'please verify/confirm 12345 now',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
      '/resetter/abc123',
      '/preset/abc123',
      '/tokenizer/v2/abc123',
      '/reset/v2/status',
      'at Object.<anonymous> (/app/src/token/jwt2.ts:5:1)',
      'File "/app/verify/views2.py", line 3',
      '/var/log/confirm/2024-05-01.log',
    ]) {
      expect(masked(text), text).toEqual([]);
    }
  });

  it('read the segment after a link word when it holds a digit or mixes cases at length', () => {
    expect(masked('/reset/MQ/5f2-abc123def456/')).toEqual(['5f2-abc123def456']);
    expect(masked('/email/verify/42/3f5a0c2b9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f4a')).toEqual(['42', '3f5a0c2b9e8d7f6a5b4c3d2e1f0a9b8c7d6e5f4a']);
    expect(masked('/magic-link/AbCdEfGhIjKlMn')).toEqual(['AbCdEfGhIjKlMn']);
    expect(masked('/magic-link/AbCdEfGhIjK')).toEqual([]);
    expect(masked('/verifyEmail/abc9 and /unsubscribe/x7')).toEqual(['abc9', 'x7']);
  });
});

describe('a one-time link written with JSON-escaped slashes', () => {
  test.prop([linkSegment, linkToken], { numRuns: 60 })('loses its secret too (PHP json_encode writes URLs so)', (route, token) => {
    const text = `{"url":"https:\\/\\/app.example.com\\/${route}\\/${token}"}`;
    expect(masked(text)).toEqual([token]);
  });

  it('a host after escaped slashes is no route', () => {
    expect(masked('https:\\/\\/verify.example.com\\/abc123\\/x')).toEqual([]);
  });
});
