/** What the secret detectors report, and the characters of the tokens they read. */

/** A secret found: `[start, end)` and what replaces it. */
export interface SecretRange {
  start: number;
  end: number;
  replacement: string;
  kind: 'card' | 'jwt' | 'pem' | 'bearer' | 'vendor' | 'hash' | 'option' | 'link';
}

/** What replaces a JWT, a private key block, a bearer token, Basic credentials, a vendor API key or a password hash. */
export const REDACTED = '[REDACTED]';

/** A base64url character (`A–Z a–z 0–9 - _`). */
export function isB64Url(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}
