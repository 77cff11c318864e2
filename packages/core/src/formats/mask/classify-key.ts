/**
 * What a key means to the mask, decided from its word parts (`key-words`), never from a
 * substring. The mask computes it once per distinct key name and keeps it with the rest of
 * what it knows of that name (see `MaskHooks`).
 */
import {
  PARTY_DETAIL_WORDS, AUTH_KEYS, NUMBERED_PII_WORDS, COOKIE_KEYS, PHONE_KEY_PARTS, PII_MEASURE_WORDS, SAFE_KEYS, SECRET_KEY_PAIRS, SECRET_KEY_QUALIFIERS, SECRET_KEY_WORD_ENDINGS, SECRET_KEY_WORDS,
  SENSITIVE_KEY_PARTS,
  PERSON_ROLE_WORDS,
} from '../../fields';
import { keyWords } from './key-words';
import { EcsctxOptionsError } from '../../errors';
import { parseCsv } from '../../env-vars';

/** The credential kind of a key. */
export const enum CredentialKind {
  None = 0,
  /** `Authorization`, API-key headers: masked keeping the scheme. */
  Auth = 1,
  /** A `Cookie` header: cookie names kept, values masked. */
  Cookie = 2,
  /** A `Set-Cookie` header: the cookie's name and attributes kept, its value masked. */
  SetCookie = 3,
  /** Any other credential: every value under it becomes `[REDACTED]`. */
  Secret = 4,
  /**
   * A credential named across a path (`{ signing: { key } }`, what a dotted `signing.key`
   * becomes): its own value is masked, an object under it is judged by its own keys.
   */
  PathSecret = 5,
}

/** The sensitivity of a key. */
export const enum Sensitivity {
  None = 0,
  Generic = 1,
  Phone = 2,
  /** A person named by a role (`assignee`): a string is tokenized, a number (a count, an id) kept. */
  Person = 3,
}

/** How the mask treats one key. */
export interface KeyClass {
  readonly sensitivity: Sensitivity;
  readonly safe: boolean;
  readonly credential: CredentialKind;
  /** An address-like key: everything below it is sensitive, whatever the inner keys are called. */
  readonly subtree: boolean;
  /** The key names a part of a person's name or address (its last word is one of `PARTY_DETAIL_WORDS`): PII under a sensitive key. */
  readonly partyDetail: boolean;
  /** A PII key whose value is a number by nature (`ssn`, `zip_code`: `NUMBERED_PII_WORDS`). */
  readonly numbered: boolean;
  /** The key's word parts. */
  readonly words: readonly string[];
  /**
   * Its last word when that word begins a two-word key the rules know: a credential pair
   * (`signing` of `signing key`) or a safe key (`product` of `product_name`; a plural's
   * singular: `items` → `item` of `item_name`), else `undefined`.
   */
  readonly pairHead: string | undefined;
  /** The key names a W3C trace or span id: its last word is `trace` or `span`, or `id` after one of them. */
  readonly traceId: boolean;
}

/** True when `word` ends in one of {@link SECRET_KEY_WORD_ENDINGS} after something else (`pgpassword`). */
function endsInCredentialWord(word: string): boolean {
  for (const w of SECRET_KEY_WORD_ENDINGS) if (word.length > w.length && word.endsWith(w)) return true;
  return false;
}

/** The words after which a key names a trace-context id (`span`, `trace_id`, `parentSpanId`). */
const TRACE_ID_WORDS = new Set(['trace', 'span']);

function namesTraceId(parts: readonly string[]): boolean {
  const n = parts.length;
  if (n === 0) return false;
  return TRACE_ID_WORDS.has(parts[n - 1]) || (n >= 2 && parts[n - 1] === 'id' && TRACE_ID_WORDS.has(parts[n - 2]));
}

/** Extra keywords and safe keys on top of the built-in lists. */
export interface KeyRules {
  /** More PII words (a string under a key holding one is tokenized), matched by word part. */
  sensitiveKeyParts?: readonly string[];
  /** More keys that are never tokenized nor masked (compared by word parts: `orderRef` = `order_ref`). */
  safeKeys?: readonly string[];
  /** More credential words or word pairs (`pin_block`, `vault role`): values under them are masked. */
  secretKeys?: readonly string[];
}

/** A key list option as given (`undefined`: empty); anything but an array of strings throws. */
function keyListOption(owner: string, name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new EcsctxOptionsError(`${owner}: ${name} must be an array of key names`);
  return value as string[];
}

/**
 * The extra key lists in force: each option's list, then its environment variable's
 * (`PII_MASK_SECRET_KEYS`, `PII_MASK_SAFE_KEYS`, `PII_MASK_SENSITIVE_KEYS`). The mask and
 * `ecsctx check` read them here, so both judge the same keys. `owner` names the caller in errors.
 */
export function resolveKeyRules(owner: string, options: KeyRules, env: Readonly<Record<string, string | undefined>>): Required<KeyRules> {
  return {
    secretKeys: [...keyListOption(owner, 'secretKeys', options.secretKeys), ...parseCsv(env.PII_MASK_SECRET_KEYS)],
    safeKeys: [...keyListOption(owner, 'safeKeys', options.safeKeys), ...parseCsv(env.PII_MASK_SAFE_KEYS)],
    sensitiveKeyParts: [...keyListOption(owner, 'sensitiveKeyParts', options.sensitiveKeyParts), ...parseCsv(env.PII_MASK_SENSITIVE_KEYS)],
  };
}

/**
 * Keys whose objects are PII as a whole: an address (`line1`, `city` name nothing sensitive on
 * their own) and a person's name (`{ first, last }`).
 */
const SUBTREE_KEY_PARTS = ['address', 'name'];

/**
 * A word list matched against word parts: exact, or a compound's end (4+ letters) or start
 * (5+), or a plural (`emails`), or two adjacent parts that spell a word (`card_holder`, `e-mail`).
 */
class WordMatcher {
  private readonly exact: ReadonlySet<string>;
  private readonly ends: readonly string[];
  private readonly starts: readonly string[];

  constructor(words: readonly string[]) {
    this.exact = new Set(words);
    this.ends = words.filter((w) => w.length >= 4);
    this.starts = words.filter((w) => w.length >= 5);
  }

  /** True when one of `parts` is, ends with or begins with a word (see the class comment). */
  matches(parts: readonly string[]): boolean {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (this.exact.has(part)) return true;
      if (part.length > 3 && part.endsWith('s') && this.exact.has(part.slice(0, -1))) return true;
      if (i + 1 < parts.length && this.exact.has(part + parts[i + 1])) return true;
      for (const w of this.ends) if (part.length > w.length && part.endsWith(w)) return true;
      for (const w of this.starts) if (part.length > w.length && part.startsWith(w)) return true;
    }
    return false;
  }
}

/**
 * The words of each entry of a user's list (`clientSecret`, `pin block` → `client`, `secret`).
 * Throws `EcsctxOptionsError` for a list that is not an array of strings, or an entry with no
 * letter or digit (it could match nothing: a typo to report, not to ignore).
 */
function entryWords(option: string, entries: unknown): string[][] {
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw new EcsctxOptionsError(`mask: ${option} must be an array of key names`);
  return entries.map((e: unknown) => {
    const words = typeof e === 'string' ? keyWords(e) : [];
    if (words.length === 0) throw new EcsctxOptionsError(`mask: ${option} has an entry that names no key word: ${JSON.stringify(String(e))}`);
    return words;
  });
}

/** Classifies keys (no cache: the caller keeps the results). */
export class KeyClassifier {
  private readonly pii: WordMatcher;
  private readonly phone = new WordMatcher(PHONE_KEY_PARTS);
  private readonly numberedWords = new WordMatcher(NUMBERED_PII_WORDS);
  private readonly subtreeWords = new WordMatcher(SUBTREE_KEY_PARTS);
  private readonly safe: ReadonlySet<string>;
  private readonly auth: ReadonlySet<string> = new Set(AUTH_KEYS);
  private readonly secretWords: ReadonlySet<string>;
  private readonly secretPairs: ReadonlySet<string>;
  private readonly qualifiers: ReadonlySet<string> = new Set(SECRET_KEY_QUALIFIERS);
  private readonly measures: ReadonlySet<string> = new Set(PII_MEASURE_WORDS);
  private readonly partyDetails: ReadonlySet<string> = new Set(PARTY_DETAIL_WORDS);
  private readonly roles: ReadonlySet<string> = new Set(PERSON_ROLE_WORDS);

  constructor(rules: KeyRules = {}) {
    const extraPii = entryWords('sensitiveKeyParts', rules.sensitiveKeyParts).map((w) => w.join(''));
    this.pii = new WordMatcher([...SENSITIVE_KEY_PARTS, ...extraPii]);
    const safe = entryWords('safeKeys', rules.safeKeys).map((w) => w.join('_'));
    this.safe = new Set([...SAFE_KEYS.map((k) => keyWords(k).join('_')), ...safe]);
    const words = new Set<string>(SECRET_KEY_WORDS);
    const pairs = new Set<string>(SECRET_KEY_PAIRS);
    for (const w of entryWords('secretKeys', rules.secretKeys)) {
      if (w.length === 1) words.add(w[0]);
      else {
        pairs.add(w.slice(-2).join(' '));
        words.add(w.join(''));
      }
    }
    this.secretWords = words;
    this.secretPairs = pairs;
    this.pairHeads = new Set([...pairs].map((p) => p.slice(0, p.indexOf(' '))));
    this.safeHeads = new Set([...this.safe].filter((k) => k.includes('_')).map((k) => k.slice(0, k.indexOf('_'))));
  }

  private readonly pairHeads: ReadonlySet<string>;
  /** The first words of the safe keys of two words or more (`product` of `product_name`). */
  private readonly safeHeads: ReadonlySet<string>;

  /** The credential kind of `key` alone (what {@link classify} says of it, without the PII rules). */
  credentialOfKey(key: string): CredentialKind {
    const lower = key.toLowerCase();
    if (this.auth.has(lower)) return CredentialKind.Auth;
    if (lower === COOKIE_KEYS[0]) return CredentialKind.Cookie;
    if (lower === COOKIE_KEYS[1]) return CredentialKind.SetCookie;
    const parts = keyWords(key);
    return this.safe.has(parts.join('_')) ? CredentialKind.None : this.credentialOf(parts);
  }

  /** True when every word of `cls`'s key is a qualifier (`hash`, `value`…: `password.hash` is still the password's). */
  onlyQualifiers(cls: KeyClass): boolean {
    return cls.words.length > 0 && cls.words.every((w) => this.qualifiers.has(w));
  }

  /**
   * True when `head` (a parent key's {@link KeyClass.pairHead}) and `child`'s words make a safe
   * key together (`product` and `name`: `{ product: { name } }` is `product_name`).
   */
  isSafeUnder(head: string, child: KeyClass): boolean {
    return !child.safe && child.words.length > 0 && this.safe.has(`${head}_${child.words.join('_')}`);
  }

  /** True when `head` (a parent key's last word) and `child`'s words name a credential together. */
  completesPair(head: string, child: KeyClass): boolean {
    return !child.safe && child.words.length > 0 && this.credentialOf([head, ...child.words]) !== CredentialKind.None;
  }

  /** How the mask treats `key`. */
  classify(key: string): KeyClass {
    const lower = key.toLowerCase();
    const parts = keyWords(key);
    const safe = this.safe.has(parts.join('_'));
    let credential = CredentialKind.None;
    if (!safe) {
      if (this.auth.has(lower)) credential = CredentialKind.Auth;
      else if (lower === COOKIE_KEYS[0]) credential = CredentialKind.Cookie;
      else if (lower === COOKIE_KEYS[1]) credential = CredentialKind.SetCookie;
      else credential = this.credentialOf(parts);
    }
    let sensitivity = Sensitivity.None;
    const last = parts.length > 0 ? parts[parts.length - 1] : undefined;
    // `email_count`, `name_length`, `shipping_cost_usd`: a number about PII, not PII
    const measure = this.namesMeasure(parts);
    if (!safe && !measure) {
      if (this.phone.matches(parts)) sensitivity = Sensitivity.Phone;
      else if (this.pii.matches(parts)) sensitivity = Sensitivity.Generic;
      else if (this.namesRole(parts)) sensitivity = Sensitivity.Person;
    }
    const subtree = !safe && !measure && this.subtreeWords.matches(parts);
    const pairHead = credential === CredentialKind.None && last !== undefined ? this.headOf(last) : undefined;
    const partyDetail = !safe && last !== undefined && this.partyDetails.has(last);
    const numbered = sensitivity !== Sensitivity.None && this.numberedWords.matches(parts);
    return { sensitivity, safe, credential, subtree, partyDetail, numbered, words: parts, pairHead, traceId: namesTraceId(parts) };
  }

  /** `last` (a key's last word), or its singular, when it begins a credential pair or a safe key (see {@link KeyClass.pairHead}). */
  private headOf(last: string): string | undefined {
    if (this.pairHeads.has(last) || this.safeHeads.has(last)) return last;
    const singular = last.length > 3 && last.endsWith('s') ? last.slice(0, -1) : undefined;
    return singular !== undefined && this.safeHeads.has(singular) ? singular : undefined;
  }

  /** True when the key's last word part (or its singular, or its last two parts joined) is a {@link PERSON_ROLE_WORDS} word. */
  private namesRole(parts: readonly string[]): boolean {
    const n = parts.length;
    if (n === 0) return false;
    const last = parts[n - 1];
    if (this.roles.has(last) || (last.endsWith('s') && this.roles.has(last.slice(0, -1)))) return true;
    return n >= 2 && this.roles.has(parts[n - 2] + last);
  }

  /** True when a word after the first is a measure word (`PII_MEASURE_WORDS`). */
  private namesMeasure(parts: readonly string[]): boolean {
    for (let i = 1; i < parts.length; i++) if (this.measures.has(parts[i])) return true;
    return false;
  }

  /**
   * The credential a key's word parts name: its last part (or last two) after trailing
   * qualifiers (`value`, `hash`, …) is a credential word (or pair).
   */
  private credentialOf(parts: readonly string[]): CredentialKind {
    let end = parts.length;
    while (end > 0) {
      const last = parts[end - 1];
      const pair = end >= 2 ? parts[end - 2] + ' ' + last : undefined;
      if (last === 'cookie' && end >= 2 && parts[end - 2] === 'set') return CredentialKind.SetCookie;
      if (this.secretWords.has(last) || endsInCredentialWord(last) || (pair !== undefined && this.secretPairs.has(pair))) return CredentialKind.Secret;
      if (!this.qualifiers.has(last)) return CredentialKind.None;
      end--;
    }
    return CredentialKind.None;
  }
}
