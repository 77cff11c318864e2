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
