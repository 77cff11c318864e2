/**
 * Credentials in clear: a value under a key that names a credential (the mask's own key
 * rules, `formats/mask/classify-key`: `password`, `clientSecret`, `X-Auth-Token`, …) that is
 * not masked. Masked means `[REDACTED]`, `[PII_REDACTED]`, a token or ciphertext
 * (`ptok:`/`penc:`), a credential or cookie masked with `****`, or empty; booleans and `null`
 * say nothing. JSON text in a string (the access log's `http.request.body.content`) is read as
 * JSON too. A finding names the path, never the value.
 */
import { PII_REDACTED, SECRET_REDACTED } from '../fields';
import { CredentialKind, KeyClassifier, type KeyClass, type KeyRules } from '../formats/mask/classify-key';
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

interface Pending {
  readonly value: unknown;
  readonly path: string;
  /** Under a credential: every value below is secret. */
  readonly secret: boolean;
  /** This value itself, when a scalar, is secret (a credential, or a pair named across the path). */
  readonly leaf: boolean;
  /** The parent key's last word when it begins a credential pair. */
  readonly head: string | undefined;
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
    const known = new Map<string, KeyClass>();
    const classOf = (key: string): KeyClass => {
      let cls = known.get(key);
      if (cls === undefined) {
        cls = this.classifier.classify(key);
        if (known.size < 4096) known.set(key, cls);
      }
      return cls;
    };
    // iterative, so a hostile nesting depth cannot exhaust the stack
    const pending: Pending[] = [{ value: root, path: '', secret: false, leaf: false, head: undefined }];
    while (pending.length > 0) {
      const { value, path, secret, leaf, head } = pending.pop() as Pending;
      if (typeof value === 'string') {
        const inner = embeddedJson(value);
        if (inner !== undefined) pending.push({ value: inner, path, secret, leaf: secret, head: undefined });
        else if (leaf && !isMasked(value) && !seen.has(path)) {
          seen.add(path);
          out.push({
            check: 'secret',
            severity: 'error',
            path,
            message: `${path} names a credential and holds a value in clear: it must be masked ([REDACTED]); is the mask in the chain?`,
          });
        }
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path, secret, leaf, head });
      } else if (value !== null && typeof value === 'object') {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i];
          const cls = classOf(key);
          // `{ "signing": { "key": … } }` is the field `signing.key`: a pair across the path
          // `{ "signing": { "key": … } }` is the field `signing.key`: its own value is the
          // credential, an object under it is judged by its own keys (qualifiers still name it)
          const pair = head !== undefined && this.classifier.completesPair(head, cls);
          const inherited = secret || cls.credential !== CredentialKind.None;
          pending.push({ value: obj[key], path: path === '' ? key : `${path}.${key}`, secret: inherited, leaf: inherited || pair, head: pair ? 'secret' : cls.pairHead });
        }
      } else if (leaf && !isMasked(value) && !seen.has(path)) {
        seen.add(path);
        out.push({ check: 'secret', severity: 'error', path, message: `${path} names a credential and holds a number in clear: it must be masked ([REDACTED])` });
      }
    }
    return out;
  }
}
