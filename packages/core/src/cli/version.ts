/**
 * `ecsctx --version`: the version of the installed @ecsctx/core, read from its package.json
 * (two folders up from this module, in `src/cli` and in `dist/cli` alike).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package's version, or `unknown` when its package.json cannot be read. */
export function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    return manifest.name === '@ecsctx/core' && typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
