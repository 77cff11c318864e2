/**
 * The layers of `packages/core/src`, lowest first: a module imports only from its own layer
 * or a lower one (docs/architecture.md). The entry files (`index.ts`, `integration.ts`,
 * `field-tables.ts`) re-export from every layer and are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';

const SRC = join(repoRoot, 'packages', 'core', 'src');
const ENTRIES = new Set(['index.ts', 'integration.ts', 'field-tables.ts']);

/** Each layer's folders, lowest first ('' is the root files: tables, errors, health). */
const LAYERS: readonly (readonly string[])[] = [
  [''],
  ['ecs'],
  ['serialize'],
  ['pii', 'pii/providers'],
  ['trace'],
  ['otel'],
  ['context'],
  ['formats/mask'],
  ['formats'],
  ['logger'],
  ['transport'],
  ['check'],
  ['cli', 'cli/commands'],
];

function layerOf(folder: string): number {
  const at = LAYERS.findIndex((folders) => folders.includes(folder));
  if (at === -1) throw new Error(`src/${folder} is in no layer: add it to LAYERS and to docs/architecture.md`);
  return at;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** The imports of the files `sources` (path below src/ → text) that go to a higher layer. */
function upwardImports(sources: ReadonlyMap<string, string>): string[] {
  const upward: string[] = [];
  for (const [rel, text] of sources) {
    if (ENTRIES.has(rel)) continue;
    const from = dirname(rel) === '.' ? '' : dirname(rel);
    for (const m of text.matchAll(IMPORT)) {
      const target = relative(SRC, resolve(SRC, dirname(rel), m[1]));
      const to = dirname(target) === '.' ? '' : dirname(target);
      if (layerOf(to) > layerOf(from)) upward.push(`${rel} -> ${target}`);
    }
  }
  return upward;
}

describe('layers of @ecsctx/core', () => {
  it('no module imports from a higher layer', () => {
    const sources = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), readFileSync(file, 'utf8')] as const));
    expect(upwardImports(sources)).toEqual([]);
  });

  it('the check finds an upward import, static or dynamic, and passes one that goes down', () => {
    const sources = new Map([
      ['serialize/a.ts', "import { x } from '../logger/b';"],
      ['formats/c.ts', "const d = await import('../transport/d');"],
      ['logger/e.ts', "import { f } from '../serialize/f';"],
      ['index.ts', "export { g } from './cli/g';"],
    ]);
    expect(upwardImports(sources)).toEqual(['serialize/a.ts -> logger/b', 'formats/c.ts -> transport/d']);
    expect(() => layerOf('nowhere')).toThrow(/no layer/);
  });
});
