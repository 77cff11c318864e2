/**
 * Credential pairs written with blanks and no `:` or `=` before a bare value
 * (`spaced-values`, read by `find-secret-pairs`): a credential name (by the key rules), then
 * blanks or a connector (`|`, `->`, `→`, `is`, `was`, `to`), then an opaque word (6+
 * characters mixing letters and digits, or 4+ digits) loses that word; after a setter
 * (`set`, `setx`, `setenv`, `ENV`) a credential variable loses its next word whatever it is.
 * Prose that names a credential without holding one is left as it is. Then through a real
 * logger, where the text hints decide whether the pair masker runs at all.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { PairName } from '../../../src/formats/mask/find-secret-pairs';
import { isOpaqueWord } from '../../../src/formats/mask/spaced-values';
import { keyWords } from '../../../src/formats/mask/key-words';
import { maskPairText as mask, nameKind } from '../../support/pair-masker';
import { makeLogger, flush } from '../../support/logger';

/** The decoys of prose and logs that name a credential without holding one. */
const DECOYS = [
  'password reset email sent to user 42',
  'token refreshed in 35 ms',
  'the password is required',
  'password is too short',
  'token expired',
  'api_key missing',
  'Password must contain 8 characters',
  'secret rotation scheduled',
  '| password | required | string |',
  'session started',
  'token count 1234',
  'password changed successfully',
  'DB_PASSWORD not set',
  'ENV NODE_ENV production',
  'set DEBUG true',
  'password is invalid',
  'set password for bob',
  'set DB_PASSWORD null',
  'token expires in 3600 seconds',
  'at verifyToken (/app/src/auth.js:10:5)',
  'GET /api/v2/tokens 200 in 35ms',
  'password policy v2 applied',
  'token https://auth.example/v1/keys',
];

describe('a credential value written after its name with blanks', () => {
  it('masks the opaque word after a credential name, a connector between them or not', () => {
    expect(mask('aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('aws configure set aws_secret_access_key [REDACTED]');
    expect(mask('ENV DB_PASSWORD S3cr3tPass99')).toBe('ENV DB_PASSWORD [REDACTED]');
    expect(mask('setx API_TOKEN abcd1234efgh5678')).toBe('setx API_TOKEN [REDACTED]');
    expect(mask('heroku config:set DB_PASSWORD xyzzy12345')).toBe('heroku config:set DB_PASSWORD [REDACTED]');
    expect(mask('| password | Hunter2Secret! |')).toBe('| password | [REDACTED] |');
    expect(mask('the password is Tr0ub4dor&3')).toBe('the password is [REDACTED]');
    expect(mask('api_key -> 9f8e7d6c5b4a39281706')).toBe('api_key -> [REDACTED]');
    expect(mask('set DB_PASS xyzzy12345')).toBe('set DB_PASS [REDACTED]');
    expect(mask('my password was hunter2.')).toBe('my password was [REDACTED]');
    expect(mask('the API key is a1b2c3d4e5')).toBe('the API key is [REDACTED]');
    expect(mask('otp 482913 sent')).toBe('otp [REDACTED] sent');
    expect(mask('Invalid token abc123def for user')).toBe('Invalid token [REDACTED] for user');
  });

  it('masks any word after a setter and a credential variable (two or more word parts)', () => {
    expect(mask('ENV DB_PASSWORD changeme')).toBe('ENV DB_PASSWORD [REDACTED]');
    expect(mask('setenv apiToken letmein')).toBe('setenv apiToken [REDACTED]');
    expect(mask('RUN x\nENV DB_PASSWORD changeme\nENV PORT 80')).toBe('RUN x\nENV DB_PASSWORD [REDACTED]\nENV PORT 80');
    expect(mask('set DB_PASSWORD to changeme')).toBe('set DB_PASSWORD to [REDACTED]');
  });

  it('reads a single-dash option named as a credential (PowerShell, Java tools) as a double-dash one', () => {
    expect(mask('nuget push a.nupkg -ApiKey oy2abcdefghijkl')).toBe('nuget push a.nupkg -ApiKey [REDACTED]');
    expect(mask('Connect-Db -Password hunter -Verbose')).toBe('Connect-Db -Password [REDACTED] -Verbose');
    for (const text of ['ssh -p 2222 host', 'ls -la /tmp', 'cli -v verbose', 'a -Password']) expect(mask(text), text).toBe(text);
  });

  it('keeps prose and logs that name a credential without holding one', () => {
    for (const text of DECOYS) expect(mask(text), text).toBe(text);
  });

  it('judges a word opaque by its letters and digits, not by a list', () => {
    for (const word of ['hunter2', 'S3cr3tPass99', 'Tr0ub4dor&3', '1234', '482913', 'wJalrX/K7MDENG', 'abc123==', 'hunter22.']) expect(isOpaqueWord(word, 0, word.length), word).toBe(true);
    for (const word of ['required', 'Hunter', 'v2', '35ms', '123', '2024-06-01', 'keys=0aaaaaa', '/api/v2', '(a.js:10:5)', 'https://a.example/v1']) expect(isOpaqueWord(word, 0, word.length), word).toBe(false);
  });
});

/** A credential name as code and prose write it: word parts joined in one of the usual styles. */
const credentialName = fc
  .tuple(
    fc.constantFrom('', 'db', 'aws', 'app', 'stripe', 'github', 'admin', 'new', 'client'),
    fc.constantFrom('password', 'passwd', 'pwd', 'secret', 'token', 'api key', 'access token', 'secret access key', 'private key', 'pin', 'otp', 'passphrase', 'client secret'),
    fc.constantFrom('snake', 'SCREAMING', 'camel', 'kebab', 'dotted', 'prose'),
  )
  .map(([prefix, words, style]) => {
    const parts = [...(prefix === '' ? [] : [prefix]), ...words.split(' ')];
    switch (style) {
      case 'snake': return parts.join('_');
      case 'SCREAMING': return parts.join('_').toUpperCase();
      case 'camel': return parts.map((p, i) => (i === 0 ? p : p[0].toUpperCase() + p.slice(1))).join('');
      case 'kebab': return parts.join('-');
      case 'dotted': return parts.join('.');
      default: return parts.join(' ');
    }
  })
  .filter((name) => nameKind(name) === PairName.Secret || nameKind(name.split(' ').slice(-2).join(' ')) === PairName.Secret);

const connector = fc.constantFrom(' ', '  ', '\t', ' | ', ' -> ', ' → ', ' is ', ' was ', ' IS ', ' to ');

/** An opaque value: letters and digits mixed (6+), symbols too, or a number of 4+ digits. */
const opaqueValue = fc.oneof(
  fc.tuple(fc.stringMatching(/^[A-Za-z]{1,10}$/), fc.stringMatching(/^[0-9]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9!%*+/@^~&]{0,16}$/)).map(([a, d, r]) => `${a}${d}${r}`).filter((v) => v.length >= 6),
  fc.stringMatching(/^[0-9]{4,10}$/),
  fc.stringMatching(/^[0-9a-f]{16,40}$/).filter((v) => /[a-f]/.test(v) && /[0-9]/.test(v)),
);

const before = fc.constantFrom('', 'ran ', 'step 3 ', '| ', 'the ', 'login failed, ');
const after = fc.constantFrom('', ' ok', ' |', '.', ' (retry)', '\nnext line', ', then 42 more');

describe('properties', () => {
  test.prop([before, credentialName, connector, opaqueValue, after], { numRuns: 500 })(
    'an opaque word after a credential name never appears in the output, and the text around it stays',
    (head, name, join, value, tail) => {
      const text = `${head}${name}${join}${value}${tail}`;
      const out = mask(text);
      expect(out, text).not.toContain(value);
      expect(out.startsWith(`${head}${name}${join}`), out).toBe(true);
    },
  );

  test.prop([fc.constantFrom('set', 'SET', 'setx', 'setenv', 'ENV'), credentialName.filter((n) => !n.includes(' ') && keyWords(n).length >= 2), fc.stringMatching(/^[a-z]{5,14}$/).filter((w) => !['null', 'true', 'false', 'undefined', 'none'].includes(w))], { numRuns: 300 })(
    'after a setter, a credential variable loses its next word, whatever the word',
    (setter, name, word) => {
      expect(mask(`${setter} ${name} ${word}`)).toBe(`${setter} ${name} [REDACTED]`);
    },
  );

  const englishWord = fc.constantFrom('required', 'missing', 'expired', 'invalid', 'changed', 'reset', 'refreshed', 'rotated', 'not', 'too', 'short', 'must', 'contain', 'characters', 'successfully', 'updated', 'accepted', 'rejected', 'for', 'user', 'in', 'ms', 'scheduled', 'count', 'policy', 'length', 'Required', 'INVALID', 'string', 'set');
  const smallNumber = fc.integer({ min: 0, max: 999 }).map(String);
  test.prop([credentialName, fc.constantFrom(' ', ' | ', ' is ', ' was ', ' -> '), fc.array(fc.oneof(englishWord, englishWord, smallNumber), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '.', ' |', '!')], { numRuns: 500 })(
    'prose that names a credential and goes on in words and small numbers is left as it is',
    (name, join, words, tail) => {
      const text = `${name}${join}${words.join(' ')}${tail}`;
      expect(mask(text)).toBe(text);
    },
  );

  test.prop([fc.constantFrom('set', 'setx', 'ENV', 'export'), fc.stringMatching(/^[A-Z][A-Z0-9]{1,6}_[A-Z]{2,8}$/).filter((n) => nameKind(n) === PairName.None), fc.stringMatching(/^[A-Za-z0-9]{1,12}$/)], { numRuns: 300 })(
    'a setter before any other variable keeps its value',
    (setter, name, value) => {
      const text = `${setter} ${name} ${value}`;
      expect(mask(text)).toBe(text);
    },
  );
});

describe('through a real logger', () => {
  // (a `%` placeholder would make the message a format string that takes the meta object)
  test.prop([credentialName, connector, opaqueValue.filter((v) => !v.includes('%'))], { numRuns: 60 })('the message and a field lose the value (the text hints let the pair masker run)', async (name, join, value) => {
    const { logger, capture } = makeLogger();
    logger.info(`${name}${join}${value}`, { note: `got ${name}${join}${value} back` });
    await flush(logger);
    expect(capture.lines[0]).not.toContain(value);
  });

  it('keeps the decoys and masks each written form', async () => {
    const { logger, capture } = makeLogger();
    for (const text of DECOYS) logger.info(text);
    logger.info('ENV DB_PASSWORD changeme', { cmd: 'the password is Tr0ub4dor&3', table: '| password | Hunter2Secret! |' });
    await flush(logger);
    const messages = capture.records().map((r) => (r as { message: string }).message);
    expect(messages.slice(0, DECOYS.length)).toEqual(DECOYS);
    expect(capture.lines[DECOYS.length]).not.toMatch(/changeme|Tr0ub4dor|Hunter2Secret/);
  });
});

describe('a pair inside typographic quotes', () => {
  it('loses its value and keeps the closing quote', () => {
    expect(mask('note: “password Hunter22” ok')).toBe('note: “password [REDACTED]” ok');
    expect(mask('« token a0A0A1 »')).toBe('« token [REDACTED] »');
  });
});

describe('a PII number after its name and a blank', () => {
  const piiName = fc.constantFrom('ssn', 'SSN', 'dob', 'DOB', 'passport', 'passport no.', 'passport number', 'zip', 'postal code', 'tax_id', 'national id', 'msisdn', 'acct_no', 'date of birth');
  const piiNumber = fc.oneof(
    fc.stringMatching(/^[0-9]{9}$/),
    fc.tuple(fc.integer({ min: 100, max: 899 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 1000, max: 9999 })).map(([a, b, c]) => `${a}-${b}-${c}`),
    fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1930, max: 2020 }), fc.constantFrom('/', '-', '.')).map(([d, m, y, j]) => `${String(d).padStart(2, '0')}${j}${String(m).padStart(2, '0')}${j}${y}`),
    fc.stringMatching(/^[A-Z][0-9]{7,8}$/),
    fc.stringMatching(/^[0-9]{5}$/),
  );
  test.prop([fc.constantFrom('', 'verified ', 'customer '), piiName, fc.constantFrom(' ', '  ', ' is ', ' was ', ' | ', ' -> '), piiNumber, fc.constantFrom('', ' on file', '.', ' |')], { numRuns: 400 })(
    'is tokenized as under its key',
    (before, name, join, value, after) => {
      const text = `${before}${name}${join}${value}${after}`;
      const out = mask(text);
      expect(out).not.toContain(value);
      expect(out).toContain(`${name}${join}`);
    },
  );

  it('a short number, a number after another word and a date with no PII name stay', () => {
    for (const text of ['ssn 3 attempts', 'zip 5 codes', 'order 1234 shipped', 'released 2026-12-07', 'the 2024 plan', 'retry 1500 ms', 'dob lookup failed']) {
      expect(mask(text), text).toBe(text);
    }
  });
});

describe('what an adversarial probe found', () => {
  it('a setter before a `=` pair leaves the pair to the pair rule, which masks the value', () => {
    expect(mask("UPDATE users SET api_key = 'letmein' WHERE id = 5")).toBe("UPDATE users SET api_key = '[REDACTED]' WHERE id = 5");
    expect(mask('set DB_PASSWORD = letmein')).toBe('set DB_PASSWORD = [REDACTED]');
    expect(mask('ENV DB_PASSWORD=letmein')).toBe('ENV DB_PASSWORD=[REDACTED]');
  });

  it("a path's last segment names no value, a type is no value, and an IBAN's groups are the IBAN's", () => {
    for (const text of ['"POST /oauth/token HTTP/1.1" 200 512', 'POST /token 200 1234ms', 'GET /api/session 200 35ms', 'ALTER TABLE users ADD COLUMN password VARCHAR(255)', 'password String @db.VarChar(255)']) {
      expect(mask(text), text).toBe(text);
    }
    expect(mask('IBAN DE89 3704 0044 0532 0130 00')).toBe('IBAN DE89 3704 0044 0532 0130 00');
  });
});

describe('a quoted value after a credential name and `is` or `was`', () => {
  it('is masked; a quoted value after another word and `is` stays', () => {
    expect(mask("your password is 'Tr0ub4dor&3'")).toBe("your password is '[REDACTED]'");
    expect(mask('the token was "abc def"')).toBe('the token was "[REDACTED]"');
    for (const text of ["the error is 'not found'", "status is 'ok'", "this is 'quoted'"]) expect(mask(text), text).toBe(text);
  });
});

describe('a PII number named in three words, or after `#`', () => {
  test.prop([fc.constantFrom('social security number', 'Social Security Number', 'SSN', 'passport', 'date of birth'), fc.constantFrom(' ', ': ', ' #', ' # ', ' is '), fc.stringMatching(/^[0-9]{9}$/)], { numRuns: 100 })(
    'is tokenized',
    (name, join, value) => {
      const text = `on file: ${name}${join}${value} ok`;
      expect(mask(text)).not.toContain(value);
    },
  );

  it('a reference after another word and `#` stays', () => {
    for (const text of ['order #13100000', 'issue #1234 fixed', 'my social plan 2024', 'PR # 4567 merged']) expect(mask(text), text).toBe(text);
  });
});

describe('a one-dash credential option that opens the text', () => {
  it('is masked through a logger as it is after a command', async () => {
    const { logger, capture } = makeLogger();
    logger.info('-Password letmein');
    logger.info('x', { args: '-ApiKey letmein123 -Verbose' });
    await flush(logger);
    expect(capture.lines.join('\n')).not.toMatch(/letmein/);
  });
});

describe('prose that says a credential got a new value', () => {
  test.prop([fc.constantFrom('password', 'api token', 'Admin password', 'secret'), fc.constantFrom(' reset to ', ' changed to ', ' set to ', ' updated to ', ' rotated to ', ' is now ', ' was now '), fc.stringMatching(/^[A-Za-z]{3,8}[0-9]{3,6}$/)], { numRuns: 100 })(
    'masks the value after the verb and `to` or `now`',
    (name, join, value) => {
      const out = mask(`user 7: ${name}${join}${value} by admin`);
      expect(out).not.toContain(value);
    },
  );

  it('keeps a word of letters there (`password reset to default`) and `now` without a verb', () => {
    for (const text of ['password reset to default', 'token now abc123def', 'password reset to 3 attempts']) expect(mask(text), text).toBe(text);
  });
});

describe('a password after SQL’s IDENTIFIED BY, unquoted', () => {
  const account = fc.constantFrom('bob', 'app_rw', "'bob'@'localhost'", '`svc`@`%`', 'C##ADMIN');
  const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_#$]{3,14}$/).filter((w) => !['values', 'random', 'password'].includes(w.toLowerCase()));
  test.prop([fc.constantFrom('CREATE USER', 'ALTER USER', 'create user', 'CREATE USER IF NOT EXISTS', 'CREATE ROLE', 'GRANT CONNECT TO'), account, fc.constantFrom('IDENTIFIED BY', 'identified by', 'IDENTIFIED WITH mysql_native_password BY'), word, fc.constantFrom('', ';', ' DEFAULT TABLESPACE users', ' ACCOUNT UNLOCK;')], { numRuns: 150 })(
    'is masked whatever the word (`CREATE USER scott IDENTIFIED BY tiger`)',
    async (statement, who, phrase, password, tail) => {
      const { logger, capture } = makeLogger();
      logger.info('sql_executed', { statement: `${statement} ${who} ${phrase} ${password}${tail}` });
      await flush(logger);
      const written = (capture.records()[0] as { extra: { statement: string } }).extra.statement;
      expect(written).toBe(`${statement} ${who} ${phrase} [REDACTED]${tail}`);
    },
  );

  it('keeps prose, SQL keywords after the phrase and bind variables', async () => {
    const texts = [
      'the customer identified by email was found',
      'devices identified by fingerprint: 3',
      'rows grouped by region',
      'ALTER USER a IDENTIFIED BY VALUES',
      'CREATE USER b IDENTIFIED BY RANDOM PASSWORD',
      'ALTER USER c IDENTIFIED BY :new_password',
      'ALTER USER c IDENTIFIED BY ?',
    ];
    const { logger, capture } = makeLogger();
    for (const text of texts) logger.info(text);
    await flush(logger);
    expect(capture.records().map((r) => (r as { message: string }).message)).toEqual(texts);
  });
});
