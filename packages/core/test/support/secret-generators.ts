/**
 * fast-check generators of values the mask must never write in clear (Unicode emails, phone
 * numbers of many countries and formats, payment cards, JWTs) and of decoys it must leave
 * alone (order ids, amounts, epochs, UUIDs, IPs, dates, versions, query parameters, ports).
 */
import { fc } from '@fast-check/vitest';
import { getCountries, getExampleNumber, parsePhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Examples } from 'libphonenumber-js';
import { referenceDir } from './capture';

const examples = JSON.parse(readFileSync(join(referenceDir, '..', 'node_modules', 'libphonenumber-js', 'examples.mobile.json'), 'utf8')) as Examples;

/** A planted value: the text logged and the forms of it that must not appear in the line. */
export interface Planted {
  readonly text: string;
  /** Substrings that betray the value (its text, its digits). */
  readonly clear: readonly string[];
  readonly kind: 'email' | 'phone' | 'card' | 'jwt';
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

/** Emails with Unicode local parts and IDN domains, plain or percent-encoded (as in a URL). */
export const unicodeEmail: fc.Arbitrary<Planted> = fc
  .tuple(
    fc.array(localChar, { minLength: 2, maxLength: 10 }).map((a) => a.join('')),
    fc.option(fc.array(localChar, { minLength: 1, maxLength: 5 }).map((a) => a.join('')), { nil: undefined }),
    fc.array(domainChar, { minLength: 2, maxLength: 10 }).map((a) => a.join('')),
    tld,
    fc.boolean(),
  )
  .map(([local, more, domain, top, encoded]) => {
    const email = `${local}${more ? `.${more}` : ''}@${domain}.${top}`;
    const text = encoded ? encodeURIComponent(email) : email;
    return { text, clear: [email, text, `${local}@`, `@${domain}.`], kind: 'email' as const };
  });

const COUNTRIES = getCountries().filter((c) => getExampleNumber(c, examples) !== undefined);

/**
 * Phone numbers of any country (libphonenumber-js's example mobile numbers with random last
 * digits, kept when still valid), written international, E.164 or `00`-prefixed, and US
 * numbers also national and bare; digits optionally in another script.
 */
export const phoneNumber: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...COUNTRIES), fc.integer({ min: 0, max: 999 }), fc.nat(4), fc.constantFrom(...DIGIT_ZEROS), fc.boolean())
  .map(([country, tail, form, zero, us]) => {
    const code: CountryCode = us ? 'US' : country;
    const example = getExampleNumber(code, examples)!;
    const national = example.nationalNumber.slice(0, -3) + String(tail).padStart(3, '0');
    let number = parsePhoneNumber(national, code);
    if (!number.isValid()) number = example;
    const forms = [number.formatInternational(), number.number, `00${number.countryCallingCode} ${number.nationalNumber}`];
    if (code === 'US') forms.push(number.formatNational(), number.nationalNumber, `${number.nationalNumber.slice(0, 3)}-${number.nationalNumber.slice(3, 6)}-${number.nationalNumber.slice(6)}`);
    const ascii = forms[form % forms.length];
    const text = zero === 0x30 ? ascii : inDigits(ascii, zero);
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

/** Luhn-valid card numbers of several brands, plain or grouped with spaces or dashes. */
export const cardNumber: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...BRANDS), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }), fc.constantFrom('', ' ', '-'), fc.constantFrom(0x30, 0x30, 0xff10))
  .map(([brand, random, sep, zero]) => {
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
export const jwt: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('HS256', 'RS256', 'ES256'), fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), fc.uint8Array({ minLength: 16, maxLength: 64 }))
  .map(([alg, sub, exp, sig]) => {
    const token = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify({ sub, exp }))}.${Buffer.from(sig).toString('base64url')}`;
    return { text: token, clear: [token, token.split('.')[1]], kind: 'jwt' as const };
  });

/** Any planted secret or PII value. */
export const planted: fc.Arbitrary<Planted> = fc.oneof(unicodeEmail, phoneNumber, cardNumber, jwt);

const hex = (n: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** Values that look numeric or technical and must survive the mask. */
export const decoy: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1_000_000, max: 9_999_999_999 }).map((n) => `ORD-${n}`),
  fc.integer({ min: 1_000_000, max: 9_999_999_999 }).map((n) => `INV${n}X`),
  fc.tuple(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
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
);
