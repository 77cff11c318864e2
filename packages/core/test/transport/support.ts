/**
 * The built package (the worker runs the compiled render-worker.js, as users run it), a token
 * keyset, temp files and child processes for the worker transport's tests.
 */
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot } from '../support/capture';
import { ensureBuilt } from '../support/built';

/** The built @ecsctx/core. */
export type Core = typeof import('../../src/index');

export const CORE_DIST = join(repoRoot, 'packages/core/dist/index.js');

export function builtCore(): Core {
  ensureBuilt();
  return createRequire(import.meta.url)(CORE_DIST) as Core;
}

/** A token keyset document (the static provider takes it as it is). */
export function keysetDocument(): Record<string, unknown> {
  return {
    schema_version: 1,
    primary_kid: 'test-1',
    keys: { 'test-1': { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: '2026-01-01T00:00:00Z' } },
  };
}

/** A temp dir, with a file path in it for lines, and its cleanup. */
export function tempLines(): { dir: string; file: string; lines: () => string[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ecsctx-worker-'));
  const file = join(dir, 'lines.ndjson');
  return {
    dir,
    file,
    lines: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : []),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `script` (CommonJS text; `CORE` is the built package's path) in a fresh Node process. */
export function runScript(dir: string, script: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  ensureBuilt();
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, `const CORE = ${JSON.stringify(CORE_DIST)};\n${script}`);
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, maxBuffer: 256 * 2 ** 20, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
