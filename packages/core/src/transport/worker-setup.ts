/**
 * What the logging thread hands the render worker when it starts it, and the helpers both
 * sides use to write lines out.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { EcsFormatOptions } from '../formats/preset';
import type { MaskingConfig } from '../formats/mask/mask-config';
import type { PiiOptions } from '../pii/index';
import type { RingMemory } from './ring';

/** Where rendered lines go: a file descriptor (1 is stdout) or a file path (appended to). */
export type LineDestination = number | string;

/** The worker's `workerData`. */
export interface WorkerSetup {
  readonly memory: RingMemory;
  readonly destination: LineDestination;
  /** The line format's options (structured-cloneable: no functions). */
  readonly format: EcsFormatOptions;
  /** How the worker configures PII: these options, or the `PII_*` variables of `env` when absent. */
  readonly pii?: PiiOptions;
  readonly env: Record<string, string | undefined>;
  readonly masking?: MaskingConfig;
  /** The logging thread's degraded-line counters (see `degradedCounterMemory`). */
  readonly degradedCounters?: SharedArrayBuffer;
}

/** What the worker tells the logging thread: a diagnostic to report, or that it is reading lines. */
export interface WorkerMessage {
  readonly diagnostic?: { readonly code: string; readonly message: string };
  readonly ready?: true;
}

/** `Atomics.waitAsync` (ES2024; Node 16 and later). */
export const waitAsync = (
  Atomics as unknown as {
    waitAsync(array: Int32Array, index: number, value: number, timeout: number): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

/** Opens `destination` for appending lines (a descriptor is used as it is). */
export function openDestination(destination: LineDestination): number {
  return typeof destination === 'number' ? destination : openSync(destination, 'a');
}

/** Closes what {@link openDestination} opened (never a descriptor it was given). */
export function closeDestination(destination: LineDestination, fd: number): void {
  if (typeof destination !== 'number') closeSync(fd);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` (a string is written as UTF-8) to `fd`, waiting out a full
 * non-blocking pipe (EAGAIN) for up to `patienceMs`. Throws on any other error.
 */
export function writeFully(fd: number, data: string | Uint8Array, patienceMs = 10_000): void {
  if (data.length === 0) return;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let done = 0;
  let waited = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN' || waited >= patienceMs) throw err;
      Atomics.wait(pause, 0, 0, 5);
      waited += 5;
    }
  }
}
