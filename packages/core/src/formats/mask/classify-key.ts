/**
 * What a key means to the mask, computed once per distinct key and cached (bounded, since
 * keys can be attacker-controlled).
 */
import { AUTH_KEYS, COOKIE_KEYS, PHONE_KEY_PARTS, SAFE_KEYS, SENSITIVE_KEY_PARTS } from '../../fields';

/** The credential kind of a key. */
export const enum CredentialKind {
  None = 0,
  Auth = 1,
  Cookie = 2,
  SetCookie = 3,
}

/** The sensitivity of a key. */
export const enum Sensitivity {
  None = 0,
  Generic = 1,
  Phone = 2,
}

/** How the mask treats one key. */
export interface KeyClass {
  readonly sensitivity: Sensitivity;
  readonly safe: boolean;
  readonly credential: CredentialKind;
  /** An address-like key: everything below it is sensitive, whatever the inner keys are called. */
  readonly subtree: boolean;
}

/** Extra keywords and safe keys on top of the built-in lists. */
export interface KeyRules {
  sensitiveKeyParts?: readonly string[];
  safeKeys?: readonly string[];
}

const MAX_CACHED_KEYS = 4096;
/** Keys whose objects are PII as a whole (`line1`, `city`, `postal_code` name nothing sensitive on their own). */
const SUBTREE_KEY_PARTS = ['address'];

/** Classifies keys with a bounded cache. */
export class KeyClassifier {
  private readonly cache = new Map<string, KeyClass>();
  private readonly parts: readonly string[];
  private readonly phoneParts: readonly string[] = PHONE_KEY_PARTS;
  private readonly safe: ReadonlySet<string>;
  private readonly auth: ReadonlySet<string> = new Set(AUTH_KEYS);

  constructor(rules: KeyRules = {}) {
    this.parts = [...SENSITIVE_KEY_PARTS, ...(rules.sensitiveKeyParts ?? []).map((s) => s.toLowerCase())];
    this.safe = new Set([...SAFE_KEYS, ...(rules.safeKeys ?? []).map((s) => s.toLowerCase())]);
  }

  classify(key: string): KeyClass {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const computed = this.compute(key);
    if (this.cache.size < MAX_CACHED_KEYS) this.cache.set(key, computed);
    return computed;
  }

  private compute(key: string): KeyClass {
    const lower = key.toLowerCase();
    let credential = CredentialKind.None;
    if (this.auth.has(lower)) credential = CredentialKind.Auth;
    else if (lower === COOKIE_KEYS[0]) credential = CredentialKind.Cookie;
    else if (lower === COOKIE_KEYS[1]) credential = CredentialKind.SetCookie;
    const safe = this.safe.has(lower);
    let sensitivity = Sensitivity.None;
    if (!safe) {
      for (const part of this.phoneParts) if (lower.includes(part)) sensitivity = Sensitivity.Phone;
      if (sensitivity === Sensitivity.None) {
        for (const part of this.parts) {
          if (lower.includes(part)) {
            sensitivity = Sensitivity.Generic;
            break;
          }
        }
      }
    }
    const subtree = !safe && SUBTREE_KEY_PARTS.some((part) => lower.includes(part));
    return { sensitivity, safe, credential, subtree };
  }
}
