/**
 * `mask`: no customer data reaches the line in clear. One walk over the whole line (it is
 * also the sanitizing walk, see `serialize/sanitize`):
 *
 * - credentials (`Authorization`, `Proxy-Authorization`, `Api-Key`, `X-Api-Key`, `api_key`,
 *   `apikey`, any case) are masked keeping the scheme; cookies keep only their names;
 * - every other value under a key that names a credential (`password`, `clientSecret`,
 *   `X-Auth-Token`, `cvv2`…, decided by word parts: `classify-key`) becomes `[REDACTED]`:
 *   strings, numbers and every leaf of an array or object under it; an exempt path leaves it
 *   readable only when the pattern names that key itself;
 * - a string under a sensitive key (`customer_name`, `email`, `billing`…, not a safe key such
 *   as `customer_id`, not an exempted path) is tokenized whole, and so are the strings of an
 *   array under such a key (an object under it is judged by its own keys); the token type is
 *   `email`/`phone` when the whole value is one, else `generic`;
 * - every other string, the message, `extra`, labels and context fields included, is scanned
 *   for email addresses and phone numbers, which are tokenized in place;
 * - secrets in URLs (secret-like query parameters, user-info) are masked, the rest of the URL stays;
 * - values that are already tokens are left alone.
 *
 * Tokens are `ptok:v1:…` when a token keyset is loaded; otherwise every such value becomes
 * `[PII_REDACTED]`: PII is never passed through.
 */
import { format, type Format } from 'logform';
import { carrySymbols, SANITIZED, type Info } from './info-symbols';
import { KeyClassifier, CredentialKind, Sensitivity, type KeyClass, type KeyRules } from './mask/classify-key';
import { compileExemptPath, PATTERN_ANCHOR_KEYS, stepAccepts, type PathStep } from './mask/exempt-paths';
import { maskCookieHeader, maskCredential, maskSetCookieHeader } from './mask/mask-credential';
import { HINT_AT, HINT_DETECTORS, HINT_DIGITS, HINT_EQUALS, HINT_ESCAPE, HINT_PERCENT, HINT_SECRET, decodedEmail, isWholeEmail, scanText, textHints } from './mask/scan-text';
import { phoneRules, type PhoneRules } from './mask/find-phones';
import { maskSecrets } from './mask/find-secrets';
import { maskPercentEncoded } from './mask/percent-decoded';
import { stripQuotes } from './mask/strip-quotes';
import { UrlSecretMasker } from './mask/mask-url-secrets';
import { MaskState, METADATA_STATE, NEUTRAL_STATE, SKIP_STATE, type Matcher } from './mask/mask-state';
import { maskEmbeddedJson, type EmbeddedRules } from './mask/mask-embedded-json';
import { maskingState } from './mask/mask-config';
import { MASK_SKIPPED_ROOT_KEYS, PII_REDACTED, SECRET_REDACTED } from '../fields';
import { parseCsv } from '../env-vars';
import { fieldNamePrefix } from '../serialize/field-names';
import { sanitizeRecord } from '../serialize/sanitize';
import type { SanitizeHooks } from '../serialize/sanitize-hooks';
import type { SanitizeLimits } from '../serialize/sanitize-limits';
import { newSanitizeReport } from '../serialize/sanitize-report';
import { resolveLimits } from './limits';
import { getPiiTokenizer, type PiiTokenizer } from '../pii/index';
import { reportDiagnostic } from '../diagnostics';
import { EcsctxOptionsError } from '../errors';
import { reportSanitizeCuts } from '../serialize/report-cuts';
import { FAILED_LINE, failedInfo } from './failed-line';

/** Options of {@link maskPii}. */
export interface MaskOptions extends KeyRules {
  /** More query parameter names whose values are masked in URLs (besides `SECRET_QUERY_PARAMS`). */
  secretQueryParams?: readonly string[];
  /** Paths not tokenized by key (added to `PII_MASK_EXEMPT_PATHS` and `configureMasking`). */
  exemptPaths?: readonly string[];
  /**
   * Regions (ISO 3166 alpha-2, e.g. `['US', 'GB']`) whose national phone numbers are found in
   * free text without a `+` (added to `PII_MASK_PHONE_REGIONS`; default `US`).
   */
  phoneRegions?: readonly string[];
  /** Caps applied by the walk. */
  limits?: Partial<SanitizeLimits>;
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
}

/** Root keys whose values are ECS metadata: scanned for emails/phones, but key names mean nothing there. */
const KEY_RULES_OFF_ROOT_KEYS = new Set(['url', 'user_agent', 'event', 'error', 'log', 'bullmq', 'client', 'server', 'source', 'destination', 'host']);
const SKIPPED_ROOT_KEYS = new Set<string>(MASK_SKIPPED_ROOT_KEYS);
/**
 * A whole value that is already a token or a ciphertext (`ptok:v1:…`, `penc:v1:kid:…`): left
 * as it is. Only token characters may follow the prefix, so a prefix in front of free text
 * (`ptok:v1 mail jane@example.com`) does not switch the scan off.
 */
const WHOLE_TOKEN = /^p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*$/;
/** Longest string remembered as {@link MaskHooks.plain} (a longer one is quoted the usual way). */
const MAX_PLAIN_LENGTH = 4096;
const WHOLE_PHONE = /^\+?[\p{Nd}\s().-]{7,32}$/u;
/** Dotted quads (IPv4 addresses, versions) and ISO dates: never phone numbers, whatever their digits. */
const NOT_PHONE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d{2}-\d{2})$/;
const MIN_PHONE_NUMBER = 1_000_000;
/** Smallest integer with 13 digits, the shortest card number. */
const MIN_CARD_NUMBER = 1e12;
/** Key names whose {@link KeyEntry} is kept (keys can be attacker-controlled). */
const MAX_KEY_ENTRIES = 4096;
/** Shortest key name scanned for emails and phone numbers. */
const MIN_SCANNED_KEY = 6;


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

/** Passed to `scanText` to ask whether a key name holds PII, without tokenizing it. */
const FOUND = (): string => '';

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
  patterns: readonly (readonly PathStep[])[] = [];
  rootState: MaskState = new MaskState(true, false, true, Sensitivity.None, CredentialKind.None, false, []);

  constructor(
    private classifier: KeyClassifier,
    private readonly urls: UrlSecretMasker,
    /** How phone numbers are found in free text. */
    readonly phones: PhoneRules = phoneRules(undefined),
  ) {}

  /** Credentials in JSON text (see `mask-embedded-json`), by the same key rules. */
  private readonly embedded: EmbeddedRules<CredentialKind> = {
    credentialOf: (key) => {
      const kind = this.credentialOf(key);
      return kind === CredentialKind.None ? undefined : kind;
    },
    maskString: (value, kind) => this.secret(value, kind),
    redacted: SECRET_REDACTED,
    inherited: CredentialKind.Secret,
  };

  /** True when the key rules call `key` a credential. */
  isCredentialKey(key: string): boolean {
    return this.credentialOf(key) !== CredentialKind.None;
  }

  /** The credential kind of a key found in text (a known key's entry, else the key rules alone). */
  private credentialOf(key: string): CredentialKind {
    const known = this.entries.get(key);
    return known !== undefined ? known.cls.credential : this.classifier.credentialOfKey(key);
  }

  /** Changes the key rules (`configureMasking`): what is known of each key is worked out again. */
  setClassifier(classifier: KeyClassifier): void {
    this.classifier = classifier;
    this.entries.clear();
    this.last = undefined;
  }

  setPatterns(patterns: readonly (readonly PathStep[])[]): void {
    this.patterns = patterns;
    this.rootState = new MaskState(true, false, true, Sensitivity.None, CredentialKind.None, false, patterns.map((steps) => ({ steps, pos: 0 })));
  }

  child(state: MaskState, key: string | undefined): MaskState {
    if (state.skip) return state;
    let keyRules = state.keyRules;
    if (state.root && key !== undefined) {
      if (SKIPPED_ROOT_KEYS.has(key)) return SKIP_STATE;
      if (KEY_RULES_OFF_ROOT_KEYS.has(key)) keyRules = false;
    }
    let sensitivity = state.sensitivity;
    let credential = state.credential;
    let exempt = state.exempt;
    let subtree = state.subtree;
    let pairHead = key === undefined ? state.pairHead : undefined;
    if (key !== undefined) {
      // an object's own keys decide (inside an address, everything is sensitive);
      // array items inherit the key that holds the array
      const cls = this.entry(key).cls;
      pairHead = cls.pairHead;
      // a credential's whole value is secret: the keys of an object under it name its parts
      if (cls.credential !== CredentialKind.None) credential = cls.credential;
      else if (credential === CredentialKind.PathSecret) credential = this.classifier.onlyQualifiers(cls) ? credential : CredentialKind.None;
      else if (credential !== CredentialKind.None) credential = CredentialKind.Secret;
      else if (state.pairHead !== undefined && this.classifier.completesPair(state.pairHead, cls)) credential = CredentialKind.PathSecret;
      else credential = CredentialKind.None;
      if (!keyRules) sensitivity = Sensitivity.None;
      else if (subtree) sensitivity = cls.sensitivity === Sensitivity.Phone ? Sensitivity.Phone : Sensitivity.Generic;
      else {
        sensitivity = cls.sensitivity;
        if (cls.subtree) {
          subtree = true;
          if (sensitivity === Sensitivity.None) sensitivity = Sensitivity.Generic;
        }
      }
    }
    let credentialExempt = state.credentialExempt;
    let matchers = state.matchers;
    if (!exempt && (matchers.length > 0 || (key !== undefined && this.patterns.length > 0 && PATTERN_ANCHOR_KEYS.has(key)))) {
      const next: Matcher[] = [];
      for (let i = 0; i < matchers.length; i++) {
        const m = matchers[i];
        const step = m.steps[m.pos];
        if (stepAccepts(step, key)) {
          if (m.pos + 1 === m.steps.length) {
            exempt = true;
            // a credential stays masked unless the pattern names it itself (not `*` or a parent)
            if (step.kind === 'key' && credential !== CredentialKind.None) credentialExempt = true;
          }
          else next.push({ steps: m.steps, pos: m.pos + 1 });
        }
      }
      if (key !== undefined && PATTERN_ANCHOR_KEYS.has(key)) for (const steps of this.patterns) next.push({ steps, pos: 0 });
      matchers = exempt ? [] : next;
    }
    if (
      !state.root && keyRules === state.keyRules && sensitivity === state.sensitivity && credential === state.credential &&
      exempt === state.exempt && matchers === state.matchers && subtree === state.subtree && credentialExempt === state.credentialExempt &&
      pairHead === state.pairHead
    ) {
      return state;
    }
    // the common states are shared: most keys change nothing the mask cares about
    if (sensitivity === Sensitivity.None && credential === CredentialKind.None && !exempt && matchers.length === 0 && !subtree && pairHead === undefined) {
      return keyRules ? NEUTRAL_STATE : METADATA_STATE;
    }
    return new MaskState(false, false, keyRules, sensitivity, credential, exempt, matchers, subtree, credentialExempt, pairHead);
  }

  string(value: string, state: MaskState): string {
    if (state.skip) return value;
    if (value.charCodeAt(0) === 112 && WHOLE_TOKEN.test(value)) return value; // p…
    if (state.credential !== CredentialKind.None && !state.credentialExempt) return this.secret(value, state.credential);
    if (state.sensitivity !== Sensitivity.None && !state.exempt) {
      if (value.trim() === '') return value;
      // quotes and surrounding white space are not part of the value: `"Layla"` is `Layla`
      const bare = stripQuotes(value);
      // a card number, a JWT or a key is masked, not tokenized (a secret has no correlation value)
      const masked = maskSecrets(bare);
      if (masked !== bare && masked.indexOf(' ') === -1) {
        this.plain = masked;
        return masked;
      }
      const type = isWholeEmail(bare)
        ? 'email'
        : state.sensitivity === Sensitivity.Phone || (WHOLE_PHONE.test(bare) && !NOT_PHONE.test(bare))
          ? 'phone'
          : 'generic';
      const token = this.replace(type === 'email' && bare.indexOf('%') !== -1 ? decodedEmail(bare) : bare, type);
      this.plain = token; // a token, or the redaction marker: nothing to escape
      return token;
    }
    // one pass says which detectors can find anything (most strings need none of them) and
    // whether the JSON text needs escapes; masking adds none
    let text = value;
    const first = value.charCodeAt(0);
    if (first === 123 || first === 91) text = maskEmbeddedJson(value, this.embedded) ?? value; // { [
    const hints = textHints(text);
    let out = text;
    if ((hints & HINT_DETECTORS) !== 0) {
      if ((hints & HINT_SECRET) !== 0) out = maskSecrets(out);
      if ((hints & (HINT_EQUALS | HINT_AT)) !== 0) out = this.urls.mask(out);
      if ((hints & (HINT_AT | HINT_DIGITS)) !== 0) out = scanText(out, this.replaceFound, this.phones);
      if ((hints & HINT_PERCENT) !== 0) out = maskPercentEncoded(out, this.replaceFound, this.phones);
    }
    // (a long one is not kept: it would stay alive until the next string)
    if ((hints & HINT_ESCAPE) === 0 && out.length <= MAX_PLAIN_LENGTH) this.plain = out;
    return out;
  }

  key(key: string, state: MaskState): string {
    // keys are data too: an email or phone number used as a key is tokenized like a value
    if (state.skip || this.entry(key).clean) return key;
    return scanText(key, this.replaceFound, this.phones);
  }

  /** `"key":` when the walk writes `key` as it is, `undefined` when the key is rewritten. */
  keyText(key: string, state: MaskState): string | undefined {
    const entry = this.entry(key);
    return state.skip || entry.clean ? entry.text : undefined;
  }

  /** What the mask knows of `key` (see {@link KeyEntry}). */
  private entry(key: string): KeyEntry {
    const last = this.last;
    if (last !== undefined && last.key === key) return last;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const clean = key.length < MIN_SCANNED_KEY || WHOLE_TOKEN.test(key) || scanText(key, FOUND, this.phones) === key;
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
    if (state.skip || state.exempt || state.sensitivity !== Sensitivity.Phone) return value;
    if (!Number.isInteger(value) || Math.abs(value) < MIN_PHONE_NUMBER) return value;
    return this.replace(String(value), 'phone');
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
      return PII_REDACTED;
    }
  }

  readonly replaceFound = (value: string, fieldType: 'email' | 'phone'): string => this.replace(value, fieldType);
}

/**
 * One mask's compiled options and per-line set-up, shared by the `mask` format and the
 * preset's line writer: `begin()` before a line, `end()` after it.
 */
export class MaskRun {
  /** The hooks the sanitizing walk calls. */
  readonly hooks: MaskHooks;
  /** Caps of the walk. */
  readonly limits: SanitizeLimits;
  private readonly ownPatterns: readonly (readonly PathStep[])[];
  private readonly ownRules: Required<KeyRules>;
  private seenVersion = -1;

  constructor(options: MaskOptions = {}) {
    const env = options.env ?? process.env;
    this.limits = resolveLimits(options.limits);
    const ownPaths = [...(options.exemptPaths ?? []), ...parseCsv(env.PII_MASK_EXEMPT_PATHS)];
    this.ownPatterns = ownPaths.map(compileExemptPath);
    const ownRules = {
      secretKeys: [...listOption('secretKeys', options.secretKeys), ...parseCsv(env.PII_MASK_SECRET_KEYS)],
      safeKeys: [...listOption('safeKeys', options.safeKeys), ...parseCsv(env.PII_MASK_SAFE_KEYS)],
      sensitiveKeyParts: [...listOption('sensitiveKeyParts', options.sensitiveKeyParts), ...parseCsv(env.PII_MASK_SENSITIVE_KEYS)],
    };
    this.ownRules = ownRules;
    const regions = [...(options.phoneRegions ?? []), ...parseCsv(env.PII_MASK_PHONE_REGIONS)];
    // validates the lists now (start-up), not on the first line
    const hooks: MaskHooks = new MaskHooks(
      new KeyClassifier(ownRules),
      new UrlSecretMasker(options.secretQueryParams, (name) => hooks.isCredentialKey(name)),
      phoneRules(regions),
    );
    this.hooks = hooks;
  }

  /** The version of the process-wide masking settings the hooks follow (see `configureMasking`). */
  get maskingVersion(): number {
    return this.seenVersion;
  }

  /** Picks up process-wide changes (exempt paths, the token keyset) for the next line. */
  begin(): void {
    const shared = maskingState();
    if (shared.version !== this.seenVersion) {
      this.seenVersion = shared.version;
      this.hooks.setPatterns([...this.ownPatterns, ...shared.exemptPaths.map(compileExemptPath)]);
      const own = this.ownRules;
      const more = shared.keyRules;
      this.hooks.setClassifier(
        new KeyClassifier({
          secretKeys: [...own.secretKeys, ...(more.secretKeys ?? [])],
          safeKeys: [...own.safeKeys, ...(more.safeKeys ?? [])],
          sensitiveKeyParts: [...own.sensitiveKeyParts, ...(more.sensitiveKeyParts ?? [])],
        }),
      );
    }
    this.hooks.tokenizer = getPiiTokenizer();
    this.hooks.redactions = 0;
  }

  /** Reports what the line needed (redactions for want of a keyset). */
  end(): void {
    if (this.hooks.redactions > 0) {
      reportDiagnostic('ECSCTX_PII_REDACTED', 'PII was redacted as [PII_REDACTED]: no token keyset is loaded (configure PII_PROVIDER or call configurePii())');
    }
  }
}

/** A list option as given (`undefined`: empty); anything but an array of strings throws `EcsctxOptionsError`. */
function listOption(name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new EcsctxOptionsError(`mask: ${name} must be an array of key names`);
  return value as string[];
}

/** Where the walk is (see `mask/mask-state`). */
export { MaskState } from './mask/mask-state';

/** Creates the `mask` format. */
export function maskPii(options: MaskOptions = {}): Format {
  const run = new MaskRun(options);
  const transform = (info: Info): Info => {
    if (info[FAILED_LINE] === true) return info;
    try {
      return maskLine(info);
    } catch (error) {
      return failedInfo(info, error);
    }
  };
  const maskLine = (info: Info): Info => {
    run.begin();
    const report = newSanitizeReport();
    const fields = sanitizeRecord(info, run.limits, report, run.hooks, run.hooks.rootState) as Info;
    carrySymbols(info, fields);
    fields[SANITIZED] = true;
    reportSanitizeCuts(report);
    run.end();
    return fields;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
