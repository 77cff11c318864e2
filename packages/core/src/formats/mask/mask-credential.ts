/**
 * Masks credentials (auth headers, API keys) and cookies. A credential keeps its scheme
 * (`Bearer`, `Basic`, ...) and, only when the secret has at least 16 characters, its first
 * and last four: a short secret shows nothing (`****`), so at most half of a 16-character
 * secret and a quarter of a 32-character one is ever visible.
 */

/** Secrets shorter than this are masked whole. */
const MIN_SECRET_FOR_HINT = 16;
const MASK = '****';
const SCHEME = /^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S[\s\S]*)$/;

/** `Bearer abcdefghijklmnop` → `Bearer abcd****mnop`; `short` → `****`. */
export function maskCredential(value: string): string {
  const m = SCHEME.exec(value);
  const scheme = m ? m[1] + ' ' : '';
  const secret = m ? m[2] : value;
  if (secret.length < MIN_SECRET_FOR_HINT) return scheme + MASK;
  return scheme + secret.slice(0, 4) + MASK + secret.slice(-4);
}

/** `a=1; b=2` → `a=****; b=****` (a `Cookie` header). */
export function maskCookieHeader(value: string): string {
  const parts = value.split(';');
  for (let i = 0; i < parts.length; i++) parts[i] = maskPair(parts[i]);
  return parts.join(';');
}

/** `sid=abc; Path=/; HttpOnly` → `sid=****; Path=/; HttpOnly` (a `Set-Cookie` header). */
export function maskSetCookieHeader(value: string): string {
  const semi = value.indexOf(';');
  return semi === -1 ? maskPair(value) : maskPair(value.slice(0, semi)) + value.slice(semi);
}

function maskPair(pair: string): string {
  const eq = pair.indexOf('=');
  if (eq === -1) return pair.trim() === '' ? pair : MASK;
  return pair.slice(0, eq + 1) + MASK;
}
