/**
 * `find-account-numbers`: IBANs (registry country, that country's length, mod-97 check) and
 * US Social Security numbers (`AAA-GG-SSSS` as the SSA issues them) in free text are
 * tokenized — generated for every registry country, compact and grouped, through a real
 * logger with and without a keyset; near misses (a wrong check, an unissued part, a longer
 * number) are kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, tokenize } from '@ecsctx/core';
import { findAccountNumbers, ibanChecks, type AccountNumber } from '../../../src/formats/mask/find-account-numbers';
import { makeLogger, flush } from '../../support/logger';
import { referenceDir } from '../../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

afterEach(() => resetPii());

/** Registry countries and their IBAN lengths (a sample across the table). */
const COUNTRIES: readonly (readonly [string, number])[] = [['DE', 22], ['GB', 22], ['FR', 27], ['NL', 18], ['NO', 15], ['MT', 31], ['LC', 32], ['RU', 33], ['KW', 30], ['BE', 16], ['CH', 21], ['SA', 24]];

/** A valid IBAN: the country, check digits computed for a random account number. */
/** Countries whose account numbers start with a bank code in letters (`GB82 WEST …`); elsewhere they are digits. */
const LETTER_BANK_CODES = new Set(['GB', 'NL', 'MT', 'LC', 'KW']);
const iban = fc
  .tuple(fc.constantFrom(...COUNTRIES), fc.stringMatching(/^[A-Z]{4}$/), fc.stringMatching(/^[0-9]{30}$/))
  .map(([[country, length], bank, digits]) => {
    const bban = (LETTER_BANK_CODES.has(country) ? bank + digits : digits).slice(0, length - 4);
    for (let check = 2; check <= 98; check++) {
      const candidate = `${country}${String(check).padStart(2, '0')}${bban}`;
      if (ibanChecks(candidate)) return candidate;
    }
    throw new Error('no check digits');
  });
const grouped = (value: string): string => value.replace(/(.{4})(?=.)/g, '$1 ');
const ssn = fc.tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 })).map(
  ([a, g, s]) => `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`,
);
const before = fc.constantFrom('', 'paid to ', 'IBAN: ', '(', 'ref=', 'acct "', 'refund, ');
const after = fc.constantFrom('', ' today', '.', ', ok', ')', '"');

function found(text: string): AccountNumber[] {
  const out: AccountNumber[] = [];
  findAccountNumbers(text, out);
  return out;
}

async function message(text: string): Promise<string> {
  const { logger, capture } = makeLogger();
  logger.info(text);
  await flush(logger);
  return capture.records()[0].message as string;
}

describe('IBANs and SSNs in text', () => {
  test.prop([iban, fc.constantFrom('', ' ', '-'), fc.constantFrom('upper', 'lower'), before, after], { numRuns: 300 })(
    'an IBAN, compact or in groups of four (spaces or hyphens), in any case, is found whole and read as its compact form in capitals',
    (value, joiner, letterCase, b, a) => {
      let written = joiner === '' ? value : grouped(value).replace(/ /g, joiner);
      if (letterCase === 'lower') written = written.toLowerCase();
      expect(found(`${b}${written}${a}`)).toEqual([{ start: b.length, end: b.length + written.length, value, type: 'iban' }]);
    },
  );

  test.prop([ssn, before, after], { numRuns: 300 })('an SSN as the SSA issues it is found whole', (value, b, a) => {
    expect(found(`${b}${value}${a}`)).toEqual([{ start: b.length, end: b.length + value.length, value, type: 'ssn' }]);
  });

  test.prop([iban, fc.integer({ min: 1, max: 96 })], { numRuns: 300 })('an IBAN whose check digits are wrong is kept', (value, shift) => {
    const check = (Number(value.slice(2, 4)) + shift) % 100;
    const wrong = `${value.slice(0, 2)}${String(check).padStart(2, '0')}${value.slice(4)}`;
    fc.pre(!ibanChecks(wrong));
    expect(found(`paid ${wrong} today`)).toEqual([]);
  });

  it('keeps near misses: unissued SSN parts, longer numbers, words, a wrong length, dates', () => {
    for (const text of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '1123-45-6789', '123-45-67890', 'x123-45-6789', '123-45-6789-1', '2024-12-06', 'DE8937040044053201300', 'DE893704004405320130001', 'XX89370400440532013000', 'ADE89370400440532013000']) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('is linear: 1 MB of IBAN and SSN starts', () => {
    const text = 'DE89 3704 '.repeat(100_000) + '123-45-'.repeat(100_000);
    const t0 = performance.now();
    expect(found(text)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  test.prop([fc.oneof(iban.map(grouped), iban, ssn), before, after], { numRuns: 40 })('through a real logger: replaced by [PII_REDACTED] without a keyset, the text around kept', async (value, b, a) => {
    expect(await message(`${b}${value}${a}`)).toBe(`${b}[PII_REDACTED]${a}`);
  });

  it('with a keyset: an IBAN gets one token however it is grouped', async () => {
    await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    const token = tokenize('DE89370400440532013000', 'generic');
    expect(await message('to DE89 3704 0044 0532 0130 00 now')).toBe(`to ${token} now`);
    expect(await message('to DE89370400440532013000 now')).toBe(`to ${token} now`);
  });
});
