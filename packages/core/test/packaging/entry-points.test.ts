/**
 * What each entry of @ecsctx/core is for, kept checkable:
 * - the root entry, `@ecsctx/core`, is the user API: a root name that @ecsctx/express or
 *   @ecsctx/bullmq import is also used by a guide, a README or the example (or is a type in
 *   the signature of a name that is);
 * - `@ecsctx/core/integration` holds what those two packages need beyond the root, and
 *   nothing else; users' pages never import it;
 * - the sibling packages reach core through its declared entries only, by named imports;
 * - inside `src/`, modules import each other by path, never through an entry;
 * - every entry is resolved alike by the tests (vitest aliases), the test tsconfig and the
 *   API reference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { sourceAliases } from '../../../../vitest.workspace.ts';
import { repoRoot } from '../support/capture';
import { ensureBuilt } from '../support/built';
import { publicEntries } from '../support/entries';

const SIBLINGS = ['express', 'bullmq'] as const;
const entries = publicEntries();
const coreEntries = entries.filter((e) => e.pkg === 'core');
const ROOT = '@ecsctx/core';
const INTEGRATION = '@ecsctx/core/integration';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

const sourcesOf = (pkg: string): string[] => listFiles(join(repoRoot, 'packages', pkg, 'src')).filter((f) => f.endsWith('.ts'));

/** The pages and code a user reads: the guides (not design notes nor the generated reference), the READMEs, the example. */
function userTexts(): Map<string, string> {
  const files = [
    ...readdirSync(join(repoRoot, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(repoRoot, 'docs', n)),
    join(repoRoot, 'README.md'),
    ...['core', 'express', 'bullmq'].map((p) => join(repoRoot, 'packages', p, 'README.md')),
    ...listFiles(join(repoRoot, 'examples')).filter((f) => !f.includes(`${join('examples', 'test')}`) && /\.(c|m)?[jt]s$/.test(f)),
  ];
  return new Map(files.map((f) => [relative(repoRoot, f), readFileSync(f, 'utf8')]));
}

interface CoreImport {
  file: string;
  specifier: string;
  /** The imported names; `undefined` for a form that hides them (`import * as`, a default import, `require`). */
  names: string[] | undefined;
}

/** Every place a module reaches @ecsctx/core: static imports, re-exports, `require` and `import()`. */
function coreImportsOf(file: string): CoreImport[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: CoreImport[] = [];
  const isCore = (node: ts.Node | undefined): node is ts.StringLiteral => node !== undefined && ts.isStringLiteral(node) && (node.text === ROOT || node.text.startsWith(`${ROOT}/`));
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isCore(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) && clause.name === undefined;
      found.push({ file, specifier: node.moduleSpecifier.text, names: named ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : undefined });
    } else if (ts.isExportDeclaration(node) && isCore(node.moduleSpecifier)) {
      const clause = node.exportClause;
      found.push({ file, specifier: node.moduleSpecifier.text, names: clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : undefined });
    } else if (ts.isCallExpression(node) && isCore(node.arguments[0]) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      found.push({ file, specifier: (node.arguments[0] as ts.StringLiteral).text, names: undefined });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const siblingImports = (): CoreImport[] => SIBLINGS.flatMap((pkg) => sourcesOf(pkg).flatMap(coreImportsOf));

/** The names an entry's built declarations export, with the text that declares each (no bodies in a .d.ts). */
function declaredExports(program: ts.Program, dtsFile: string): Map<string, string> {
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(dtsFile)!)!;
  return new Map(
    checker.getExportsOfModule(moduleSymbol).map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      return [exported.name, (symbol.declarations ?? []).map((d) => d.getText()).join('\n')] as const;
    }),
  );
}

const mentions = (text: string, name: string): boolean => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text);

/** `names`, and every name of `declared` that their declarations name, and so on. */
function withTheirTypes(names: Iterable<string>, declared: Map<string, string>): Set<string> {
  const reached = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of [...reached]) {
      for (const other of declared.keys()) {
        if (!reached.has(other) && mentions(declared.get(name) ?? '', other)) {
          reached.add(other);
          grew = true;
        }
      }
    }
  }
  return reached;
}

let exportsOf: Map<string, Map<string, string>>;

beforeAll(() => {
  ensureBuilt();
  const dts = new Map(coreEntries.map((e) => [e.specifier, join(repoRoot, 'packages', 'core', e.dist.replace(/\.js$/, '.d.ts'))]));
  const program = ts.createProgram([...dts.values()], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, types: ['node'], skipLibCheck: true, noEmit: true });
  exportsOf = new Map([...dts].map(([specifier, file]) => [specifier, declaredExports(program, file)]));
}, 120_000);

describe('the entries of @ecsctx/core', () => {
  it('the sibling packages reach core only through its declared entries, by named imports', () => {
    const imports = siblingImports();
    expect(imports.length).toBeGreaterThan(10);
    const declared = new Set(coreEntries.map((e) => e.specifier));
    expect(imports.filter((i) => !declared.has(i.specifier)).map((i) => `${relative(repoRoot, i.file)}: ${i.specifier}`)).toEqual([]);
    expect(imports.filter((i) => i.names === undefined).map((i) => `${relative(repoRoot, i.file)}: ${i.specifier} (use named imports)`)).toEqual([]);
  });

  it('@ecsctx/core/integration holds what @ecsctx/express and @ecsctx/bullmq import from it (and the types of those), nothing else', () => {
    const integration = exportsOf.get(INTEGRATION)!;
    const imported = siblingImports().filter((i) => i.specifier === INTEGRATION).flatMap((i) => i.names ?? []);
    expect(imported.length).toBeGreaterThan(3);
    expect([...integration.keys()].sort()).toEqual([...withTheirTypes(imported, integration)].sort());
  });

  it('a root name that the sibling packages import is user API too: a guide, a README or the example uses it, or it is a type in the signature of one that is', () => {
    const root = exportsOf.get(ROOT)!;
    const texts = [...userTexts().values()];
    const userApi = withTheirTypes(
      [...root.keys()].filter((name) => texts.some((t) => mentions(t, name))),
      root,
    );
    const fromRoot = new Set(siblingImports().filter((i) => i.specifier === ROOT).flatMap((i) => i.names ?? []));
    expect(fromRoot.size).toBeGreaterThan(5);
    const onlySiblings = [...fromRoot].filter((name) => !userApi.has(name)).map((name) => `${name}: only @ecsctx/express or @ecsctx/bullmq use it; move it to ${INTEGRATION}, or document it for users`);
    expect(onlySiblings).toEqual([]);
  });

  it('the guides, the READMEs and the example never import @ecsctx/core/integration', () => {
    const importing = new RegExp(`(?:from\\s*|require\\(\\s*|import\\(\\s*)['"]${INTEGRATION}['"]`);
    const users = [...userTexts()].filter(([, text]) => importing.test(text)).map(([file]) => file);
    expect(users).toEqual([]);
  });

  it('inside src/, modules import each other by path, never through an entry', () => {
    const entryFiles = new Set(entries.map((e) => e.entry));
    const throughEntry: string[] = [];
    for (const pkg of ['core', ...SIBLINGS]) {
      for (const file of sourcesOf(pkg)) {
        const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
        for (const statement of source.statements) {
          const spec = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
          if (spec === undefined || !spec.startsWith('.')) continue;
          const target = resolve(dirname(file), spec);
          const targets = [target, `${target}.ts`, join(target, 'index.ts')];
          if (targets.some((t) => entryFiles.has(t) && existsSync(t))) throughEntry.push(`${relative(repoRoot, file)}: ${spec}`);
        }
      }
    }
    expect(throughEntry).toEqual([]);
  });

  it('every entry resolves alike in the tests (vitest aliases), the test tsconfig and the API reference', () => {
    const specifiers = entries.map((e) => e.specifier).sort();
    expect(coreEntries.map((e) => e.key)).toEqual(expect.arrayContaining(['.', './check', './integration']));
    const aliases = sourceAliases as Record<string, string>;
    expect(Object.keys(aliases).sort()).toEqual(specifiers);
    for (const e of entries) expect(aliases[e.specifier], e.specifier).toBe(e.entry);
    // a subpath alias must come before its package's: an alias also matches what starts with it and a `/`
    const order = Object.keys(aliases);
    for (const e of entries) if (e.key !== '.') expect(order.indexOf(e.specifier), e.specifier).toBeLessThan(order.indexOf(e.specifier.split('/').slice(0, 2).join('/')));

    const tsconfig = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.test.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(Object.keys(tsconfig.compilerOptions.paths).sort()).toEqual(specifiers);
    for (const e of entries) expect(tsconfig.compilerOptions.paths[e.specifier].map((p) => join(repoRoot, p)), e.specifier).toEqual([e.entry]);

    const typedoc = JSON.parse(readFileSync(join(repoRoot, 'typedoc.json'), 'utf8')) as { entryPoints: string[] };
    expect(typedoc.entryPoints.map((p) => join(repoRoot, p)).sort()).toEqual(entries.map((e) => e.entry).sort());
  });
});
