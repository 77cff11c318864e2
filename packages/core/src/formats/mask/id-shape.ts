/**
 * Identifiers written as hex groups joined by hyphens are identifiers whatever their digits:
 * a UUID (RFC 9562: groups of 8, 4, 4, 4 and 12 hex digits) and a W3C `traceparent`
 * (version, trace-id, parent-id and flags: 2, 32, 16 and 2). Now and then a random group
 * holds decimal digits only (one UUID in ~300 starts so; one parent-id in ~14 000 is also
 * Luhn-valid), and must not read as a phone number or a card.
 */

/** The hex group lengths of each identifier shape. */
const ID_SHAPES: readonly (readonly number[])[] = [
  [8, 4, 4, 4, 12], // UUID
  [2, 32, 16, 2], // traceparent
];

function isHexUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Where `groups` joined by hyphens, starting at `i`, end, or -1. */
function shapeEnd(text: string, i: number, groups: readonly number[]): number {
  let j = i;
  for (let g = 0; g < groups.length; g++) {
    if (g > 0 && text.charCodeAt(j++) !== 45) return -1;
    for (let k = 0; k < groups[g]; k++) if (!isHexUnit(text.charCodeAt(j++))) return -1;
  }
  return j;
}

/**
 * Where the identifier shape (a UUID or a traceparent) starting at `i` ends, or -1. Bounded:
 * reads at most 55 characters (a traceparent). The caller checks that `i` starts a word
 * and that no word character follows the end.
 */
export function idShapeEnd(text: string, i: number): number {
  // the first group's length tells the shapes apart
  let first = 0;
  while (first <= 8 && isHexUnit(text.charCodeAt(i + first))) first++;
  if (text.charCodeAt(i + first) !== 45) return -1;
  for (const groups of ID_SHAPES) if (groups[0] === first) return shapeEnd(text, i, groups);
  return -1;
}
