/**
 * Tests that run the packages as users do (child processes, packing, the bench, the docs'
 * runnable snippets) need the built `dist/`. `npm test` builds first; a test run on its own
 * builds here when any package's `dist` is missing or older than its `src`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './capture';

const PACKAGES = ['core', 'express', 'bullmq'] as const;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the packages (as `npm run build` does) when their dist is missing or stale. */
export function ensureBuilt(): void {
  const stale = PACKAGES.some((pkg) => {
    const dist = join(repoRoot, 'packages', pkg, 'dist');
    return !existsSync(join(dist, 'index.js')) || newestMtime(join(repoRoot, 'packages', pkg, 'src')) > newestMtime(dist);
  });
  if (!stale) return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', ...PACKAGES.map((p) => `packages/${p}`)], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'link-bins.mjs')], { cwd: repoRoot });
}
