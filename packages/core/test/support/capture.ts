/**
 * A real `stream.Writable` that collects what a real winston logger writes. Every line a
 * capture receives is checked with `reference/ecs/ecs-check.mjs` after each test (see
 * `ecs-setup.ts`), so no test can write a line Elasticsearch would choke on.
 */
import { Writable } from 'node:stream';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Capture {
  readonly stream: Writable;
  readonly lines: string[];
  /** Parsed lines. */
  records(): Record<string, any>[];
}

export interface CaptureOptions {
  /** Delay each write by this many ms (a slow transport, to cause backpressure). */
  delayMs?: number;
  highWaterMark?: number;
}

const open: Capture[] = [];

export function createCapture(options: CaptureOptions = {}): Capture {
  const lines: string[] = [];
  const stream = new Writable({
    objectMode: false,
    highWaterMark: options.highWaterMark,
    write(chunk: Buffer | string, _enc, callback) {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line !== '') lines.push(line);
      if (options.delayMs) setTimeout(callback, options.delayMs);
      else callback();
    },
  });
  const capture: Capture = { stream, lines, records: () => lines.map((l) => JSON.parse(l)) };
  open.push(capture);
  return capture;
}

/** Captures created since the last call (the setup file checks them after each test). */
export function takeCaptures(): Capture[] {
  return open.splice(0, open.length);
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The in-repo copy of the reference data (ECS tables, Python vectors, the seed README). */
export const referenceDir = join(repoRoot, 'reference');

/** Appends lines to the sample the before-stop hook and humans can check by hand. */
export function appendSample(lines: readonly string[]): void {
  const file = join(repoRoot, '.tmp', 'ecs-sample', `${process.pid}.ndjson`);
  mkdirSync(dirname(file), { recursive: true });
  if (lines.length > 0) appendFileSync(file, lines.join('\n') + '\n');
}
