/**
 * Private key files written into text, masked whole, in any letter case: a PEM or PGP armor
 * block (`-----BEGIN` with a label naming a `PRIVATE KEY`, to its `-----END …-----`) and a
 * PuTTY key file (`PuTTY-User-Key-File-`, to its `Private-MAC:` or `Private-Hash:` line). A
 * block cut before its end runs to the end of the text. One forward pass each.
 */
import { REDACTED, type SecretRange } from './secret-range';

const ARMOR_BEGIN = /-----begin /gi;
const ARMOR_END = /-----end /gi;
const ARMOR_DASHES = '-----';
/** Longest armor label read (`ENCRYPTED PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`). */
const MAX_ARMOR_LABEL = 48;
const PUTTY_BEGIN = /putty-user-key-file-/gi;
const PUTTY_END = /private-(?:mac|hash):[^\r\n]*/gi;

/** The index of the next match of `pattern` (global) from `from`, or -1. */
function nextMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  return m === null ? -1 : m.index;
}

/** Appends the PEM and PGP private key blocks in `text` to `out`. */
function findArmorKeys(text: string, out: SecretRange[]): void {
  let from = 0;
  for (;;) {
    const at = nextMatch(ARMOR_BEGIN, text, from);
    if (at === -1) return;
    from = at + 11;
    const labelEnd = text.indexOf(ARMOR_DASHES, from);
    if (labelEnd === -1) return;
    if (labelEnd - from > MAX_ARMOR_LABEL || text.slice(from, labelEnd).toUpperCase().indexOf('PRIVATE KEY') === -1) continue;
    const endMark = nextMatch(ARMOR_END, text, labelEnd + ARMOR_DASHES.length);
    if (endMark === -1) {
      out.push({ start: at, end: text.length, replacement: REDACTED, kind: 'pem' });
      return;
    }
    const close = text.indexOf(ARMOR_DASHES, endMark + 9);
    const end = close === -1 || close - endMark > MAX_ARMOR_LABEL + 9 ? text.length : close + ARMOR_DASHES.length;
    out.push({ start: at, end, replacement: REDACTED, kind: 'pem' });
    from = end;
  }
}

/** Appends the PuTTY private key files in `text` to `out`. */
function findPuttyKeys(text: string, out: SecretRange[]): void {
  let at = nextMatch(PUTTY_BEGIN, text, 0);
  while (at !== -1) {
    // the first end line after the header closes the file; a file cut before it runs to the end
    const end = nextMatch(PUTTY_END, text, at) === -1 ? text.length : PUTTY_END.lastIndex;
    out.push({ start: at, end, replacement: REDACTED, kind: 'pem' });
    at = end < text.length ? nextMatch(PUTTY_BEGIN, text, end) : -1;
  }
}

/** Appends the private key blocks in `text` to `out` (PEM or PGP armor, then PuTTY key files; the caller orders and merges). */
export function findKeyBlocks(text: string, out: SecretRange[]): void {
  if (text.indexOf(ARMOR_DASHES) !== -1) findArmorKeys(text, out);
  if (text.length >= 20) findPuttyKeys(text, out);
}
