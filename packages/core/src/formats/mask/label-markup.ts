/**
 * Labels written with markup around them in notification bodies and reports: the markup that
 * closes a label stands between its `:` and its value (`**Password:** x`, `__Token:__ x`,
 * `<b>Password:</b> x`), and the value is the word after it, not the markup.
 */
import { isBlank, MAX_BLANKS } from './pair-names';

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
    while (j - v < 12 && ((text.charCodeAt(j) | 32) >= 97 && (text.charCodeAt(j) | 32) <= 122)) j++;
    if (j > v + 2 && text.charCodeAt(j) === 62) k = j + 1;
  }
  if (k === v || !isBlank(text.charCodeAt(k))) return v;
  for (let blanks = 0; blanks < MAX_BLANKS && isBlank(text.charCodeAt(k)); blanks++) k++;
  return k;
}
