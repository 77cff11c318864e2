/**
 * Masks credentials (auth headers, API keys) and cookies. A credential keeps its scheme
 * (`Bearer`, `Basic`, ...). An opaque token (one run of token characters) of at least 16
 * characters also keeps its first and last four, so at most half of a 16-character token and
 * a quarter of a 32-character one is ever visible. Nothing else keeps a hint: a short secret,
 * `Basic` credentials (the base64 of `user:password`, whose ends decode to the user's name and
 * the password's last characters) and structured values (`Digest` auth-params) show `****`.
 */

/** Secrets shorter than this are masked whole. */
const MIN_SECRET_FOR_HINT = 16;
const MASK = '****';
const SCHEME = /^([A-Za-z][A-Za-z0-9_-]{0,19})[ \t]+(\S[\s\S]*)$/;
/** An opaque token (RFC 9110's token68): token characters, then `=` padding. */
const OPAQUE_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** `Bearer abcdefghijklmnop` → `Bearer abcd****mnop`; `Basic dXNlcjpwYXNzd29yZA==` → `Basic ****`; `short` → `****`. */
export function maskCredential(value: string): string {
  const m = SCHEME.exec(value);
  const scheme = m ? m[1] + ' ' : '';
  const secret = m ? m[2] : value;
  const reversible = m !== null && m[1].toLowerCase() === 'basic';
  if (secret.length < MIN_SECRET_FOR_HINT || reversible || !OPAQUE_TOKEN.test(secret)) return scheme + MASK;
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
