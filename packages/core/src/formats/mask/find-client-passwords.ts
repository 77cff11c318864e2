/**
 * Passwords on a client's command line, given by the short or long option that client
 * documents for one (the option means something else elsewhere: `-p` is a port to ssh and a
 * published port to docker), so the client's name must come first on the same line:
 *
 * - glued to `-p`: `mysql -u app -pHunter2` (MySQL and MariaDB clients);
 * - after `-p` or `-a` and blanks: `mongosh -u app -p Hunter2`, `redis-cli -a Hunter2`,
 *   `sshpass -p Hunter2`;
 * - after `:` in a `user:password` value: `curl -u app:Hunter2`, `curl --user app:Hunter2`,
 *   `--proxy-user`, `wget --http-password` aside (a long option named as a credential is read
 *   by `spaced-pairs`);
 * - after an option and blanks only (never glued): `openssl enc -k Hunter2` (`-K` a key),
 *   keytool's and jarsigner's `-storepass`, `-keypass`, `-srcstorepass`, `-deststorepass`,
 *   `-srckeypass`, `-destkeypass`, `-new`;
 * - the body of `gh secret set NAME --body X` (`-b X`, `-bX`, `--body=X`).
 *
 * Passwords a command takes by position (`htpasswd -b`, `echo X | … --password-stdin`) are
 * read by `positional-passwords`.
 *
 * Short options may be glued to their value (`sshpass -pX`, `curl -ubob:X`). The value ends at
 * the next blank or `"` (a quoted one at its closing quote); the command at a line break or a shell
 * separator (`|`, `;`, `&&`) with a blank beside it. One pass per command.
 */
import { REDACTED, type SecretRange } from './secret-range';
import { commandEnd, findPositionalPasswords } from './positional-passwords';

/** How a client's option carries a password. */
const enum Form {
  /** `-pHunter2` */
  Glued,
  /** `-p Hunter2` */
  Spaced,
  /** `-u app:Hunter2`: the part after the first `:` */
  UserInfo,
  /** `-k Hunter2`, never glued (`-keyform` is another option) */
  Separate,
}

/** The password options of each client family, by option (`-p`, `--user`). */
const FAMILIES: ReadonlyMap<string, ReadonlyMap<string, Form>> = new Map<string, ReadonlyMap<string, Form>>([
  ['mysql', new Map<string, Form>([['-p', Form.Glued]])],
  ['mongo', new Map<string, Form>([['-p', Form.Spaced]])],
  ['redis-cli', new Map<string, Form>([['-a', Form.Spaced]])],
  ['sshpass', new Map<string, Form>([['-p', Form.Spaced]])],
  // `docker login -p`, and the other registry clients that copy its options
  ['login', new Map<string, Form>([['-p', Form.Spaced]])],
  ['curl', new Map<string, Form>([['-u', Form.UserInfo], ['--user', Form.UserInfo], ['-U', Form.UserInfo], ['--proxy-user', Form.UserInfo]])],
  // `openssl enc -k <password>`, `-K <hex key>`
  ['openssl', new Map<string, Form>([['-k', Form.Separate], ['-K', Form.Separate]])],
  // keytool and jarsigner: the keystore's and the key's passwords, `-new` of `-storepasswd`
  ['keytool', new Map<string, Form>(['-storepass', '-keypass', '-srcstorepass', '-deststorepass', '-srckeypass', '-destkeypass', '-new'].map((o) => [o, Form.Separate]))],
  // `gh secret set NAME --body <secret>` (`-b<secret>`, `--body=<secret>`)
  ['gh', new Map<string, Form>([['-b', Form.Spaced], ['--body', Form.Spaced]])],
]);

/**
 * A client's name as a word, then a blank: `mysql`, `mysqldump`, `mariadb-dump`, `mongosh`,
 * `mongodump`, `redis-cli`, `sshpass`, `curl` (after a path too: `/usr/bin/mysql`), and a
 * registry client's `login` command (`docker login`, `podman login`, `helm registry login`:
 * `-p` is a published port to `docker run`, a password only to `login`).
 */
const CLIENT_WORD =
  /(?<![\w.-])(mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mysqlpump|mariadb|mariadb-dump|mariadb-admin|mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop|redis-cli|sshpass|curl|openssl|keytool|jarsigner|gh(?:\.exe)?[ \t]+secret[ \t]+set|(?:docker|podman|buildah|skopeo|oras|nerdctl)(?:\.exe)?[ \t]+login|helm(?:\.exe)?[ \t]+registry[ \t]+login)(?:\.exe)?(?=[ \t])/g;

/** The family of a client's name (`mysqldump` → `mysql`, `mongosh` → `mongo`, `docker login` → `login`). */
function familyOf(name: string): ReadonlyMap<string, Form> | undefined {
  if (name.endsWith('login')) return FAMILIES.get('login');
  if (name.endsWith('set')) return FAMILIES.get('gh');
  if (name === 'jarsigner') return FAMILIES.get('keytool');
  if (name.startsWith('mysql') || name.startsWith('mariadb')) return FAMILIES.get('mysql');
  return FAMILIES.get(name.startsWith('mongo') ? 'mongo' : name);
}

/** Ends a command-line word: a blank, a line break, a control character. */
function isWordBreak(c: number): boolean {
  return c <= 32;
}

/** The end of the option value starting at `from`: its closing quote's index for a quoted one, else the next blank. */
function valueEnd(text: string, from: number, lineEnd: number): { start: number; end: number } {
  const q = text.charCodeAt(from);
  if (q === 34 || q === 39) {
    const close = text.indexOf(String.fromCharCode(q), from + 1);
    return { start: from + 1, end: close === -1 || close > lineEnd ? lineEnd : close };
  }
  // a bare value ends at a blank, or at a `"` (or JSON text's `\"`): the command was quoted
  // in a string (`"cmd": "docker login -p X", …`)
  let j = from;
  while (j < lineEnd && !isWordBreak(text.charCodeAt(j)) && text.charCodeAt(j) !== 34 && !(text.charCodeAt(j) === 92 && text.charCodeAt(j + 1) === 34)) j++;
  return { start: from, end: j };
}

/** Appends the passwords of the options on `text[from, lineEnd)` that `options` names. */
function passwordsOnLine(text: string, from: number, lineEnd: number, options: ReadonlyMap<string, Form>, out: SecretRange[]): void {
  let i = from;
  while (i < lineEnd) {
    // the next word
    while (i < lineEnd && isWordBreak(text.charCodeAt(i))) i++;
    const start = i;
    while (i < lineEnd && !isWordBreak(text.charCodeAt(i))) i++;
    if (text.charCodeAt(start) !== 45) continue;
    const word = text.slice(start, i);
    const equals = word.charCodeAt(1) === 45 ? word.indexOf('=') : -1;
    const glued = word.charCodeAt(1) !== 45 ? options.get(word.slice(0, 2)) : equals > 0 ? options.get(word.slice(0, equals)) : undefined;
    let value: { start: number; end: number } | undefined;
    let form: Form | undefined;
    if (equals > 0 && glued !== undefined) {
      // `--body=Hunter2`
      form = glued;
      value = valueEnd(text, start + equals + 1, lineEnd);
    } else if (glued !== undefined && glued !== Form.Separate && word.length > 2) {
      // `-pHunter2`, `-ubob:Hunter2`: a short option glued to its value
      form = glued;
      value = valueEnd(text, start + 2, lineEnd);
    } else {
      form = options.get(word);
      if (form === undefined || form === Form.Glued) continue;
      let v = i;
      while (v < lineEnd && isWordBreak(text.charCodeAt(v))) v++;
      if (v >= lineEnd || text.charCodeAt(v) === 45) continue;
      value = valueEnd(text, v, lineEnd);
      i = Math.max(i, value.end);
    }
    if (form === Form.UserInfo) {
      let colon = value.start;
      while (colon < value.end && text.charCodeAt(colon) !== 58) colon++;
      if (colon >= value.end) continue;
      value = { start: colon + 1, end: value.end };
    }
    if (value.end > value.start && text.slice(value.start, value.end) !== REDACTED) out.push({ start: value.start, end: value.end, replacement: REDACTED, kind: 'option' });
  }
}

/** Appends the passwords given on client command lines in `text` to `out` (and those taken by position: see `positional-passwords`). */
export function findClientPasswords(text: string, out: SecretRange[]): void {
  CLIENT_WORD.lastIndex = 0;
  for (let m = CLIENT_WORD.exec(text); m !== null; m = CLIENT_WORD.exec(text)) {
    const lineEnd = commandEnd(text, m.index + m[0].length);
    const options = familyOf(m[1]);
    if (options !== undefined) passwordsOnLine(text, m.index + m[0].length, lineEnd, options, out);
    CLIENT_WORD.lastIndex = lineEnd;
  }
  findPositionalPasswords(text, out);
}
