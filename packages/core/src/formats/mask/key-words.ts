/**
 * Key names as words: the mask decides what a key means from its word parts, never from a
 * substring (`hotel_id` holds no `tel`, `pinned` no `pin`, `secretary` no `secret`).
 *
 * A key is split at every character that is not a letter or a digit (`_`, `-`, `.`, spaces…)
 * and at case changes (`clientSecret`, `APIKey` → `api`, `key`); trailing digits are dropped
 * from a part (`cvv2` → `cvv`, `password2` → `password`) and a part left empty or `v` (a
 * version: `V2`) is dropped.
 */

/** The lowercase word parts of `key` (see the module comment). Linear in the key's length. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  let start = -1;
  const flush = (end: number): void => {
    if (start < 0) return;
    let stop = end;
    while (stop > start && isDigit(key.charCodeAt(stop - 1))) stop--;
    const word = key.slice(start, stop).toLowerCase();
    if (word !== '' && word !== 'v') words.push(word);
    start = -1;
  };
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!isWordChar(c)) {
      flush(i);
      continue;
    }
    if (start >= 0 && isUpper(c)) {
      const prev = key.charCodeAt(i - 1);
      // fooBar | fooV2 | 2FA stays, APIKey: the K starts a word because a lowercase follows
      if (isLower(prev) || (isDigit(prev) && !isDigit(key.charCodeAt(start))) || (isUpper(prev) && i + 1 < key.length && isLower(key.charCodeAt(i + 1)))) flush(i);
    } else if (start >= 0 && isLetter(c) && isDigit(key.charCodeAt(i - 1)) && i >= 2 && isLetter(key.charCodeAt(i - 2))) {
      // digits end a word that letters began (`v2beta` → `v`, `beta`), a leading number stays (`2fa`)
      flush(i);
    }
    if (start < 0) start = i;
  }
  flush(key.length);
  return words;
}

/**
 * True when `text` is a name made only of words `actsOn` accepts (`otp`, `client_secret` when
 * both `client` and `secret` are), not a value that holds one such word (`SuperSecret`).
 */
export function isNameOfWords(text: string, actsOn: (word: string) => boolean): boolean {
  const words = keyWords(text);
  return words.length > 0 && words.every(actsOn);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c) || c > 127;
}
function isWordChar(c: number): boolean {
  return isDigit(c) || isLetter(c);
}
