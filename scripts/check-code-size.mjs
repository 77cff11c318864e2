#!/usr/bin/env node
/**
 * Lists the source files over 400 lines and the functions (declarations, methods, accessors,
 * constructors, function expressions, arrow functions) over 80 lines in packages/<name>/src,
 * generated files aside. Exits 1 when it finds any.
 *
 * Usage: node scripts/check-code-size.mjs [--max-file-lines N] [--max-function-lines N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

function numberOption(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

const MAX_FILE_LINES = numberOption('--max-file-lines', 400);
const MAX_FUNCTION_LINES = numberOption('--max-function-lines', 80);

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(?:m|c)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.includes('.generated.')) out.push(path);
  }
  return out;
}

function functionName(node) {
  if (node.name !== undefined) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent !== undefined && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent))) return parent.name.getText();
  return '(anonymous)';
}

const findings = [];
const packagesDir = join(root, 'packages');
for (const pkg of readdirSync(packagesDir, { withFileTypes: true })) {
  if (!pkg.isDirectory()) continue;
  let files;
  try {
    files = sourceFiles(join(packagesDir, pkg.name, 'src'));
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(root, file);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const lines = source.getLineAndCharacterOfPosition(text.length).line + (text.endsWith('\n') ? 0 : 1);
    if (lines > MAX_FILE_LINES) findings.push(`${name}: ${lines} lines (file)`);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const length = end - start + 1;
        if (length > MAX_FUNCTION_LINES) findings.push(`${name}:${start + 1}: ${functionName(node)} ${length} lines`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
}

for (const finding of findings) console.log(finding);
if (findings.length > 0) process.exitCode = 1;
else console.log(`no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES} lines`);
