import { Writable } from 'node:stream';

/** The two kinds of sink the bench writes to: `bytes` (the headline) and `strings`. */
export const SINK_KINDS = ['bytes', 'strings'];

/**
 * A real Writable that drops what it gets and counts lines, so a run can wait for the last one.
 *
 * `bytes` (the default, and the headline): Writable's default `decodeStrings` turns each line
 * into UTF-8 before `_write`, as a file or a pipe does (stdout as a pipe does it in C++). A
 * logger that hands over a line built by `+=` pays here for joining its pieces, as it would
 * before any real destination wrote a byte.
 *
 * `strings`: the line is taken as it is and never read (`decodeStrings: false`): what a logger
 * costs when the joining and encoding are left out.
 */
export class DiscardSink extends Writable {
  constructor(kind = 'bytes') {
    super({ decodeStrings: kind === 'bytes' });
    this.kind = kind;
    this.count = 0;
    this.bytes = 0;
    this.waiter = undefined;
  }

  _write(chunk, _enc, callback) {
    this.count++;
    this.bytes += chunk.length;
    if (this.waiter && this.count >= this.waiter.target) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve();
    }
    callback();
  }

  /** Resolves once `target` lines have arrived in total. */
  reached(target) {
    if (this.count >= target) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiter = { target, resolve };
    });
  }
}

/** A Writable that keeps the lines it gets as text (to read what a runner wrote, untimed). */
export class CaptureSink extends Writable {
  constructor() {
    super();
    this.lines = [];
  }

  _write(chunk, _enc, callback) {
    this.lines.push(chunk.toString('utf8'));
    callback();
  }
}
