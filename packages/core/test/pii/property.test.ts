import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { normalizeForToken, PYTHON_WHITESPACE } from '../../src/pii/normalize';
import { parseKeyset } from '../../src/pii/parse-keyset';
import { createTokenizer } from '../../src/pii/token';
import { openValue, sealValue } from '../../src/pii/cipher';
import { vectors } from '../support/pii-vectors';

const tokenizer = createTokenizer(parseKeyset(vectors.keysets['pub-token']), 'prod');
const revealKeyset = parseKeyset(vectors.keysets['pub-reveal']);

const whitespace = fc.string({ unit: fc.constantFrom(...PYTHON_WHITESPACE.map((c) => String.fromCharCode(c))), maxLength: 4 });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const asciiEmail = fc.emailAddress();
const fieldType = fc.oneof(fc.constantFrom('generic', 'email', 'phone', 'iban', 'Email'), fc.string({ maxLength: 12 }));

/** Randomly upper-cases ASCII letters. */
const caseVariant = (value: string) =>
  fc.array(fc.boolean(), { minLength: value.length, maxLength: value.length }).map((flips) =>
    [...value].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join(''),
  );

describe('tokenize properties', () => {
  test.prop([text, fieldType])('is deterministic', (value, type) => {
    expect(tokenizer.tokenize(value, type)).toBe(tokenizer.tokenize(value, type));
  });

  test.prop([text, fieldType])('equals the token of the normalized value (normalization is idempotent)', (value, type) => {
    const normalized = normalizeForToken(value, type);
    expect(normalizeForToken(normalized, type)).toBe(normalized);
    expect(tokenizer.tokenize(value, type)).toBe(tokenizer.tokenize(normalized, type));
  });

  test.prop([asciiEmail.chain((email) => fc.tuple(fc.constant(email), caseVariant(email))), whitespace, whitespace])(
    'gives one token for case and surrounding-whitespace variants of an email',
    ([email, variant], before, after) => {
      expect(tokenizer.tokenize(before + variant + after, 'email')).toBe(tokenizer.tokenize(email, 'email'));
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 15 }), fc.boolean(), fc.array(fc.constantFrom(' ', '-', '.', '(', ')', '\u00a0'), { maxLength: 15 })])(
    'gives one token for formatting variants of a phone number',
    (digits, plus, separators) => {
      const plain = (plus ? '+' : '') + digits.join('');
      const formatted = (plus ? '+' : '') + digits.map((d, i) => d + (separators[i] ?? '')).join('');
      expect(tokenizer.tokenize(formatted, 'phone')).toBe(tokenizer.tokenize(plain, 'phone'));
    },
  );

  test.prop([text, text])('separates different normalized values', (a, b) => {
    fc.pre(normalizeForToken(a, 'generic') !== normalizeForToken(b, 'generic'));
    expect(tokenizer.tokenize(a, 'generic')).not.toBe(tokenizer.tokenize(b, 'generic'));
  });

  test.prop([text])('separates envs', (value) => {
    const other = createTokenizer(parseKeyset(vectors.keysets['pub-token']), 'dev');
    expect(other.tokenize(value, 'generic')).not.toBe(tokenizer.tokenize(value, 'generic'));
  });
});

describe('protect/reveal properties', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 200 }), fieldType, fc.string({ maxLength: 10 })])(
    'reveal(protect(x)) is x for any text, field type and env',
    (value, type, env) => {
      expect(openValue(revealKeyset, env, type, sealValue(revealKeyset, env, type, value))).toBe(value);
    },
  );
});
