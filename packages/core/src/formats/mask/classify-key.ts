/**
 * What a key means to the mask. The mask computes it once per distinct key name and keeps
 * it with the rest of what it knows of that name (see `MaskHooks`).
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

/** Keys whose objects are PII as a whole (`line1`, `city`, `postal_code` name nothing sensitive on their own). */
const SUBTREE_KEY_PARTS = ['address'];

/** Classifies keys (no cache: the caller keeps the results). */
export class KeyClassifier {
  private readonly parts: readonly string[];
  private readonly phoneParts: readonly string[] = PHONE_KEY_PARTS;
  private readonly safe: ReadonlySet<string>;
  private readonly auth: ReadonlySet<string> = new Set(AUTH_KEYS);

  constructor(rules: KeyRules = {}) {
    this.parts = [...SENSITIVE_KEY_PARTS, ...(rules.sensitiveKeyParts ?? []).map((s) => s.toLowerCase())];
    this.safe = new Set([...SAFE_KEYS, ...(rules.safeKeys ?? []).map((s) => s.toLowerCase())]);
  }

  /** How the mask treats `key`. */
  classify(key: string): KeyClass {
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
