/**
 * Which keys hold PII (`classify-key`, `SENSITIVE_KEY_PARTS`): a key is sensitive when a word
 * part is a PII word, a compound ending (4+ letters) or starting (5+) with one, a plural of
 * one, or two adjacent parts that spell one (`card_holder`, `e-mail`); an object under an
 * address or a name is PII as a whole. Generated over the built-in words in every key style,
 * with decoys that only contain a word inside a longer one and must stay readable; then through
 * a real logger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii } from '@ecsctx/core';
import { PARTY_DETAIL_WORDS, PERSON_ROLE_WORDS, PII_MEASURE_WORDS, SAFE_KEYS, SENSITIVE_KEY_PARTS } from '../../../src/fields';
import { KeyClassifier, Sensitivity } from '../../../src/formats/mask/classify-key';
import { makeLogger, flush } from '../../support/logger';
import { KEY_STYLES, keyInStyle } from '../../support/secret-generators';
import { referenceDir } from '../../support/capture';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

const rules = new KeyClassifier();
const sensitive = (key: string): boolean => rules.classify(key).sensitivity !== Sensitivity.None;

afterEach(() => resetPii());

// (not dotted: a dotted key is a path, each part a key of its own)
const style = fc.constantFrom('snake', 'camel', 'kebab', 'upper') as fc.Arbitrary<(typeof KEY_STYLES)[number]>;

describe('PII keys', () => {
  test.prop([fc.constantFrom(...SENSITIVE_KEY_PARTS), fc.constantFrom('', 'customer', 'billing', 'user', 'primary', 'x'), fc.constantFrom('', 'value', 'raw'), style])(
    'every PII word is found in any key style, with words before and after it',
    (word, before, after, how) => {
      const words = [before, word, after].filter((w) => w !== '');
      expect(sensitive(keyInStyle(words, how)), keyInStyle(words, how)).toBe(true);
    },
  );

  it.each(['cardHolder', 'card_holder', 'e_mail', 'E-Mail', 'emails', 'names', 'date_of_birth', 'birthDate', 'ssn', 'SSN', 'iban', 'dob', 'passport_number', 'street', 'postal_code', 'zip', 'zipCode', 'nombre', 'apellido', 'Vorname', 'surname', 'social_security_number', 'socialSecurityNumber', 'tax_id', 'nationalId', 'drivers_license_number'])(
    '%s holds PII',
    (key) => expect(sensitive(key)).toBe(true),
  );

  it.each(['placeholder', 'velocity', 'pipeline', 'deadline', 'hotel_id', 'telemetry', 'zipper', 'dobby_mode', 'customer_id', 'username', 'file_name', 'mission', 'assassin', 'email_count', 'name_length', 'emailsSent', 'phone_attempts', 'billing_total'])('%s holds no PII', (key) => expect(sensitive(key)).toBe(false));

  it('an object under a name is a name as a whole; one under another PII key is judged by its own keys', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { name: { first: 'Jane', last: 'Doe' }, customer: { tier: 'gold' } });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).not.toContain('Jane');
    expect(line).not.toContain('Doe');
    expect(capture.records()[0].extra.customer.tier).toBe('gold');
  });

  // any scalar: a number of any size (an ssn, a zip, a phone), a fraction, a bigint, a date
  const scalar = fc.oneof(
    fc.integer({ min: -1e12, max: 1e12 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.bigInt({ min: 1n, max: 10n ** 20n }),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  );
  const written = (v: number | bigint | Date): string => (v instanceof Date ? v.toISOString() : String(v));

  test.prop([fc.constantFrom(...SENSITIVE_KEY_PARTS), fc.constantFrom('', 'customer', 'billing'), style, scalar, fc.boolean()], { numRuns: 200 })(
    'a number, a bigint or a date under a PII key is tokenized like its text, and the field holds a string',
    async (word, before, how, value, keyset) => {
      if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
      else resetPii();
      const key = keyInStyle([before, word].filter((w) => w !== ''), how);
      const { logger, capture } = makeLogger();
      logger.info('x', { [key]: value, nested: { [key]: [value] } });
      await flush(logger);
      const line = capture.lines[0];
      const text = written(value);
      // (a short number can occur elsewhere in the line by chance: the field itself is checked)
      if (text.length >= 6) expect(line, key).not.toContain(text);
      const extra = capture.records()[0].extra as Record<string, unknown>;
      expect(typeof extra[key], `${key}: ${line}`).toBe('string');
      expect(extra[key]).not.toBe(text);
    },
  );

  test.prop([fc.constantFrom(...SENSITIVE_KEY_PARTS), fc.constantFrom(...PII_MEASURE_WORDS), fc.constantFrom('', 'usd', 'cents', 'per', 'tier', 'code'), style, fc.integer({ min: 0, max: 1e6 })], { numRuns: 100 })(
    'a key with a measure word after its first holds a number about PII: kept (decoys)',
    async (word, measure, after, how, n) => {
      const key = keyInStyle([word, measure, after].filter((w) => w !== ''), how);
      const { logger, capture } = makeLogger();
      logger.info('x', { [key]: n });
      await flush(logger);
      expect((capture.records()[0].extra as Record<string, unknown>)[key], key).toBe(n);
    },
  );
});

describe('bank accounts, national numbers, payees; short and split password keys', () => {
  it('tokenizes bank and national numbers and payees, masks pw / pass_word / secret_key_base / subscription keys, and keeps look-alikes', async () => {
    const rules = new KeyClassifier();
    for (const key of ['account_number', 'accountNumber', 'routing_number', 'sort_code', 'bank_account', 'msisdn', 'national_insurance', 'aadhaar', 'payee', 'account_holder']) {
      expect(rules.classify(key).sensitivity, key).not.toBe(Sensitivity.None);
    }
    for (const key of ['pw', 'db_pw', 'pword', 'pswd', 'DB_PSWD', 'user_psw', 'pwrd', 'pass_word', 'SECRET_KEY_BASE', 'Ocp-Apim-Subscription-Key', 'x-functions-key', 'tls_key']) {
      expect(rules.credentialOfKey(key), key).not.toBe(0);
    }
    for (const key of ['account_id', 'placeholder', 'routing_key', 'pwa', 'base_url', 'sort_order']) {
      expect(rules.classify(key).sensitivity, key).toBe(Sensitivity.None);
      expect(rules.credentialOfKey(key), key).toBe(0);
    }
    // a passenger is a person, not a password
    expect(rules.credentialOfKey('passenger')).toBe(0);
    expect(rules.classify('passenger').sensitivity).not.toBe(Sensitivity.None);
    const { logger, capture } = makeLogger();
    logger.info('x', { account_number: '12345678', sort_code: '12-34-56', pw: 'Pw1', routing_key: 'orders.created' });
    await flush(logger);
    const extra = capture.records()[0].extra as Record<string, unknown>;
    expect(extra).toEqual({ account_number: '[PII_REDACTED]', sort_code: '[PII_REDACTED]', pw: '[REDACTED]', routing_key: 'orders.created' });
  });
});

describe('a key that describes PII holds none', () => {
  it('keeps email_template, phone_type, shipping_method, address_status; tokenizes email and shipping_address', () => {
    const rules = new KeyClassifier();
    for (const key of ['email_template', 'emailProvider', 'phone_type', 'shipping_method', 'address_status', 'contact_method', 'name_format', 'email_verified']) {
      expect(rules.classify(key).sensitivity, key).toBe(Sensitivity.None);
    }
    for (const key of ['email', 'shipping_address', 'customer_name', 'phone']) expect(rules.classify(key).sensitivity, key).not.toBe(Sensitivity.None);
  });
});

describe('a name or an address under a sensitive key', () => {
  const parent = fc.constantFrom('billing', 'shipping', 'customer', 'recipient', 'payer', 'beneficiary', 'contact', 'billing_details', 'shippingInfo', 'bill_to', 'shipTo', 'sold-to', 'buyer', 'consignee');
  const part = fc.tuple(fc.constantFrom(...PARTY_DETAIL_WORDS), fc.constantFrom('', '1', '2', '_1'), style).map(([word, n, how]) => `${keyInStyle([word], how)}${n}`);
  // a street line or a place name: words, never a shape a detector finds on its own
  const place = fc.array(fc.stringMatching(/^[A-Z][a-z]{3,9}$/), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const neutral = fc.constantFrom('geo', 'location', 'order', 'settings', 'page', 'stack_frame');

  test.prop([parent, part, place, neutral, fc.boolean(), fc.constantFrom('', 'profile', 'details', 'data')], { numRuns: 150 })(
    'its parts (first, line1, city…) are PII, in an object, an array of them or deeper; under another key they stay',
    async (owner, key, value, other, inArray, between) => {
      const held = { [key]: value, tier: 'gold' };
      const inner = between === '' ? held : { [between]: held };
      const { logger, capture } = makeLogger();
      logger.info('x', { [owner]: inArray ? [inner] : inner, [other]: { [key]: value, [between || 'x']: { [key]: value } } });
      await flush(logger);
      const extra = capture.records()[0].extra as Record<string, any>;
      const outer = inArray ? extra[owner][0] : extra[owner];
      const written = between === '' ? outer : outer[between];
      expect(written[key], `${owner}.${key}`).not.toBe(value);
      expect(JSON.stringify(written)).not.toContain(value);
      expect(written.tier).toBe('gold');
      expect(extra[other][key], `${other}.${key}`).toBe(value);
      expect(extra[other][between || 'x'][key]).toBe(value);
    },
  );

  it('keeps what a party is charged and how it is served (decoys)', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { shipping_cost: 12.5, billing_amount: 40, customer_fee: 2, shipping: { method: 'express', carrier: 'UPS' } });
    await flush(logger);
    expect(capture.records()[0].extra).toEqual({ shipping_cost: 12.5, billing_amount: 40, customer_fee: 2, shipping: { method: 'express', carrier: 'UPS' } });
  });
});

describe('keys a probe found in clear', () => {
  it('a sender, an abbreviated address, an account number and national ids by their own names are tokenized', async () => {
    const { logger, capture } = makeLogger();
    const values = { addr: '1 Main St, Springfield', sender: 'Jane Doe', account_no: '12345678', nino: 'QQ123456C', dni: '12345678Z', pesel: '44051401359', license_number: 'D1234567' };
    logger.info('keys', values);
    await flush(logger);
    const line = capture.lines[0];
    for (const value of Object.values(values)) expect(line, value).not.toContain(value);
  });

  it('a person named by their role is tokenized; what is counted or measured about them is kept', async () => {
    const { logger, capture } = makeLogger();
    const people = { person: 'Jane Doe', patient: 'John Smith', assignee: 'Amira Haddad', approver: 'Li Chen', reviewer: 'Omar Khan', requestedBy: { requester: 'Sofia Novak' }, policy_holder: 'Noah Berg', passengers: ['Mia Rossi', 'Yusuf Okafor'] };
    const kept = { patient_count: 4, assignee_type: 'team', reviewer_status: 'approved', employee_total: 12 };
    logger.info('keys', { ...people, ...kept });
    await flush(logger);
    const line = capture.lines[0];
    for (const value of ['Jane Doe', 'John Smith', 'Amira Haddad', 'Li Chen', 'Omar Khan', 'Sofia Novak', 'Noah Berg', 'Mia Rossi', 'Yusuf Okafor']) expect(line, value).not.toContain(value);
    const extra = capture.records()[0].extra as Record<string, unknown>;
    expect({ patient_count: extra.patient_count, assignee_type: extra.assignee_type, reviewer_status: extra.reviewer_status, employee_total: extra.employee_total }).toEqual(kept);
  });

  test.prop([fc.constantFrom(...PERSON_ROLE_WORDS), fc.constantFrom('', 'primary', 'requested', 'x'), fc.constantFrom('', 's'), fc.constantFrom(...KEY_STYLES.filter((k) => k !== 'dotted')), fc.integer({ min: 0, max: 1e6 })], { numRuns: 150 })(
    'a role as the last word holds a person (strings tokenized); its id, its counts and what is said of it are kept',
    async (role, prefix, plural, keyStyle, n) => {
      // (dotted keys nest: `person.id` would sit below `person`)
      const words = prefix === '' ? [role + plural] : [prefix, role + plural];
      const key = keyInStyle(words, keyStyle);
      const idKey = keyInStyle([...words, 'id'], keyStyle);
      const roleKey = keyInStyle([...words, 'role'], keyStyle);
      const { logger, capture } = makeLogger();
      logger.info('keys', { [key]: 'Jane Q Doe', count: { [key]: n }, [idKey]: n, [roleKey]: 'admin' });
      await flush(logger);
      const extra = capture.records()[0].extra as Record<string, unknown>;
      expect(capture.lines[0]).not.toContain('Jane Q Doe');
      expect([(extra.count as Record<string, unknown>)[key], extra[idKey], extra[roleKey]]).toEqual([n, n, 'admin']);
    },
  );

  it('the names of products and plans are kept', async () => {
    const { logger, capture } = makeLogger();
    logger.info('subscribed', { product_name: 'Widget', planName: 'Pro', customer_name: 'Jane Doe' });
    await flush(logger);
    const extra = capture.records()[0].extra as Record<string, unknown>;
    expect([extra.product_name, extra.planName]).toEqual(['Widget', 'Pro']);
    expect(extra.customer_name).not.toBe('Jane Doe');
  });
});

describe('the name of a thing', () => {
  test.prop([fc.constantFrom(...SAFE_KEYS.filter((k) => k.endsWith('_name'))), style], { numRuns: 100 })(
    'under a safe key (`product_name`, `plan_name`, in any style) is kept, beside a person\'s name that is not',
    async (key, keyStyle) => {
      const { logger, capture } = makeLogger();
      const written = keyInStyle(key.split('_'), keyStyle);
      logger.info('catalog', { [written]: 'Widget Pro 2', customer_name: 'Jane Doe' });
      await flush(logger);
      const line = capture.lines[0];
      expect(line, written).toContain('Widget Pro 2');
      expect(line).not.toContain('Jane Doe');
    },
  );
});


describe('keys that look like PII and are not', () => {
  it('network addresses and how a party is served are kept; a postal address is not', async () => {
    const { logger, capture } = makeLogger();
    const kept = { ip_address: '95.11.117.97', remote_addr: '10.1.2.3', mac_address: '00:1a:2b:3c:4d:5e', billing_cycle: 'monthly', customer_tier: 'gold', customer_segment: 'smb', shipping_carrier: 'UPS' };
    logger.info('served', { ...kept, billing_address: '1 Main St, Springfield' });
    await flush(logger);
    const extra = capture.records()[0].extra as Record<string, unknown>;
    for (const [key, value] of Object.entries(kept)) expect(extra[key], key).toBe(value);
    expect(extra.billing_address).not.toBe('1 Main St, Springfield');
  });
});

describe('a key nested under its kind (`product: { name }` is `product_name`)', () => {
  // the safe keys of two words or more, cut after their first word: `product` and `name`
  const compound = fc.constantFrom(...SAFE_KEYS.filter((k) => k.includes('_')).map((k) => [k.slice(0, k.indexOf('_')), k.slice(k.indexOf('_') + 1)] as const));
  const people = { customer: { name: 'Jane Doe' }, user: { name: 'Li Chen' }, billing: { name: 'Omar Khan' }, contact: { first: 'Mia' }, owner: { name: 'Noah Berg' } };

  test.prop([compound, style, style, fc.constantFrom('object', 'array of the plural', 'deeper')], { numRuns: 200 })(
    'is kept when the parent\'s last word and the key make a safe key; a person\'s name beside it is not',
    async ([head, rest], headStyle, restStyle, shape) => {
      const child = { [keyInStyle(rest.split('_'), restStyle)]: 'Widget Pro 2' };
      const parent = keyInStyle([head], headStyle);
      // (a plural is read as its singular: `items: [{ name }]`; `ips` is too short to be a plural)
      const plural = shape === 'array of the plural' && head.length >= 3;
      const held = plural ? { [`${parent}${headStyle === 'upper' ? 'S' : 's'}`]: [child] } : shape === 'deeper' ? { order: { [`line_${head}`]: child } } : { [parent]: child };
      const { logger, capture } = makeLogger();
      logger.info('catalog', { payload: held, people });
      await flush(logger);
      const line = capture.lines[0];
      expect(line, JSON.stringify(held)).toContain('Widget Pro 2');
      for (const person of ['Jane Doe', 'Li Chen', 'Omar Khan', 'Mia', 'Noah Berg']) expect(line, person).not.toContain(person);
    },
  );

  it('the key rules: the parent\'s last word (or its singular) heads the compound; a person\'s name is never a safe compound', () => {
    expect(rules.classify('product').pairHead).toBe('product');
    expect(rules.classify('line_items').pairHead).toBe('item');
    expect(rules.classify('customer_product').pairHead).toBe('product');
    expect(rules.isSafeUnder('product', rules.classify('name'))).toBe(true);
    for (const parent of ['customer', 'user', 'billing', 'shipping', 'person', 'contact', 'payer']) {
      const head = rules.classify(parent).pairHead;
      expect(head === undefined || !rules.isSafeUnder(head, rules.classify('name')), parent).toBe(true);
    }
  });

  it('through a real logger: the issue as reported, and a name under a credential stays masked', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { product: { name: 'Widget Pro' }, customer: { name: 'Jane Doe' }, token: { product: { name: 'Widget Pro' } } });
    await flush(logger);
    const extra = capture.records()[0].extra as Record<string, any>;
    expect(extra.product).toEqual({ name: 'Widget Pro' });
    expect(extra.customer.name).not.toBe('Jane Doe');
    expect(extra.token).toEqual({ product: { name: '[REDACTED]' } });
  });
});
