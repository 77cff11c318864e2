/**
 * Real keyset files in temp dirs, and a diagnostics capture, for the PII tests.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resetDiagnostics, setDiagnosticHandler, type Diagnostic } from '../../src/diagnostics';

/** A fresh temp dir and its cleanup. */
export function makeTempDir(prefix = 'ecsctx-pii-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `doc` (object or raw text) to `dir/name` with `mode` (default 0600); returns the path. */
export function writeKeysetFile(dir: string, name: string, doc: unknown, mode = 0o600): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2), { mode });
  chmodSync(file, mode);
  return file;
}

/** Captures diagnostics from now until `restore()`; resets the dedupe memory both ways. */
export function captureDiagnostics(): { list: Diagnostic[]; restore: () => void } {
  const list: Diagnostic[] = [];
  resetDiagnostics();
  const previous = setDiagnosticHandler((d) => list.push(d));
  return {
    list,
    restore: () => {
      setDiagnosticHandler(previous);
      resetDiagnostics();
    },
  };
}

/** Waits until `check()` is true (polling), or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
