/**
 * Writing keyset files from the CLI: owner-only (0600), never clobbering by accident, and
 * atomically when replacing (write a temp file next to it, then rename), so a service's file
 * provider never reads a half-written keyset.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Keyset } from '../pii/keyset';
import { toKeysetDocument } from '../pii/keyset-document';
import { CliUsageError } from './io';

/** Mode of every keyset file the CLI writes. */
export const KEYSET_FILE_MODE = 0o600;

function writeNew(file: string, text: string): void {
  const fd = openSync(file, 'wx', KEYSET_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `keyset` as JSON (its own format) to `file` with mode 0600.
 *
 * @throws CliUsageError when `file` exists and `replace` is false.
 */
export function writeKeysetFile(file: string, keyset: Keyset, replace: boolean): void {
  const text = JSON.stringify(toKeysetDocument(keyset), null, 2) + '\n';
  if (!replace) {
    try {
      writeNew(file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new CliUsageError(`${file} already exists; pass --force to replace it`);
      }
      throw error;
    }
    return;
  }
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeNew(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
