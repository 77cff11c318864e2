/**
 * Keysets from files (Kubernetes-mounted secrets: Vault → ESO → Secret → file).
 *
 * Files are re-read when their mtime, size or inode changes, checked every `reloadCheckMs` by
 * an unref'd timer with async I/O, so the log path never touches the disk. A file that cannot
 * be read or parsed (half-written, deleted, invalid) leaves the last good keyset in force and
 * is reported once through the diagnostics channel.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { reportDiagnostic } from '../../diagnostics';
import { PiiError } from '../../errors';
import { assertUsableKeyset, type KeysetRole } from '../keyset-checks';
import type { Keyset } from '../keyset';
import { parseKeyset } from '../parse-keyset';
import type { KeysetProvider, KeysetSnapshot } from './provider';

/** Default interval between mtime checks. */
const DEFAULT_RELOAD_CHECK_MS = 5_000;

/** Diagnostic code: a changed keyset file could not be loaded; the last good keyset is kept. */
const DIAG_KEYSET_RELOAD_FAILED = 'ECSCTX_PII_KEYSET_RELOAD_FAILED';
/** Diagnostic code: a keyset file is readable by group or others. */
const DIAG_KEYSET_PERMISSIONS = 'ECSCTX_PII_KEYSET_PERMISSIONS';

/** Where the file provider reads. */
export interface FileProviderOptions {
  /** Token keyset file. */
  readonly tokenKeysetPath: string;
  /** Reveal keyset file; read only when given (access `full`). */
  readonly revealKeysetPath?: string;
  /** Interval between mtime checks in ms. Default {@link DEFAULT_RELOAD_CHECK_MS}. */
  readonly reloadCheckMs?: number;
}

function signatureOf(stats: Stats): string {
  return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
}

function reasonOf(error: unknown): string {
  if (error instanceof PiiError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}

function loadFailed(role: KeysetRole, path: string, error: unknown): PiiError {
  const code = error instanceof PiiError ? error.code : 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE';
  return new PiiError(code, `cannot load the PII ${role} keyset file ${path}: ${reasonOf(error)}`);
}

function parseFor(role: KeysetRole, text: Buffer): Keyset {
  const keyset = parseKeyset(text);
  assertUsableKeyset(keyset, role);
  return keyset;
}

class WatchedKeysetFile {
  keyset: Keyset;
  #signature: string;

  constructor(
    readonly role: KeysetRole,
    readonly path: string,
    keyset: Keyset,
    stats: Stats,
  ) {
    this.keyset = keyset;
    this.#signature = signatureOf(stats);
  }

  /** Reloads when the file changed; returns whether a new keyset was installed. Never throws. */
  async check(): Promise<boolean> {
    let signature: string;
    try {
      signature = signatureOf(await stat(this.path));
    } catch (error) {
      this.#failed(error);
      return false;
    }
    if (signature === this.#signature) return false;
    // Remember the stat taken before the read: if the writer is still busy, its next write changes it again.
    this.#signature = signature;
    try {
      this.keyset = parseFor(this.role, await readFile(this.path));
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  #failed(error: unknown): void {
    reportDiagnostic(
      DIAG_KEYSET_RELOAD_FAILED,
      `PII ${this.role} keyset file ${this.path} could not be reloaded (${reasonOf(error)}); keeping the last good keyset`,
    );
  }
}

class FileKeysetProvider implements KeysetProvider {
  readonly name = 'file' as const;
  #snapshot: KeysetSnapshot;
  #timer: NodeJS.Timeout | undefined;
  #checking = false;

  constructor(
    readonly files: readonly WatchedKeysetFile[],
    reloadCheckMs: number,
  ) {
    this.#snapshot = this.#build();
    this.#timer = setInterval(() => void this.checkNow(), reloadCheckMs);
    this.#timer.unref();
  }

  current(): KeysetSnapshot {
    return this.#snapshot;
  }

  /** Checks every file once now (what the timer does). Resolves when done; never rejects. */
  async checkNow(): Promise<void> {
    if (this.#checking || this.#timer === undefined) return;
    this.#checking = true;
    try {
      let changed = false;
      for (const file of this.files) changed = (await file.check()) || changed;
      if (changed && this.#timer !== undefined) this.#snapshot = this.#build();
    } finally {
      this.#checking = false;
    }
  }

  close(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #build(): KeysetSnapshot {
    return { token: this.files[0].keyset, reveal: this.files[1]?.keyset };
  }
}

function warnIfShared(files: readonly { path: string; stats: Stats }[]): void {
  if (process.platform === 'win32') return;
  const shared = files.filter(({ stats }) => (stats.mode & 0o044) !== 0);
  if (shared.length === 0) return;
  const list = shared.map(({ path, stats }) => `${path} (mode ${(stats.mode & 0o777).toString(8).padStart(4, '0')})`);
  reportDiagnostic(
    DIAG_KEYSET_PERMISSIONS,
    `PII keyset file${shared.length > 1 ? 's are' : ' is'} readable by group or others: ${list.join(', ')}; restrict to the owner (chmod 600)`,
  );
}

function roles(options: FileProviderOptions): [KeysetRole, string][] {
  const list: [KeysetRole, string][] = [['token', options.tokenKeysetPath]];
  if (options.revealKeysetPath !== undefined) list.push(['reveal', options.revealKeysetPath]);
  return list;
}

/**
 * Opens the file provider synchronously (the lazy auto-configuration of the first PII use).
 *
 * @throws PiiError when a file cannot be read, parsed or used.
 */
export function openFileProviderSync(options: FileProviderOptions): KeysetProvider & { checkNow(): Promise<void> } {
  const loaded = roles(options).map(([role, path]) => {
    try {
      const stats = statSync(path);
      return { role, path, stats, keyset: parseFor(role, readFileSync(path)) };
    } catch (error) {
      throw loadFailed(role, path, error);
    }
  });
  warnIfShared(loaded);
  return new FileKeysetProvider(
    loaded.map(({ role, path, keyset, stats }) => new WatchedKeysetFile(role, path, keyset, stats)),
    options.reloadCheckMs ?? DEFAULT_RELOAD_CHECK_MS,
  );
}

/**
 * Opens the file provider: reads and checks every file, warns once when one is readable by
 * group or others, and starts the reload timer.
 *
 * @throws PiiError when a file cannot be read, parsed or used.
 */
export async function openFileProvider(options: FileProviderOptions): Promise<KeysetProvider & { checkNow(): Promise<void> }> {
  const loaded = await Promise.all(
    roles(options).map(async ([role, path]) => {
      try {
        const stats = await stat(path);
        return { role, path, stats, keyset: parseFor(role, await readFile(path)) };
      } catch (error) {
        throw loadFailed(role, path, error);
      }
    }),
  );
  warnIfShared(loaded);
  return new FileKeysetProvider(
    loaded.map(({ role, path, keyset, stats }) => new WatchedKeysetFile(role, path, keyset, stats)),
    options.reloadCheckMs ?? DEFAULT_RELOAD_CHECK_MS,
  );
}
