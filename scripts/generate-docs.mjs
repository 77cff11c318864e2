// Regenerates the parts of docs/ that come from code, so they can never drift:
// the Core Rules table, the reserved-field list, the environment variables, the error and
// diagnostic codes, and the API reference (TypeDoc, from TSDoc). `--check` only compares
// and exits 1 when something is out of date (the docs test runs it).
import { readFileSync, writeFileSync, readdirSync, statSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const core = require('@ecsctx/core');
const fields = require('@ecsctx/core/fields');
const check = process.argv.includes('--check');
const skipApi = process.argv.includes('--skip-api');
const stale = [];

const code = (s) => '`' + s + '`';
const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function replaceSection(file, name, content) {
  const path = join(root, 'docs', file);
  const text = readFileSync(path, 'utf8');
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1) throw new Error(`docs/${file} lacks the markers ${start} … ${end}`);
  const next = text.slice(0, a + start.length) + '\n' + content.trim() + '\n' + text.slice(b);
  if (next !== text) {
    if (check) stale.push(`docs/${file} (${name})`);
    else writeFileSync(path, next);
  }
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// Core Rules
replaceSection(
  'field-placement.md',
  'placement-rules',
  table(['Category', 'Keys', 'Placement', 'Notes'], fields.PLACEMENT_RULES.map((r) => [r.category, r.keys.map(code).join(', '), r.placement, r.notes])),
);

// Reserved fields
replaceSection('reserved-fields.md', 'reserved-fields', fields.RESERVED_OBJECT_FIELDS.map(code).join(', '));

// PII key rules
replaceSection(
  'pii.md',
  'mask-keys',
  table(
    ['What', 'Keys (case-insensitive)'],
    [
      ['Sensitive key words (a word part, or a compound ending with one of 4+ letters or starting with one of 5+)', fields.SENSITIVE_KEY_PARTS.map(code).join(', ')],
      ['People by role (the last word part, or its plural: strings tokenized, numbers kept; `assignee_id`, `employee_role` kept)', fields.PERSON_ROLE_WORDS.map(code).join(', ')],
      ['Measure words (a key with one after its first word counts or measures PII, it holds none)', fields.PII_MEASURE_WORDS.map(code).join(', ')],
      ['Name and address parts (a key ending with one is PII at any depth below a sensitive key: `customer.first`, `billing.line1`)', fields.PARTY_DETAIL_WORDS.map(code).join(', ')],
      ['Numbered PII words (in text, a bare number after one and `:`, `=` or a blank is tokenized: `ssn: 078-05-1120`, `dob 1990-04-12`)', fields.NUMBERED_PII_WORDS.map(code).join(', ')],
      ['Safe keys (compared by word parts)', fields.SAFE_KEYS.map(code).join(', ')],
      ['Credential words (the last word part: the value becomes `[REDACTED]`)', fields.SECRET_KEY_WORDS.map(code).join(', ')],
      ['Credential words that also count at the end of a run-together word part (`PGPASSWORD`, `githubtoken`)', fields.SECRET_KEY_WORD_ENDINGS.map(code).join(', ')],
      ['Credential word pairs (the last two word parts)', fields.SECRET_KEY_PAIRS.map(code).join(', ')],
      ['Qualifiers that may follow a credential word', fields.SECRET_KEY_QUALIFIERS.map(code).join(', ')],
      ['Credential headers (masked, scheme kept)', fields.AUTH_KEYS.map(code).join(', ')],
      ['Cookies (values masked, names kept)', fields.COOKIE_KEYS.map(code).join(', ')],
      ['Secret URL query parameters', fields.SECRET_QUERY_PARAMS.map(code).join(', ') + ' (and `code` in OAuth callbacks)'],
    ],
  ),
);

// Environment variables
const envRows = [
  ...core.CORE_ENV_VARS.map((v) => [code(v.name), v.description, v.default ?? '—', v.required]),
  ...core.PII_ENV_VARS.map((v) => [code(v.name), v.description, v.default ?? '—', v.required]),
];
replaceSection('env-vars.md', 'env-vars', table(['Variable', 'Description', 'Default', 'Required'], envRows));

// Errors and diagnostics (a name that is an environment variable is not a diagnostic)
const envNames = new Set([...core.CORE_ENV_VARS, ...core.PII_ENV_VARS].map((v) => v.name));
const diagnostics = new Map();
for (const pkg of ['core', 'express', 'bullmq']) {
  const dir = join(root, 'packages', pkg, 'src');
  if (!existsSync(dir)) continue;
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`](ECSCTX_[A-Z0-9_]+)['"`]/g)) {
      if (!diagnostics.has(m[1]) && !envNames.has(m[1])) diagnostics.set(m[1], relative(root, file));
    }
  }
}
replaceSection('errors.md', 'error-codes', table(['Code', 'Meaning'], Object.entries(core.ERROR_CODES).map(([c, d]) => [code(c), d])));
replaceSection(
  'errors.md',
  'diagnostic-codes',
  table(['Diagnostic code', 'Raised in'], [...diagnostics.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, f]) => [code(c), code(f)])),
);

// API reference from TSDoc
if (!skipApi) {
  const outDir = check ? mkdtempSync(join(tmpdir(), 'ecsctx-api-')) : join(root, 'docs', 'api');
  execFileSync(
    join(root, 'node_modules', '.bin', 'typedoc'),
    ['--options', join(root, 'typedoc.json'), '--out', outDir, '--logLevel', 'Error'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (check) {
    const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)).map((x) => join(n, x)) : [n]));
    const fresh = walk(outDir).sort();
    const committed = existsSync(join(root, 'docs', 'api')) ? walk(join(root, 'docs', 'api')).sort() : [];
    if (JSON.stringify(fresh) !== JSON.stringify(committed)) stale.push('docs/api (files differ)');
    else for (const f of fresh) if (readFileSync(join(outDir, f), 'utf8') !== readFileSync(join(root, 'docs', 'api', f), 'utf8')) stale.push(`docs/api/${f}`);
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (stale.length > 0) {
  console.error(`docs out of date (run: npm run docs):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
