/**
 * docs/ cannot rot: generated sections are in sync with the code; every TypeScript block says
 * what it is, `ts run` (a whole program: compiled, run, and every ECS line it prints checked)
 * or `ts fragment` (part of a program: compiled against the public types, not run); every
 * example log line in a `json` block passes the shared checker; each page says how to install
 * the packages its code imports; the API reference lists no members inherited from other
 * packages; and every export of every package has TSDoc.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';
import { checkEcsLines } from '../support/ecs-check';
import { ensureBuilt } from '../support/built';
import { publicEntries } from '../support/entries';

interface Block {
  file: string;
  index: number;
  lang: string;
  /** The words after the language on the fence line (`run`, `fragment`). */
  tags: string[];
  run: boolean;
  code: string;
}

/** The two kinds of TypeScript block. */
const TS_KINDS = ['run', 'fragment'] as const;

const docsDir = join(repoRoot, 'docs');
const snippetsDir = join(repoRoot, '.tmp', 'docs-snippets');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? (d.name === 'api' ? [] : markdownFiles(join(dir, d.name))) : d.name.endsWith('.md') ? [join(dir, d.name)] : [],
  );
}

function blocks(): Block[] {
  const out: Block[] = [];
  for (const file of [...markdownFiles(docsDir), join(repoRoot, 'README.md'), ...['core', 'express', 'bullmq'].map((p) => join(repoRoot, 'packages', p, 'README.md'))]) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const re = /^```([a-z]+)([^\n]*)\n([\s\S]*?)^```$/gm;
    let index = 0;
    for (const m of text.matchAll(re)) {
      const tags = m[2].trim().split(/\s+/).filter((t) => t !== '');
      out.push({ file: file.slice(repoRoot.length + 1), index: index++, lang: m[1], tags, run: tags.includes('run'), code: m[3] });
    }
  }
  return out;
}

function listTs(dir: string): string[] {
  return listFiles(dir).filter((f) => f.endsWith('.ts'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

const all = blocks();
const tsBlocks = all.filter((b) => b.lang === 'ts' || b.lang === 'typescript');
const snippetName = (b: Block): string => `${b.file.replace(/[/.]/g, '_')}_${b.index}.ts`;

beforeAll(() => {
  ensureBuilt();
  rmSync(snippetsDir, { recursive: true, force: true });
  mkdirSync(snippetsDir, { recursive: true });
  for (const b of tsBlocks) writeFileSync(join(snippetsDir, snippetName(b)), `${b.code}\nexport {};\n`);
}, 120_000);

describe('docs', () => {
  it('has code blocks to check', () => {
    expect(tsBlocks.length).toBeGreaterThan(15);
    expect(tsBlocks.filter((b) => b.run).length).toBeGreaterThan(8);
  });

  it('every TypeScript block is tagged `ts run` (a whole program, run here) or `ts fragment` (compiled only)', () => {
    const untagged = tsBlocks
      .filter((b) => b.tags.length !== 1 || !(TS_KINDS as readonly string[]).includes(b.tags[0]))
      .map((b) => `${b.file} #${b.index}: \`\`\`${[b.lang, ...b.tags].join(' ')} (tag it \`ts run\` or \`ts fragment\`)`);
    expect(untagged).toEqual([]);
  });

  it('a run block is a program on its own: no declared stand-ins for values it does not make', () => {
    const standIns = tsBlocks.filter((b) => b.run && /^\s*declare\s+(const|let|var|function)\b/m.test(b.code)).map((b) => `${b.file} #${b.index}`);
    expect(standIns).toEqual([]);
  });

  it('each page says how to install every package its code imports beyond @ecsctx/core', () => {
    // @ecsctx/core and what it brings (winston) are the README's first install line
    const core = JSON.parse(readFileSync(join(repoRoot, 'packages/core/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const given = new Set(['@ecsctx/core', ...Object.keys(core.dependencies)]);
    const missing: string[] = [];
    for (const file of new Set(tsBlocks.map((b) => b.file))) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const installed = new Set(
        [...text.matchAll(/npm (?:install|i|uninstall|remove) ([^\n`&;|#]+)/g)].flatMap((m) => m[1].trim().split(/\s+/)).map((p) => p.replace(/(.)@[\^~]?\d.*$/, '$1')),
      );
      const imported = new Set(
        tsBlocks
          .filter((b) => b.file === file)
          .flatMap((b) => [...b.code.matchAll(/from '([^'.][^']*)'/g)].map((m) => m[1]))
          .filter((spec) => !spec.startsWith('node:'))
          .map((spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])),
      );
      for (const pkg of imported) if (!given.has(pkg) && !installed.has(pkg)) missing.push(`${file}: ${pkg}`);
    }
    expect(missing).toEqual([]);
  });

  it('the API reference lists no member inherited from another package', () => {
    const ownSource = ['core', 'express', 'bullmq']
      .flatMap((p) => listTs(join(repoRoot, 'packages', p, 'src')))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const declaredHere = (type: string): boolean => new RegExp(`\\b(?:interface|class|type)\\s+${type}\\b`).test(ownSource);
    const foreign: string[] = [];
    const pages = listFiles(join(docsDir, 'api')).filter((f) => f.endsWith('.md'));
    expect(pages.length).toBeGreaterThanOrEqual(publicEntries().length);
    for (const page of pages) {
      const name = page.slice(join(docsDir, 'api').length + 1);
      const lines = readFileSync(page, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (line.trim() !== '###### Inherited from') return;
        const source = lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';
        // constructors stay (how to make one); anything else must come from this repository's own types
        const type = /`?([A-Za-z_$][\w$]*)`?[.\]]/.exec(source)?.[1] ?? '';
        if (!source.includes('](#') && !source.endsWith('.constructor`') && !declaredHere(type)) foreign.push(`${name}: ${source}`);
      });
    }
    expect(foreign).toEqual([]);
    expect(readFileSync(join(docsDir, 'api', '@ecsctx', 'bullmq.md'), 'utf8').split('\n').length).toBeLessThan(2500);
  });

  it('generated sections and the API reference are in sync with the code', () => {
    try {
      execFileSync(process.execPath, [join(repoRoot, 'scripts/generate-docs.mjs'), '--check'], { cwd: repoRoot, encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string };
      throw new Error(`${e.stderr ?? ''}${e.stdout ?? ''}`);
    }
  }, 120_000);

  it('every ts block compiles against the public API', () => {
    const config = ts.readConfigFile(join(repoRoot, 'tsconfig.test.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false, allowUnreachableCode: true };
    const files = tsBlocks.map((b) => join(snippetsDir, snippetName(b)));
    const program = ts.createProgram(files, options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && d.file.fileName.startsWith(snippetsDir))
      .map((d) => {
        const name = d.file!.fileName.slice(snippetsDir.length + 1);
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${name}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 120_000);

  it.each(tsBlocks.filter((b) => b.run).map((b) => [`${b.file} #${b.index}`, b] as const))('runs %s', async (_name, b) => {
    const js = ts.transpileModule(b.code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const file = join(snippetsDir, snippetName(b).replace(/\.ts$/, '.cjs'));
    writeFileSync(file, js);
    const out = execFileSync(process.execPath, [file], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH, PROJECT_NAME: 'docs', REDIS_URL: process.env.REDIS_URL } });
    const lines = out.split('\n').filter((l) => l.startsWith('{'));
    expect(await checkEcsLines(lines)).toEqual([]);
  }, 60_000);

  it('every example log line passes the ECS checker', async () => {
    const examples = all.filter((b) => b.lang === 'json' && b.code.includes('"@timestamp"'));
    expect(examples.length).toBeGreaterThan(0);
    for (const b of examples) {
      const lines = b.code.trim().startsWith('{"') ? b.code.trim().split('\n') : [JSON.stringify(JSON.parse(b.code))];
      expect(await checkEcsLines(lines), `${b.file} #${b.index}`).toEqual([]);
    }
  });

  it('every export of every entry of every package has TSDoc', () => {
    const missing: string[] = [];
    const entries = publicEntries();
    const program = ts.createProgram(
      entries.map((e) => e.entry),
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, types: ['node'], skipLibCheck: true, noEmit: true },
    );
    const checker = program.getTypeChecker();
    for (const { specifier, entry } of entries) {
      const source = program.getSourceFile(entry)!;
      const moduleSymbol = checker.getSymbolAtLocation(source)!;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const docs = symbol.getDocumentationComment(checker);
        const hasJsDoc = (symbol.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
        if (docs.length === 0 && !hasJsDoc) missing.push(`${specifier}: ${exported.name}`);
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
