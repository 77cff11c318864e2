/**
 * Secrets in clear, by their shape, wherever they sit in a line (values and keys, the message
 * included, percent-encoded text decoded): payment card numbers (13–19 digits passing Luhn),
 * JSON Web Tokens, PEM private keys, bearer tokens, vendor keys, password hashes and one-time links' secrets — the mask's own detectors
 * (`formats/mask/find-secrets`). Their masked forms (`************1111`, `[REDACTED]`) are
 * fine. A finding names the path and the kind of secret, never the value.
 */
import { findSecrets, type SecretRange } from '../formats/mask/find-secrets';
import type { LineFinding } from './findings';
import { visitLineStrings } from './line-strings';

type Kind = SecretRange['kind'];

const ARTICLE: Readonly<Record<Kind, string>> = {
  card: 'a payment card number',
  jwt: 'a JSON Web Token',
  pem: 'a private key block',
  bearer: 'a bearer token or Basic credentials',
  vendor: 'a vendor API key',
  hash: 'a password hash',
  option: 'a password on a client command line',
  link: "a one-time link's secret",
};

function decoded(text: string): string | undefined {
  if (text.indexOf('%') === -1) return undefined;
  try {
    const out = decodeURIComponent(text.replace(/\+/g, ' '));
    return out === text ? undefined : out;
  } catch {
    return undefined; // not percent-encoding after all
  }
}

/** Calls `found` once per secret in `text` (and in its percent-decoded form). */
function kindsIn(text: string, found: (kind: Kind) => void): void {
  for (const s of findSecrets(text)) found(s.kind);
  const plain = decoded(text);
  if (plain !== undefined) for (const s of findSecrets(plain)) found(s.kind);
}

/** The `secret-value` findings of a parsed line: one per path and kind. */
export function scanLineForSecrets(root: Readonly<Record<string, unknown>>): LineFinding[] {
  const out: LineFinding[] = [];
  const seen = new Set<string>();
  const report = (path: string, kind: Kind, inKey: boolean): void => {
    const id = `${path}\u0000${kind}\u0000${inKey}`;
    if (seen.has(id)) return;
    seen.add(id);
    const where = path === '' ? 'the line' : path;
    out.push({
      check: 'secret-value',
      severity: 'error',
      path,
      message: inKey
        ? `a field name under ${path === '' ? 'the root' : path} holds ${ARTICLE[kind]} in clear`
        : `${where} holds ${ARTICLE[kind]} in clear: it must be masked; is the mask in the chain?`,
    });
  };
  visitLineStrings(root, (text, path, inKey) => kindsIn(text, (kind) => report(path, kind, inKey)));
  return out;
}
