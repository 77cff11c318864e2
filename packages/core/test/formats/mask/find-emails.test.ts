/**
 * `find-emails`: where an address ends. The generated cases are in `scan-text.test.ts` (every
 * detector over values nobody listed); these are the ends a review found.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { findEmails, type TextRange } from '../../../src/formats/mask/find-emails';

const emails = (text: string): string[] => {
  const out: TextRange[] = [];
  findEmails(text, out);
  return out.map((r) => text.slice(r.start, r.end));
};

describe('the end of an address', () => {
  it('an address followed by a URL or a date is still an address', () => {
    expect(emails('jane@example.com:https://app/x')).toEqual(['jane@example.com']);
    // a quote before an address opens a string; one inside the local part belongs to it
    expect(emails("VALUES ('jane@example.com', 'x')")).toEqual(['jane@example.com']);
    expect(emails("to: o'brien@example.com")).toEqual(["o'brien@example.com"]);
    expect(emails('jane@example.com:2024/01/05')).toEqual(['jane@example.com']);
    expect(emails('git@github.com:org/repo.git')).toEqual([]);
  });

  it('finds emails and trims sentence punctuation', () => {
    const text = 'Reach JOHN@Example.com, or a.b+c@sub.example.co.uk. Not: @x.com, a@b, x@y.z';
    const out: TextRange[] = [];
    findEmails(text, out);
    expect(out.map((r) => text.slice(r.start, r.end))).toEqual(['JOHN@Example.com', 'a.b+c@sub.example.co.uk']);
  });
});

describe('an address under an IDN top-level domain in its ASCII form', () => {
  const tld = fc.constantFrom('xn--p1ai', 'xn--80asehdb', 'xn--fiqs8s', 'xn--mgbaam7a8h', 'xn--3e0b707e', 'XN--P1AI');
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,12}[a-z0-9]$/).filter((l) => !l.includes('..'));
  test.prop([local, label, tld, fc.constantFrom('', 'mail ', '<', '(')], { numRuns: 200 })('is found whole (`ivan@example.xn--p1ai`)', (user, domain, top, before) => {
    const address = `${user}@${domain}.${top}`;
    expect(emails(`${before}${address} next`)).toEqual([address]);
  });

});

