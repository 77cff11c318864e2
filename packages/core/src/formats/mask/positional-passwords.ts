/**
 * Passwords a command takes by position rather than after an option, read by
 * `find-client-passwords`:
 *
 * - `htpasswd` in batch mode (`-b` among its flags): its last argument,
 *   `htpasswd -b[c] <file> <user> <password>`, `htpasswd -nb <user> <password>`;
 * - the text `echo` or `printf` writes into a pipe whose next command reads a password from
 *   standard input (`--password-stdin`: `docker login`, `helm registry login`, `oras login`…):
 *   `echo Hunter2 | docker login -u bob --password-stdin` (`echo Hunter2|docker …` too). A shell variable (`$TOKEN`,
 *   `"${TOKEN}"`) names the password and stays.
 *
 * A command ends at a line break or a shell separator (`|`, `;`, `&&`) with a blank beside it.
 * One pass per command; each pipe looks back at most to the previous command read.
 */
import { REDACTED, type SecretRange } from './secret-range';

/** Options of htpasswd that take a value (`-C <cost>`, `-r <rounds>`): their value is no positional argument. */
const HTPASSWD_VALUED = new Set(['-C', '-r']);
/** htpasswd as a word, then a blank. */
const HTPASSWD = /(?<![\w.-])htpasswd(?:\.exe)?(?=[ \t])/g;
/** The option of a command that reads its password from standard input. */
const PASSWORD_STDIN = '--password-stdin';

/** A word of a command line: `[start, end)`. */
interface Word {
  readonly start: number;
  readonly end: number;
}

function isWordBreak(c: number): boolean {
  return c <= 32;
}

/** The words of `text[from, end)`, split at blanks (a quoted word keeps its blanks). */
function wordsOf(text: string, from: number, end: number): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < end) {
    while (i < end && isWordBreak(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const start = i;
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39) {
      const close = text.indexOf(String.fromCharCode(q), i + 1);
      i = close === -1 || close >= end ? end : close + 1;
    } else {
      while (i < end && !isWordBreak(text.charCodeAt(i))) i++;
    }
    words.push({ start, end: i });
  }
  return words;
}

/** `word` without its quotes (`"x"` → `x`). */
function unquoted(text: string, word: Word): Word {
  const q = text.charCodeAt(word.start);
  const quoted = (q === 34 || q === 39) && word.end - word.start >= 2 && text.charCodeAt(word.end - 1) === q;
  return quoted ? { start: word.start + 1, end: word.end - 1 } : word;
}

/** Appends `word` (unquoted) as a password unless it is empty, a shell variable or already masked. */
function pushPassword(text: string, word: Word, out: SecretRange[]): void {
  const { start, end } = unquoted(text, word);
  const value = text.slice(start, end);
  if (end > start && value.charCodeAt(0) !== 36 && value !== REDACTED) out.push({ start, end, replacement: REDACTED, kind: 'option' });
}

/**
 * The end of the command that starts at `from`: a line break, or a shell separator (`|`, `;`,
 * `&&`) with a blank before or after it (one glued on both sides is part of a word).
 */
export function commandEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return j;
    const width = c === 38 && text.charCodeAt(j + 1) === 38 ? 2 : c === 124 || c === 59 ? 1 : 0;
    if (width > 0 && (isWordBreak(text.charCodeAt(j - 1)) || j + width >= text.length || isWordBreak(text.charCodeAt(j + width)))) return j;
  }
  return text.length;
}

/** Appends the password of an htpasswd command in batch mode whose arguments are `text[from, end)`. */
function htpasswdPassword(text: string, from: number, end: number, out: SecretRange[]): void {
  let batch = false;
  let display = false;
  const positional: Word[] = [];
  const words = wordsOf(text, from, end);
  for (let w = 0; w < words.length; w++) {
    const word = text.slice(words[w].start, words[w].end);
    if (word.charCodeAt(0) !== 45 || word.length < 2) {
      positional.push(words[w]);
      continue;
    }
    if (HTPASSWD_VALUED.has(word)) w++;
    else if (word.charCodeAt(1) !== 45) {
      batch ||= word.includes('b');
      display ||= word.includes('n');
    }
  }
  const password = positional[display ? 1 : 2];
  if (batch && password !== undefined) pushPassword(text, password, out);
}

/** Appends the passwords of htpasswd commands in batch mode in `text`. */
function findHtpasswdPasswords(text: string, out: SecretRange[]): void {
  HTPASSWD.lastIndex = 0;
  for (let m = HTPASSWD.exec(text); m !== null; m = HTPASSWD.exec(text)) {
    const end = commandEnd(text, m.index + m[0].length);
    htpasswdPassword(text, m.index + m[0].length, end, out);
    HTPASSWD.lastIndex = Math.max(end, m.index + 1);
  }
}

/** The start of the command that ends at `end` (after a line break or a separator with a blank beside it), not before `floor`; -1 when it reaches `floor`. */
function commandStartBefore(text: string, end: number, floor: number): number {
  for (let j = end - 1; j >= floor; j--) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return j + 1;
    if ((c === 124 || c === 59 || c === 38) && (isWordBreak(text.charCodeAt(j - 1)) || isWordBreak(text.charCodeAt(j + 1)))) return j + 1;
  }
  return floor === 0 ? 0 : -1;
}

/** Appends what `echo` or `printf` writes in the command `text[start, end)`, when it is one of them. */
function echoedPassword(text: string, start: number, end: number, out: SecretRange[]): void {
  const words = wordsOf(text, start, end);
  if (words.length < 2) return;
  const command = text.slice(words[0].start, words[0].end);
  if (command === 'printf') {
    pushPassword(text, words[words.length - 1], out);
    return;
  }
  if (command !== 'echo') return;
  let w = 1;
  while (w < words.length - 1 && /^-[neE]+$/.test(text.slice(words[w].start, words[w].end))) w++;
  if (w === words.length - 1) pushPassword(text, words[w], out);
  else pushPassword(text, { start: words[w].start, end: words[words.length - 1].end }, out);
}

/** The last single `|` in `text[from, end)` (not half of `||`), or -1. */
function gluedPipeBefore(text: string, end: number, from: number): number {
  for (let j = end - 1; j > from; j--) {
    if (text.charCodeAt(j) === 124 && text.charCodeAt(j - 1) !== 124 && text.charCodeAt(j + 1) !== 124) return j;
  }
  return -1;
}

/** Appends what is echoed into a command that reads a password from standard input (`--password-stdin`). */
function findPipedPasswords(text: string, out: SecretRange[]): void {
  // (each command is read back to the previous reading command at most: one pass)
  let floor = 0;
  for (let at = text.indexOf(PASSWORD_STDIN); at !== -1; at = text.indexOf(PASSWORD_STDIN, at + PASSWORD_STDIN.length)) {
    const start = commandStartBefore(text, at, floor);
    // a pipe with no blank beside it (`echo X|docker login … --password-stdin`): the command
    // before it, on the same command, writes the password
    const glued = gluedPipeBefore(text, at, Math.max(start, floor));
    const found = out.length;
    if (glued !== -1) echoedPassword(text, Math.max(start, floor), glued, out);
    if (out.length === found) {
      // the reading command follows a pipe, after the command that writes the password
      const piped = start >= 1 && text.charCodeAt(start - 1) === 124 && text.charCodeAt(start - 2) !== 124;
      const writer = piped ? commandStartBefore(text, start - 1, floor) : -1;
      if (writer >= 0) echoedPassword(text, writer, start - 1, out);
    }
    floor = at;
  }
}

/** Appends the passwords that commands in `text` take by position (see the module comment). */
export function findPositionalPasswords(text: string, out: SecretRange[]): void {
  if (text.indexOf('htpasswd') !== -1) findHtpasswdPasswords(text, out);
  if (text.indexOf(PASSWORD_STDIN) !== -1) findPipedPasswords(text, out);
}
