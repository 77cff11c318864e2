/**
 * Finds email addresses in free text in linear time: every `@` is expanded left over
 * local-part characters and right over domain characters (both bounded), so a 100 KB
 * hostile string cannot make it backtrack.
 */

/** A match: `[start, end)` in the text. */
export interface TextRange {
  start: number;
  end: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  // A-Z a-z 0-9 . _ % + - '
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ||
    c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Appends the email addresses found in `text` to `out` (in order, not overlapping). */
export function findEmails(text: string, out: TextRange[]): void {
  let from = 0;
  for (;;) {
    // `@`, or `%40` as URLs percent-encode it
    const plain = text.indexOf('@', from);
    const encoded = text.indexOf('%40', from);
    const at = plain === -1 ? encoded : encoded === -1 ? plain : Math.min(plain, encoded);
    if (at === -1) return;
    const sep = at === encoded ? 3 : 1;
    from = at + sep;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    // a local part does not start with a dot
    while (start < at && text.charCodeAt(start) === 46) start++;
    if (start === at) continue;
    if (out.length > 0 && start < out[out.length - 1].end) continue;
    let end = at + sep;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    // trailing dots and hyphens end a sentence, not a domain
    while (end > at + sep && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const lastDot = text.lastIndexOf('.', end - 1);
    if (lastDot <= at + sep) continue;
    let tld = 0;
    for (let i = lastDot + 1; i < end; i++) {
      if (!isAlpha(text.charCodeAt(i))) {
        tld = 0;
        break;
      }
      tld++;
    }
    if (tld < 2) continue;
    out.push({ start, end });
    from = end;
  }
}
