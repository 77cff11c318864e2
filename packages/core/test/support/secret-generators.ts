/**
 * fast-check generators of values the mask must never write in clear (Unicode emails, phone
 * numbers of many countries and formats, payment cards, JWTs, vendor API keys, Basic
 * credentials, private key blocks, credential pairs in text) and of decoys it must leave
 * alone (order ids, amounts, epochs, UUIDs, IPs, dates, versions, query parameters, ports,
 * hashes, names of things).
 */
import { fc } from '@fast-check/vitest';
import { getCountries, getExampleNumber, parsePhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Examples } from 'libphonenumber-js';
import { referenceDir } from './capture';
import { VENDOR_KEY_PREFIXES } from '../../src/formats/mask/find-secrets';
import { SECRET_KEY_PAIRS, SECRET_KEY_WORDS } from '../../src/fields';

const examples = JSON.parse(readFileSync(join(referenceDir, '..', 'node_modules', 'libphonenumber-js', 'examples.mobile.json'), 'utf8')) as Examples;

/** A planted value: the text logged and the forms of it that must not appear in the line. */
export interface Planted {
  readonly text: string;
  /** Substrings that betray the value (its text, its digits). */
  readonly clear: readonly string[];
  readonly kind: 'email' | 'phone' | 'card' | 'jwt' | 'vendor' | 'basic' | 'private-key' | 'pair' | 'hash' | 'ssn';
}

const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10, 0x9e6] as const;

/** `text` with its ASCII digits written in the script whose zero is `zero`. */
export function inDigits(text: string, zero: number): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(zero + d.charCodeAt(0) - 48));
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

const localChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789ëüöéñçåøßждяπλ中文'.split(''));
const domainChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüéжнрф'.split(''));
const tld = fc.constantFrom('com', 'org', 'example', 'de', 'io', 'рф', 'co.uk', '中国');

/**
 * Emails with Unicode local parts and IDN domains, plain, percent-encoded (as in a URL), or
 * disguised: a zero-width character inside, a fullwidth or small `@`, an HTML character
 * reference of `@` (`&#64;`, `&commat;`), an ideographic dot.
 */
export const unicodeEmail: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.array(localChar, { minLength: 2, maxLength: 10 }).map((a) => a.join('')),
    fc.option(fc.array(localChar, { minLength: 1, maxLength: 5 }).map((a) => a.join('')), { nil: undefined }),
    fc.array(domainChar, { minLength: 2, maxLength: 10 }).map((a) => a.join('')),
    tld,
    fc.constantFrom('plain', 'plain', 'encoded', 'zero-width', 'at', 'dot', 'reference'),
    fc.constantFrom('\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff'),
    fc.constantFrom('\uff20', '\ufe6b'),
    fc.constantFrom('&#64;', '&#x40;', '&#X40;', '&#064;', '&#x0040;', '&commat;', '&#64', '&#65312;', '&#xFE6B;'),
  )
  .map(([local, more, domain, top, form, invisible, lookalike, reference]) => {
    const email = `${local}${more ? `.${more}` : ''}@${domain}.${top}`;
    const shown = form === 'zero-width' ? `${local.slice(0, 1)}${invisible}${local.slice(1)}` : local;
    // (a decimal reference without `;` takes the digits after it: `&#641…` is not an @)
    const at = form === 'at' ? lookalike : form === 'reference' ? (reference === '&#64' && /^[0-9]/.test(domain) ? '&#64;' : reference) : '@';
    const dot = form === 'dot' ? '\u3002' : '.';
    const disguised = `${shown}${more ? `.${more}` : ''}${at}${domain}${dot}${top}`;
    const text = form === 'encoded' ? encodeURIComponent(email) : disguised;
    return { text, clear: [email, text, `${shown}${at}`, `${at}${domain}${dot}`], kind: 'email' as const };
  });

const COUNTRIES = getCountries().filter((c) => getExampleNumber(c, examples) !== undefined);

/**
 * Phone numbers of any country (libphonenumber-js's example mobile numbers with random last
 * digits, kept when still valid), written international, E.164 or `00`-prefixed, and US
 * numbers also national and bare; digits optionally in another script.
 */
export const phoneNumber: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...COUNTRIES), fc.integer({ min: 0, max: 999 }), fc.nat(4), fc.constantFrom(...DIGIT_ZEROS), fc.boolean(), fc.constantFrom(' ', ' ', '\u00a0', '\u202f', '\u2009'))
  .map(([country, tail, form, zero, us, blank]) => {
    const code: CountryCode = us ? 'US' : country;
    const example = getExampleNumber(code, examples)!;
    const national = example.nationalNumber.slice(0, -3) + String(tail).padStart(3, '0');
    let number = parsePhoneNumber(national, code);
    if (!number.isValid()) number = example;
    const forms = [number.formatInternational(), number.number, `00${number.countryCallingCode} ${number.nationalNumber}`];
    // `00` and the number as one run, where the run stays within 15 digits
    if (number.number.length - 1 + 2 <= 15) forms.push(`00${number.countryCallingCode}${number.nationalNumber}`);
    if (code === 'US') forms.push(number.formatNational(), number.nationalNumber, `${number.nationalNumber.slice(0, 3)}-${number.nationalNumber.slice(3, 6)}-${number.nationalNumber.slice(6)}`);
    const ascii = forms[form % forms.length];
    const text = (zero === 0x30 ? ascii : inDigits(ascii, zero)).replace(/ /g, blank);
    return { text, clear: [text, ascii, number.nationalNumber, digitsOf(ascii)], kind: 'phone' as const };
  });

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const BRANDS: readonly { prefix: string; length: number; groups: readonly number[] }[] = [
  { prefix: '4', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '4', length: 13, groups: [4, 4, 5] },
  { prefix: '51', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '2221', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '34', length: 15, groups: [4, 6, 5] },
  { prefix: '37', length: 15, groups: [4, 6, 5] },
  { prefix: '6011', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '35', length: 16, groups: [4, 4, 4, 4] },
  { prefix: '36', length: 14, groups: [4, 6, 4] },
  { prefix: '62', length: 19, groups: [4, 4, 4, 4, 3] },
];

/** Separators between a card's digit groups: blanks (no-break, thin, doubled) and dashes, or a dot. */
const CARD_SEPARATORS = ['', ' ', '-', '\u00a0', '  ', ' - ', '\u2013', '\u2009', '\u202f', '.'];

/** Luhn-valid card numbers of several brands, plain or grouped with blanks, dashes or dots (4-digit groups). */
/**
 * A hex id (16 or 32 hex digits, as W3C writes span and trace ids) whose digits happen to be
 * decimal only and to read as a card (a network digit first, Luhn-valid in its first 16).
 */
export const cardLikeHexId = (length: 16 | 32): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 2, max: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }))
    .map(([first, body, rest]) => {
      const head = `${first}${body.join('')}`;
      return (head + luhnDigit(head) + rest.join('')).slice(0, length);
    });

export const cardNumber: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...BRANDS), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }), fc.constantFrom(...CARD_SEPARATORS), fc.constantFrom(0x30, 0x30, 0xff10))
  .map(([brand, random, anySep, zero]) => {
    const sep = anySep === '.' && brand.groups.some((g) => g !== 4) ? ' ' : anySep;
    const body = (brand.prefix + random.join('')).slice(0, brand.length - 1);
    const digits = body + luhnDigit(body);
    const parts: string[] = [];
    let at = 0;
    for (const g of brand.groups) {
      parts.push(digits.slice(at, at + g));
      at += g;
    }
    const ascii = parts.join(sep);
    const text = zero === 0x30 ? ascii : inDigits(ascii, zero);
    // the first twelve digits must not survive (the last four may)
    return { text, clear: [text, digits, digits.slice(0, -4)], kind: 'card' as const };
  });

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** JSON Web Tokens: a JSON header and payload, a random signature. */
/** A signed JWT (JWS): header, payload, signature. */
export const jws: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('HS256', 'RS256', 'ES256'), fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), fc.uint8Array({ minLength: 16, maxLength: 64 }))
  .map(([alg, sub, exp, sig]) => {
    const token = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify({ sub, exp }))}.${Buffer.from(sig).toString('base64url')}`;
    return { text: token, clear: [token, token.split('.')[1]], kind: 'jwt' as const };
  });

/** A JWE: five segments; with direct encryption (`alg: dir`) the key segment is empty. */
const jwe: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('dir', 'RSA-OAEP', 'A256KW'), fc.uint8Array({ minLength: 16, maxLength: 40 }), fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.uint8Array({ minLength: 16, maxLength: 80 }), fc.uint8Array({ minLength: 16, maxLength: 16 }))
  .map(([alg, key, iv, ciphertext, tag]) => {
    const seg = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
    const token = [b64url(JSON.stringify({ alg, enc: 'A256GCM' })), alg === 'dir' ? '' : seg(key), seg(iv), seg(ciphertext), seg(tag)].join('.');
    return { text: token, clear: [token, seg(ciphertext)], kind: 'jwt' as const };
  });

/** JWTs: signed (JWS) and encrypted (JWE, direct encryption included). */
export const jwt: fc.Arbitrary<Planted> = fc.oneof(jws, jwe);

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base62 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...BASE62.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Vendor API keys: a vendor's secret-key prefix, then random token characters (a digit and a capital among them). */
export const vendorKey: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...VENDOR_KEY_PREFIXES), base62(18, 40), fc.nat(9), fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('')))
  .map(([prefix, body, digit, capital]) => {
    const key = `${prefix}${capital}${digit}${body}`;
    return { text: key, clear: [key, key.slice(prefix.length)], kind: 'vendor' as const };
  });

const CRYPT64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const crypt64 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...CRYPT64.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));
const b64 = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...`${BASE62}+/`.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/**
 * Password hashes as hashing libraries write them: bcrypt, Argon2, SHA-crypt (with and
 * without rounds), MD5-crypt and Apache's, yescrypt, passlib's PBKDF2, and Django's formats.
 */
export const passwordHash: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.constantFrom('bcrypt', 'argon2', 'sha-crypt', 'md5-crypt', 'yescrypt', 'passlib-pbkdf2', 'django-pbkdf2', 'django-argon2', 'django-bcrypt'),
    crypt64(22, 22),
    crypt64(31, 86),
    fc.integer({ min: 4, max: 31 }),
    fc.integer({ min: 1000, max: 999_999 }),
  )
  .chain(([form, salt, digest, cost, rounds]) =>
    fc.tuple(b64(16, 24), b64(32, 44), fc.constantFrom('2a', '2b', '2y'), fc.constantFrom('5', '6'), fc.constantFrom('argon2id', 'argon2i')).map(([b64Salt, b64Digest, bcryptId, shaId, argonId]) => {
      const cost2 = String(cost).padStart(2, '0');
      const [text, secret] = {
        bcrypt: [`$${bcryptId}$${cost2}$${salt.slice(0, 22)}${digest.slice(0, 31)}`, digest.slice(0, 31)],
        argon2: [`$${argonId}$v=19$m=65536,t=${cost},p=4$${b64Salt}$${b64Digest}`, b64Digest],
        'sha-crypt': [`$${shaId}$${cost % 2 === 0 ? `rounds=${rounds}$` : ''}${salt.slice(0, 16)}$${digest}`, digest],
        'md5-crypt': [`$${cost % 2 === 0 ? 'apr1' : '1'}$${salt.slice(0, 8)}$${digest.slice(0, 22)}`, digest.slice(0, 22)],
        yescrypt: [`$y$j9T$${salt}$${digest.slice(0, 43)}`, digest.slice(0, 43)],
        'passlib-pbkdf2': [`$pbkdf2-sha256$${rounds}$${b64Salt}$${b64Digest}`, b64Digest],
        'django-pbkdf2': [`pbkdf2_sha256$${rounds}$${salt}$${b64Digest}=`, b64Digest],
        'django-argon2': [`argon2$${argonId}$v=19$m=102400,t=2,p=8$${b64Salt}$${b64Digest}`, b64Digest],
        'django-bcrypt': [`bcrypt_sha256$$${bcryptId}$${cost2}$${salt}${digest.slice(0, 31)}`, digest.slice(0, 31)],
      }[form] as [string, string];
      return { text, clear: [secret], kind: 'hash' as const };
    }),
  );

const credentialPart = fc.array(fc.constantFrom(...'abcdefghijkmnopqrstuvwxyz0123456789._-'.split('')), { minLength: 4, maxLength: 12 }).map((a) => a.join(''));

/** `Basic` credentials: the base64 of a printable `user:password`. */
export const basicCredentials: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('Basic', 'basic', 'BASIC'), credentialPart, credentialPart)
  .map(([scheme, user, password]) => {
    const b64 = Buffer.from(`${user}:${password}`).toString('base64');
    return { text: `${scheme} ${b64}`, clear: [b64.replace(/=+$/, '')], kind: 'basic' as const };
  });

/** `text` in one of the letter cases people write it in. */
const inSomeCase = (text: string): fc.Arbitrary<string> => fc.constantFrom(text, text.toLowerCase(), text.toUpperCase());

/** PEM, OpenSSH and PGP armor, in any letter case, whole or cut off before their END line. */
const armorBlock: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.constantFrom('PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK').chain((l) => fc.tuple(inSomeCase(`BEGIN ${l}`), inSomeCase(`END ${l}`))),
    fc.array(base62(24, 64), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([[begin, end], lines, whole]) => {
    const text = `-----${begin}-----\n${lines.join('\n')}${whole ? `\n-----${end}-----` : ''}`;
    return { text, clear: lines, kind: 'private-key' as const };
  });

/** PuTTY key files (versions 2 and 3), whole or cut off before their MAC line. */
const puttyKeyFile: fc.Arbitrary<Planted> = fc
  .tuple(inSomeCase('PuTTY-User-Key-File-'), fc.constantFrom('2', '3'), fc.constantFrom('ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256'), fc.array(base62(24, 64), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('\n', '\r\n'))
  .map(([head, version, algorithm, lines, whole, eol]) => {
    const text = [
      `${head}${version}: ${algorithm}`, 'Encryption: none', 'Comment: deploy key', 'Public-Lines: 1', 'AAAAC3NzaC1lZDI1NTE5',
      `Private-Lines: ${lines.length}`, ...lines, ...(whole ? ['Private-MAC: 0123456789abcdef'] : []),
    ].join(eol);
    return { text, clear: lines, kind: 'private-key' as const };
  });

/** Private key blocks: armor (PEM, OpenSSH, PGP) and PuTTY key files. */
export const privateKeyBlock: fc.Arbitrary<Planted> = fc.oneof(armorBlock, puttyKeyFile);

/** The ways services spell a key of several words. */
export const KEY_STYLES = ['snake', 'camel', 'kebab', 'upper', 'dotted'] as const;

/** `words` spelled as a key in `style` (`client_secret`, `clientSecret`, `client-secret`, …). */
export function keyInStyle(words: readonly string[], style: (typeof KEY_STYLES)[number]): string {
  switch (style) {
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
    case 'kebab':
      return words.join('-');
    case 'upper':
      return words.join('_').toUpperCase();
    case 'dotted':
      return words.join('.');
    default:
      return words.join('_');
  }
}

/**
 * Credential names as services write them: a credential word or pair, with a prefix, in any key
 * style (words of scripts without letter case, which camelCase cannot split, are tested apart).
 */
const credentialName = fc
  .tuple(
    fc.constantFrom(...SECRET_KEY_WORDS.filter((w) => /^[a-z]+$/.test(w)), ...SECRET_KEY_PAIRS.filter((p) => /^[a-z ]+$/.test(p))),
    fc.constantFrom('', 'db', 'client', 'x', 'stripe', 'app'),
    fc.constantFrom(...KEY_STYLES),
  )
  .map(([name, prefix, style]) => keyInStyle([...(prefix === '' ? [] : [prefix]), ...name.split(' ')], style));

/** A bare secret value: token characters, no delimiter (`, ; & # ) } ] " ' < >` and blanks end a bare value). */
const bareSecret = fc.array(fc.constantFrom(...`${BASE62}!$%^*(_+~@/`.split('')), { minLength: 10, maxLength: 24 }).map((a) => `Q7${a.join('')}`);

/** Marks that enclose a value: brackets, and typographic quotes as several languages write them. */
const ENCLOSINGS = [['[', ']'], ['(', ')'], ['{', '}'], ['<', '>'], ['“', '”'], ['„', '“'], ['‘', '’'], ['«', '»'], ['‹', '›']] as const;

/** The blanks of a pair written without `:` or `=` (`--password x`): one to three spaces or tabs. */
const spacedBlanks = fc.array(fc.constantFrom(' ', '\t'), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));

/**
 * Credential pairs in text: `name: value`, `name=value`, quoted (`"name": "two words"`, JSON
 * inside text), with escaped quotes (`\\"name\\":\\"value\\"`, JSON inside a JSON string),
 * bracketed or typographically quoted (`name: [two words]`, `name: “two words”`), or an XML
 * element (`<name>two words</name>`).
 */
export const credentialPair: fc.Arbitrary<Planted> = fc
  .tuple(credentialName, bareSecret, fc.constantFrom('bare', 'spaced', 'nbsp', 'json', 'escaped', 'escaped-value', 'single', 'enclosed', 'element', 'hash-arrow', 'cli-option', 'cli-quoted', 'sql-quoted', 'identified-by', 'element-ns', 'cdata'), fc.constantFrom(':', '='), fc.constantFrom(...ENCLOSINGS), spacedBlanks)
  .map(([name, value, form, sep, [open, close], b]) => {
    const text = {
      bare: `${name}${sep}${value}`,
      spaced: `${name}${sep === ':' ? ': ' : ' = '}${value}`,
      json: `{"${name}": "${value} and more"}`,
      escaped: `{\\"${name}\\":\\"${value}\\"}`,
      nbsp: `${name}\u00a0${sep}\u00a0${value}`,
      'escaped-value': `${name}${sep}\\"${value} ${value}\\"`,
      single: `${name}${sep}'${value} ${value}'`,
      'hash-arrow': `['${name}' => '${value} ${value}']`,
      enclosed: `${name}${sep}${sep === ':' ? ' ' : ''}${open}${value} ${value}${close}`,
      element: `<${name}>${value} ${value}</${name}>`,
      'element-ns': `<wsse:${name.replace(/ /g, '')} Type="PasswordText">${value} ${value}</wsse:${name.replace(/ /g, '')}>`,
      cdata: `<${name.replace(/ /g, '')}><![CDATA[${value} <${value}>]]></${name.replace(/ /g, '')}>`,
      'cli-option': `--${name.replace(/[^A-Za-z0-9_.-]/g, '-')}${b}${value}`,
      'cli-quoted': `--${name.replace(/[^A-Za-z0-9_.-]/g, '-')}${b}"${value} ${value}"`,
      'sql-quoted': `${name}${b}'${value} ${value}'`,
      'identified-by': `IDENTIFIED${b}BY${b}'${value}'`,
    }[form];
    return { text, clear: [value], kind: 'pair' as const };
  });

/** US Social Security numbers as the SSA issues them (`AAA-GG-SSSS`). */
export const socialSecurityNumber: fc.Arbitrary<Planted> = fc
  .tuple(fc.integer({ min: 1, max: 899 }).filter((a) => a !== 666), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([a, g, s]) => {
    const text = `${String(a).padStart(3, '0')}-${String(g).padStart(2, '0')}-${String(s).padStart(4, '0')}`;
    return { text, clear: [text], kind: 'ssn' as const };
  });

/** Any planted secret or PII value. */
export const planted: fc.Arbitrary<Planted> = fc.oneof(unicodeEmail, phoneNumber, cardNumber, jwt, vendorKey, basicCredentials, privateKeyBlock, credentialPair, passwordHash, socialSecurityNumber);

const hex = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Values that look numeric or technical and must survive the mask. */
export const decoy: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.nat(99)).map(([a, b]) => `$${a}.${String(b).padStart(2, '0')}`),
  fc.constantFrom('$HOME/$USER/.cache', '${PATH}:$GOPATH/bin', 's/(a)(b)/$2$1/', 'cost$5$each', '$6$short$tooShortDigest'),
  fc.integer({ min: 1_000_000, max: 9_999_999_999 }).map((n) => `ORD-${n}`),
  fc.integer({ min: 1_000_000, max: 9_999_999_999 }).map((n) => `INV${n}X`),
  fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
  // amounts side by side: `515.21 100.01`, `1200.50 - 99.99`
  fc.array(fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 99 })), { minLength: 2, maxLength: 4 }).chain((amounts) =>
    fc.constantFrom(' ', ' - ', ', ', '  ').map((sep) => amounts.map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`).join(sep)),
  ),
  fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }).map(String),
  fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }).map((n) => `${n}${String(n % 1000).padStart(3, '0')}`),
  fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-')),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  fc.tuple(hex(4), hex(4), hex(4), hex(4)).map(([a, b, c, d]) => `2001:db8:${a}:${b}::${c}:${d}`),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ min: new Date('2000-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.nat(20), fc.nat(99), fc.nat(999)).map(([a, b, c]) => `v${a}.${b}.${c}`),
  fc.tuple(fc.nat(20), fc.nat(99), fc.nat(99), fc.nat(9999)).map((p) => p.join('.')),
  fc.tuple(fc.nat(999), fc.nat(999)).map(([p, l]) => `page=${p}&limit=${l}&sort=created_at`),
  fc.constantFrom('200', '404', '503', 'HTTP 201', 'status 418'),
  fc.integer({ min: 1, max: 65535 }).map((p) => `127.0.0.1:${p}`),
  fc.integer({ min: 10_000, max: 99_999_999 }).map((n) => `#${n}`),
  // hashes and content digests: their digit runs are chance
  hex(40),
  hex(64),
  // names of things that share a word or a prefix with a secret
  fc.constantFrom('npm_config_cache_directory', 'sk_live_mode_enabled', 'Basic plan', 'basic information', 'risk-assessment-summary', 'token_count: 12', 'password_policy: strict', 'session_id=abc', 'std::string'),
);
