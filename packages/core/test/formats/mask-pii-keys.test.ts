/**
 * Which keys hold PII (`classify-key`, `SENSITIVE_KEY_PARTS`): a key is sensitive when a word
 * part is a PII word, a compound ending (4+ letters) or starting (5+) with one, a plural of
 * one, or two adjacent parts that spell one (`card_holder`, `e-mail`); an object under an
 * address or a name is PII as a whole. Generated over the built-in words in every key style,
 * with decoys that only contain a word inside a longer one and must stay readable; then through
 * a real logger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { resetPii } from '@ecsctx/core';
import { SENSITIVE_KEY_PARTS } from '../../src/fields';
import { KeyClassifier, Sensitivity } from '../../src/formats/mask/classify-key';
import { makeLogger, flush } from '../support/logger';
import { KEY_STYLES, keyInStyle } from '../support/secret-generators';

const rules = new KeyClassifier();
const sensitive = (key: string): boolean => rules.classify(key).sensitivity !== Sensitivity.None;

afterEach(() => resetPii());

// (not dotted: a dotted key is a path, each part a key of its own)
const style = fc.constantFrom('snake', 'camel', 'kebab', 'upper') as fc.Arbitrary<(typeof KEY_STYLES)[number]>;

describe('PII keys', () => {
  test.prop([fc.constantFrom(...SENSITIVE_KEY_PARTS), fc.constantFrom('', 'customer', 'billing', 'user', 'primary', 'x'), fc.constantFrom('', 'value', 'raw'), style])(
    'every PII word is found in any key style, with words before and after it',
    (word, before, after, how) => {
      const words = [before, word, after].filter((w) => w !== '');
      expect(sensitive(keyInStyle(words, how)), keyInStyle(words, how)).toBe(true);
    },
  );

  it.each(['cardHolder', 'card_holder', 'e_mail', 'E-Mail', 'emails', 'names', 'date_of_birth', 'birthDate', 'ssn', 'SSN', 'iban', 'dob', 'passport_number', 'street', 'postal_code', 'zip', 'zipCode', 'nombre', 'apellido', 'Vorname', 'surname'])(
    '%s holds PII',
    (key) => expect(sensitive(key)).toBe(true),
  );

  it.each(['placeholder', 'velocity', 'pipeline', 'deadline', 'hotel_id', 'telemetry', 'zipper', 'dobby_mode', 'customer_id', 'username', 'file_name', 'mission', 'assassin'])('%s holds no PII', (key) => expect(sensitive(key)).toBe(false));

  it('an object under a name is a name as a whole; one under another PII key is judged by its own keys', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { name: { first: 'Jane', last: 'Doe' }, customer: { tier: 'gold' } });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).not.toContain('Jane');
    expect(line).not.toContain('Doe');
    expect(capture.records()[0].extra.customer.tier).toBe('gold');
  });
});
