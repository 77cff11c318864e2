// After a build: make the CLI executable and link it into node_modules/.bin. npm links
// workspace bins at install time, before dist/ exists on a fresh clone, so `npx ecsctx`
// would otherwise not be found in this repository.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'node_modules', '@ecsctx', 'core', 'dist', 'cli', 'main.js');
const link = join(root, 'node_modules', '.bin', 'ecsctx');
if (existsSync(target)) {
  chmodSync(target, 0o755);
  mkdirSync(dirname(link), { recursive: true });
  let present = false;
  try {
    present = lstatSync(link).isSymbolicLink() && existsSync(link);
  } catch {
    present = false;
  }
  if (!present) {
    try {
      unlinkSync(link);
    } catch {
      // nothing to replace
    }
    symlinkSync(relative(dirname(link), target), link);
  }
}
