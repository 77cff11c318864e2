/**
 * `mask-credential`: a credential header keeps its scheme; only an opaque token of 16+
 * characters keeps its first and last four. `Basic` credentials (the base64 of
 * `user:password`, whose ends decode to the name and the password's tail) and structured values
 * keep nothing.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskCookieHeader, maskCredential } from '../../../src/formats/mask/mask-credential';
import { makeLogger, flush } from '../../support/logger';

const userPass = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}$/), fc.string({ minLength: 1, maxLength: 24 }).filter((p) => !p.includes('\n')));

describe('maskCredential', () => {
  test.prop([userPass, fc.constantFrom('Basic', 'basic', 'BASIC')])('Basic credentials keep nothing but the scheme, whatever their length', ([user, password], scheme) => {
    const encoded = Buffer.from(`${user}:${password}`).toString('base64');
    expect(maskCredential(`${scheme} ${encoded}`)).toBe(`${scheme} ****`);
  });

  test.prop([fc.stringMatching(/^[A-Za-z0-9._~+/-]{16,64}$/), fc.constantFrom('Bearer', 'Token', '')])('an opaque token of 16+ characters keeps its first and last four', (token, scheme) => {
    const value = scheme === '' ? token : `${scheme} ${token}`;
    expect(maskCredential(value)).toBe(`${scheme === '' ? '' : scheme + ' '}${token.slice(0, 4)}****${token.slice(-4)}`);
  });

  it('a short secret and a structured value keep nothing', () => {
    expect(maskCredential('Bearer short-token')).toBe('Bearer ****');
    expect(maskCredential('key-0123456789')).toBe('****');
    expect(maskCredential('Digest username="bob", realm="api", response="6629fae49393a05397450978507c4ef1"')).toBe('Digest ****');
    expect(maskCredential('Bearer abc def ghi jkl mno pqr')).toBe('Bearer ****');
  });

  it('cookies keep their names', () => {
    expect(maskCookieHeader('sid=abc; theme=dark')).toBe('sid=****; theme=****');
  });

  it('a Basic header through a real logger: neither the name nor the password shows', async () => {
    const { logger, capture } = makeLogger();
    const encoded = Buffer.from('svc-billing:Winter2024!').toString('base64');
    logger.info('upstream_call', { headers: { Authorization: `Basic ${encoded}`, 'Proxy-Authorization': `basic ${encoded}` } });
    await flush(logger);
    const headers = capture.records()[0].headers as Record<string, string>;
    expect(headers).toEqual({ Authorization: 'Basic ****', 'Proxy-Authorization': 'basic ****' });
  });
});
