// The worst case of each detector of the mask: for each, the hostile inputs that cost it most
// (runs of `@`, `%40`, digits with separators, `eyJ`, base64url, quotes, …), timed at 100 KB
// and 1 MB (min of a few runs), with the ratio (10× the input: a linear detector stays near
// 10×, a quadratic one near 100×). Run by `npm run bench` (bench/run.mjs) in a process of its
// own; `--smoke` times fewer runs. Reads the built package (`npm run build` first).
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';

const require = createRequire(import.meta.url);
const dist = (path) => require(require.resolve('@ecsctx/core').replace(/index\.js$/, path));
const { findEmails } = dist('formats/mask/find-emails.js');
const { findPhones } = dist('formats/mask/find-phones.js');
const { findSecrets } = dist('formats/mask/find-secrets.js');
const { maskPercentEncoded } = dist('formats/mask/percent-decoded.js');
const { UrlSecretMasker } = dist('formats/mask/mask-url-secrets.js');
const { stripQuotes } = dist('formats/mask/strip-quotes.js');
const { textHints } = dist('formats/mask/scan-text.js');
const core = require('@ecsctx/core');

const smoke = process.argv.includes('--smoke');
const RUNS = smoke ? 2 : 5;
const SIZES = [100 * 1024, 1024 * 1024];

function fill(unit, length) {
  return Buffer.from(unit.repeat(Math.ceil(length / unit.length)).slice(0, length), 'utf8').toString('utf8');
}

function digitGroups(length) {
  let seed = 7;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const n = 12 + (seed % 9);
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      out += String(seed % 10);
      if (i % 4 === 3) out += ' ';
    }
    out += ' ';
  }
  return out.slice(0, length);
}

const HOSTILE = {
  'runs of @': (n) => fill('@', n),
  'a@ runs': (n) => fill('a@', n),
  'a. runs': (n) => fill('a.', n),
  '%40 runs': (n) => fill('%40', n),
  'a%40b. runs': (n) => fill('a%40b.', n),
  'digits with separators': (n) => fill('1-2 3.4(5)', n),
  'digit runs 12–20 with spaces': digitGroups,
  'Arabic-Indic digits': (n) => fill('٢١٢ ٥٥٥ ', n),
  '= and &': (n) => fill('=&', n),
  'query parameters': (n) => fill('token=a&x=', n),
  'nested quotes': (n) => fill('"', n),
  'a-a-a- runs': (n) => fill('a-', n),
  'long base64url': (n) => fill('AbC-_9', n),
  'eyJ runs': (n) => fill('eyJ', n),
  'eyJ segments': (n) => fill('eyJa.', n),
  'bearer runs': (n) => fill('bearer ', n),
  'PEM begin runs': (n) => fill('-----BEGIN RSA PRIVATE KEY-----', n),
  'many phone numbers': (n) => fill('call 2125550199 ', n),
  'many emails': (n) => fill('zoë@exämple.org ', n),
  'many cards': (n) => fill('4111 1111 1111 1111 ', n),
};

const urls = new UrlSecretMasker();
const DETECTORS = {
  hints: (s) => textHints(s),
  emails: (s) => findEmails(s, []),
  phones: (s) => findPhones(s, []),
  secrets: (s) => findSecrets(s),
  'percent-decoded': (s) => maskPercentEncoded(s, () => 'T', { regions: ['US'] }),
  'url secrets': (s) => urls.mask(s),
  quotes: (s) => stripQuotes(s),
};

function best(fn, value) {
  let min = Infinity;
  for (let r = 0; r < RUNS; r++) {
    const t = process.hrtime.bigint();
    fn(value);
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

const inputs = Object.entries(HOSTILE).map(([name, make]) => [name, SIZES.map((n) => make(n))]);

const out = ['### Detector worst case (ms, min of ' + RUNS + ' runs)', '', '| detector | worst input | 100 KB | 1 MB | ratio |', '|---|---|---|---|---|'];
for (const [detector, fn] of Object.entries(DETECTORS)) {
  let worst;
  for (const [name, [small, large]] of inputs) {
    const a = best(fn, small);
    const b = best(fn, large);
    if (worst === undefined || b > worst.b) worst = { name, a, b };
  }
  out.push(`| ${detector} | ${worst.name} | ${worst.a.toFixed(2)} | ${worst.b.toFixed(1)} | ${(worst.b / Math.max(worst.a, 0.01)).toFixed(1)}× |`);
}

// the whole mask through a real preset logger (no keyset: [PII_REDACTED]), message and field
const sink = new Writable({ write(_chunk, _encoding, callback) { callback(); } });
const logger = core.createEcsLogger({ env: { PROJECT_NAME: 'bench', APP_VERSION: '1' }, stream: sink, limits: { maxLineBytes: 8 << 20, maxStringLength: 4 << 20 } });
let whole;
for (const [name, [small, large]] of inputs) {
  const a = Math.min(best((s) => logger.info(s), small), best((s) => logger.info('m', { note: s }), small));
  const b = Math.max(best((s) => logger.info(s), large), best((s) => logger.info('m', { note: s }), large));
  if (whole === undefined || b > whole.b) whole = { name, a, b };
}
out.push(`| whole logger line | ${whole.name} | ${whole.a.toFixed(2)} | ${whole.b.toFixed(1)} | ${(whole.b / Math.max(whole.a, 0.01)).toFixed(1)}× |`);
console.log(out.join('\n'));
