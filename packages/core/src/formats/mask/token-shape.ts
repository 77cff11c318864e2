/**
 * What a token or a ciphertext looks like, so the mask leaves one alone.
 *
 * - As the Python library reads it (the cross-language contract): `ptok:`/`penc:`, a version
 *   and token characters (`ptok:v1:existing`) — a PII value so written is not tokenized again.
 * - As this library writes it: `ptok:v1:` and the 43 base64url characters of an HMAC-SHA256,
 *   or `penc:v1:`, a key id and the base64url of a nonce, a ciphertext and a tag. Only this
 *   shape is kept under a credential key or after a credential name in text: a secret written
 *   behind the prefix (`ptok:v1:Hunter2`) is still a secret.
 */

/** A whole value the Python library leaves alone as a token. */
const TOKEN_TEXT = /^p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*$/;

/** A whole value that is a token or a ciphertext as this library writes them. */
const WRITTEN_TOKEN = /^(?:ptok:v\d+:[A-Za-z0-9_-]{43}|penc:v\d+:[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_-]{38,})$/;

/** Tokens in text, as the Python library reads them (global: reset `lastIndex` before use). */
export const TOKEN_IN_TEXT = /p(?:tok|enc):v\d+:[A-Za-z0-9_:-]*/g;

/** True when a PII value is already a token (see the module comment). */
export function isTokenText(value: string): boolean {
  return value.charCodeAt(0) === 112 && TOKEN_TEXT.test(value);
}

/** True when `value` is a token or a ciphertext as this library writes them. */
export function isWrittenToken(value: string): boolean {
  return value.charCodeAt(0) === 112 && WRITTEN_TOKEN.test(value);
}
