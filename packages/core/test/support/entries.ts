/**
 * The public entries of the packages, read from each `package.json` `exports` map: what a
 * user can import (`@ecsctx/core`, `@ecsctx/core/check`, ...), with the source file each
 * one is built from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './capture';

/** One `exports` entry of one package. */
export interface PublicEntry {
  /** The package folder: `core`, `express`, `bullmq`. */
  pkg: string;
  /** What a user imports: `@ecsctx/core/check`. */
  specifier: string;
  /** The `exports` key: `.` or `./check`. */
  key: string;
  /** The built file the entry loads, relative to the package (`./dist/check/index.js`). */
  dist: string;
  /** Its declarations, relative to the package (`./dist/check/index.d.ts`). */
  types: string;
  /** The source it is built from, absolute (`.../packages/core/src/check/index.ts`). */
  entry: string;
}

const PACKAGES = ['core', 'express', 'bullmq'] as const;

interface Manifest {
  name: string;
  exports: Record<string, string | { types: string; default: string }>;
}

/** Every entry but `./package.json`, package by package, `.` first. */
export function publicEntries(): PublicEntry[] {
  return PACKAGES.flatMap((pkg) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8')) as Manifest;
    return Object.entries(manifest.exports).flatMap(([key, target]) => {
      if (typeof target === 'string') return [];
      const entry = join(repoRoot, 'packages', pkg, target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
      return [{ pkg, specifier: key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`, key, dist: target.default, types: target.types, entry }];
    });
  });
}
