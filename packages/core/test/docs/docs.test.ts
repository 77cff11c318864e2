/**
 * docs/ cannot rot: generated sections are in sync with the code, every `ts` block compiles
 * against the packages' public types, every `ts run` block runs and its ECS lines pass the
 * shared checker, every example log line in a `json` block passes it too, and every export
 * of every package has TSDoc.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';
import { checkEcsLines } from '../support/ecs-check';
import { ensureBuilt } from '../support/built';

interface Block {
  file: string;
  index: number;
  lang: string;
  run: boolean;
  code: string;
}

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
      out.push({ file: file.slice(repoRoot.length + 1), index: index++, lang: m[1], run: /\brun\b/.test(m[2]), code: m[3] });
    }
  }
  return out;
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
    expect(tsBlocks.some((b) => b.run)).toBe(true);
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
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, allowUnreachableCode: true };
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
    expect(lines.length).toBeGreaterThan(0);
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

  it('every export of every package has TSDoc', () => {
    const missing: string[] = [];
    for (const pkg of ['core', 'express', 'bullmq']) {
      const entry = join(repoRoot, 'packages', pkg, 'src', 'index.ts');
      if (!existsSync(entry)) continue;
      const program = ts.createProgram([entry], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, types: ['node'], skipLibCheck: true, noEmit: true });
      const checker = program.getTypeChecker();
      const source = program.getSourceFile(entry)!;
      const moduleSymbol = checker.getSymbolAtLocation(source)!;
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const docs = symbol.getDocumentationComment(checker);
        const hasJsDoc = (symbol.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
        if (docs.length === 0 && !hasJsDoc) missing.push(`@ecsctx/${pkg}: ${exported.name}`);
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
