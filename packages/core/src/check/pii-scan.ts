/**
 * PII in clear: every string of a line (values and keys, the message included) is scanned
 * with the mask's own detectors (`formats/mask/scan-text`: emails and phone numbers, tokens
 * `ptok:`/`penc:` skipped). Percent-encoded text (`a%40b.com` in a URL) is scanned decoded
 * too. A finding names the path and the kind of value, never the value.
 */
import { scanText } from '../formats/mask/scan-text';
import type { LineFinding } from './findings';

type Kind = 'email' | 'phone';

/** Calls `found` once per kind of PII in `text`. */
function kindsIn(text: string, found: (kind: Kind) => void): void {
  scanText(text, (value, kind) => {
    found(kind);
    return value;
  });
  if (text.indexOf('%') !== -1) {
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      decoded = undefined; // not percent-encoding after all
    }
    if (decoded !== undefined && decoded !== text) {
      scanText(decoded, (value, kind) => {
        found(kind);
        return value;
      });
    }
  }
}

const ARTICLE: Readonly<Record<Kind, string>> = { email: 'an email address', phone: 'a phone number' };

/** The `pii` findings of a parsed line: one per path and kind. */
export function scanLineForPii(root: Readonly<Record<string, unknown>>): LineFinding[] {
  const out: LineFinding[] = [];
  const seen = new Set<string>();
  const report = (path: string, kind: Kind, inKey: boolean): void => {
    const id = `${path}\u0000${kind}\u0000${inKey}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({
      check: 'pii',
      severity: 'error',
      path,
      message: inKey
        ? `a field name under ${path === '' ? 'the root' : path} holds ${ARTICLE[kind]} in clear: never use customer data as a key`
        : `${path === '' ? 'the line' : path} holds ${ARTICLE[kind]} in clear: it must be tokenized (ptok:v1:…) or redacted; is the mask in the chain?`,
    });
  };
  // iterative, so a hostile nesting depth cannot exhaust the stack
  const pending: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      kindsIn(value, (kind) => report(path, kind, false));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path });
    } else if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (const key of keys) kindsIn(key, (kind) => report(path, kind, true));
      for (let i = keys.length - 1; i >= 0; i--) pending.push({ value: obj[keys[i]], path: path === '' ? keys[i] : `${path}.${keys[i]}` });
    }
  }
  return out;
}
