/**
 * The mask as hooks of the sanitizing walk (`serialize/sanitize-hooks`): for each string,
 * number and key, what the line holds instead (a token, `[REDACTED]`, a masked credential);
 * the state the walk moves to at each key is worked out by `key-states`.
 */
import { KeyClassifier, CredentialKind, Sensitivity, type KeyClass } from './classify-key';
import type { PathStep } from './exempt-paths';
import { maskCookieHeader, maskCredential, maskSetCookieHeader } from './mask-credential';
import { HINT_AT, HINT_COLON, HINT_DETECTORS, HINT_DIGITS, HINT_EQUALS, HINT_ESCAPE, HINT_PERCENT, HINT_SECRET, decodedEmail, isWholeEmail, scanText, textHints, type FoundPii } from './scan-text';
import { phoneRules, type PhoneRules } from './find-phones';
import { maskSecrets } from './find-secrets';
import { PairName, isPiiName, maskPairs, pairNameOf } from './find-secret-pairs';
import { maskPercentEncoded } from './percent-decoded';
import { stripQuotes } from './strip-quotes';
import type { UrlSecretMasker } from './mask-url-secrets';
import { FLAT_PAIRS_STATE, ID_STATE, KEY_ID_STATE, NEUTRAL_STATE, type MaskState } from './mask-state';
import { maskEmbeddedJson, type EmbeddedRules } from './mask-embedded-json';
import { PII_REDACTED, SECRET_REDACTED } from '../../fields';
import { fieldNamePrefix, safeFieldName } from '../../serialize/field-names';
import type { SanitizeHooks } from '../../serialize/sanitize-hooks';
import type { PiiTokenizer } from '../../pii/index';
import { KeyStates } from './key-states';
import { isTokenText, isWrittenToken } from './token-shape';
import { isNameOfWords } from './key-words';

/**
 * A W3C trace or span id (32 or 16 hex digits) at `trace.id`, `span.id` or under a key naming one (`span_id`, `traceId`):
 * kept, since its digits could read as a card or a phone. Any other value there is scanned.
 */
const HEX_ID = /^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/;
/** Longest string remembered as {@link MaskHooks.plain} (a longer one is quoted the usual way). */
const MAX_PLAIN_LENGTH = 4096;
const WHOLE_PHONE = /^\+?[\p{Nd}\s().-]{7,32}$/u;
/** Dotted quads (IPv4 addresses, versions) and ISO dates: never phone numbers, whatever their digits. */
const NOT_PHONE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d{2}-\d{2})$/;
/** Smallest integer with 13 digits, the shortest card number. */
const MIN_CARD_NUMBER = 1e12;
/** Key names whose {@link KeyEntry} is kept (keys can be attacker-controlled). */
const MAX_KEY_ENTRIES = 4096;
/** Shortest key name scanned for emails and phone numbers. */
const MIN_SCANNED_KEY = 6;
/** Longest text {@link MaskHooks} remembers as clean (a longer one is scanned each time). */
const MAX_CLEAN_TEXT = 256;
/** JSON text inside JSON text is read this many levels deep (each level costs a parse of its text). */
const MAX_EMBEDDED_DEPTH = 4;
/** Clean texts {@link MaskHooks} remembers before it forgets them all and starts again. */
const MAX_CLEAN_TEXTS = 4096;

/**
 * What the mask knows of one key name, worked out once: the walk asks for it two or three
 * times per key (is it kept as it is, how it is written, what it means), one lookup in all.
 */
interface KeyEntry {
  readonly key: string;
  readonly cls: KeyClass;
  /** The name itself holds nothing to tokenize (no email or phone number used as a key). */
  readonly clean: boolean;
  /** `"key":` when Elasticsearch takes the name as it is (see `fieldNamePrefix`), else `undefined`. */
  readonly text: string | undefined;
}

/** Stands in for the keyset while a key name is checked: anything it finds changes the name. */
const CLEAN_CHECK_TOKENIZER: PiiTokenizer = { tokenize: () => '' };

/** The mask as sanitizer hooks: key rules, credentials, tokens. */
export class MaskHooks implements SanitizeHooks<MaskState> {
  tokenizer: PiiTokenizer | undefined;
  redactions = 0;
  /** The last string {@link string} returned that needs no JSON escape (see `SanitizeHooks.plain`). */
  plain: string | undefined = undefined;
  /** Entries of clean key names (names holding PII are worked out each time, never kept). */
  private readonly entries = new Map<string, KeyEntry>();
  /** The entry asked for last: the walk asks for the same key's twice in a row. */
  private last: KeyEntry | undefined = undefined;
  /** Where the walk goes at each key. */
  private readonly states: KeyStates;
  /**
   * Texts the detectors found nothing in under the current rules (a status, a content type,
   * a message), each with whether its JSON text is free of escapes. The detectors read only
   * the text, never the key it is under, and a text they find nothing in is clean whatever they
   * saw before (past its validation budget the phone finder takes every unknown candidate for a
   * phone, so a cold cache finds more, never less): a clean text is clean wherever it goes.
   */
  private readonly cleanTexts = new Map<string, boolean>();
  /** See {@link memoStamp}: made again when the rules or the keyset change, or a walk redacted. */
  private stamp: { readonly tokenizer: PiiTokenizer } | undefined = undefined;

  constructor(
    private classifier: KeyClassifier,
    private readonly urls: UrlSecretMasker,
    /** How phone numbers are found in free text. */
    readonly phones: PhoneRules = phoneRules(undefined),
  ) {
    this.states = new KeyStates(classifier, (key) => this.entry(key).cls);
  }

  /** Credentials in JSON text (see `mask-embedded-json`), by the same key rules. */
  private readonly embedded: EmbeddedRules<CredentialKind> = {
    credentialOf: (key) => {
      const kind = this.credentialOf(key);
      return kind === CredentialKind.None ? undefined : kind;
    },
    maskString: (value, kind) => this.secret(value, kind),
    // a string inside the JSON is read unescaped (`<entry key="db.password">x</entry>`): its
    // secrets are masked as in any text; its PII is found by the scan of the JSON text after
    maskText: (value) => this.embeddedText(value),
    redacted: SECRET_REDACTED,
    inherited: CredentialKind.Secret,
  };

  /** Names of pairs found in text, judged by the key rules (bounded: text is caller data). */
  private readonly pairNames = new Map<string, PairName>();

  /** What the key rules say of `name`, found before a `:` or `=` in text (see `find-secret-pairs`). */
  private readonly pairName = (name: string): PairName => {
    let kind = this.pairNames.get(name);
    if (kind === undefined) {
      const known = this.entries.get(name);
      const cls = known !== undefined ? known.cls : this.classifier.classify(name);
      kind = pairNameOf(cls);
      // names in text are caller data: past the cap the memory starts again
      if (this.pairNames.size >= MAX_KEY_ENTRIES) this.pairNames.clear();
      this.pairNames.set(name, kind);
    }
    return kind;
  };

  /** The token of a PII pair's value found in text (typed as it would be under its key); a bare number's as the text detectors give it, if they find it. */
  private readonly tokenizePairValue = (value: string, number: boolean): string => {
    const scanned = number ? scanText(value, this.replaceFound, this.phones) : value;
    return scanned !== value ? scanned : this.sensitiveValue(value, Sensitivity.Generic);
  };

  /** The token of a query parameter's value when the key rules call its name PII (see `mask-url-secrets`). */
  queryPiiValue(name: string, value: string): string | undefined {
    if (value.trim() === '' || !isPiiName(this.pairName(name))) return undefined;
    const known = this.entries.get(name);
    const sensitivity = (known !== undefined ? known.cls : this.classifier.classify(name)).sensitivity;
    return this.sensitiveValue(value, sensitivity === Sensitivity.None ? Sensitivity.Generic : sensitivity);
  }

  /** True when the key rules call `key` a credential. */
  readonly isCredentialKey = (key: string): boolean => this.credentialOf(key) !== CredentialKind.None;

  /** The credential kind of a key found in text (a known key's entry, else the key rules alone). */
  private credentialOf(key: string): CredentialKind {
    const known = this.entries.get(key);
    return known !== undefined ? known.cls.credential : this.classifier.credentialOfKey(key);
  }

  /** Changes the key rules (`configureMasking`): what is known of each key is worked out again. */
  setClassifier(classifier: KeyClassifier): void {
    this.classifier = classifier;
    this.entries.clear();
    this.pairNames.clear();
    this.last = undefined;
    this.states.setClassifier(classifier);
    this.cleanTexts.clear();
    this.stamp = undefined;
  }

  /** Changes the exempt paths (`configureMasking`, `PII_MASK_EXEMPT_PATHS`). */
  setPatterns(patterns: readonly (readonly PathStep[])[]): void {
    this.states.setPatterns(patterns);
    this.stamp = undefined;
  }

  /** The state of a line's root. */
  get rootState(): MaskState {
    return this.states.rootState;
  }

  /**
   * Stands for the rules and the keyset (see `SanitizeHooks.memoStamp`): the same object while
   * neither changes; `undefined` without a keyset (each value is redacted, and counted).
   */
  memoStamp(): object | undefined {
    const tokenizer = this.tokenizer;
    if (tokenizer === undefined) return undefined;
    if (this.stamp === undefined || this.stamp.tokenizer !== tokenizer) this.stamp = { tokenizer };
    return this.stamp;
  }

  /** An array item that is the value of the pair `name` (see `serialize/paired-key`): judged under `name` when the key rules mask it. */
  pairedItem(state: MaskState, name: string): MaskState {
    return state.skip || this.pairName(name) === PairName.None ? state : this.child(state, name);
  }

  /** True when every word of `text` is a name the key rules act on (see `serialize/paired-key`). */
  readonly isActedOnName = (text: string): boolean => isNameOfWords(text, (word) => this.pairName(word) !== PairName.None);
  /** True below Node's `rawHeaders` or `rawTrailers`: a flat list of names and values. */
  readonly flatPairs = (state: MaskState): boolean => state === FLAT_PAIRS_STATE;

  child(state: MaskState, key: string | undefined): MaskState {
    return this.states.child(state, key);
  }

  string(value: string, state: MaskState): string {
    if (state.skip) return value;
    if ((state === ID_STATE || state === KEY_ID_STATE) && HEX_ID.test(value)) return value;
    if (state.credential !== CredentialKind.None && !state.credentialExempt) return isWrittenToken(value) ? value : this.secret(value, state.credential);
    if (isTokenText(value)) return value;
    if (state.sensitivity !== Sensitivity.None && !state.exempt) {
      if (value.trim() === '') return value;
      const out = this.sensitiveValue(value, state.sensitivity);
      this.plain = out; // a token, a masked secret or the redaction marker: nothing to escape
      return out;
    }
    const clean = value.length <= MAX_CLEAN_TEXT ? this.cleanTexts.get(value) : undefined;
    if (clean !== undefined) {
      if (clean) this.plain = value;
      return value;
    }
    return this.detected(value);
  }

  /** `value` with what the text detectors find masked (see {@link string}). */
  private detected(value: string): string {
    // one pass says which detectors can find anything (most strings need none of them) and
    // whether the JSON text needs escapes; masking adds none
    const text = this.jsonTextRead(value);
    const hints = textHints(text);
    const out = this.freeText(text, hints, true);
    // (a long one is not kept: it would stay alive until the next string)
    if ((hints & HINT_ESCAPE) === 0 && out.length <= MAX_PLAIN_LENGTH) this.plain = out;
    if (out === value && value.length <= MAX_CLEAN_TEXT) {
      if (this.cleanTexts.size >= MAX_CLEAN_TEXTS) this.cleanTexts.clear();
      this.cleanTexts.set(value, (hints & HINT_ESCAPE) === 0);
    }
    return out;
  }

  /** How deep the JSON text being read is nested in other JSON text (see {@link embeddedText}). */
  private embeddedDepth = 0;

  /** A string inside JSON text: read as JSON text in turn, then its secrets masked as in any text. */
  private embeddedText(value: string): string {
    const text = this.jsonTextRead(value);
    return this.freeText(text, textHints(text), false);
  }

  /** `value` with its credentials masked when it is JSON text (see `mask-embedded-json`), up to {@link MAX_EMBEDDED_DEPTH} levels of JSON text in JSON text. */
  private jsonTextRead(value: string): string {
    const first = value.charCodeAt(0);
    if ((first !== 123 && first !== 91) || this.embeddedDepth >= MAX_EMBEDDED_DEPTH) return value; // { [
    this.embeddedDepth++;
    try {
      return maskEmbeddedJson(value, this.embedded) ?? value;
    } finally {
      this.embeddedDepth--;
    }
  }

  /** `text` (its {@link textHints} are `hints`) with what the text detectors find masked; its emails, phone numbers and account numbers too when `pii`. */
  private freeText(text: string, hints: number, pii: boolean): string {
    if ((hints & HINT_DETECTORS) === 0) return text;
    let out = text;
    if ((hints & HINT_SECRET) !== 0) out = maskSecrets(out);
    if ((hints & (HINT_EQUALS | HINT_AT)) !== 0) out = this.urls.mask(out);
    if ((hints & (HINT_EQUALS | HINT_COLON)) !== 0) out = maskPairs(out, this.pairName, this.tokenizePairValue);
    if (pii && (hints & (HINT_AT | HINT_DIGITS)) !== 0) out = scanText(out, this.replaceFound, this.phones, out === text ? hints : undefined);
    if ((hints & HINT_PERCENT) !== 0) out = maskPercentEncoded(out, this.replaceFound, this.phones, this.pairName);
    return out;
  }

  /** A value under a sensitive key: its token (typed email, phone or generic), or its mask when it is a secret. */
  private sensitiveValue(value: string, sensitivity: Sensitivity): string {
    // quotes and surrounding white space are not part of the value: `"Layla"` is `Layla`
    const bare = stripQuotes(value);
    // a card number, a JWT or a key is masked, not tokenized (a secret has no correlation value)
    const hints = textHints(bare);
    const masked = (hints & HINT_SECRET) !== 0 ? maskSecrets(bare) : bare;
    if (masked !== bare && masked.indexOf(' ') === -1) return masked;
    // an email has an `@` in some spelling, which the hints see
    const type = (hints & HINT_AT) !== 0 && isWholeEmail(bare)
      ? 'email'
      : sensitivity === Sensitivity.Phone || (WHOLE_PHONE.test(bare) && !NOT_PHONE.test(bare))
        ? 'phone'
        : 'generic';
    return this.replace(type === 'email' ? decodedEmail(bare) : bare, type);
  }

  key(key: string, state: MaskState): string {
    // keys are data too: a key is masked as the same text would be as a value under a
    // neutral key (an email tokenized, a card, a token, a credential pair masked)
    if (state.skip || this.entry(key).clean) return key;
    return this.dirtyKey(key);
  }

  /** A key that is not clean, masked as {@link key} says. */
  private dirtyKey(key: string): string {
    const plain = this.plain;
    const masked = this.string(key, NEUTRAL_STATE);
    this.plain = plain;
    return masked;
  }

  fieldName(key: string, state: MaskState): string {
    const entry = this.entry(key);
    // a clean key's entry knows whether it is a safe field name (its prefix is made only then)
    if (state.skip || entry.clean) return entry.text !== undefined ? key : safeFieldName(key);
    return safeFieldName(this.dirtyKey(key));
  }

  /** `"key":` when the walk writes `key` as it is, `undefined` when the key is rewritten. */
  keyText(key: string, state: MaskState): string | undefined {
    const entry = this.entry(key);
    return state.skip || entry.clean ? entry.text : undefined;
  }

  /** `key` as {@link key} writes a dirty key, without tokenizing (no keyset is asked: a clean-check). */
  private maskedKeyText(key: string): string {
    const tokenizer = this.tokenizer;
    const redactions = this.redactions;
    const plain = this.plain;
    this.tokenizer = CLEAN_CHECK_TOKENIZER;
    try {
      return this.string(key, NEUTRAL_STATE);
    } finally {
      this.tokenizer = tokenizer;
      this.redactions = redactions;
      this.plain = plain;
    }
  }

  /** What the mask knows of `key` (see {@link KeyEntry}). */
  private entry(key: string): KeyEntry {
    const last = this.last;
    if (last !== undefined && last.key === key) return last;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const clean = key.length < MIN_SCANNED_KEY || isTokenText(key) || (textHints(key) & HINT_DETECTORS) === 0 || this.maskedKeyText(key) === key;
      entry = { key, cls: this.classifier.classify(key), clean, text: fieldNamePrefix(key) };
      // a name holding PII is neither kept nor remembered
      if (!clean) return entry;
      if (this.entries.size < MAX_KEY_ENTRIES) this.entries.set(key, entry);
    }
    this.last = entry;
    return entry;
  }

  /** A credential's value, masked as its kind says. */
  private secret(value: string, kind: CredentialKind): string {
    switch (kind) {
      case CredentialKind.Auth:
        return maskCredential(value);
      case CredentialKind.Cookie:
        return maskCookieHeader(value);
      case CredentialKind.SetCookie:
        return maskSetCookieHeader(value);
      default:
        this.plain = SECRET_REDACTED;
        return SECRET_REDACTED;
    }
  }

  number(value: number, state: MaskState): unknown {
    if (!state.skip && state.credential !== CredentialKind.None && !state.credentialExempt) return SECRET_REDACTED;
    // a card number logged as a number is masked like one in text (the line must not hold it)
    if (!state.skip && Number.isSafeInteger(value) && Math.abs(value) >= MIN_CARD_NUMBER) {
      const digits = String(Math.abs(value));
      const masked = maskSecrets(digits);
      if (masked !== digits) return value < 0 ? `-${masked}` : masked;
    }
    // a number under a PII key is PII like its text (`ssn: 123456789`, `zip: 12345`): tokenized
    // whatever its size, so the field always holds a string; under a role (`patients: 42`,
    // `reviewer: 1234`) it counts people or names one by id
    if (state.skip || state.exempt || state.sensitivity === Sensitivity.None || state.sensitivity === Sensitivity.Person) return value;
    const out = this.sensitiveValue(String(value), state.sensitivity);
    this.plain = out;
    return out;
  }

  /** A date written as its ISO text: under a PII key (`dob`, `birth_date`) tokenized, elsewhere kept. */
  dateText(text: string, state: MaskState): string {
    if (state.skip || state.exempt || (state.sensitivity === Sensitivity.None && state.credential === CredentialKind.None)) return text;
    return this.string(text, state);
  }

  replace(value: string, fieldType: string): string {
    const tokenizer = this.tokenizer;
    if (tokenizer === undefined) {
      this.redactions++;
      return PII_REDACTED;
    }
    try {
      return tokenizer.tokenize(value, fieldType);
    } catch {
      this.redactions++;
      this.stamp = undefined; // what this walk made is not remembered: the next line asks the keyset again
      return PII_REDACTED;
    }
  }

  readonly replaceFound = (value: string, found: FoundPii): string => this.replace(value, found === 'email' || found === 'phone' ? found : 'generic');
}
