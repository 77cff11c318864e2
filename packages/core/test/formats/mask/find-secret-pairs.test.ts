/**
 * Name–value pairs in free text (`find-secret-pairs`): a name the key rules call a credential,
 * then `:` or `=`, then its value — bare, quoted, in JSON inside text or inside a JSON string —
 * is redacted; a PII name's quoted value is tokenized; any other name keeps its value, and so
 * do scopes, arrows, URLs and literals. Then through a real logger: JSON text of an object
 * (`%j`, `JSON.stringify(body)`) is masked as the object would be.
 */
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { fc, test } from '@fast-check/vitest';
import { PairName, findPairValues } from '../../../src/formats/mask/find-secret-pairs';
import { CredentialKind } from '../../../src/formats/mask/classify-key';
import { maskPairText as mask, nameKind, rules } from '../../support/pair-masker';
import { credentialPair } from '../../support/secret-generators';
import { SECRET_KEY_PAIRS } from '../../../src/fields';
import { makeLogger, flush } from '../../support/logger';

const isSecretName = (name: string): boolean => rules.credentialOfKey(name) !== CredentialKind.None;

const around = fc.tuple(fc.constantFrom('', 'login failed ', 'config: ', '(', 'id=1, ', 'body '), fc.constantFrom('', ' next', ', retry', ').', '; ok', '\nline two'));

describe('credential pairs in text', () => {
  it('masks the value in each written form, and keeps the name and an auth scheme', () => {
    expect(mask('password: hunter2 rejected')).toBe('password: [REDACTED] rejected');
    expect(mask('db_password = "two words" set')).toBe('db_password = "[REDACTED]" set');
    expect(mask('body {"client_secret": "abc", "page": 2}')).toBe('body {"client_secret": "[REDACTED]", "page": 2}');
    expect(mask('{\\"token\\":\\"abc\\",\\"x\\":1}')).toBe('{\\"token\\":\\"[REDACTED]\\",\\"x\\":1}');
    expect(mask('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: Basic [REDACTED]');
    expect(mask("X-Auth-Token: 'q1w2e3'")).toBe("X-Auth-Token: '[REDACTED]'");
  });

  test.prop([fc.constantFrom('Authorization', 'authorization', 'Proxy-Authorization'), fc.oneof(fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,15}$/), fc.constantFrom('AWS4-HMAC-SHA256')), fc.stringMatching(/^[A-Za-z0-9._~+/-]{8,40}$/)])(
    'an Authorization header line keeps its scheme, whatever it is, and loses its credentials',
    (name, scheme, credentials) => {
      expect(mask(`${name}: ${scheme} ${credentials}`)).toBe(`${name}: ${scheme} [REDACTED]`);
    },
  );

  test.prop([
    fc.constantFrom('Stripe-Signature', 'X-Hub-Signature', 'webhook_signature', 'X-Signature', 'signature'),
    fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/), fc.stringMatching(/^[0-9a-f]{8,64}$/)), { minLength: 2, maxLength: 4 }),
    fc.constantFrom(': ', '=', ':'),
    around,
  ])('a compact list of pairs after a credential name (a signature header: t=…,v1=…) is the credential whole', (name, pairs, sep, [before, after]) => {
    const value = pairs.map(([k, v]) => `${k}=${v}`).join(',');
    expect(mask(`${before}${name}${sep}${value}${after}`)).toBe(`${before}${name}${sep}[REDACTED]${after}`);
  });

  it('keeps the pair after a credential value and a comma with a blank (prose), and a lone pair stays one value', () => {
    expect(mask('password=x, user=jane')).toBe('password=[REDACTED], user=jane');
    expect(mask('token: a=b then')).toBe('token: [REDACTED] then');
  });

  it('keeps literals, scopes, arrows, comparisons, URLs and values already masked', () => {
    for (const text of ['token: null', 'password=', 'std::password::x', 'token ==> x', 'token :> x', 'password == x', 'Primary Key: id', 'Lookup Key: k1', 'auth://host', 'password: [REDACTED]', 'pwd=****', `token: ptok:v1:${'A'.repeat(43)}`, 'token: {}', 'password: ( REDACTED )', 'secret: [null]', '<password></password>', '<password>[REDACTED]</password>', 'Authorization: Bearer [REDACTED]', 'token: Basic [REDACTED] ok']) {
      expect(mask(text)).toBe(text);
    }
  });

  it('reads => as a separator (PHP, Ruby and Perl hashes) and a credential pair written with a space', () => {
    expect(mask("['password' => 'two words', 'user' => 'bob']")).toBe("['password' => '[REDACTED]', 'user' => 'bob']");
    expect(mask(':password => "x1", :token=>abc')).toBe(':password => "[REDACTED]", :token=>[REDACTED]');
    expect(mask('Api Key: abc123 ok')).toBe('Api Key: [REDACTED] ok');
    expect(mask('"Secret Key" = "abc 123"')).toBe('"Secret Key" = "[REDACTED]"');
  });

  test.prop([fc.constantFrom(...SECRET_KEY_PAIRS), fc.constantFrom('lower', 'title', 'upper'), fc.constantFrom(': ', ' = ', '='), fc.stringMatching(/^[A-Za-z0-9]{6,16}$/)], { numRuns: 200 })(
    'a credential word pair written with a space names a credential (Api Key: …)',
    (pair, style, sep, value) => {
      const words = pair.split(' ').map((w) => (style === 'upper' ? w.toUpperCase() : style === 'title' ? w.charAt(0).toUpperCase() + w.slice(1) : w));
      expect(mask(`got ${words.join(' ')}${sep}${value} next`)).toBe(`got ${words.join(' ')}${sep}[REDACTED] next`);
    },
  );

  it('masks a bracketed, typographically quoted or element value whole, to its closing mark (or the end of its line)', () => {
    expect(mask('token: {"a": {"b": 1}, "c": "tail"} after')).toBe('token: [REDACTED] after');
    expect(mask('password: [two words\nline two')).toBe('password: [REDACTED]\nline two');
    expect(mask('„secret“: „two words“ ok')).toBe('„secret“: „[REDACTED]“ ok');
    expect(mask('<Password>two words</Password> <user>bob</user>')).toBe('<Password>[REDACTED]</Password> <user>bob</user>');
    expect(mask('<customer_name>Jane Doe</customer_name>')).toBe('<customer_name><8></customer_name>');
  });

  // (a value whose first word names a credential is a pair of its own: `PW a0A0A1`)
  const twoWords = fc.stringMatching(/^[A-Za-z0-9]{1,8} [A-Za-z0-9]{1,8}$/).filter((v) => nameKind(v.split(' ')[0]) === PairName.None);
  test.prop([fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((n) => nameKind(n) === PairName.None), twoWords, fc.constantFrom('[]', '()', '{}', '“”', '«»'), fc.boolean()], { numRuns: 300 })(
    'a bracketed, quoted or element value under any other name is kept',
    (name, value, marks, element) => {
      const text = element ? `<${name}>${value}</${name}> 3 > 2` : `${name}: ${marks[0]}${value}${marks[1]} ok`;
      expect(mask(text)).toBe(text);
    },
  );

  const cookieName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);
  const cookieValue = fc.stringMatching(/^[A-Za-z0-9%._~-]{4,24}$/);
  test.prop([fc.constantFrom('Cookie', 'cookie', 'COOKIE'), fc.array(fc.tuple(cookieName, cookieValue), { minLength: 1, maxLength: 6 }), fc.constantFrom('', ' and then', '\nnext line', '", "x": 1')], { numRuns: 300 })(
    'a Cookie line in text loses every cookie value and keeps the names and what follows the line',
    (header, cookies, after) => {
      const line = cookies.map(([n, v]) => `${n}=${v}`).join('; ');
      const out = mask(`${header}: ${line}${after}`);
      expect(out).toBe(`${header}: ${cookies.map(([n]) => `${n}=****`).join('; ')}${after}`);
    },
  );

  it('tokenizes a quoted PII value, and keeps a bare one', () => {
    expect(mask('body {"customer_name": "Jane Doe", "tier": "gold"}')).toBe('body {"customer_name": "<8>", "tier": "gold"}');
    expect(mask("{\\\"shipping\\\":\\\"1 Main St\\\"}")).toBe("{\\\"shipping\\\":\\\"<9>\\\"}");
    expect(mask('customer_name: Jane Doe')).toBe('customer_name: Jane Doe');
  });

  it('through a logger: JSON text of an object is masked as the object would be', async () => {
    const { logger, capture } = makeLogger({ format: winston.format.splat() });
    const body = { customer_name: 'Jane Roe', password: 'hunter22', tier: 'gold', contact: { email: 'jane@example.com' } };
    logger.info('checkout %j', body);
    logger.info('request', { body: JSON.stringify(body), note: `got ${JSON.stringify(body)}` });
    await flush(logger);
    expect(capture.lines).toHaveLength(2);
    for (const line of capture.lines) {
      for (const clear of ['Jane Roe', 'hunter22', 'jane@example.com']) expect(line).not.toContain(clear);
      expect(line).toContain('gold');
    }
  });

  test.prop([credentialPair, around], { numRuns: 500 })('a planted credential pair loses its value, whatever the text around it', (p, [before, after]) => {
    const out = mask(`${before}${p.text}${after}`);
    for (const clear of p.clear) expect(out, p.text).not.toContain(clear);
    expect(out.startsWith(before), out).toBe(true);
  });

  it('reads a bare number after a numbered PII name, and keeps a bare word (found by seed -919979125)', () => {
    expect(mask('x aiban:A0Aa0a y')).toBe('x aiban:<6> y');
    expect(mask('x zip=90210 y')).toBe('x zip=<5> y');
    expect(mask('x aiban:Abcdef y')).toBe('x aiban:Abcdef y');
    expect(mask('x zip=A1bcde y')).toBe('x zip=A1bcde y');
  });

  test.prop([fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), fc.stringMatching(/^[A-Za-z0-9]{6,16}$/), fc.constantFrom(':', '=', ': ', ' = ')], { numRuns: 500 })(
    'a value is masked exactly when the key rules call its name a credential',
    (name, value, sep) => {
      const out = mask(`x ${name}${sep}${value} y`);
      // a bare PII value is kept (where it ends is unknown), but a number after a numbered PII
      // name (`aiban:A0Aa0a`, `zip=90210`) is read whole: it is a run of letters and digits with 2 or more digits
      const numbered = rules.classify(name).numbered && (value.match(/[0-9]/g) ?? []).length >= 2;
      const expected = isSecretName(name) ? '[REDACTED]' : numbered ? `<${value.length}>` : value;
      expect(out).toBe(`x ${name}${sep}${expected} y`);
    },
  );

  test.prop([fc.string({ maxLength: 200 })], { numRuns: 1000 })('ranges are in order, inside the text and disjoint, for any text', (text) => {
    let at = 0;
    for (const r of findPairValues(text, nameKind)) {
      expect(r.start).toBeGreaterThanOrEqual(at);
      expect(r.end).toBeGreaterThan(r.start);
      expect(r.end).toBeLessThanOrEqual(text.length);
      at = r.end;
    }
  });
});

describe('elements with a namespace, attributes or CDATA', () => {
  it('read the local name of the start tag, and a CDATA section whole', () => {
    expect(mask('<wsse:Password Type="PasswordText">WssePw1</wsse:Password>')).toBe('<wsse:Password Type="PasswordText">[REDACTED]</wsse:Password>');
    expect(mask('<password><![CDATA[a<b>c]]></password>')).toBe('<password><![CDATA[[REDACTED]]]></password>');
    expect(mask('<api_key\n  env="prod">k1</api_key>')).toBe('<api_key\n  env="prod">[REDACTED]</api_key>');
    for (const text of ['<password/>', '</password>x', '<note type="password">hello</note>', 'a > b', '<!-- password -->x']) expect(mask(text), text).toBe(text);
  });
});

describe('a bare secret with , ; & # in it', () => {
  it('runs to the next blank, or to a delimiter that another pair or a blank follows', () => {
    expect(mask('password: abc,defTail next')).toBe('password: [REDACTED] next');
    expect(mask('secret: a#b;c&d')).toBe('secret: [REDACTED]');
    expect(mask('password: hunter2, retry')).toBe('password: [REDACTED], retry');
    expect(mask('password: x,user: bob')).toBe('password: [REDACTED],user: bob');
    expect(mask('Password: abc;User Id: sa')).toBe('Password: [REDACTED];User Id: sa');
  });
});

describe('a secret behind a token prefix', () => {
  it('is masked: only a token as the library writes it is kept after a credential name', () => {
    expect(mask('password: ptok:v1:Hunter2 ok')).toBe('password: [REDACTED] ok');
    expect(mask(`token=ptok:v1:${'A'.repeat(43)}`)).toBe(`token=ptok:v1:${'A'.repeat(43)}`);
  });

  it('under a credential key too, through a real logger; a PII value behind the prefix is left as the Python library leaves it', async () => {
    const { logger, capture } = makeLogger();
    const written = `ptok:v1:${'b'.repeat(43)}`;
    logger.info('x', { password: 'ptok:v1:Hunter2', api_token: written, payload: { name: 'ptok:v1:existing' } });
    await flush(logger);
    const record = capture.records()[0] as { extra: Record<string, unknown>; payload: Record<string, unknown> };
    expect(record.extra.password).toBe('[REDACTED]');
    expect(record.extra.api_token).toBe(written);
    expect(record.payload.name).toBe('ptok:v1:existing');
  });
});

describe('credential pairs written with a blank', () => {
  it('reads a command-line option, a quoted value after a name, and IDENTIFIED BY', () => {
    expect(mask('pg_dump --host db --password hunter2 --user app')).toBe('pg_dump --host db --password [REDACTED] --user app');
    expect(mask('cli --api-key "k 1" --verbose')).toBe('cli --api-key "[REDACTED]" --verbose');
    expect(mask("CREATE USER app WITH PASSWORD 'hunter2';")).toBe("CREATE USER app WITH PASSWORD '[REDACTED]';");
    expect(mask("ALTER USER 'bob'@'%' IDENTIFIED BY 'Sup3r$ecret';")).toBe("ALTER USER 'bob'@'%' IDENTIFIED BY '[REDACTED]';");
    expect(mask("curl --cookie 'sid=abc; theme=dark' https://x")).toBe("curl --cookie 'sid=****; theme=****' https://x");
  });

  it('reads the blanks between name and value as between a name and its `:`: up to three, tabs and no-break spaces too', () => {
    expect(mask('run --password\thunter2 --user app')).toBe('run --password\t[REDACTED] --user app');
    expect(mask("WITH PASSWORD  'hunter2'")).toBe("WITH PASSWORD  '[REDACTED]'");
    expect(mask("IDENTIFIED\tBY \t'hunter2'")).toBe("IDENTIFIED\tBY \t'[REDACTED]'");
    expect(mask('token\u00a0"abc"')).toBe('token\u00a0"[REDACTED]"');
    // four blanks are no longer one pair, as after `:`; a line break ends the option
    for (const text of ["PASSWORD    'x'", 'cli --password\nnext line', "identified  maybe 'x'"]) expect(mask(text)).toBe(text);
  });

  it('keeps an option that takes no value, another name\'s option, and a quote after any other word', () => {
    for (const text of ['cli --token --verbose', 'git commit --author "Bob" -m x', "token_count '5'", 'see --help for options', "don't say 'hi'", 'a--password b']) {
      expect(mask(text)).toBe(text);
    }
  });

  test.prop([fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/), fc.stringMatching(/^[A-Za-z0-9]{6,16}$/), fc.constantFrom('option', 'quoted-option', 'quoted'), fc.constantFrom(' ', '\t', '  ', ' \t ')], { numRuns: 500 })(
    'a value is masked exactly when the key rules call its name a credential',
    (name, value, form, blanks) => {
      const written = { option: `--${name}${blanks}${value}`, 'quoted-option': `--${name}${blanks}"${value}"`, quoted: `${name}${blanks}'${value}'` }[form];
      const masked = written.replace(value, '[REDACTED]');
      const kind = nameKind(name);
      if (kind === PairName.CookieHeader) expect(mask(`x ${written} y`)).not.toContain(value);
      else expect(mask(`x ${written} y`)).toBe(kind === PairName.Secret || kind === PairName.AuthHeader ? `x ${masked} y` : `x ${written} y`);
    },
  );
});

describe('an Authorization value written as auth-params (RFC 9110 §11.4)', () => {
  it('redacts the whole list after the scheme, whatever its pairs are named', () => {
    expect(mask('Authorization: Digest username="bob", realm="api", nonce="dcd98b", uri="/x", response="6629fae49393a05397450978507c4ef1", qop=auth, nc=00000001 next')).toBe(
      'Authorization: Digest [REDACTED] next',
    );
    expect(mask('Proxy-Authorization: Custom a=1,b="two words" ok')).toBe('Proxy-Authorization: Custom [REDACTED] ok');
  });

  it('reads token68 credentials as before: padding is not a pair', () => {
    expect(mask('Authorization: Basic dXNlcjpwYXNz== next')).toBe('Authorization: Basic [REDACTED] next');
    expect(mask('Authorization: Bearer abc.def= next')).toBe('Authorization: Bearer [REDACTED] next');
  });

  const paramName = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
  const paramValue = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~/+-]{1,24}$/), fc.stringMatching(/^[A-Za-z0-9 ,=._-]{0,24}$/).map((v) => `"${v}"`));
  test.prop([fc.stringMatching(/^[A-Z][A-Za-z-]{1,11}$/), fc.array(fc.tuple(paramName, paramValue, fc.constantFrom(', ', ',', ' , ')), { minLength: 1, maxLength: 8 }), fc.constantFrom('', ' next', '\nline two')])(
    'no value of any pair of the list is left, and the text after it stays',
    (scheme, params, tail) => {
      const list = params.map(([n, v], i) => `${i > 0 ? params[i - 1][2] : ''}${n}=${v}`).join('');
      expect(mask(`Authorization: ${scheme} ${list}${tail}`)).toBe(`Authorization: ${scheme} [REDACTED]${tail}`);
    },
  );
});

describe('pairs as a review found them', () => {
  it('IDENTIFIED WITH a plugin BY, a no-break space before a quote, blanks around = in auth-params, CDATA after blanks', async () => {
    expect(mask("ALTER USER 'a'@'%' IDENTIFIED WITH caching_sha2_password BY 'Hunter2';")).toBe("ALTER USER 'a'@'%' IDENTIFIED WITH caching_sha2_password BY '[REDACTED]';");
    expect(mask('Authorization: Digest username = "bob", response = "6629fae4" ok')).toBe('Authorization: Digest [REDACTED] ok');
    expect(mask('<password>\n  <![CDATA[Hunter2]]>\n</password>')).toBe('<password>\n  <![CDATA[[REDACTED]]]>\n</password>');
    const { logger, capture } = makeLogger();
    logger.info("WITH PASSWORD\u00a0'Hunter2'");
    await flush(logger);
    expect(capture.lines[0]).not.toContain('Hunter2');
  });

  it('a PII value already a token in text is not tokenized again; a secret behind the prefix is masked', () => {
    expect(mask('{"customer_name":"ptok:v1:existing"}')).toBe('{"customer_name":"ptok:v1:existing"}');
    expect(mask('<name>ptok:v1:existing</name>')).toBe('<name>ptok:v1:existing</name>');
    expect(mask('{"password":"ptok:v1:Hunter2"}')).toBe('{"password":"[REDACTED]"}');
  });

  it('code with < and > is no element', () => {
    const code = 'if (x<pin && y>0) return total; // see </pin>';
    expect(mask(code)).toBe(code);
  });
});

describe('a bare value in JSON text', () => {
  const secretKey = fc.constantFrom('password', 'pin', 'otp', 'api_key', 'client_secret', 'cvv');
  const otherKey = fc.constantFrom('a', 'id', 'amount', 'ok', 'note', 'items');
  const bare = fc.oneof(fc.integer({ min: 1000, max: 99_999_999 }), fc.constant(null), fc.boolean(), fc.double({ min: 1, max: 1e6, noNaN: true }));
  test.prop([fc.array(fc.tuple(fc.oneof(secretKey, otherKey), bare), { minLength: 1, maxLength: 5 }), fc.boolean(), fc.boolean()], { numRuns: 200 })(
    'ends at the comma before the next quoted name: the text stays valid JSON, the credential numbers are gone',
    (entries, spaced, nested) => {
      const object = Object.fromEntries(entries);
      let text = spaced ? JSON.stringify(object, null, 1).replace(/\n/g, ' ') : JSON.stringify(object);
      if (nested) text = JSON.stringify({ body: text }).slice(9, -2); // JSON inside a JSON string: \"pin\":1234
      const masked = mask(text);
      const inner = nested ? (JSON.parse(`"${masked}"`) as string) : masked;
      // (a masked bare value is written bare: quoted here to read the rest back)
      const parsed = JSON.parse(inner.replace(/\[REDACTED\]/g, '"[REDACTED]"')) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(Object.keys(object));
      for (const [key, value] of Object.entries(object)) {
        if (isSecretName(key) && typeof value === 'number') expect(parsed[key], key).toBe('[REDACTED]');
        else expect(parsed[key], key).toEqual(value);
      }
    },
  );
});

describe('prose that quotes one character after a credential word', () => {
  it('JSON.parse errors keep their message (`Unexpected token \'<\'`); two characters quoted are a value', () => {
    for (const input of ['<!DOCTYPE html><html>', 'undefined', '[object Object]', "{'a':1}", 'OK', '{"a":1,}', 'tru']) {
      let message = '';
      try {
        JSON.parse(input);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe('');
      expect(mask(message), message).toBe(message);
    }
    expect(mask("WITH PASSWORD 'ab'")).toBe("WITH PASSWORD '[REDACTED]'");
    expect(mask("IDENTIFIED BY 'x'")).toBe("IDENTIFIED BY '[REDACTED]'");
    expect(mask('--password x')).toBe('--password [REDACTED]');
  });
});

describe('prose that names a credential before a colon', () => {
  test.prop([fc.constantFrom('password', 'Password', 'token', 'apikey', 'secret', 'PIN', 'db_password'), fc.constantFrom('is', 'was', 'IS'), fc.stringMatching(/^[A-Za-z0-9!%*+@^_-]{6,20}$/).map((v) => `Zq${v}`)], { numRuns: 100 })(
    '`password is: x` masks x; without the colon it is a sentence',
    (name, verb, value) => {
      expect(mask(`${name} ${verb}: ${value}`)).toBe(`${name} ${verb}: [REDACTED]`);
      expect(mask(`${name} ${verb} incorrect`)).toBe(`${name} ${verb} incorrect`);
    },
  );

  it('a word that names no credential keeps its value', () => {
    for (const text of ['status is: ok', 'token_is_valid: true', 'name is: cart']) expect(mask(text), text).toBe(text);
  });
});

describe('config lines inside JSON text (`\\n` and `\\"` escapes)', () => {
  const credential = fc.constantFrom('DB_PASSWORD', 'SESSION_SECRET', 'secret_key', 'api_token', 'password');
  const neutral = fc.constantFrom('PORT', 'user', 'HOST', 'mode');
  const secretValue = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/).map((v) => `Zq${v}`);
  const neutralValue = fc.stringMatching(/^[a-z0-9.]{1,10}$/).map((v) => `dv${v}`);
  const line = fc.oneof(
    fc.tuple(credential, secretValue, fc.constantFrom('=', ' = ', ': '), fc.boolean()).map(([n, v, sep, quoted]) => ({ text: `${n}${sep}${quoted ? `"${v}"` : v}`, secret: v })),
    fc.tuple(neutral, neutralValue, fc.constantFrom('=', ' = ', ': ')).map(([n, v, sep]) => ({ text: `${n}${sep}${v}`, kept: v })),
  );
  test.prop([fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\t')], { numRuns: 200 })(
    'each line ends its value: every credential is masked, every other value kept, the JSON stays valid',
    (lines, breakChar) => {
      const text = JSON.stringify({ raw: lines.map((l) => l.text).join(breakChar) });
      const masked = mask(text);
      const inner = (JSON.parse(masked) as { raw: string }).raw;
      for (const l of lines) {
        if ('secret' in l) expect(inner, text).not.toContain(l.secret);
        else expect(inner, text).toContain(l.kept);
      }
    },
  );

  it('a Digest header inside JSON text is masked whole', () => {
    const text = JSON.stringify({ detail: 'Authorization: Digest username="bob", nonce="4577d6fc", response="56e0f9d83a050f9120790a26250024e8", opaque="5ccc"' });
    expect(mask(text)).toBe('{"detail":"Authorization: Digest [REDACTED]"}');
  });
});

describe('a label closed by markup before its value', () => {
  test.prop([fc.constantFrom(['**', '**'], ['__', '__'], ['*', '*'], ['<b>', '</b>'], ['<strong>', '</strong>']), fc.constantFrom('Password', 'Temporary password', 'API key', 'Token'), fc.stringMatching(/^[A-Za-z0-9!%^]{6,16}$/)], { numRuns: 150 })(
    'loses the value after the markup, not the markup (`**Password:** x`, `<b>Password:</b> x`)',
    ([open, close], name, value) => {
      const text = `Your account:\n${open}${name}:${close} ${value}\nThanks`;
      const out = mask(text);
      expect(out).not.toContain(value);
      expect(out).toContain(`${open}${name}:${close} `);
    },
  );

  it('a label that names no credential keeps its value', () => {
    for (const text of ['**Status:** ok', '<b>Order:</b> 1234', 'note: **bold** text']) expect(mask(text), text).toBe(text);
  });
});

describe('a label closed by markup before its colon', () => {
  test.prop([fc.constantFrom(['**', '**'], ['*', '*'], ['<b>', '</b>'], ['<strong>', '</strong>'], ['<span>', '</span>'], ['<th>', '</th>']), fc.constantFrom('Password', 'Temporary password', 'API key', 'Token', 'client_secret'), fc.stringMatching(/^[A-Za-z0-9!%^]{6,16}$/), fc.constantFrom('', ' ')], { numRuns: 150 })(
    'loses the value after the colon: the markup is not the name (`**Password**: x`, `<strong>Password</strong>: x`)',
    ([open, close], name, value, blank) => {
      const text = `Your account:\n${open}${name}${close}:${blank}${value}\nThanks`;
      const out = mask(text);
      expect(out).not.toContain(value);
      expect(out).toContain(`${open}${name}${close}:${blank}`);
    },
  );

  test.prop([fc.constantFrom(['**', '**'], ['<b>', '</b>'], ['<strong>', '</strong>'], ['<em>', '</em>']), fc.constantFrom('Status', 'Order', 'Note', 'Next step', 'Total'), fc.stringMatching(/^[A-Za-z0-9]{2,12}$/)], { numRuns: 100 })(
    'a label that names no credential keeps its value (`**Status**: ok`, `<em>Note</em>: x`)',
    ([open, close], name, value) => {
      const text = `${open}${name}${close}: ${value}`;
      expect(mask(text)).toBe(text);
    },
  );
});
