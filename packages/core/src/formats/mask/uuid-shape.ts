/**
 * A UUID (RFC 9562: hex groups of 8, 4, 4, 4 and 12 digits joined by hyphens) is an
 * identifier whatever its digits: about one random UUID in 300 starts with decimal digits
 * only (`30912484-2642-…`), which must not read as a phone number or a card.
 */

/** Lengths of a UUID's hex groups. */
const UUID_GROUPS = [8, 4, 4, 4, 12] as const;

function isHexUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Where the UUID shape starting at `i` ends, or -1 (bounded: reads at most 36 characters).
 * The caller checks that no word character follows it.
 */
export function uuidShapeEnd(text: string, i: number): number {
  let j = i;
  for (let g = 0; g < UUID_GROUPS.length; g++) {
    if (g > 0 && text.charCodeAt(j++) !== 45) return -1;
    for (let k = 0; k < UUID_GROUPS[g]; k++) if (!isHexUnit(text.charCodeAt(j++))) return -1;
  }
  return j;
}
