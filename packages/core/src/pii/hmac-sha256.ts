/**
 * HMAC-SHA256 under one fixed key, for short messages, in JavaScript: RFC 2104 over FIPS
 * 180-4's SHA-256, with the two key-pad blocks compressed once when the key is set. A
 * token then costs two SHA-256 compressions (three for messages of 56–119 bytes) and no
 * call into the crypto binding, whose per-call cost is most of a token's on the log path.
 * Same bytes as `createHmac('sha256', key)` (a property test compares them).
 */

/** SHA-256 round constants (FIPS 180-4 §4.2.2). */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** SHA-256 initial hash value (FIPS 180-4 §5.3.3). */
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK = 64;
/** Longest message (UTF-8 bytes) this path takes; longer ones use `createHmac`. */
export const JS_HMAC_MAX_BYTES = 1024;

// scratch shared by every instance: digest() is synchronous and never re-entered
const W = new Int32Array(64);
const STATE = new Int32Array(8);
const MESSAGE = new Uint8Array(JS_HMAC_MAX_BYTES + 2 * BLOCK);
const MESSAGE_BUFFER = Buffer.from(MESSAGE.buffer, MESSAGE.byteOffset, MESSAGE.byteLength);
const DIGEST = new Uint8Array(32);
/** Longest prefix a token may carry (`ptok:v1:` is 8). */
const MAX_PREFIX = 32;
const OUT = new Uint8Array(MAX_PREFIX + 43);
const OUT_BUFFER = Buffer.from(OUT.buffer, OUT.byteOffset, OUT.byteLength);
const B64URL_CODES = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (c) => c.charCodeAt(0));

/** One SHA-256 compression of the 16 words in `W[0..15]` into `h`. */
function compress(h: Int32Array): void {
  const w = W;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let hh = h[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + hh) | 0;
}

/** Loads the 64 bytes at `offset` of `bytes` into `W[0..15]` (big-endian words). */
function loadBlock(bytes: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + 4 * i;
    W[i] = (bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3];
  }
}

/** The state after compressing one block of `key ⊕ pad`. */
function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) block[i] = (i < key.length ? key[i] : 0) ^ pad;
  const state = Int32Array.from(IV);
  loadBlock(block, 0);
  compress(state);
  block.fill(0);
  W.fill(0);
  return state;
}

/** HMAC-SHA256 under one key of at most 64 bytes (a sub-key is 32). */
export class HmacSha256 {
  readonly #inner: Int32Array;
  readonly #outer: Int32Array;

  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new RangeError('HmacSha256: the key must be at most 64 bytes (hash longer keys first)');
    this.#inner = padState(key, 0x36);
    this.#outer = padState(key, 0x5c);
  }

  /**
   * `prefix` + base64url (no padding) of HMAC-SHA256(key, UTF-8 of `text`), or `undefined`
   * when the text is longer than {@link JS_HMAC_MAX_BYTES} in UTF-8. `prefix` is ASCII.
   */
  digestBase64url(text: string, prefix = ''): string | undefined {
    // UTF-8 never has fewer bytes than the string has UTF-16 units
    if (prefix.length > MAX_PREFIX) throw new RangeError(`HmacSha256: a prefix has at most ${MAX_PREFIX} characters`);
    const length = text.length;
    if (length > JS_HMAC_MAX_BYTES) return undefined;
    const state = STATE;
    state.set(this.#inner);
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (text.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii && length <= BLOCK - 9) loadShortAscii(text, length);
    else if (!this.hashLong(text, ascii, state)) return undefined;
    // outer hash: pad state, then the 32-byte inner digest, padded (96 bytes in all)
    for (let i = 0; i < 8; i++) W[i] = state[i];
    W[8] = 0x80000000;
    for (let i = 9; i < 15; i++) W[i] = 0;
    W[15] = (BLOCK + 32) * 8;
    state.set(this.#outer);
    compress(state);
    W.fill(0); // the schedule held the inner hash
    return encodeDigest(state, prefix);
  }

  /** The inner hash of a message that is not short ASCII, over the byte buffer. */
  private hashLong(text: string, ascii: boolean, state: Int32Array): boolean {
    const bytes = MESSAGE;
    let n: number;
    if (ascii) {
      n = text.length;
      for (let i = 0; i < n; i++) bytes[i] = text.charCodeAt(i);
    } else {
      if (Buffer.byteLength(text, 'utf8') > JS_HMAC_MAX_BYTES) return false;
      n = MESSAGE_BUFFER.write(text, 0, 'utf8');
    }
    // the message with its padding and bit length (64 + n bytes hashed in all)
    const blocks = (n + 9 + BLOCK - 1) >>> 6;
    const end = blocks * BLOCK;
    bytes[n] = 0x80;
    bytes.fill(0, n + 1, end - 4);
    const bits = (BLOCK + n) * 8;
    bytes[end - 4] = bits >>> 24;
    bytes[end - 3] = (bits >>> 16) & 0xff;
    bytes[end - 2] = (bits >>> 8) & 0xff;
    bytes[end - 1] = bits & 0xff;
    for (let b = 0; b < blocks; b++) {
      loadBlock(bytes, b * BLOCK);
      compress(state);
    }
    bytes.fill(0, 0, end); // no customer bytes stay behind
    return true;
  }
}

/** Byte `j` of the padded one-block message `text` (ASCII, `n` ≤ 55 characters). */
function paddedByte(text: string, j: number, n: number): number {
  return j < n ? text.charCodeAt(j) : j === n ? 0x80 : 0;
}

/** Loads a short ASCII message, padded, straight into `W` and compresses it into `STATE`. */
function loadShortAscii(text: string, n: number): void {
  for (let i = 0; i < 14; i++) {
    const o = 4 * i;
    W[i] = (paddedByte(text, o, n) << 24) | (paddedByte(text, o + 1, n) << 16) | (paddedByte(text, o + 2, n) << 8) | paddedByte(text, o + 3, n);
  }
  W[14] = 0;
  W[15] = (BLOCK + n) * 8;
  compress(STATE);
}

/** `prefix` + base64url of the 32 bytes in `state`, as one flat string. */
function encodeDigest(state: Int32Array, prefix: string): string {
  const out = OUT;
  let k = 0;
  for (; k < prefix.length; k++) out[k] = prefix.charCodeAt(k);
  const digest = DIGEST;
  for (let i = 0; i < 8; i++) {
    const word = state[i];
    digest[4 * i] = word >>> 24;
    digest[4 * i + 1] = (word >>> 16) & 0xff;
    digest[4 * i + 2] = (word >>> 8) & 0xff;
    digest[4 * i + 3] = word & 0xff;
  }
  for (let i = 0; i < 30; i += 3) {
    const v = (digest[i] << 16) | (digest[i + 1] << 8) | digest[i + 2];
    out[k++] = B64URL_CODES[v >>> 18];
    out[k++] = B64URL_CODES[(v >>> 12) & 63];
    out[k++] = B64URL_CODES[(v >>> 6) & 63];
    out[k++] = B64URL_CODES[v & 63];
  }
  const last = (digest[30] << 8) | digest[31];
  out[k++] = B64URL_CODES[last >>> 10];
  out[k++] = B64URL_CODES[(last >>> 4) & 63];
  out[k++] = B64URL_CODES[(last & 0xf) << 2];
  return OUT_BUFFER.toString('latin1', 0, k);
}
