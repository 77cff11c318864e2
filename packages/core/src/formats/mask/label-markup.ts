/**
 * Labels written with markup around them in notification bodies and reports: the markup that
 * closes a label stands between its `:` and its value (`**Password:** x`, `__Token:__ x`,
 * `<b>Password:</b> x`), and the value is the word after it, not the markup; or between the
 * label and its `:` (`**Password**: x`, `<strong>Password</strong>: x`), and the name is the
 * word before it.
 */
import { isBlank, MAX_BLANKS } from './pair-names';
import { isLetter } from './ascii-letters';

/** Longest tag name of the markup read around a label (`strong`, `code`, `span`). */
const MAX_TAG_NAME = 10;

/**
 * Where the value starts when markup that closes the label stands before it, then a blank
 * (`**Password:** x`, `__Token:__ x`, `<b>Password:</b> x`, as notification bodies write
 * labels); `v` otherwise.
 */
export function afterLabelMarkup(text: string, v: number): number {
  const c = text.charCodeAt(v);
  let k = v;
  if (c === 42 || c === 95) {
    while (k - v < 3 && text.charCodeAt(k) === c) k++;
  } else if (c === 60 && text.charCodeAt(v + 1) === 47) {
    let j = v + 2;
    while (j - v < MAX_TAG_NAME + 2 && isLetter(text.charCodeAt(j))) j++;
    if (j > v + 2 && text.charCodeAt(j) === 62) k = j + 1;
  }
  if (k === v || !isBlank(text.charCodeAt(k))) return v;
  for (let blanks = 0; blanks < MAX_BLANKS && isBlank(text.charCodeAt(k)); blanks++) k++;
  return k;
}

/**
 * Where a label ends when markup that closes it stands between it and its `:` (`**Password**: x`,
 * `<strong>Password</strong>: x`): the index of the markup's first character, which follows
 * the label's last; `end` (the index after the markup) when none closes there. Reads no
 * further back than `floor`.
 */
export function beforeLabelMarkup(text: string, end: number, floor: number): number {
  const last = end - 1;
  if (last < floor) return end;
  const c = text.charCodeAt(last);
  if (c === 42) {
    let k = last;
    while (last - k < 3 && k >= floor && text.charCodeAt(k) === 42) k--;
    return k + 1;
  }
  if (c !== 62) return end;
  // `</tag>`
  let j = last - 1;
  while (last - 1 - j < MAX_TAG_NAME && j >= floor && isLetter(text.charCodeAt(j))) j--;
  return j < last - 1 && j - 1 >= floor && text.charCodeAt(j) === 47 && text.charCodeAt(j - 1) === 60 ? j - 1 : end;
}
