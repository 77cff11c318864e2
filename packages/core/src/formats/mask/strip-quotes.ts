/**
 * A value as it is tokenized: surrounding white space (Python's `str.strip()` set) and
 * matching surrounding quotes (`"…"`, `\"…\"`, `'…'`, `` `…` ``, `“…”`, `‘…’`, `«…»`, `„…“`) removed,
 * repeatedly, so `"\"Layla\""`, `' Layla '` and `Layla` get one token. Linear.
 */
import { PYTHON_WHITESPACE } from '../../pii/normalize';

const WHITESPACE = new Set<number>(PYTHON_WHITESPACE);

const PAIRS: ReadonlyMap<number, readonly number[]> = new Map([
  [0x22, [0x22]],
  [0x27, [0x27]],
  [0x60, [0x60]],
  [0x201c, [0x201d]],
  [0x2018, [0x2019]],
  [0xab, [0xbb]],
  [0x201e, [0x201c, 0x201d]],
]);

/** `value` without surrounding white space and matching quote pairs. */
export function stripQuotes(value: string): string {
  let start = 0;
  let end = value.length;
  for (;;) {
    while (start < end && WHITESPACE.has(value.charCodeAt(start))) start++;
    while (end > start && WHITESPACE.has(value.charCodeAt(end - 1))) end--;
    if (end - start < 2) break;
    // `\"…\"`: a value JSON-encoded twice
    if (end - start >= 4 && value.charCodeAt(start) === 92 && value.charCodeAt(end - 2) === 92 && value.charCodeAt(end - 1) === value.charCodeAt(start + 1) && PAIRS.has(value.charCodeAt(start + 1))) {
      start += 2;
      end -= 2;
      continue;
    }
    const close = PAIRS.get(value.charCodeAt(start));
    if (close === undefined || !close.includes(value.charCodeAt(end - 1))) break;
    start++;
    end--;
  }
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
