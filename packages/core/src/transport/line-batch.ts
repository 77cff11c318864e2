/**
 * Output batches of rendered lines: lines are encoded as UTF-8 straight into one reused
 * buffer, each followed by a newline, and written out with one `write` per batch.
 */
import { reportDiagnostic } from '../diagnostics';
import type { RingRecord } from './ring';
import type { RecordRenderer } from './line-record';
import { writeFully } from './worker-setup';

/** Bytes the batch starts with, and goes back to after a batch that needed more. */
const START_BYTES = 1 << 20;
const RENDER_FAILED = 'ECSCTX_TRANSPORT_RENDER_FAILED';

/** Lines gathered for one write to a file descriptor. */
export class LineBatch {
  private bytes = Buffer.allocUnsafe(START_BYTES);
  private length = 0;

  /** Appends `line` and a newline. */
  add(line: string): void {
    // a UTF-16 unit is at most 3 UTF-8 bytes; the exact count only when that bound does not fit
    let most = line.length * 3 + 1;
    if (this.length + most > this.bytes.length) {
      most = Buffer.byteLength(line, 'utf8') + 1;
      if (this.length + most > this.bytes.length) this.grow(this.length + most);
    }
    this.length += this.bytes.write(line, this.length, 'utf8');
    this.bytes[this.length++] = 10;
  }

  /** Writes what was added to `fd` (see {@link writeFully}) and empties the batch. */
  writeTo(fd: number): void {
    if (this.length === 0) return;
    const length = this.length;
    this.length = 0;
    writeFully(fd, this.bytes.subarray(0, length));
    if (this.bytes.length > START_BYTES) this.bytes = Buffer.allocUnsafe(START_BYTES);
  }

  private grow(least: number): void {
    const next = Buffer.allocUnsafe(Math.max(least, this.bytes.length * 2));
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }
}

/**
 * Renders `records` in order into `batch`: a record that renders to nothing adds no line, and
 * one whose rendering throws is reported (`ECSCTX_TRANSPORT_RENDER_FAILED`) and skipped.
 */
export function addRendered(batch: LineBatch, records: readonly RingRecord[], renderer: RecordRenderer): void {
  for (const r of records) {
    try {
      const line = renderer.render(r.kind, r.time, r.text);
      if (line !== '') batch.add(line);
    } catch (err) {
      reportDiagnostic(RENDER_FAILED, `a line could not be rendered: ${(err as Error).name}`);
    }
  }
}
