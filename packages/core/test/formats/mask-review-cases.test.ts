/**
 * Cases a review of the secrets rules found, one per rule, each with the decoy it must keep:
 * forms the first version of a rule missed, text it mangled, and inputs that made a scan
 * quadratic (1 MB each, linear).
 */
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/formats/mask/find-secrets';
import { findEmails, type TextRange } from '../../src/formats/mask/find-emails';
import { maskPairs, pairNameOf, type PairName } from '../../src/formats/mask/find-secret-pairs';
import { KeyClassifier } from '../../src/formats/mask/classify-key';
import { UrlSecretMasker } from '../../src/formats/mask/mask-url-secrets';
import { makeLogger, flush } from '../support/logger';

const rules = new KeyClassifier();
const nameKind = (name: string): PairName => pairNameOf(rules.classify(name));
const pairs = (text: string): string => maskPairs(text, nameKind, (v) => `<${v.length}>`);
const emails = (text: string): string[] => {
  const out: TextRange[] = [];
  findEmails(text, out);
  return out.map((r) => text.slice(r.start, r.end));
};

async function extraOf(meta: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { logger, capture } = makeLogger();
  logger.info('x', meta);
  await flush(logger);
  return capture.records()[0].extra as Record<string, unknown>;
}

describe('rules as the review found them', () => {
  it('a RegExp is masked as its text would be', async () => {
    const extra = await extraOf({ password: /Hunter2/, f: new RegExp('jane@example.com'), re: /a+b/gi });
    expect(JSON.stringify(extra)).not.toMatch(/Hunter2|jane@example/);
    expect(extra.re).toBe('/a+b/gi');
  });

  it('client options: glued to any short option, a tab before it, and only within one command', () => {
    expect(maskSecrets('sshpass -pHunter2 ssh h')).toBe('sshpass -p[REDACTED] ssh h');
    expect(maskSecrets('curl -ubob:Hunter2 https://x')).toBe('curl -ubob:[REDACTED] https://x');
    expect(maskSecrets('mysql\t-pHunter2')).toBe('mysql\t-p[REDACTED]');
    for (const text of ['curl -fsSL https://x/i.sh | sh && docker run -u 1000:1000 img', 'mysql2 pool; docker run -p3306:3306 db', 'mongoose -p 27017', 'curl https://x; ssh -p 2222 h']) {
      expect(maskSecrets(text), text).toBe(text);
    }
  });

  it('IDENTIFIED WITH a plugin BY, a no-break space before a quote, blanks around = in auth-params, CDATA after blanks', async () => {
    expect(pairs("ALTER USER 'a'@'%' IDENTIFIED WITH caching_sha2_password BY 'Hunter2';")).toBe("ALTER USER 'a'@'%' IDENTIFIED WITH caching_sha2_password BY '[REDACTED]';");
    expect(pairs('Authorization: Digest username = "bob", response = "6629fae4" ok')).toBe('Authorization: Digest [REDACTED] ok');
    expect(pairs('<password>\n  <![CDATA[Hunter2]]>\n</password>')).toBe('<password>\n  <![CDATA[[REDACTED]]]>\n</password>');
    const { logger, capture } = makeLogger();
    logger.info("WITH PASSWORD\u00a0'Hunter2'");
    await flush(logger);
    expect(capture.lines[0]).not.toContain('Hunter2');
  });

  it('a PII value already a token in text is not tokenized again; a secret behind the prefix is masked', () => {
    expect(pairs('{"customer_name":"ptok:v1:existing"}')).toBe('{"customer_name":"ptok:v1:existing"}');
    expect(pairs('<name>ptok:v1:existing</name>')).toBe('<name>ptok:v1:existing</name>');
    expect(pairs('{"password":"ptok:v1:Hunter2"}')).toBe('{"password":"[REDACTED]"}');
  });

  it('validation errors: an error\'s own name does not hide its field; index parts and ajv 6 dataPath', async () => {
    const extra = await extraOf({
      errors: [
        { name: 'ValidationError', path: 'password', value: 'Hunter2a' },
        { path: ['passwords', 1], value: 'Hunter2b' },
        { dataPath: '.password', data: 'Hunter2c' },
      ],
    });
    expect(JSON.stringify(extra)).not.toMatch(/Hunter2/);
  });

  it('two-item lists of names are not pairs; an option value always is', async () => {
    const extra = await extraOf({
      amr: ['pwd', 'otp'],
      channels: ['email', 'phone'],
      required: ['password', 'email'],
      argv: ['--password', 'secret'],
      // a value that merely holds a word the rules act on (`secret`, `ip`) is a value
      pair: ['password', 'SuperSecret'],
      random: ['api_key', 'vZIpA0a00'],
    });
    expect(extra.pair).toEqual(['password', '[REDACTED]']);
    expect(JSON.stringify(extra.random)).not.toContain('vZIpA0a00');
    expect(extra.amr).toEqual(['pwd', 'otp']);
    expect(extra.channels).toEqual(['email', 'phone']);
    expect(extra.required).toEqual(['password', 'email']);
    expect(extra.argv).toEqual(['--password', '[REDACTED]']);
  });

  it('an address followed by a URL or a date is still an address; code with < and > is no element', () => {
    expect(emails('jane@example.com:https://app/x')).toEqual(['jane@example.com']);
    // a quote before an address opens a string; one inside the local part belongs to it
    expect(emails("VALUES ('jane@example.com', 'x')")).toEqual(['jane@example.com']);
    expect(emails("to: o'brien@example.com")).toEqual(["o'brien@example.com"]);
    expect(emails('jane@example.com:2024/01/05')).toEqual(['jane@example.com']);
    expect(emails('git@github.com:org/repo.git')).toEqual([]);
    const code = 'if (x<pin && y>0) return total; // see </pin>';
    expect(pairs(code)).toBe(code);
  });

  it('URL user-info: a port before , or ; is a port, not a password', () => {
    const masker = new UrlSecretMasker();
    for (const text of ['mongodb://h1:27017,h2:27017/db?replicaSet=rs0&x=a@b']) expect(masker.mask(text), text).toBe(text);
  });
});

describe('scans the review found quadratic, on 1 MB', () => {
  const linear = (text: string, run: (t: string) => unknown): void => {
    const t0 = performance.now();
    run(text);
    expect(performance.now() - t0, text.slice(0, 24)).toBeLessThan(2_000);
  };
  it('password hash fields, client options without a colon, cards among IBANs', () => {
    linear('$1$a,'.repeat(200_000), maskSecrets);
    linear('md5$a='.repeat(170_000), maskSecrets);
    linear('curl ' + '-u a '.repeat(200_000), maskSecrets);
    linear('4111111111111111 DE89370400440532013000 '.repeat(25_000), maskSecrets);
    linear('<' + 'a "b" '.repeat(170_000) + '>', pairs);
  });
});

describe('every vendor key prefix', () => {
  it('is masked in a message through a real logger, each one', async () => {
    const { VENDOR_KEY_PREFIXES } = await import('../../src/formats/mask/find-secrets');
    const { logger, capture } = makeLogger();
    for (const prefix of VENDOR_KEY_PREFIXES) logger.info(`using ${prefix}Q7aB3cD4eF5gH6iJ7kL8 now`);
    await flush(logger);
    expect(capture.lines).toHaveLength(VENDOR_KEY_PREFIXES.length);
    capture.records().forEach((r, i) => expect(r.message, VENDOR_KEY_PREFIXES[i]).toBe('using [REDACTED] now'));
  });
});
