/**
 * Unicode decimal digits (General_Category Nd: Arabic-Indic `٠١٢`, fullwidth `０１２`,
 * Devanagari, mathematical digits…) read as their values, so the detectors see `٢١٢٥٥٥٠١٩٩`
 * as the digits of `2125550199` while the span they mask is the original text.
 */

/**
 * Per BMP code unit: value + 1 of an Nd character (1–10), {@link LETTER_BIT} for letters and
 * marks (L, M); built on first use (~10 ms), so no detector allocates a string per character.
 */
let bmp: Uint8Array | undefined;
const LETTER_BIT = 0x80;
/** Values of supplementary-plane characters asked for so far (-1: not a digit). */
const astral = new Map<number, number>();
const ND = /\p{Nd}/u;

function buildBmp(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 48; c <= 57; c++) table[c] = c - 47;
  let all = '';
  for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCharCode(c);
  // every Nd block is a run of ten code points 0…9 (some runs are adjacent, hence the modulo)
  let runStart = -2;
  let prev = -2;
  for (const m of all.matchAll(/\p{Nd}/gu)) {
    const c = m[0].charCodeAt(0);
    if (c !== prev + 1) runStart = c;
    table[c] = ((c - runStart) % 10) + 1;
    prev = c;
  }
  for (let c = 65; c <= 122; c++) if (c <= 90 || c >= 97) table[c] = LETTER_BIT;
  for (const m of all.matchAll(/[\p{L}\p{M}]+/gu)) {
    for (let k = 0; k < m[0].length; k++) {
      const c = m[0].charCodeAt(k);
      if (c < 0xd800 || c > 0xdfff) table[c] |= LETTER_BIT;
    }
  }
  return table;
}

function astralValue(cp: number): number {
  let v = astral.get(cp);
  if (v === undefined) {
    if (!ND.test(String.fromCodePoint(cp))) v = -1;
    else {
      let zero = cp;
      while (zero > cp - 60 && ND.test(String.fromCodePoint(zero - 1))) zero--;
      v = (cp - zero) % 10;
    }
    if (astral.size < 4096) astral.set(cp, v);
  }
  return v;
}

/**
 * The decimal value (0–9) of the digit at `i` in `text`, or -1. A supplementary-plane digit
 * takes two code units: see {@link digitWidth}.
 */
export function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return c - 48;
  if (c < 0x660) return -1;
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) as number;
    return cp > 0xffff ? astralValue(cp) : -1;
  }
  return ((bmp ??= buildBmp())[c] & 0x7f) - 1;
}

const ASTRAL_LETTER = /[\p{L}\p{M}]/u;

/**
 * True when the character at `i` is a letter or mark of any script (a low surrogate is judged
 * with its high one). No allocation for BMP characters.
 */
export function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return ((bmp ??= buildBmp())[c] & LETTER_BIT) !== 0;
  const cp = text.codePointAt(c >= 0xdc00 && i > 0 ? i - 1 : i) as number;
  return cp > 0xffff && ASTRAL_LETTER.test(String.fromCodePoint(cp));
}

/** Code units taken by the character at `i` (2 for a surrogate pair). */
export function digitWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** True when the BMP code unit `c` is a non-ASCII decimal digit (for cheap pre-scans). */
export function isOtherDigitUnit(c: number): boolean {
  if (c < 0x660) return false;
  if (c >= 0xd800 && c <= 0xdbff) return true; // may be a supplementary digit: let the scanner look
  return ((bmp ??= buildBmp())[c] & 0x7f) !== 0;
}
