import { Writable } from 'node:stream';

/** A real Writable that drops what it gets and counts lines, so a run can wait for the last one. */
export class DiscardSink extends Writable {
  constructor() {
    super({ decodeStrings: false });
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
