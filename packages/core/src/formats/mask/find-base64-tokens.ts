/**
 * Issued tokens whose bodies are base64, found by the fixed prefix they start with (one
 * forward pass each, no backtracking):
 *
 * - AWS STS session tokens (`AWS_SESSION_TOKEN`, `X-Amz-Security-Token`): standard base64,
 *   `/`, `+` and `=` included, starting with one of {@link SESSION_TOKEN_PREFIXES} and going
 *   on with at least {@link MIN_SESSION_BODY} base64 characters → `[REDACTED]`;
 * - Google OAuth refresh tokens: `1//` and at least {@link MIN_REFRESH_BODY} base64url
 *   characters, one of them a digit or a capital, not glued to a word or a path before it
 *   (`v1//path`, `http://a` are no tokens) → `[REDACTED]`.
 *
 * (Google access tokens, `ya29.…`, are vendor keys: see `find-secrets`.)
 */
import { REDACTED, type SecretRange } from './secret-range';

/**
 * The prefixes of AWS STS session tokens, newest first. Each is the base64 of fixed bytes a
 * token's serialized form starts with, so every token of its generation starts with it:
 * `IQoJb3JpZ2luX2Vj` is `!\n\torigin_ec` (tokens since 2019), `FwoGZXIvYXdz` is
 * `\x17\n\x06er/aws` (2017–2019), `AQoDYXdz` is `\x01\n\x03aws` (before 2017).
 */
export const SESSION_TOKEN_PREFIXES = ['IQoJb3JpZ2luX2Vj', 'FwoGZXIvYXdz', 'AQoDYXdz'] as const;
/** Fewest base64 characters after a session token's prefix (a real one has hundreds). */
const MIN_SESSION_BODY = 40;
/** Fewest base64url characters after a refresh token's `1//`. */
const MIN_REFRESH_BODY = 30;

/** A session token: a prefix not glued to base64 before it, then its base64 body and padding. */
const SESSION_TOKEN = new RegExp(`(?<![A-Za-z0-9+/])(?:${SESSION_TOKEN_PREFIXES.join('|')})[A-Za-z0-9+/]{${MIN_SESSION_BODY},}={0,2}`, 'g');
/** A refresh token: `1//` not glued to a word, a path or a version before it, then its body. */
const REFRESH_TOKEN = new RegExp(`(?<![A-Za-z0-9_./-])1//[A-Za-z0-9_-]{${MIN_REFRESH_BODY},}`, 'g');
const DIGIT_OR_CAPITAL = /[0-9A-Z]/;

/** Appends the AWS session tokens and Google refresh tokens in `text` to `out`. */
export function findBase64Tokens(text: string, out: SecretRange[]): void {
  if (text.indexOf('IQoJ') !== -1 || text.indexOf('YXdz') !== -1) {
    SESSION_TOKEN.lastIndex = 0;
    for (let m = SESSION_TOKEN.exec(text); m !== null; m = SESSION_TOKEN.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, replacement: REDACTED, kind: 'vendor' });
    }
  }
  if (text.indexOf('1//') !== -1) {
    REFRESH_TOKEN.lastIndex = 0;
    for (let m = REFRESH_TOKEN.exec(text); m !== null; m = REFRESH_TOKEN.exec(text)) {
      if (!DIGIT_OR_CAPITAL.test(m[0].slice(3))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, replacement: REDACTED, kind: 'vendor' });
    }
  }
}

/** True when the text at `i` (an `I`, `F` or `A`) starts an AWS session token's prefix (see `textHints`). */
export function mayStartSessionToken(text: string, i: number): boolean {
  switch (text.charCodeAt(i)) {
    case 73: return text.startsWith('QoJb3JpZ2luX2Vj', i + 1); // I
    case 70: return text.startsWith('woGZXIvYXdz', i + 1); // F
    case 65: return text.startsWith('QoDYXdz', i + 1); // A
    default: return false;
  }
}

/** True when the text at `i` (a `/`) ends a refresh token's `1//` (see `textHints`). */
export function mayEndRefreshPrefix(text: string, i: number): boolean {
  return i >= 2 && text.charCodeAt(i - 1) === 47 && text.charCodeAt(i - 2) === 49;
}
