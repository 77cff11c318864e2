/**
 * A bare number after a name of a PII number (`bare-numbers`, `NUMBERED_PII_WORDS`): in text,
 * `ssn: 078051120`, `zip=90210`, `passport: X1234567` are tokenized like a quoted value, since
 * where a number ends is clear. Generated over every numbered word in every key style, several
 * number shapes and separators, with the text around kept; decoys: numbers after other PII
 * names (`contact: 42 orders`), after other names (`order_id: 123456`), and words after a
 * numbered name (`ssn: n/a`) stay. Through a real logger, with a keyset and without one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, tokenize } from '@ecsctx/core';
import { NUMBERED_PII_WORDS } from '../../../src/fields';
import { bareNumberEnd } from '../../../src/formats/mask/bare-numbers';
import { makeLogger, flush } from '../../support/logger';
import { keyInStyle } from '../../support/secret-generators';
import { referenceDir } from '../../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

afterEach(() => resetPii());

const digits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** Numbers as people write them: digit runs, groups joined by `-` `.` `/` or a space, letters and digits (`X1234567`, `SW1A 1AA`). */
const number = fc.oneof(
  digits(4, 12),
  fc.tuple(digits(2, 4), digits(2, 4), digits(2, 4), fc.constantFrom('-', '.', '/', ' ')).map(([a, b, c, join]) => [a, b, c].join(join)),
  fc.tuple(fc.stringMatching(/^[A-Z]{1,2}$/), digits(6, 9)).map(([letters, n]) => letters + n),
  fc.tuple(fc.stringMatching(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/), fc.stringMatching(/^[0-9][A-Z]{2}$/)).map(([outward, inward]) => `${outward} ${inward}`),
  // a date with a month's name, groups joined by any hyphen or dash
  fc.tuple(digits(1, 2), fc.constantFrom('Jan', 'Apr', 'Sep'), digits(4, 4), fc.constantFrom('-', '\u2010', '\u2013')).map(([d, m, y, join]) => [d, m, y].join(join)),
);
const style = fc.constantFrom('snake', 'camel', 'kebab', 'upper') as fc.Arbitrary<'snake' | 'camel' | 'kebab' | 'upper'>;
const separator = fc.constantFrom(': ', ':', '=', ' = ', ':\t');
/** What may follow the number: the end, a sentence's full stop, prose, another pair. */
const after = fc.constantFrom('', '.', ' on file', ', thanks', '&next=1', '; status=ok', ')');

describe('a bare number after a numbered PII name', () => {
  fcTest.prop([fc.constantFrom(...NUMBERED_PII_WORDS), fc.constantFrom('', 'customer', 'billing'), style, separator, number, after, fc.boolean()], { numRuns: 300 })(
    'is tokenized, and the text around it stays',
    async (word, owner, how, sep, value, tail, keyset) => {
      if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      const name = keyInStyle([owner, word].filter((w) => w !== ''), how);
      const text = `note ${name}${sep}${value}${tail}`;
      const { logger, capture } = makeLogger();
      logger.info(text);
      await flush(logger);
      const message = capture.records()[0].message as string;
      expect(message, text).not.toContain(value);
      expect(message.startsWith(`note ${name}${sep}`), message).toBe(true);
      expect(message.endsWith(tail), message).toBe(true);
    },
  );

  it('gets the token the text detectors give the same number elsewhere (an SSN, a phone number)', async () => {
    await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    const { logger, capture } = makeLogger();
    logger.info('ssn: 078-05-1120 and 078-05-1120; phone=2125550199 and 2125550199; zip: 90210; mobile: +1 (212) 555-0199; iban: GB82 WEST 1234 5698 7654 32');
    await flush(logger);
    const message = capture.records()[0].message as string;
    const [ssnPair, ssnBare] = message.match(/ptok:v1:[A-Za-z0-9_-]+/g) ?? [];
    expect(ssnPair).toBe(ssnBare);
    expect(message).toContain(`phone=${tokenize('2125550199', 'phone')} and ${tokenize('2125550199', 'phone')}`);
    expect(message).toContain(`zip: ${tokenize('90210', 'generic')}`);
    // an IBAN and a phone number with + or ( are their detectors' own: read whole, as elsewhere
    expect(message).toContain(`mobile: ${tokenize('+1 (212) 555-0199', 'phone')}`);
    expect(message).not.toMatch(/GB82|WEST|5698/);
  });

  it.each([
    'contact: 42 orders',
    'customer: 12345',
    'billing: 2024',
    'order_id: 123456',
    'ssn: n/a',
    'zip: 5',
    'phone_type: 2',
    'email_count: 12345',
    'passport: pending',
  ])('%s stays (not a numbered name, or not a number)', async (text) => {
    const { logger, capture } = makeLogger();
    logger.info(text);
    await flush(logger);
    expect(capture.records()[0].message).toBe(text);
  });

  fcTest.prop([fc.string({ maxLength: 60 }), fc.nat({ max: 60 })])('the number ends where it ends: never before its start, never past the text', (text, from) => {
    const start = Math.min(from, text.length);
    const end = bareNumberEnd(text, start);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(text.length);
  });
});
