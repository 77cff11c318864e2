#!/usr/bin/env node
/**
 * Writes `packages/core/src/ecs/ecs-fields.generated.ts`, the ECS 1.12.0 type table that
 * `ecsctx check` ships with, from the shared field table `ecs-1.12.0-fields.json`
 * (elastic/ecs v1.12.0, `generated/ecs/ecs_flat.yml` in compact form).
 *
 * Usage (from anywhere):
 *   node packages/core/scripts/generate-ecs-fields.mjs [FIELDS_JSON] [--check]
 *
 * FIELDS_JSON defaults to `reference/ecs/ecs-1.12.0-fields.json` (the in-repo copy).
 * `--check` writes nothing and exits 1 when the committed file differs from what would be
 * written (the test suite does the same comparison with `renderEcsFieldsModule`).
 *
 * Plain Node, no dependencies. The output is deterministic: fields and object paths sorted
 * by code unit, one per line, so a regeneration diff shows exactly what ECS changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');

/** Where the shared field table sits by default (`reference/ecs/`, the in-repo copy). */
export const DEFAULT_FIELDS_PATH = join(REPO_ROOT, 'reference', 'ecs', 'ecs-1.12.0-fields.json');
/** The generated module. */
export const OUTPUT_PATH = join(REPO_ROOT, 'packages', 'core', 'src', 'ecs', 'ecs-fields.generated.ts');

const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const quote = (s) => JSON.stringify(s);

/**
 * The TypeScript module for a parsed `ecs-*-fields.json` document.
 *
 * @param {{ version: string, source?: { repository?: string, tag?: string }, fields: Record<string, { type: string, object_type?: string }> }} doc
 * @returns {string}
 */
export function renderEcsFieldsModule(doc) {
  if (doc === null || typeof doc !== 'object' || typeof doc.version !== 'string' || doc.fields === null || typeof doc.fields !== 'object') {
    throw new TypeError('not an ECS field table: expected { version, fields }');
  }
  const names = Object.keys(doc.fields).sort(byCodeUnit);
  const types = new Set();
  const objectPaths = new Set();
  const keywordObjects = [];
  for (const name of names) {
    const field = doc.fields[name];
    if (typeof field?.type !== 'string') throw new TypeError(`field ${name} has no type`);
    types.add(field.type);
    if (field.object_type === 'keyword') keywordObjects.push(name);
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) objectPaths.add(parts.slice(0, i).join('.'));
  }
  for (const path of objectPaths) {
    const field = doc.fields[path];
    if (field !== undefined && !['object', 'nested', 'flattened'].includes(field.type)) {
      throw new TypeError(`field ${path} is a ${field.type} and also the parent of other fields`);
    }
  }
  const source = doc.source?.tag ? `${doc.source.repository ?? 'elastic/ecs'} ${doc.source.tag}` : 'elastic/ecs';
  const out = [];
  out.push('/**');
  out.push(` * ECS ${doc.version} field types and object paths, for \`ecsctx check\`.`);
  out.push(' *');
  out.push(` * GENERATED from ecs-${doc.version}-fields.json (${source}) by`);
  out.push(' * `node packages/core/scripts/generate-ecs-fields.mjs`. Do not edit by hand; a test fails when');
  out.push(' * this file and the shared field table differ.');
  out.push(' */');
  out.push('');
  out.push(`/** An Elasticsearch field type used by ECS ${doc.version}. */`);
  out.push(`export type EcsFieldType =\n${[...types].sort(byCodeUnit).map((t) => `  | ${quote(t)}`).join('\n')};`);
  out.push('');
  out.push('/** The ECS version of this table. */');
  out.push(`export const ECS_FIELDS_VERSION = ${quote(doc.version)};`);
  out.push('');
  out.push(`/** Every ECS ${doc.version} field (${names.length}), by dotted name, with its Elasticsearch type. */`);
  out.push('export const ECS_FIELD_TYPES: Readonly<Record<string, EcsFieldType>> = {');
  for (const name of names) out.push(`  ${quote(name)}: ${quote(doc.fields[name].type)},`);
  out.push('};');
  out.push('');
  out.push('/**');
  out.push(' * Every proper prefix of an ECS field name: field sets and intermediate objects');
  out.push(' * (`error`, `http.request`, `log.origin`, ...). A value there is a mapping conflict.');
  out.push(' */');
  out.push('export const ECS_OBJECT_PATHS: readonly string[] = [');
  for (const path of [...objectPaths].sort(byCodeUnit)) out.push(`  ${quote(path)},`);
  out.push('];');
  out.push('');
  out.push('/** Object fields whose children are keywords (`object_type: keyword`): their values must be scalars. */');
  out.push(`export const ECS_KEYWORD_OBJECTS: readonly string[] = [${keywordObjects.map(quote).join(', ')}];`);
  out.push('');
  return out.join('\n');
}

function main(argv) {
  const check = argv.includes('--check');
  const positional = argv.filter((a) => a !== '--check');
  if (positional.length > 1 || positional.some((a) => a.startsWith('-'))) {
    process.stderr.write('Usage: node generate-ecs-fields.mjs [FIELDS_JSON] [--check]\n');
    return 2;
  }
  const fieldsPath = resolve(positional[0] ?? DEFAULT_FIELDS_PATH);
  const text = renderEcsFieldsModule(JSON.parse(readFileSync(fieldsPath, 'utf8')));
  const shown = relative(process.cwd(), OUTPUT_PATH) || OUTPUT_PATH;
  if (check) {
    let current = '';
    try {
      current = readFileSync(OUTPUT_PATH, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current !== text) {
      process.stderr.write(`${shown} is out of date: run node packages/core/scripts/generate-ecs-fields.mjs\n`);
      return 1;
    }
    process.stdout.write(`${shown} is up to date\n`);
    return 0;
  }
  writeFileSync(OUTPUT_PATH, text);
  process.stdout.write(`wrote ${shown} from ${fieldsPath}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
