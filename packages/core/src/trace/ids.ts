/**
 * Random W3C ids: 16-byte trace ids and 8-byte span ids as lowercase hex, never all zero.
 * Random bytes come from a pooled buffer filled by the CSPRNG, so an id costs no syscall.
 */
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > POOL_SIZE) {
      randomFillSync(pool);
      offset = 0;
    }
    let out = '';
    let zero = true;
    for (let i = 0; i < bytes; i++) {
      const b = pool[offset + i];
      if (b !== 0) zero = false;
      out += HEX[b];
    }
    offset += bytes;
    if (!zero) return out;
  }
}

/** A new random 32-hex W3C trace id. */
export function newTraceId(): string {
  return randomHex(16);
}

/** A new random 16-hex W3C span id (also used as the `parent-id` sent out). */
export function newSpanId(): string {
  return randomHex(8);
}
