import { Writable } from 'node:stream';

/**
 * A real Writable that drops what it gets and counts lines, so a run can wait for the last one.
 * It gets bytes, as a file or a pipe does: Writable's default `decodeStrings` turns each line
 * into UTF-8 before `_write` (stdout as a pipe does the same in C++). A sink that took the
 * strings as they are would let a logger hand over a line built by `+=` and never pay for
 * joining its pieces, which every real destination does before it writes a byte.
 */
export class DiscardSink extends Writable {
  constructor() {
    super();
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
