/**
 * Password hashes, masked wherever they appear: a stored hash lets anyone who reads it try
 * passwords offline, so it is a credential. A hash is recognised by its written form:
 *
 * - crypt(3)'s modular format: `$<scheme>$` then `$`-separated fields, the last at least
 *   {@link MIN_DIGEST} characters (`$2b$12$R9h/cIPz…` bcrypt, `$argon2id$v=19$m=65536,t=3,p=4$…$…`,
 *   `$6$rounds=5000$salt$…` SHA-crypt, `$y$j9T$…$…` yescrypt, `$apr1$…`, `$pbkdf2-sha256$…`);
 * - Django's format: `<algorithm>$` then fields the same way (`pbkdf2_sha256$600000$salt$…`).
 *
 * The scheme must be one a password-hashing library writes ({@link CRYPT_SCHEMES},
 * {@link DJANGO_ALGORITHMS}), so a price (`$20`) or a shell variable (`$HOME$PATH`) is kept.
 */
import { REDACTED, type SecretRange } from './secret-range';

/** Schemes of crypt(3)'s modular format (and passlib's additions), as written between the first two `$`. */
const CRYPT_SCHEMES: ReadonlySet<string> = new Set([
  '1', '2', '2a', '2b', '2x', '2y', '3', '5', '6', '7', 'y', 'gy', '7y', 'sha1', 'md5', 'apr1', 'argon2i', 'argon2d', 'argon2id', 'scrypt',
  'pbkdf2', 'pbkdf2-sha1', 'pbkdf2-sha256', 'pbkdf2-sha512', 'bcrypt-sha256', 'nt', 'sm3', 'sha256', 'sha512',
]);
/** Django's password hasher algorithms, as written before the first `$`. */
const DJANGO_ALGORITHMS: ReadonlySet<string> = new Set([
  'pbkdf2_sha256', 'pbkdf2_sha1', 'argon2', 'bcrypt_sha256', 'bcrypt', 'scrypt', 'sha1', 'md5', 'unsalted_md5', 'unsalted_sha1', 'crypt',
]);
/** Longest scheme or algorithm name read. */
const MAX_SCHEME = 16;
/** Fewest characters of a hash's last field (its digest: bcrypt's is 53, md5-crypt's 22). */
const MIN_DIGEST = 16;

/** A character of a hash's fields: the crypt alphabet (`./0-9A-Za-z`), base64 (`+ =`), and `,` `-` `_` of parameter lists. */
function isFieldChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 46 && c <= 57) || c === 43 || c === 61 || c === 44 || c === 45 || c === 95;
}

/** A character that glues a `$` to the word before it: letters, digits, `. / + _ -`. */
function isWordChar(c: number): boolean {
  return isFieldChar(c) && c !== 61 && c !== 44;
}

function isSchemeChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

/** What reading a hash found: its range (`start` -1 when there is none), and where reading stopped. */
interface HashRead {
  start: number;
  end: number;
  /** A `$` before this starts no other hash: it has the same last field. */
  scanned: number;
}

const NO_HASH = -1;

/**
 * The `$`-separated fields that follow the `$` at `dollar`: their end when there are at least
 * `minFields` of them and the last is a digest (else {@link NO_HASH}), and where reading stopped.
 */
function readFields(text: string, dollar: number, minFields: number): { end: number; scanned: number } {
  let j = dollar;
  let fields = 0;
  let lastStart = j;
  while (text.charCodeAt(j) === 36) {
    const start = j + 1;
    j = start;
    while (j < text.length && isFieldChar(text.charCodeAt(j))) j++;
    if (j === start) break;
    fields++;
    lastStart = start;
  }
  const scanned = j;
  // the digest has no `,` (only a parameter list does): a comma there ends the hash
  for (let k = lastStart; k < j; k++) {
    if (text.charCodeAt(k) === 44) j = k;
  }
  // a sentence's full stop after the hash is not part of it
  if (text.charCodeAt(j - 1) === 46 && j - lastStart > MIN_DIGEST) j--;
  return { end: fields >= minFields && j - lastStart >= MIN_DIGEST ? j : NO_HASH, scanned };
}

/** The scheme word that ends just before `end` (lowercase letters, digits, `-`, `_`), or `''`. */
function schemeBefore(text: string, end: number): string {
  let k = end;
  while (k > 0 && end - k < MAX_SCHEME && isSchemeChar(text.charCodeAt(k - 1))) k--;
  if (k > 0 && (isWordChar(text.charCodeAt(k - 1)) || text.charCodeAt(k - 1) === 36)) return '';
  return text.slice(k, end);
}

/**
 * The password hash whose first `$` is at `dollar` (see {@link HashRead}). Checks the two
 * forms: `$scheme$…` starting at `dollar`, and `algorithm$…` ending at it.
 */
function hashAt(text: string, dollar: number): HashRead {
  const before = dollar > 0 ? text.charCodeAt(dollar - 1) : 32;
  // (after `=`, `,` and `$` too: `hash=$2b$…`; Django's `bcrypt_sha256$$2b$12$…` wraps a bcrypt hash)
  if (!isWordChar(before)) {
    let j = dollar + 1;
    while (j < text.length && j - dollar <= MAX_SCHEME && isSchemeChar(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 36 || !CRYPT_SCHEMES.has(text.slice(dollar + 1, j))) return { start: NO_HASH, end: NO_HASH, scanned: dollar };
    const { end, scanned } = readFields(text, j, 2);
    return { start: end === NO_HASH ? NO_HASH : dollar, end, scanned };
  }
  const scheme = schemeBefore(text, dollar);
  if (scheme === '' || !DJANGO_ALGORITHMS.has(scheme)) return { start: NO_HASH, end: NO_HASH, scanned: dollar };
  const { end, scanned } = readFields(text, dollar, 2);
  return { start: end === NO_HASH ? NO_HASH : dollar - scheme.length, end, scanned };
}

/** True when the `$` at `i` may start or follow a password hash's scheme (see `textHints`): cheap, no allocation. */
export function mayBePasswordHash(text: string, i: number): boolean {
  return isSchemeChar(text.charCodeAt(i + 1)) || (i > 0 && isSchemeChar(text.charCodeAt(i - 1)));
}

/** Appends the password hashes in `text` to `out`. One forward pass: each `$` reads at most one scheme name back. */
export function findPasswordHashes(text: string, out: SecretRange[]): void {
  // a `$` inside a run of fields already read and refused starts no hash either (same last field)
  let skipTo = 0;
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i + 1)) {
    if (i < skipTo) continue;
    const hash = hashAt(text, i);
    if (hash.start === NO_HASH) {
      skipTo = hash.scanned;
      continue;
    }
    out.push({ start: hash.start, end: hash.end, replacement: REDACTED, kind: 'hash' });
    i = hash.end - 1;
  }
}
