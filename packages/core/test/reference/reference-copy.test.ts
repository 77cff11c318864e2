/**
 * `reference/` holds copies of the cross-language contract (the Python library's vectors, the
 * ECS 1.12.0 tables and checker, the Python README) so that a plain clone tests on its own.
 * Where the upstream folder `../shared` sits beside the repository, the copy must equal it
 * byte for byte: a changed vector upstream fails here until the copy is refreshed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDir, repoRoot } from '../support/capture';

const upstreamDir = join(repoRoot, '..', 'shared');
const COPIED_FOLDERS = ['ecs', 'vectors', 'seed'] as const;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out.sort();
}

describe('reference/ (the in-repo copy of the shared contract)', () => {
  it('holds the files the tests and scripts read', () => {
    for (const file of ['vectors/pii-vectors.json', 'vectors/chain-cases.json', 'ecs/ecs-1.12.0-fields.json', 'ecs/ecs-check.mjs', 'seed/ecsctx-python-README.txt']) {
      expect(existsSync(join(referenceDir, file)), file).toBe(true);
    }
  });

  it.runIf(existsSync(upstreamDir))('is byte for byte the same as ../shared, file for file', () => {
    for (const folder of COPIED_FOLDERS) {
      const upstream = filesUnder(join(upstreamDir, folder)).map((f) => relative(upstreamDir, f));
      const copy = filesUnder(join(referenceDir, folder)).map((f) => relative(referenceDir, f));
      expect(copy, `the files of reference/${folder}`).toEqual(upstream);
      for (const file of upstream) {
        const same = readFileSync(join(upstreamDir, file)).equals(readFileSync(join(referenceDir, file)));
        expect(same, `reference/${file} differs from ../shared/${file}: copy it again`).toBe(true);
      }
    }
  });
});
