/**
 * Credentials in clear: a value under a key that names a credential (the mask's own key
 * rules, `formats/mask/classify-key`: `password`, `clientSecret`, `X-Auth-Token`, …) that is
 * not masked. Masked means `[REDACTED]`, `[PII_REDACTED]`, a token or ciphertext
 * (`ptok:`/`penc:`), a credential or cookie masked with `****`, or empty; booleans and `null`
 * say nothing. JSON text in a string (the access log's `http.request.body.content`) is read as
 * JSON too. A finding names the path, never the value.
 */
import { PII_REDACTED, SECRET_REDACTED } from '../fields';
import { CredentialKind, KeyClassifier, type KeyRules } from '../formats/mask/classify-key';
import type { LineFinding } from './findings';

/** Longest JSON text parsed to look inside (a body is cut far below this by the access log). */
const MAX_EMBEDDED_JSON = 1 << 20;
const MASKED_TOKEN = /^p(?:tok|enc):v\d+:/;

/** True when a scalar under a credential key shows nothing of the secret. */
function isMasked(value: unknown): boolean {
  if (typeof value === 'boolean' || value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return text === '' || text === SECRET_REDACTED || text === PII_REDACTED || MASKED_TOKEN.test(text) || text.includes('****');
}

/** The object or array a string holds as JSON text, else `undefined`. */
function embeddedJson(text: string): unknown {
  const first = text.charCodeAt(0);
  if ((first !== 123 && first !== 91) || text.length > MAX_EMBEDDED_JSON) return undefined; // { [
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Finds credential-named keys holding values in clear (see the module comment). */
export class SecretKeyScanner {
  private readonly classifier: KeyClassifier;

  constructor(rules: KeyRules = {}) {
    this.classifier = new KeyClassifier(rules);
  }

  /** The `secret` findings of a parsed line: one per path. */
  scan(root: Readonly<Record<string, unknown>>): LineFinding[] {
    const out: LineFinding[] = [];
    const seen = new Set<string>();
    const known = new Map<string, boolean>();
    const isCredential = (key: string): boolean => {
      let answer = known.get(key);
      if (answer === undefined) {
        answer = this.classifier.classify(key).credential !== CredentialKind.None;
        if (known.size < 4096) known.set(key, answer);
      }
      return answer;
    };
    // iterative, so a hostile nesting depth cannot exhaust the stack
    const pending: { value: unknown; path: string; secret: boolean }[] = [{ value: root, path: '', secret: false }];
    while (pending.length > 0) {
      const { value, path, secret } = pending.pop() as { value: unknown; path: string; secret: boolean };
      if (typeof value === 'string') {
        const inner = embeddedJson(value);
        if (inner !== undefined) pending.push({ value: inner, path, secret });
        else if (secret && !isMasked(value) && !seen.has(path)) {
          seen.add(path);
          out.push({
            check: 'secret',
            severity: 'error',
            path,
            message: `${path} names a credential and holds a value in clear: it must be masked ([REDACTED]); is the mask in the chain?`,
          });
        }
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path, secret });
      } else if (value !== null && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          pending.push({ value: obj[key], path: path === '' ? key : `${path}.${key}`, secret: secret || isCredential(key) });
        }
      } else if (secret && !isMasked(value) && !seen.has(path)) {
        seen.add(path);
        out.push({ check: 'secret', severity: 'error', path, message: `${path} names a credential and holds a number in clear: it must be masked ([REDACTED])` });
      }
    }
    return out;
  }
}
