/**
 * The mask's detectors one by one, over generated values nobody listed: Unicode emails,
 * phone numbers of every country in several formats and digit scripts, Luhn-valid cards of
 * several brands, JWTs — found whole, in text; decoys found by none of them. And the cases
 * of issue 21 through a real logger, with and without a keyset.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, tokenize } from '@ecsctx/core';
import { makeLogger, flush } from '../../support/logger';
import { referenceDir } from '../../support/capture';
import { findPhones, phoneRules } from '../../../src/formats/mask/find-phones';
import { findEmails, type TextRange } from '../../../src/formats/mask/find-emails';
import { findSecrets, luhnValid, maskSecrets } from '../../../src/formats/mask/find-secrets';
import { stripQuotes } from '../../../src/formats/mask/strip-quotes';
import { HINT_ESCAPE, decodedEmail, scanText, textHints } from '../../../src/formats/mask/scan-text';
import { cardLikeHexId, cardNumber, decoy, jws, jwt, passwordHash, phoneNumber, unicodeEmail } from '../../support/secret-generators';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

const words = fc.constantFrom('', 'call ', 'reach me at ', 'tel: ', 'see (', 'note, ');
const tail = fc.constantFrom('', ' now', '.', ', ok', ') thanks');

function ranges(find: (text: string, out: TextRange[]) => void, text: string): string[] {
  const out: TextRange[] = [];
  find(text, out);
  return out.map((r) => text.slice(r.start, r.end));
}

describe('detectors over generated values', () => {
  fcTest.prop([phoneNumber, words, tail], { numRuns: 500 })('a phone number is found whole', (p, before, after) => {
    const text = `${before}${p.text}${after}`;
    const found = ranges(findPhones, text);
    expect(found.length, text).toBe(1);
    // the match covers every digit of the number
    expect(found[0].replace(/[^\p{Nd}]/gu, ''), text).toBe(p.text.replace(/[^\p{Nd}]/gu, ''));
  });

  fcTest.prop([unicodeEmail, words, tail], { numRuns: 500 })('a Unicode email is found whole', (e, before, after) => {
    const text = `${before}${e.text}${after}`;
    expect(ranges(findEmails, text), text).toEqual([e.text]);
  });

  fcTest.prop([unicodeEmail], { numRuns: 300 })('a disguised or encoded email is tokenized as the address it spells', (e) => {
    // (clear[0] is the address as plain text)
    expect(decodedEmail(e.text)).toBe(e.clear[0]);
  });

  it.each(['bob&#64example.com', 'bob&#0064example.com', 'bob&#65312;example.com', 'bob&#xFF20;example.com'])('%s is an email (a decimal reference without its `;`, a lookalike @ by reference)', (text) => {
    expect(ranges(findEmails, text)).toEqual([text]);
    expect(decodedEmail(text)).toBe('bob@example.com');
  });

  it.each(['bob&#64;example.com', 'bob%40example.com', 'bob@example.com'])('a key that is an email (%s) is tokenized whole, never read as a dotted path', async (key) => {
    resetPii();
    const { logger, capture } = makeLogger();
    logger.info('x', { [key]: 1, nested: { [key]: 2 } });
    await flush(logger);
    expect(capture.lines[0]).not.toMatch(/bob|example/);
  });

  it.each(['AT&amp;T', 'R&D and Q&A', '&#65;&#66;', 'a&#640;b.example', 'a&#x40e;b.example', 'x&#64; alone', 'a&#64;b has no top-level label', '&#64;example.com', 'a&commat example.com', 'a&#6;4example.com', 'a&#x4;0b.example'])(
    '%s holds no email (only a reference of @ followed by a domain reads as one)',
    (text) => {
      expect(ranges(findEmails, text)).toEqual([]);
    },
  );

  fcTest.prop([cardNumber, words, tail], { numRuns: 500 })('a card number is masked keeping its last four', (c, before, after) => {
    const text = `${before}${c.text}${after}`;
    const masked = maskSecrets(text);
    const digits = c.clear[1];
    expect(masked, text).not.toContain(c.text);
    expect(masked).toBe(`${before}${'*'.repeat(digits.length - 4)}${digits.slice(-4)}${after}`);
  });

  fcTest.prop([cardNumber.filter((c) => /^[0-9]/.test(c.text)), fc.stringMatching(/^[0-9a-f]{0,20}[a-f][0-9a-f]{0,20}[0-9]$/), fc.constantFrom(' ', ': ', ', ')], { numRuns: 300 })(
    'a card after a hex word (a hash, an id, `A1`) is still masked',
    (c, hexWord, sep) => {
      const text = `${hexWord}${sep}${c.text}`;
      expect(maskSecrets(text), text).not.toContain(c.text);
      expect(maskSecrets(text).startsWith(`${hexWord}${sep}`)).toBe(true);
    },
  );

  fcTest.prop([jwt, words, tail], { numRuns: 300 })('a JWT (signed, or encrypted with or without a key segment) is masked', (t, before, after) => {
    expect(maskSecrets(`${before}${t.text}${after}`)).toBe(`${before}[REDACTED]${after}`);
  });

  fcTest.prop([jws, fc.uint8Array({ minLength: 8, maxLength: 40 }), fc.uint8Array({ minLength: 8, maxLength: 16 }), words, tail], { numRuns: 200 })(
    'an encrypted JWT (JWE, five segments) is masked whole',
    (t, ciphertext, tag, before, after) => {
      const jwe = `${t.text}.${Buffer.from(ciphertext).toString('base64url')}.${Buffer.from(tag).toString('base64url')}`;
      expect(maskSecrets(`${before}${jwe}${after}`)).toBe(`${before}[REDACTED]${after}`);
    },
  );

  fcTest.prop([passwordHash, words, tail], { numRuns: 500 })('a password hash (bcrypt, Argon2, SHA-crypt, MD5-crypt, yescrypt, PBKDF2, Django) is masked', (h, before, after) => {
    const masked = maskSecrets(`${before}${h.text}${after}`);
    expect(masked.startsWith(before) && masked.endsWith(after), masked).toBe(true);
    for (const clear of h.clear) expect(masked).not.toContain(clear);
  });

  it('Bearer as a value before another pair is no token: token_type=Bearer expires_in=3600', () => {
    expect(maskSecrets('token_type=Bearer expires_in=3600 scope=read')).toBe('token_type=Bearer expires_in=3600 scope=read');
    expect(maskSecrets('Authorization: Bearer abcdefgh12345678= next')).toBe('Authorization: Bearer [REDACTED] next');
  });

  it('a password hash ends where its fields end: a full stop or comma after it stays', () => {
    const bcrypt = '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW';
    expect(maskSecrets(`stored ${bcrypt}. next`)).toBe('stored [REDACTED]. next');
    expect(maskSecrets(`hash=${bcrypt},x`)).toBe('hash=[REDACTED],x');
    expect(maskSecrets(`{"h":"pbkdf2_sha256$600000$abc$${'A'.repeat(43)}="}`)).toBe('{"h":"[REDACTED]"}');
    expect(maskSecrets(`hash=pbkdf2_sha256$600000$abc$${'A'.repeat(43)}= ok`)).toBe('hash=[REDACTED] ok');
  });

  fcTest.prop([decoy, words, tail], { numRuns: 1000 })('decoys are found by no detector', (d, before, after) => {
    const text = `${before}${d}${after}`;
    expect(ranges(findPhones, text), text).toEqual([]);
    expect(ranges(findEmails, text), text).toEqual([]);
    expect(findSecrets(text), text).toEqual([]);
  });

  // a fraction's digits after its decimal point are not a card (nor a phone), however many
  fcTest.prop([fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)), words, tail], { numRuns: 500 })(
    'the text of a fraction is found by no detector',
    (n, before, after) => {
      const text = `${before}${String(n)}${after}`;
      expect(findSecrets(text), text).toEqual([]);
      expect(ranges(findPhones, text), text).toEqual([]);
    },
  );

  // a random UUID's groups are all decimal digits now and then (`00000000-0000-…`, 1 in ~300 for
  // the first two): the detectors must not read a phone or a card in them
  const digitGroup = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
  const hexGroup = (n: number): fc.Arbitrary<string> => fc.oneof(digitGroup(n), fc.stringMatching(new RegExp(`^[0-9a-fA-F]{${n}}$`)));
  fcTest.prop([fc.tuple(digitGroup(8), digitGroup(4), hexGroup(4), hexGroup(4), hexGroup(12)), words, tail], { numRuns: 1000 })(
    'a UUID is found by no detector, however many of its groups are digits only',
    (groups, before, after) => {
      const text = `${before}${groups.join('-')}${after}`;
      expect(ranges(findPhones, text), text).toEqual([]);
      expect(findSecrets(text), text).toEqual([]);
    },
  );

  // a W3C traceparent's trace-id and parent-id are random hex: now and then decimal digits only,
  // and Luhn-valid (one parent-id in ~14 000): the detectors must not read a card or a phone in them
  const traceparent = fc
    .tuple(hexGroup(2), fc.oneof(cardLikeHexId(32), hexGroup(32)), fc.oneof(cardLikeHexId(16), hexGroup(16)), hexGroup(2), fc.constantFrom('', '-', '-00ff'))
    .map(([version, traceId, parentId, flags, future]) => `${version}-${traceId}-${parentId}-${flags}${future}`);
  const traceparentBefore = fc.constantFrom('', 'traceparent: ', 'traceparent=', 'sent ', '"', 'tp=[');
  const traceparentAfter = fc.constantFrom('', ' ok', '"', ']', ', tracestate: vendor=1', '\n');
  fcTest.prop([traceparent, traceparentBefore, traceparentAfter], { numRuns: 1000 })(
    'a traceparent is found by no detector, however its ids read',
    (tp, before, after) => {
      const text = `${before}${tp}${after}`;
      expect(ranges(findPhones, text), text).toEqual([]);
      expect(findSecrets(text), text).toEqual([]);
    },
  );

  // the id shape is the whole identifier: a card after it, or one that only looks like its
  // parent-id but is glued to a word, is still a card
  fcTest.prop([traceparent, cardNumber, fc.constantFrom(' ', ', card ', ' / ')], { numRuns: 300 })(
    'a card beside a traceparent is still masked',
    (tp, card, sep) => {
      const text = `${tp}${sep}${card.text}`;
      const masked = maskSecrets(text);
      expect(masked.startsWith(tp), text).toBe(true);
      expect(card.clear.some((c) => c.length >= 12 && masked.includes(c)), masked).toBe(false);
    },
  );

  fcTest.prop([fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && !/^["'`“‘«„]/.test(s) && !/["'`”’»“]$/.test(s)), fc.constantFrom('"', "'", '`'), fc.nat(3), fc.constantFrom('', ' ', '\t')])(
    'quotes and white space around a value are stripped, however nested',
    (value, quote, depth, space) => {
      let wrapped = value;
      for (let i = 0; i <= depth; i++) wrapped = `${space}${quote}${wrapped}${quote}${space}`;
      expect(stripQuotes(wrapped)).toBe(value);
    },
  );

  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('phoneRegions: another region finds its national numbers; a bad code throws', () => {
    const gb = phoneRules(['GB']);
    const out: TextRange[] = [];
    findPhones('ring 020 7946 0018 today', out, gb);
    expect(out.length).toBe(1);
    expect(() => phoneRules(['XX'])).toThrow(/XX/);
    expect(() => phoneRules(['usa'])).toThrow(/usa/);
    expect(phoneRules(['gb', ' de ']).regions).toEqual(['GB', 'DE']);
  });
});

describe('issue 21 cases through a real logger', () => {
  afterAll(() => resetPii());

  const leaks = [
    'ring 2125550199 now',
    'ring ٢١٢٥٥٥٠١٩٩ now',
    'ring ２１２５５５０１９９ now',
    'mail zoë74@exämple.org',
    'mail müller13@bücher.example',
    'https://x.example/?email=m%C3%BCller%40b%C3%BCcher.example&page=2',
  ];

  it.each(leaks)('without a keyset %s becomes [PII_REDACTED]', async (text) => {
    resetPii();
    const { logger, capture } = makeLogger();
    logger.info(text, { note: text });
    await flush(logger);
    const line = capture.records()[0] as Record<string, string>;
    expect(line.message).toContain('[PII_REDACTED]');
    expect(JSON.stringify(line)).not.toMatch(/2125550199|٢١٢٥٥٥|２１２５５５|zoë74|müller|m%C3%BCller/);
  });

  it('with a keyset: the same token for a quoted and a bare value; an IP is not a phone; encoded emails get the email token', async () => {
    await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    const { logger, capture } = makeLogger();
    logger.info('m', {
      payload: { customer_name: '"\\"Layla\\""', customer_nick: '"Layla"', billing_name: ' "Layla" ', contact_name: 'Layla', customer_address: '192.168.100.200' },
      link: 'https://x.example/?email=m%C3%BCller%40b%C3%BCcher.example',
    });
    await flush(logger);
    const record = capture.records()[0] as Record<string, any>;
    const layla = tokenize('Layla', 'generic');
    expect(record.payload, JSON.stringify(record.payload)).toBeDefined();
    expect(record.payload.customer_name).toBe(layla);
    expect(record.payload.customer_nick).toBe(layla);
    expect(record.payload.billing_name).toBe(layla);
    expect(record.payload.contact_name).toBe(layla);
    expect(record.payload.customer_address).toBe(tokenize('192.168.100.200', 'generic'));
    expect(record.extra.link).toBe(`https://x.example/?email=${tokenize('müller@bücher.example', 'email')}`);
  });
});

describe('a number written as text is masked as that text', () => {
  afterAll(() => resetPii());

  // an array of mixed kinds is written as strings (one Elasticsearch type): the number's text
  // must then be masked as the same text given as a string would be
  fcTest.prop([fc.oneof(fc.integer({ min: 1e9, max: 1e12 }), fc.constantFrom(2125550100, 4155552671, 4111111111111111, 447911123456)), fc.constantFrom('', 'note', 'customer_phone')], { numRuns: 60 })(
    'a number in an array of mixed kinds',
    async (n, key) => {
      await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      const { logger, capture } = makeLogger();
      logger.info('x', { a: { [key]: [n, 'x'] } });
      logger.info('x', { a: { [key]: [String(n), 'x'] } });
      await flush(logger);
      const [asNumber, asText] = capture.records().map((r) => (r.extra as { a: Record<string, unknown> }).a[key]);
      expect(asNumber).toEqual(asText);
    },
  );
});

describe('an SSH remote is not an email', () => {
  it('keeps user@host:path/…, and still finds an address before a password or a colon', () => {
    for (const text of ['git@github.com:org/repo.git', 'clone git@gitlab.example.com:group/sub/repo.git now', 'scp backup@db.internal:~/dump.sql .']) {
      expect(ranges(findEmails, text), text).toEqual([]);
    }
    expect(ranges(findEmails, 'jane@example.com:hunter2')).toEqual(['jane@example.com']);
    expect(ranges(findEmails, 'to jane@example.com: hello')).toEqual(['jane@example.com']);
    expect(ranges(findEmails, 'jane@example.com:5 tries/day')).toEqual(['jane@example.com']);
  });
});

describe('textHints', () => {
  // the writer quotes a string with no escape hint as '"' + text + '"': that must be its JSON
  fcTest.prop([fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('a"b', 'a\\b', 'tab\tx', '\ud800', 'x\udfff', '😀', 'é', '\u007f'))], { numRuns: 500 })(
    'says a string needs escapes whenever JSON.stringify escapes it (and, surrogates aside, only then)',
    (text) => {
      const plain = (textHints(text) & HINT_ESCAPE) === 0;
      if (plain) expect(JSON.stringify(text)).toBe('"' + text + '"');
      // any surrogate counts, paired or not (as quoteJson's test does): only the quick path is lost
      if (!/[\ud800-\udfff]/.test(text)) expect(plain).toBe(JSON.stringify(text) === '"' + text + '"');
    },
  );
});

describe('one scan of every detector', () => {
  it('is linear on 100 KB hostile strings', () => {
    const hostile = [
      'a'.repeat(100_000) + '@',
      '@'.repeat(100_000),
      ('a@' + 'b'.repeat(50)).repeat(2_000),
      '1'.repeat(100_000),
      '+1 '.repeat(33_000),
      '(1'.repeat(50_000),
      '1-'.repeat(50_000),
      ('x'.repeat(63) + '@' + 'y.'.repeat(100)).repeat(300),
    ];
    for (const text of hostile) {
      const start = performance.now();
      scanText(text, () => 'T');
      expect(performance.now() - start, `scan of ${text.slice(0, 10)}…`).toBeLessThan(250);
    }
  });
});
