/**
 * A Writable that writes each chunk to a file descriptor before `write()` returns, for
 * short-lived processes (scripts, CLIs, jobs that end with `process.exit()`): nothing is ever
 * queued, so nothing can be lost at exit. The price is that a log call waits for the reader:
 * when a pipe is full, the write waits (1 ms at a time) until it has room.
 */
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { reportDiagnostic } from '../diagnostics';

/** Diagnostic raised once when a synchronous write fails (the reader went away). */
const SYNC_WRITE_DIAGNOSTIC = 'ECSCTX_SYNC_WRITE_FAILED';

const WAIT = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(WAIT, 0, 0, ms);
}

/** Writes all of `data` to `fd`, waiting while the descriptor is not ready (EAGAIN). */
function writeAllSync(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      sleep(1);
    }
  }
}

/**
 * A stream over file descriptor `fd` (1 is stdout) whose writes are synchronous. A failed
 * write (the reader went away: EPIPE) ends the stream and is reported once as the
 * diagnostic `ECSCTX_SYNC_WRITE_FAILED`; it never throws from a log call.
 *
 * @example
 * const logger = createEcsLogger({ sync: true }); // uses a SyncFdStream over stdout
 */
export class SyncFdStream extends Writable {
  /** The file descriptor written to. */
  readonly fd: number;

  constructor(fd: number) {
    super({ decodeStrings: true });
    this.fd = fd;
    this.on('error', (error: NodeJS.ErrnoException) => {
      reportDiagnostic(SYNC_WRITE_DIAGNOSTIC, `a synchronous write to file descriptor ${fd} failed (${error.code ?? error.name}); later lines to it are dropped`);
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      writeAllSync(this.fd, chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
