/**
 * A ring of bytes in a SharedArrayBuffer with one writer (the logging thread) and one reader
 * (the render worker). Records never wrap: one that does not fit before the end starts again
 * at offset 0. The writer publishes a record by storing the new write offset; the reader frees
 * space by storing the new read offset once the record's line is written out.
 */

/** Offsets (in Int32 slots) of the ring's shared control words. */
export const CONTROL = {
  /** Byte offset where the next record will be written. */
  write: 0,
  /** Byte offset of the next record to read; everything before it (circularly) is free. */
  read: 1,
  /** 1 while the reader is about to sleep or sleeping: the writer wakes it. */
  readerSleeping: 2,
  /** 1 once the writer asks the reader to stop after draining. */
  closing: 3,
  /** 1 once the reader has stopped for good (it failed, or it was closed). */
  readerGone: 4,
} as const;

const CONTROL_BYTES = 64;
/** Record header: u32 payload bytes, u8 kind, 3 bytes unused, f64 time. */
const HEADER_BYTES = 16;
const ALIGN = 8;
/** Kind of the marker that sends the reader back to offset 0. */
const KIND_WRAP = 0xff;

const align = (n: number): number => (n + ALIGN - 1) & ~(ALIGN - 1);

/** The shared memory of one ring: its control words and its data bytes. */
export interface RingMemory {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
}

/** Allocates a ring of `capacity` data bytes (rounded up to a multiple of 8). */
export function allocateRing(capacity: number): RingMemory {
  const bytes = align(Math.max(capacity, 4096));
  return { buffer: new SharedArrayBuffer(CONTROL_BYTES + bytes), capacity: bytes };
}

/** One record as read back. */
export interface RingRecord {
  readonly kind: number;
  readonly time: number;
  readonly text: string;
}

/** The writing side (the logging thread). */
export class RingWriter {
  readonly control: Int32Array;
  private readonly view: DataView;
  private readonly bytes: Buffer;
  private readonly capacity: number;
  private position = 0;

  constructor(memory: RingMemory) {
    this.control = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
    this.view = new DataView(memory.buffer, CONTROL_BYTES);
    this.bytes = Buffer.from(memory.buffer, CONTROL_BYTES, memory.capacity);
    this.capacity = memory.capacity;
    this.position = Atomics.load(this.control, CONTROL.write);
  }

  /** The largest record that can ever fit: longer texts must not be offered. */
  get largestText(): number {
    return this.capacity / 4;
  }

  /**
   * Appends a record and publishes it, or returns false (nothing written) when the ring has no
   * room for it now. `text` must be at most {@link largestText} UTF-8 bytes.
   */
  tryWrite(kind: number, time: number, text: string): boolean {
    // an upper bound first (3 bytes per UTF-16 unit), the exact size only when that bound does not fit
    let need = align(HEADER_BYTES + text.length * 3);
    let at = this.reserve(need);
    if (at < 0) {
      need = align(HEADER_BYTES + Buffer.byteLength(text, 'utf8'));
      at = this.reserve(need);
      if (at < 0) return false;
    }
    const written = this.bytes.write(text, at + HEADER_BYTES, 'utf8');
    const view = this.view;
    view.setUint32(at, written, true);
    view.setUint8(at + 4, kind);
    view.setFloat64(at + 8, time, true);
    let next = align(at + HEADER_BYTES + written);
    if (next >= this.capacity) next = 0;
    this.position = next;
    Atomics.store(this.control, CONTROL.write, next);
    if (Atomics.load(this.control, CONTROL.readerSleeping) === 1) Atomics.notify(this.control, CONTROL.write);
    return true;
  }

  /** Whether the reader has read everything written. */
  get drained(): boolean {
    return Atomics.load(this.control, CONTROL.read) === this.position;
  }

  /** Where a record of `need` bytes can start now, or -1; writes the wrap marker when it wraps. */
  private reserve(need: number): number {
    const read = Atomics.load(this.control, CONTROL.read);
    const at = this.position;
    if (at >= read) {
      // room before the end; the write offset may reach the end only when the reader is not at 0
      if (this.capacity - at - need >= (read === 0 ? ALIGN : 0)) return at;
      if (need >= read) return -1;
      if (this.capacity - at >= HEADER_BYTES) this.view.setUint8(at + 4, KIND_WRAP);
      return 0;
    }
    return read - at - need >= ALIGN ? at : -1;
  }
}

/** The reading side (the render worker). */
export class RingReader {
  readonly control: Int32Array;
  private readonly view: DataView;
  private readonly bytes: Buffer;
  private readonly capacity: number;
  private position: number;

  constructor(memory: RingMemory) {
    this.control = new Int32Array(memory.buffer, 0, CONTROL_BYTES / 4);
    this.view = new DataView(memory.buffer, CONTROL_BYTES);
    this.bytes = Buffer.from(memory.buffer, CONTROL_BYTES, memory.capacity);
    this.capacity = memory.capacity;
    this.position = Atomics.load(this.control, CONTROL.read);
  }

  /** The records published since the last call (at most `max`), in order; frees nothing yet. */
  take(max: number): RingRecord[] {
    const out: RingRecord[] = [];
    const end = Atomics.load(this.control, CONTROL.write);
    let at = this.position;
    while (at !== end && out.length < max) {
      if (this.capacity - at < HEADER_BYTES || this.view.getUint8(at + 4) === KIND_WRAP) {
        at = 0;
        continue;
      }
      const length = this.view.getUint32(at, true);
      out.push({
        kind: this.view.getUint8(at + 4),
        time: this.view.getFloat64(at + 8, true),
        text: this.bytes.toString('utf8', at + HEADER_BYTES, at + HEADER_BYTES + length),
      });
      at = align(at + HEADER_BYTES + length);
      if (at >= this.capacity) at = 0;
    }
    this.position = at;
    return out;
  }

  /** Frees what {@link take} returned and wakes a writer waiting for room. */
  release(): void {
    Atomics.store(this.control, CONTROL.read, this.position);
    Atomics.notify(this.control, CONTROL.read);
  }

  /** The offset of the next record to read: the reader sleeps while the write offset equals it. */
  get at(): number {
    return this.position;
  }

  /** Whether nothing is left to read. */
  get empty(): boolean {
    return Atomics.load(this.control, CONTROL.write) === this.position;
  }
}
