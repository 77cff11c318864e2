/** ASCII letter classes the detectors read text by (one place for the ranges). */

/** `A`–`Z`. */
export function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** `a`–`z`. */
export function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** An ASCII letter, either case. */
export function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}
