/**
 * PII in clear: every string of a line (values and keys, the message included) is scanned
 * with the mask's own detectors (`formats/mask/scan-text`: emails and phone numbers, tokens
 * `ptok:`/`penc:` skipped). Percent-encoded text (`a%40b.com` in a URL) is scanned decoded
 * too. A finding names the path and the kind of value, never the value.
 */
import { scanText, type FoundPii } from '../formats/mask/scan-text';
import type { LineFinding } from './findings';
import { visitLineStrings } from './line-strings';

type Kind = FoundPii;

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

const ARTICLE: Readonly<Record<Kind, string>> = { email: 'an email address', phone: 'a phone number', iban: 'an IBAN', ssn: 'a US Social Security number' };

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
  visitLineStrings(root, (text, path, inKey) => kindsIn(text, (kind) => report(path, kind, inKey)));
  return out;
}
