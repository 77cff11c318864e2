/**
 * Packaging is behaviour: each package is packed with `npm pack` (what npm would publish),
 * unpacked into a fresh project outside this repository, then `require`d from CommonJS and
 * `import`ed from ESM, and made to log. Only the declared runtime dependencies are linked
 * into that project, so an undeclared dependency (or an optional one such as
 * `@opentelemetry/api`) cannot be picked up from the monorepo by accident.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';
import { checkEcsLines } from '../support/ecs-check';
import { ensureBuilt } from '../support/built';
import { publicEntries } from '../support/entries';

const PACKAGES = ['core', 'express', 'bullmq'] as const;
const entries = publicEntries();
let project: string;

/** The runtime names an entry's source exports (values, not types), sorted. */
function valueExports(entry: string): string[] {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, types: ['node'], skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
  return exported
    .filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const typeOnly = (symbol.declarations ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
      return !typeOnly && (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

function run(file: string, env: NodeJS.ProcessEnv = {}): string[] {
  const out = execFileSync(process.execPath, [file], { cwd: project, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });
  return out.split('\n').filter((l) => l !== '');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

function linkDependency(name: string): void {
  const target = join(project, 'node_modules', name);
  if (existsSync(target)) return;
  mkdirSync(join(target, '..'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', name), target, 'dir');
}

beforeAll(() => {
  ensureBuilt();
  project = mkdtempSync(join(tmpdir(), 'ecsctx-packaging-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  for (const pkg of PACKAGES) {
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', project], {
      cwd: join(repoRoot, 'packages', pkg),
      encoding: 'utf8',
    }).trim().split('\n').pop()!;
    const dest = join(project, 'node_modules', '@ecsctx', pkg);
    mkdirSync(dest, { recursive: true });
    execFileSync('tar', ['-xzf', join(project, packed), '-C', dest, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(dest, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) if (!dep.startsWith('@ecsctx/')) linkDependency(dep);
  }
  for (const peer of ['winston', 'express', 'bullmq']) linkDependency(peer);
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const SCRIPT_BODY = `
const logger = core.createEcsLogger({ name: 'consumer' });
core.runWithLoggingContext(() => {
  core.bindLoggingContext({ sessionId: 'sess-1', userId: 7 });
  logger.info('packaged', { payload: { email: 'jane@example.com' } });
}, { trace: core.traceFromHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }) });
`;

describe('the packed packages', () => {
  it.each(PACKAGES)('@ecsctx/%s ships only dist, README, LICENSE and package.json: no build info, no maps into missing sources', (pkg) => {
    const files = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: join(repoRoot, 'packages', pkg), encoding: 'utf8' });
    const paths = (JSON.parse(files) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(paths).toContain('dist/index.d.ts');
    expect(paths.filter((p) => p.includes('tsbuildinfo') || p.endsWith('.d.ts.map') || p.includes('test'))).toEqual([]);
    const named = entries.filter((e) => e.pkg === pkg).flatMap((e) => [e.dist, e.types]).map((f) => f.slice(2));
    expect(named.filter((f) => !paths.includes(f))).toEqual([]);
  });

  it.each(PACKAGES)("@ecsctx/%s: every source map in the package carries its sources, so it resolves", (pkg) => {
    const dir = join(project, 'node_modules', '@ecsctx', pkg);
    const scripts = listFiles(join(dir, 'dist')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(script, 'utf8'))?.[1];
      if (url === undefined) continue;
      const map = JSON.parse(readFileSync(join(dirname(script), url), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      map.sources.forEach((source, i) => {
        const shipped = existsSync(join(dirname(script), source));
        expect(shipped || typeof map.sourcesContent?.[i] === 'string', `${script}: ${source}`).toBe(true);
      });
    }
  });

  it('can be required from CommonJS and logs an ECS line, with @opentelemetry/api absent', async () => {
    writeFileSync(
      join(project, 'cjs.cjs'),
      `let otel = true; try { require.resolve('@opentelemetry/api'); } catch { otel = false; }
if (otel) throw new Error('@opentelemetry/api must be absent from this project');
const core = require('@ecsctx/core');\n${SCRIPT_BODY}`,
    );
    const lines = run('cjs.cjs', { PROJECT_NAME: 'consumer' });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]);
    expect(rec).toMatchObject({ message: 'packaged', session_id: 'sess-1', user: { id: '7' }, trace: { id: '0af7651916cd43dd8448eb211c80319c' } });
    expect(lines[0]).not.toContain('jane@example.com');
    expect(await checkEcsLines(lines)).toEqual([]);
  });

  it('can be imported from ESM with named imports, and require and import share one context store', async () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { createRequire } from 'node:module';
import * as core from '@ecsctx/core';
import { createEcsLogger } from '@ecsctx/core';
const required = createRequire(import.meta.url)('@ecsctx/core');
if (typeof createEcsLogger !== 'function') throw new Error('named import missing');
${SCRIPT_BODY}
const viaRequire = required.createEcsLogger({ name: 'required' });
core.runWithLoggingContext(() => { core.bindLoggingContext({ sessionId: 'shared' }); viaRequire.info('mixed'); });
`,
    );
    const lines = run('esm.mjs', { PROJECT_NAME: 'consumer' });
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]).message).toBe('packaged');
    expect(JSON.parse(lines[1])).toMatchObject({ message: 'mixed', session_id: 'shared', log: { logger: 'required' } });
    expect(await checkEcsLines(lines)).toEqual([]);
  });

  it('with --enable-source-maps, a stack frame inside the package names a TypeScript line whose text the map carries', () => {
    writeFileSync(
      join(project, 'stack.cjs'),
      `const core = require('@ecsctx/core');
try { core.resolveLogLevel('loud', { error: 0 }); } catch (error) { console.log(error.stack); }`,
    );
    const out = execFileSync(process.execPath, ['--enable-source-maps', 'stack.cjs'], { cwd: project, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const frame = /\(([^()]*log-level\.ts):(\d+):\d+\)/.exec(out);
    expect(frame, out).not.toBeNull();
    const map = JSON.parse(readFileSync(join(project, 'node_modules/@ecsctx/core/dist/logger/log-level.js.map'), 'utf8')) as { sourcesContent: string[] };
    expect(map.sourcesContent[0].split('\n')[Number(frame![2]) - 1]).toContain('throw new EcsctxOptionsError');
  });

  it.each(entries.map((e) => [e.specifier, e] as const))('%s loads from CommonJS and ESM with the names its source exports', (specifier, entry) => {
    const expected = JSON.stringify(valueExports(entry.entry));
    writeFileSync(join(project, 'entry.cjs'), `console.log(JSON.stringify(Object.keys(require('${specifier}')).sort()));`);
    // Node's namespace of a CommonJS module also has \`default\`, \`module.exports\` and the compiler's \`__esModule\` marker
    const interop = JSON.stringify(['default', 'module.exports', '__esModule']);
    writeFileSync(join(project, 'entry.mjs'), `import * as m from '${specifier}';\nconsole.log(JSON.stringify(Object.keys(m).filter((k) => !${interop}.includes(k)).sort()));`);
    expect(run('entry.cjs')).toEqual([expected]);
    expect(run('entry.mjs')).toEqual([expected]);
  });

  it('TypeScript (node16) finds the types of every entry, from CommonJS and ESM consumers', () => {
    const body = entries.map((e, i) => `import * as e${i} from '${e.specifier}';`).join('\n') + `\nexport const loaded: object[] = [${entries.map((_, i) => `e${i}`).join(', ')}];\n`;
    writeFileSync(join(project, 'consumer.cts'), body);
    writeFileSync(join(project, 'consumer.mts'), body);
    const options = { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['consumer.cts', 'consumer.mts'] }));
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      throw new Error((err as { stdout?: string }).stdout ?? String(err));
    }
    // and a name that is not in an entry is an error, so the check above can fail
    writeFileSync(join(project, 'consumer.cts'), `import { MaskedJsonWriter } from '@ecsctx/core';\nexport const w: unknown = MaskedJsonWriter;\n`);
    expect(() => execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, stdio: 'pipe' })).toThrow();
  }, 60_000);

  it.each(['express', 'bullmq'])('@ecsctx/%s loads from CommonJS and ESM', (pkg) => {
    writeFileSync(join(project, `${pkg}.cjs`), `const m = require('@ecsctx/${pkg}'); if (Object.keys(m).length === 0) throw new Error('empty'); console.log('ok');`);
    writeFileSync(join(project, `${pkg}.mjs`), `import * as m from '@ecsctx/${pkg}'; if (Object.keys(m).length < 2) throw new Error('empty'); console.log('ok');`);
    expect(run(`${pkg}.cjs`)).toEqual(['ok']);
    expect(run(`${pkg}.mjs`)).toEqual(['ok']);
  });
});

describe('the ecsctx command in this repository', () => {
  it('is linked and executable after a build, so `npx ecsctx check` works as the README shows', () => {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/link-bins.mjs')], { cwd: repoRoot });
    const out = execFileSync('npx', ['--no-install', 'ecsctx', '--help'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(out).toContain('Usage: ecsctx <command>');
    expect(out).toContain('check');
  });
});
