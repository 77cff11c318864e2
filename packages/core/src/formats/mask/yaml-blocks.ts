/**
 * YAML block scalars (YAML 1.2 §8.1): after a name's `:`, an indicator `|` or `>` (with its
 * optional chomping and indentation indicators) ends the line, and the value is the lines
 * below that are indented more than the line of the name (blank lines inside included).
 * `password: |` followed by `    s3cret` is a pair whose value is `s3cret`.
 */
import { MAX_NAME } from './pair-names';

/** Deepest indentation read before a name (a longer run of spaces is not YAML a person wrote). */
const MAX_INDENT = 64;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The indentation of the line holding the name whose separator is at `sep`: its leading
 * spaces, or -1 when the line starts further back than a name and its indentation could.
 */
function indentBefore(text: string, sep: number): number {
  const floor = Math.max(0, sep - MAX_INDENT - MAX_NAME - 8);
  let start = sep;
  while (start > floor && text.charCodeAt(start - 1) !== 10) start--;
  if (start > 0 && text.charCodeAt(start - 1) !== 10) return -1;
  let indent = 0;
  while (indent < MAX_INDENT && text.charCodeAt(start + indent) === 32) indent++;
  return indent;
}

/**
 * The span of the block scalar whose indicator is at `at` (after the `:` at `sep`), from the
 * first character of its first line to the end of its last non-blank line; `undefined` when
 * no block scalar starts there or it holds no line.
 */
export function blockScalarSpan(text: string, sep: number, at: number): { start: number; end: number } | undefined {
  const indicator = text.charCodeAt(at);
  if (indicator !== 124 && indicator !== 62) return undefined;
  const n = text.length;
  let i = at + 1;
  // chomping (`+`, `-`) and indentation (a digit) indicators, in either order
  for (let k = 0; k < 2 && i < n; k++) {
    const c = text.charCodeAt(i);
    if (c === 43 || c === 45 || (c >= 49 && c <= 57)) i++;
  }
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 13) i++;
  if (text.charCodeAt(i) !== 10) return undefined;
  const indent = indentBefore(text, sep);
  if (indent < 0) return undefined;
  let start = -1;
  let end = -1;
  let line = i + 1;
  while (line < n) {
    let j = line;
    while (j < n && text.charCodeAt(j) === 32) j++;
    const newline = text.indexOf('\n', j);
    let stop = newline === -1 ? n : newline;
    if (stop > j && text.charCodeAt(stop - 1) === 13) stop--;
    const blank = j >= stop;
    if (!blank && j - line <= indent) break;
    if (!blank) {
      if (start < 0) start = j;
      end = stop;
    }
    if (newline === -1) break;
    line = newline + 1;
  }
  return start < 0 ? undefined : { start, end };
}
