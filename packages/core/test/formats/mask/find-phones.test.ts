/**
 * `find-phones`: phone numbers in free text, with a `+`, in the national forms of the
 * configured regions, or as a bare run that is a valid number of one; decoys (order ids,
 * epochs, UUIDs, dates, IP addresses) are none. Generated numbers of every country are in
 * `scan-text.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { phoneNumber } from '../../support/secret-generators';
import { findPhones, phoneRules } from '../../../src/formats/mask/find-phones';
import type { TextRange } from '../../../src/formats/mask/find-emails';

function phones(text: string): string[] {
  const out: TextRange[] = [];
  findPhones(text, out);
  return out.map((r) => text.slice(r.start, r.end));
}

describe('phone numbers in text', () => {
  it.each([
    ['+965 6666-7777', ['+965 6666-7777']],
    ['call +1 (555) 123-4567 now', ['+1 (555) 123-4567']],
    ['(555) 123-4567', ['(555) 123-4567']],
    ['555.123.4567 or 555 123 4567', ['555.123.4567', '555 123 4567']],
    ['+14155552671', ['+14155552671']],
    ['+44 20 7946 0958.', ['+44 20 7946 0958']],
    // a bare run is a phone number when it is a valid number of a configured region (US: 445 is an area code)
    ['ORD 4455667788', ['4455667788']],
    ['ORD-4455667788 ORD4455667788 4455667788X', []],
    ['epoch 1732435200 and 1732435200123', []],
    ['uuid 550e8400-e29b-41d4-a716-446655440000', []],
    ['id a-555-123-4567', []],
    ['2026-11-24 10:30:00', []],
    ['ip 192.168.100.200', []],
    ['+12', []],
    // `00` and a valid international number as one run; zero-padded ids are none
    ['customer called from 0033142685300, ok', ['0033142685300']],
    ['id 0000123456, order 00123456789, ref 0099999999999', []],
    // a `+` starts a number after a path's `/` or a label's `:`; bare digits there are an id
    ['/v1/customers/+14155552671/sms', ['+14155552671']],
    ['https://wa.me/+14155552671 or E164:+14155552671', ['+14155552671', '+14155552671']],
    ['/orders/4155552671 ab+14155552671 1+14155552671', []],
    // after `#` ("number"), a run shorter than a full national number is a reference, though a
    // short code may spell it (310-0000 is a valid US number); a full one is still a phone
    ['order #13100000 and #3100000', []],
    ['order 13100000', ['13100000']],
    ['call #4455667788', ['4455667788']],
  ])('%s', (text, expected) => {
    expect(phones(text)).toEqual(expected);
  });
});

describe('a phone number written with +', () => {
  test.prop([phoneNumber.filter((p) => p.text.startsWith('+')), fc.constantFrom('/v1/customers/', 'https://wa.me/', 'E164:', 'a1:', 'tel:', 'call-', 'to ', '(', '"')], { numRuns: 200 })(
    'is found after a path segment, a label or any separator, as anywhere',
    (planted, before) => {
      const text = `${before}${planted.text}/next`;
      const found = phones(text);
      expect(found.length, text).toBeGreaterThan(0);
      expect(found.join(' ').replace(/\D/g, ''), text).toContain(planted.text.replace(/\D/g, '').slice(-6));
    },
  );
});


describe('past the validation budget of one text', () => {
  // two-digit groups (70–89) make hundreds of windows to validate, none of them a number of
  // the plan: the text asks for more validations than one text gets
  test.prop([fc.array(fc.integer({ min: 70, max: 89 }), { minLength: 80, maxLength: 120 })], { numRuns: 20 })(
    'a phone number after them is found, however cold the cache',
    (groups) => {
      const text = `${groups.join(' ')} x call 6000 1234`;
      const out: TextRange[] = [];
      findPhones(text, out, phoneRules(['KW']));
      expect(out.map((r) => text.slice(r.start, r.end))).toContain('6000 1234');
    },
  );
});
