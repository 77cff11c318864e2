/**
 * Normalization of a value before it is tokenized, with Python's Unicode semantics so that a
 * Node and a Python service derive the same token from the same input.
 *
 * Never applied before encrypting: `protect()` encrypts the value as given.
 *
 * @see reference/vectors/README.md in the repository (the cross-language contract), "Normalization"
 */

/** Field type whose values are stripped and lowercased before tokenizing. */
export const FIELD_TYPE_EMAIL = 'email';
/** Field type whose values keep only decimal digits and `+` before tokenizing. */
export const FIELD_TYPE_PHONE = 'phone';
/** Field type used when none is given. */
export const FIELD_TYPE_GENERIC = 'generic';

/**
 * The characters Python's `str.strip()` removes (`str.isspace()`): Unicode White_Space plus
 * the information separators U+001C–U+001F. Unlike JavaScript's `trim()`, U+FEFF is NOT here
 * and U+001C–U+001F, U+0085 are.
 */
export const PYTHON_WHITESPACE: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

// Every Python whitespace character is in the BMP, so a code-unit lookup is exact.
const WHITESPACE = new Set<number>(PYTHON_WHITESPACE);

// Python's `\d` on str patterns and `str.isdecimal()` both mean General_Category=Nd.
const NOT_PHONE_CHARACTER = /[^\p{Nd}+]/gu;

/**
 * Python's `str.strip()` with no argument: removes leading and trailing {@link PYTHON_WHITESPACE}.
 * Linear time (no regular expression, so no backtracking on long whitespace runs).
 */
export function stripPython(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && WHITESPACE.has(value.charCodeAt(start))) start++;
  while (end > start && WHITESPACE.has(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Normalizes `value` for tokenizing, as the Python library does:
 *
 * - `email`: strip (Python whitespace), then full Unicode lowercase (`İ` → `i̇`, final sigma);
 * - `phone`: keep only Unicode decimal digits (any script, General_Category Nd) and `+`,
 *   wherever they appear;
 * - any other field type (including `Email`, `PHONE`: the lookup is case-sensitive): strip only.
 *
 * Lowercasing and the digit class use the Unicode data of the running Node; Python uses its own
 * `unicodedata` (3.11: Unicode 14.0). They agree on every character assigned up to Unicode 14.0.
 *
 * @example
 * normalizeForToken('  Jane@Example.COM ', 'email'); // 'jane@example.com'
 * normalizeForToken('+965 5555-1234', 'phone');      // '+96555551234'
 * @see reference/vectors/README.md in the repository (the cross-language contract), "Normalization"
 */
export function normalizeForToken(value: string, fieldType: string): string {
  if (fieldType === FIELD_TYPE_EMAIL) return stripPython(value).toLowerCase();
  if (fieldType === FIELD_TYPE_PHONE) return value.replace(NOT_PHONE_CHARACTER, '');
  return stripPython(value);
}
