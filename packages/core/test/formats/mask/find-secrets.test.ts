/**
 * `find-secrets`: every vendor key prefix the library knows is masked where it stands in
 * text. The shapes of cards, JWTs and keys over generated values are in `scan-text.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { VENDOR_KEY_PREFIXES } from '../../../src/formats/mask/find-secrets';
import { makeLogger, flush } from '../../support/logger';

describe('every vendor key prefix', () => {
  it('is masked in a message through a real logger, each one', async () => {
    const { logger, capture } = makeLogger();
    for (const prefix of VENDOR_KEY_PREFIXES) logger.info(`using ${prefix}Q7aB3cD4eF5gH6iJ7kL8 now`);
    await flush(logger);
    expect(capture.lines).toHaveLength(VENDOR_KEY_PREFIXES.length);
    capture.records().forEach((r, i) => expect(r.message, VENDOR_KEY_PREFIXES[i]).toBe('using [REDACTED] now'));
  });
});

describe('keys of the vendors added last, in their documented shapes', () => {
  it.each([
    ['Groq', 'gsk_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6'],
    ['Replicate', 'r8_' + 'Qm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZmdo'],
    ['Perplexity', 'pplx-' + '3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e'],
    ['xAI', 'xai-' + 'Zk3Lm9Qw2Er7Ty5Ui8Op1As4Df6Gh0Jk3Lm9Qw2Er7Ty5Ui8Op1As4Df6Gh0Jk3Lm9Qw2Er7Ty5Ui8Op'],
    ['Tailscale', 'tskey-auth-' + 'kX7yZ2CNTRL-9aBcDeFgHiJkLmNoPqRsTuVwXyZ012'],
    ['PlanetScale', 'pscale_tkn_' + 'Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7Ab9'],
    ['RubyGems', 'rubygems_' + '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071'],
    ['Supabase', 'sbp_' + '0123456789abcdef0123456789abcdef01234567'],
    ['Grafana Cloud', 'glc_' + 'eyJvIjoiMTIzNDU2IiwibiI6InN0YWNrLTEyMzQ1Ni1pbnRlZ3JhdGlvbiJ9'],
    ['Contentful', 'CFPAT-' + 'Xq2Wz9Lk4Jh7Gf3Ds8Pa1Mn6Bv5Cx0Zl2Kj9Hg4Fd7Sa'],
    ['Flutterwave', 'FLWSECK_TEST-' + '0a1b2c3d4e5f60718293a4b5c6d7e8f9-X'],
  ])('a %s key is masked in text, its neighbours kept', async (_vendor, key) => {
    const { logger, capture } = makeLogger();
    logger.info(`deploying with ${key}, region eu`);
    await flush(logger);
    expect(capture.records()[0].message).toBe('deploying with [REDACTED], region eu');
  });

  it.each(['gsk_config is missing', 'xai-related work queue', 'tskey-rotation-policy-docs updated', 'r8_cache_size too small', 'glc_settings_page_layout'])(
    'a word that only starts like one is kept: %s',
    async (text) => {
      const { logger, capture } = makeLogger();
      logger.info(text);
      await flush(logger);
      expect(capture.records()[0].message).toBe(text);
    },
  );
});
