/**
 * Secrets that are masked wherever they appear, in one forward pass each (no backtracking):
 *
 * - payment card numbers: 13–19 decimal digits (any script), written as one run or in groups
 *   separated by blanks or dashes (a dot between groups of four), not part of a longer number
 *   nor of a hex word, an id (a UUID, a traceparent: see {@link findCards}) or an IBAN, starting with
 *   a card network's major industry digit (2–6) and passing the Luhn check → `************1111`
 *   (one `*` per masked digit, the last four kept, as on a receipt);
 * - JSON Web Tokens: three base64url segments (five for an encrypted one), the first starting
 *   `eyJ` (`{"`) → `[REDACTED]`;
 * - private key blocks: PEM or PGP armor, and PuTTY key files (see `find-key-blocks`) → `[REDACTED]`;
 * - `Bearer <token>` (any case) → `Bearer [REDACTED]`, and `Basic <base64 of user:password>`
 *   → `Basic [REDACTED]`;
 * - vendor API keys: a token that starts with a prefix a vendor puts on its secret keys
 *   (`sk_live_`, `ghp_`, `xoxb-`, `AKIA`, `AIza`, `npm_`, …, see {@link VENDOR_KEY_PREFIXES})
 *   and goes on with at least 16 token characters, one of them a digit or a capital (a random
 *   key has them; a name such as `npm_config_cache_dir` does not) → `[REDACTED]`;
 * - AWS STS session tokens and Google OAuth refresh tokens: a fixed prefix and a base64 body
 *   (see `find-base64-tokens`) → `[REDACTED]`;
 * - password hashes: `$2b$12$…`, `$argon2id$…`, `pbkdf2_sha256$…` (see `find-password-hashes`)
 *   → `[REDACTED]`;
 * - passwords on a client's command line: `mysql -pX`, `curl -u app:X`, `redis-cli -a X`
 *   (see `find-client-passwords`) → `[REDACTED]`.
 */
import { digitAt, digitWidth, isLetterAt } from './unicode-digits';
import { idShapeEnd } from './id-shape';
import { isB64Url, REDACTED, type SecretRange } from './secret-range';
import { findJwts } from './find-jwts';
import { findKeyBlocks } from './find-key-blocks';
import { findPasswordHashes } from './find-password-hashes';
import { findClientPasswords } from './find-client-passwords';
import { findLinkTokens } from './find-link-tokens';
import { findWebhookUrls } from './find-webhook-urls';
import { findAccountNumbers, type AccountNumber } from './find-account-numbers';
import { findBase64Tokens, mayStartSessionToken } from './find-base64-tokens';

export { REDACTED, type SecretRange } from './secret-range';

function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return true;
  return c >= 0xaa && (digitAt(text, i) >= 0 || isLetterAt(text, i));
}

/** True when `digits` (ASCII) passes the Luhn check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function isCard(digits: string): boolean {
  const first = digits.charCodeAt(0);
  return digits.length >= 13 && digits.length <= 19 && first >= 50 && first <= 54 && luhnValid(digits);
}

function cardMask(digits: string): string {
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** One digit group of a card candidate. */
interface Group {
  start: number;
  end: number;
  digits: string;
}

/**
 * Cards among the groups of one run: the longest card from each group start (≤ 19 digits,
 * so ≤ 19 groups). Unless `final`, stops where a window may still grow with groups not read
 * yet; returns the index of the first group not done.
 */
function cardsInRun(groups: readonly Group[], out: SecretRange[], final: boolean): number {
  let g = 0;
  while (g < groups.length && (final || groups.length - g > 19)) {
    let digits = '';
    let best = -1;
    let bestDigits = '';
    for (let h = g; h < groups.length && digits.length + groups[h].digits.length <= 19; h++) {
      digits += groups[h].digits;
      if (isCard(digits)) {
        best = h;
        bestDigits = digits;
      }
    }
    if (best >= 0) {
      out.push({ start: groups[g].start, end: groups[best].end, replacement: cardMask(bestDigits), kind: 'card' });
      g = best + 1;
    } else g++;
  }
  return g;
}

/** Stands for a group of more than 19 digits: no card window can hold it. */
const TOO_LONG = '#'.repeat(20);

/** A long run is read in chunks of this many groups (the done ones are dropped). */
const CHUNK_GROUPS = 64;

/** A blank between card digit groups: space, no-break, figure, thin or narrow no-break space. */
function isCardBlank(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f;
}

/** A dash between card digit groups: hyphen-minus, or a Unicode hyphen or dash (U+2010–U+2013). */
function isCardDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2013);
}

/** True when exactly four digits start at `i`. */
function fourDigitsAt(text: string, i: number): boolean {
  let j = i;
  for (let n = 0; n < 4; n++) {
    if (digitAt(text, j) < 0) return false;
    j += digitWidth(text, j);
  }
  return digitAt(text, j) < 0;
}

/**
 * The length of the separator at `j` that joins a card's digit groups, or 0: up to three
 * blanks and dashes with at most one dash (`4111 1111`, `4111  1111`, `4111 - 1111`), or one
 * dot between groups of four digits (`4111.1111`: a dot between other groups is a decimal).
 */
function cardSeparatorAt(text: string, j: number, groupDigits: number): number {
  let k = j;
  let dashes = 0;
  while (k - j < 3) {
    const c = text.charCodeAt(k);
    if (isCardBlank(c)) k++;
    else if (isCardDash(c) && dashes === 0) {
      dashes++;
      k++;
    } else break;
  }
  if (k > j && digitAt(text, k) >= 0) return k - j;
  return text.charCodeAt(j) === 46 && groupDigits === 4 && fourDigitsAt(text, j + 1) ? 1 : 0;
}

function isHexLetter(c: number): boolean {
  return (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isHexUnit(c: number): boolean {
  return (c >= 48 && c <= 57) || isHexLetter(c);
}

/** Most characters of a word read after a digit run to tell whether the word is hex. */
const MAX_HEX_LOOKAHEAD = 64;

/** True when the word characters from `j` on (at most {@link MAX_HEX_LOOKAHEAD}) are hex digits. */
function hexTailAt(text: string, j: number): boolean {
  for (let k = j; k < text.length && k - j < MAX_HEX_LOOKAHEAD && isWordUnit(text, k); k++) {
    const c = text.charCodeAt(k);
    if (!(c >= 48 && c <= 57) && !isHexLetter(c)) return false;
  }
  return true;
}

/**
 * Appends the card numbers in `text` to `out`. Digits glued to letters are still read (a
 * card in `card4111…` or `4111…USD`), unless the word they are part of is hex (a hash, an
 * id): its digit runs are chance. Only the group inside the hex word is left out: a card
 * after a hash (`…c8031 4111 1111 1111 1111`) is still a card. A UUID or a traceparent is an
 * id whole (see `id-shape`).
 */
function findCards(text: string, out: SecretRange[]): void {
  const n = text.length;
  const groups: Group[] = [];
  // whether the word the scan is in has held hex digits only so far
  let hexWord = true;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isHexUnit(c) && (i === 0 || !isWordUnit(text, i - 1))) {
      // a UUID's or a traceparent's groups are the id's, whatever their digits (see `id-shape`)
      const id = idShapeEnd(text, i);
      if (id > 0 && !(id < n && isWordUnit(text, id))) {
        i = id;
        hexWord = true;
        continue;
      }
    }
    if (digitAt(text, i) < 0) {
      if (!isWordUnit(text, i)) hexWord = true;
      else if (!isHexLetter(c)) hexWord = false;
      i++;
      continue;
    }
    if (i >= 2 && text.charCodeAt(i - 1) === 46 && digitAt(text, i - 2) >= 0) {
      // the fraction of a number (`0.4865901394735116`), not a card
      while (digitAt(text, i) >= 0) i += digitWidth(text, i);
      continue;
    }
    const gluedBefore = i > 0 && isWordUnit(text, i - 1);
    const hexBefore = gluedBefore && hexWord;
    // a run: digit groups joined by separators
    groups.length = 0;
    let j = i;
    for (;;) {
      const start = j;
      let digits = '';
      let count = 0;
      for (let d = digitAt(text, j); d >= 0; d = digitAt(text, j)) {
        if (++count <= 19) digits += String.fromCharCode(48 + d);
        j += digitWidth(text, j);
      }
      groups.push({ start, end: j, digits: count <= 19 ? digits : TOO_LONG });
      const sep = cardSeparatorAt(text, j, count);
      // the first group ends a hex word (`A1 4111 …`, a hash then a card): its digits are the word's
      if (sep !== 0 && hexBefore && groups.length === 1 && start === i) groups.length = 0;
      if (groups.length >= CHUNK_GROUPS) groups.splice(0, cardsInRun(groups, out, false));
      if (sep === 0) break;
      j += sep;
    }
    const gluedAfter = j < n && isWordUnit(text, j);
    const hexAfter = gluedAfter && hexTailAt(text, j);
    // a last group that starts a hex word, or a lone group inside one, is the word's
    const lone = groups.length === 1 && groups[0].start === i;
    if (lone ? (gluedBefore || gluedAfter) && (!gluedBefore || hexWord) && (!gluedAfter || hexAfter) : hexAfter) groups.pop();
    if (groups.length > 0) cardsInRun(groups, out, true);
    if (!gluedAfter) hexWord = true;
    i = j;
  }
}

const AUTH_SCHEME = /\b(bearer|basic)[ \t]+([A-Za-z0-9._~+/-]+=*)/gi;
const PRINTABLE_PAIR = /^[\x20-\x7e]*:[\x20-\x7e]*$/;

/** True when `token` is base64 of printable `user:password` (what Basic credentials are). */
function isBasicCredentials(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(token) || token.length % 4 === 1) return false;
  return PRINTABLE_PAIR.test(Buffer.from(token, 'base64').toString('latin1'));
}

/** Appends the bearer tokens and Basic credentials in `text` to `out` (the scheme word stays). */
function findAuthSchemes(text: string, out: SecretRange[]): void {
  AUTH_SCHEME.lastIndex = 0;
  for (let m = AUTH_SCHEME.exec(text); m !== null; m = AUTH_SCHEME.exec(text)) {
    const token = m[2];
    if (token === REDACTED || token.length < 8) continue;
    // `token_type=Bearer expires_in=3600`: a word then `=` and more is the next pair's name, not a token
    if (token.endsWith('=') && isWordUnit(text, m.index + m[0].length)) continue;
    if ((m[1].charCodeAt(1) | 32) === 97 && !isBasicCredentials(token)) continue; // basic
    const end = m.index + m[0].length;
    out.push({ start: end - token.length, end, replacement: REDACTED, kind: 'bearer' });
  }
}

/**
 * Prefixes vendors put on secret keys (not on public ids): Stripe secret/restricted keys and
 * webhook secrets, GitHub and GitLab tokens, Slack tokens, AWS access keys, Google API keys,
 * npm, Hugging Face, Shopify, DigitalOcean, OpenAI and Anthropic keys, SendGrid keys, and the
 * vendors named beside the later entries.
 */
export const VENDOR_KEY_PREFIXES = [
  'sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_',
  'glpat-', 'xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxr-', 'xoxs-', 'xapp-', 'AKIA', 'ASIA', 'AIza', 'npm_', 'hf_',
  'shpat_', 'shpss_', 'shpca_', 'shppa_', 'dop_v1_', 'doo_v1_', 'dor_v1_', 'sk-proj-', 'sk-ant-', 'sk-', 'SG.',
  'ya29.', 'hvs.', 'hvb.', 'hvr.', 'pypi-', 'glrt-', 'gldt-', 'glcbt-', 'glptt-', 'glsoat-', 'sq0atp-', 'sq0csp-',
  'xkeysib-', 'lin_api_', 'ntn_', 'figd_', 'pnu_', 'AGE-SECRET-KEY-1',
  // Google OAuth client secrets, Atlassian API tokens, Postman, New Relic, Grafana service
  // accounts, Sentry, Doppler
  'GOCSPX-', 'ATATT3x', 'PMAK-', 'NRAK-', 'glsa_', 'sntrys_', 'dp.st.', 'dp.sa.', 'dp.ct.',
  // Docker Hub personal and organization access tokens
  'dckr_pat_', 'dckr_oat_',
  // Groq, Replicate, Perplexity and xAI API keys, Tailscale keys, PlanetScale tokens and
  // passwords, RubyGems, Supabase and Grafana Cloud tokens, Contentful personal access tokens,
  // Flutterwave secret keys
  'gsk_', 'r8_', 'pplx-', 'xai-', 'tskey-', 'pscale_tkn_', 'pscale_pw_', 'pscale_oauth_', 'rubygems_', 'sbp_', 'glc_',
  'CFPAT-', 'FLWSECK-', 'FLWSECK_TEST-',
] as const;
/** Fewest token characters after a vendor prefix. */
const MIN_VENDOR_BODY = 16;
const VENDOR_KEY = new RegExp(
  `(?<![A-Za-z0-9_-])(?:${VENDOR_KEY_PREFIXES.map((p) => p.replace(/[.-]/g, '\\$&')).join('|')})[A-Za-z0-9_.-]*`,
  'g',
);
const DIGIT_OR_CAPITAL = /[0-9A-Z]/;

/** Appends the vendor API keys in `text` to `out`. */
function findVendorKeys(text: string, out: SecretRange[]): void {
  VENDOR_KEY.lastIndex = 0;
  for (let m = VENDOR_KEY.exec(text); m !== null; m = VENDOR_KEY.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--; // a sentence's full stop
    const prefix = VENDOR_KEY_PREFIXES.find((p) => text.startsWith(p, m.index)) ?? '';
    const body = text.slice(m.index + prefix.length, end);
    if (body.length < MIN_VENDOR_BODY || !DIGIT_OR_CAPITAL.test(body)) continue;
    out.push({ start: m.index, end, replacement: REDACTED, kind: 'vendor' });
  }
}

/** True when the text at `i` (a `_`, `-` or `.`) may end a vendor key prefix (see {@link textHints}). */
export function mayEndVendorPrefix(text: string, i: number): boolean {
  let s = i;
  while (s > 0 && i - s <= MAX_PREFIX_HEAD && isB64Url(text.charCodeAt(s - 1))) s--;
  if (s === i || i - s > MAX_PREFIX_HEAD || (s > 0 && isB64Url(text.charCodeAt(s - 1)))) return false;
  const heads = VENDOR_PREFIX_HEADS.get(text.charCodeAt(s));
  if (heads === undefined) return false;
  for (const head of heads) if (head.length === i + 1 - s && text.startsWith(head, s)) return true;
  return false;
}

/** True when the text at `i` (an `A`, `F` or `I`) starts an AWS, Google or Atlassian key prefix or an AWS session token (see {@link textHints}). */
export function mayStartCapitalPrefix(text: string, i: number): boolean {
  if (mayStartSessionToken(text, i)) return true;
  return text.charCodeAt(i) === 65 && (text.startsWith('KIA', i + 1) || text.startsWith('SIA', i + 1) || text.startsWith('Iza', i + 1) || text.startsWith('TATT3x', i + 1));
}

/**
 * The prefixes that end with a separator, cut after their first separator (`sk_live_` →
 * `sk_`), by their first character's code.
 */
const VENDOR_PREFIX_HEADS: ReadonlyMap<number, readonly string[]> = (() => {
  const byFirst = new Map<number, string[]>();
  for (const p of VENDOR_KEY_PREFIXES) {
    const sep = p.search(/[_.-]/);
    if (sep === -1) continue;
    const head = p.slice(0, sep + 1);
    const list = byFirst.get(head.charCodeAt(0)) ?? [];
    if (!list.includes(head)) list.push(head);
    byFirst.set(head.charCodeAt(0), list);
  }
  return byFirst;
})();

/** Longest word before a prefix's first separator (`rubygems` of `rubygems_`), from the list. */
const MAX_PREFIX_HEAD = Math.max(...[...VENDOR_PREFIX_HEADS.values()].flat().map((head) => head.length - 1));

/** Removes the cards whose digits are part of an IBAN (`KW09 AAAA 0000 0000 5461 …`): they are the account number's. */
function dropCardsInIbans(text: string, found: SecretRange[]): void {
  const accounts: AccountNumber[] = [];
  findAccountNumbers(text, accounts);
  if (accounts.length === 0) return;
  // (the cards and the IBANs are each in order: one merge pass)
  const ibans = accounts.filter((a) => a.type === 'iban');
  let k = 0;
  let w = 0;
  for (const r of found) {
    if (r.kind === 'card') {
      while (k < ibans.length && ibans[k].end <= r.start) k++;
      if (k < ibans.length && ibans[k].start < r.end) continue;
    }
    found[w++] = r;
  }
  found.length = w;
}

/** The secrets in `text`, in order, not overlapping. */
export function findSecrets(text: string): SecretRange[] {
  const found: SecretRange[] = [];
  findKeyBlocks(text, found);
  if (text.indexOf('eyJ') !== -1) findJwts(text, found);
  if (text.length >= 13) {
    findCards(text, found);
    if (found.length > 0) dropCardsInIbans(text, found);
  }
  if (text.length >= 14 && /bearer|basic/i.test(text)) findAuthSchemes(text, found);
  if (text.length >= MIN_VENDOR_BODY + 3) {
    findVendorKeys(text, found);
    findBase64Tokens(text, found);
  }
  if (text.indexOf('$') !== -1) findPasswordHashes(text, found);
  if (text.indexOf('/') !== -1) {
    findWebhookUrls(text, found);
    findLinkTokens(text, found);
  }
  if (text.indexOf(' -') !== -1 || text.indexOf('\t-') !== -1) findClientPasswords(text, found);
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretRange[] = [];
  for (const r of found) if (kept.length === 0 || r.start >= kept[kept.length - 1].end) kept.push(r);
  return kept;
}

/** `text` with every secret masked (the same string when there is none). */
export function maskSecrets(text: string): string {
  const found = findSecrets(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of found) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}
