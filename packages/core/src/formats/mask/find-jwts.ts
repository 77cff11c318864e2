/**
 * JWTs in text: a JWS (`eyJ…` header, payload and signature) and a JWE (five segments; with
 * direct encryption its key segment is empty: `eyJ…..iv.ciphertext.tag`) become `[REDACTED]`
 * whole. Linear: each `eyJ` is read once and the scan goes on after what it read.
 */
import { isB64Url, REDACTED, type SecretRange } from './secret-range';

/** Where `count` non-empty base64url segments, each after a `.`, end from `i` (-1 when they do not). */
function segmentsEnd(text: string, i: number, count: number): number {
  let j = i;
  for (let n = 0; n < count; n++) {
    if (text.charCodeAt(j) !== 46) return -1;
    const s = ++j;
    while (j < text.length && isB64Url(text.charCodeAt(j))) j++;
    if (j === s) return -1;
  }
  return j;
}

/** Appends the JWTs in `text` to `out`. */
export function findJwts(text: string, out: SecretRange[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at === -1) return;
    let j = at;
    while (j < text.length && isB64Url(text.charCodeAt(j))) j++;
    from = j + 1;
    if (at > 0 && isB64Url(text.charCodeAt(at - 1))) continue;
    // a JWE with direct encryption has an empty key segment: header..iv.ciphertext.tag
    const direct = text.charCodeAt(j) === 46 && text.charCodeAt(j + 1) === 46 ? segmentsEnd(text, j + 1, 3) : -1;
    if (direct !== -1) {
      out.push({ start: at, end: direct, replacement: REDACTED, kind: 'jwt' });
      from = direct;
      continue;
    }
    let segments = 1;
    while (segments < 3 && text.charCodeAt(j) === 46) {
      const s = j + 1;
      j = s;
      while (j < text.length && isB64Url(text.charCodeAt(j))) j++;
      if (j === s && segments === 1) break;
      segments++;
    }
    if (segments < 3 || j - at < 16) continue;
    // a JWE has five segments (header, key, iv, ciphertext, tag): all of it goes
    if (text.charCodeAt(j) === 46 && isB64Url(text.charCodeAt(j + 1))) {
      let k = j + 1;
      while (k < text.length && isB64Url(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 46) {
        let m = k + 1;
        while (m < text.length && isB64Url(text.charCodeAt(m))) m++;
        if (m > k + 1) j = m;
      }
    }
    out.push({ start: at, end: j, replacement: REDACTED, kind: 'jwt' });
    from = j;
  }
}
