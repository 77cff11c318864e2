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

/** `x` rotated right by `n` bits (V8 compiles the pattern to one rotate). */
function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/**
 * One SHA-256 compression of the 16 words in `W[0..15]` into `h`. The rounds are unrolled
 * by eight: each round's eight working variables are the previous round's, shifted by one,
 * so naming them by round instead of moving them saves seven moves a round.
 * `Ch(e, f, g)` is written `g ^ (e & (f ^ g))` and `Maj(a, b, c)` `(a & b) | (c & (a | b))`.
 */
function compress(h: Int32Array): void {
  const w = W;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = h[0];
  let b = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let f = h[5];
  let g = h[6];
  let h7 = h[7];
  let t = 0;
  for (let i = 0; i < 64; i += 8) {
    t = (h7 + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (g ^ (e & (f ^ g))) + K[i] + w[i]) | 0;
    d = (d + t) | 0;
    h7 = (t + (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) | (c & (a | b)))) | 0;
    t = (g + (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) + (f ^ (d & (e ^ f))) + K[i + 1] + w[i + 1]) | 0;
    c = (c + t) | 0;
    g = (t + (rotr(h7, 2) ^ rotr(h7, 13) ^ rotr(h7, 22)) + ((h7 & a) | (b & (h7 | a)))) | 0;
    t = (f + (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) + (e ^ (c & (d ^ e))) + K[i + 2] + w[i + 2]) | 0;
    b = (b + t) | 0;
    f = (t + (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) + ((g & h7) | (a & (g | h7)))) | 0;
    t = (e + (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) + (d ^ (b & (c ^ d))) + K[i + 3] + w[i + 3]) | 0;
    a = (a + t) | 0;
    e = (t + (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) + ((f & g) | (h7 & (f | g)))) | 0;
    t = (d + (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) + (c ^ (a & (b ^ c))) + K[i + 4] + w[i + 4]) | 0;
    h7 = (h7 + t) | 0;
    d = (t + (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) + ((e & f) | (g & (e | f)))) | 0;
    t = (c + (rotr(h7, 6) ^ rotr(h7, 11) ^ rotr(h7, 25)) + (b ^ (h7 & (a ^ b))) + K[i + 5] + w[i + 5]) | 0;
    g = (g + t) | 0;
    c = (t + (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) + ((d & e) | (f & (d | e)))) | 0;
    t = (b + (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) + (a ^ (g & (h7 ^ a))) + K[i + 6] + w[i + 6]) | 0;
    f = (f + t) | 0;
    b = (t + (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) + ((c & d) | (e & (c | d)))) | 0;
    t = (a + (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) + (h7 ^ (f & (g ^ h7))) + K[i + 7] + w[i + 7]) | 0;
    e = (e + t) | 0;
    a = (t + (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) + ((b & c) | (d & (b | c)))) | 0;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + b) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
  h[5] = (h[5] + f) | 0;
  h[6] = (h[6] + g) | 0;
  h[7] = (h[7] + h7) | 0;
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
    // short ASCII (most values) goes straight into the schedule; anything else byte by byte
    if (length > BLOCK - 9 || !loadShortAscii(text, length)) {
      if (!this.hashLong(text, state)) return undefined;
    } else compress(state);
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
  private hashLong(text: string, state: Int32Array): boolean {
    const bytes = MESSAGE;
    let n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        // not ASCII: UTF-8 by the buffer (it overwrites what the loop wrote)
        if (Buffer.byteLength(text, 'utf8') > JS_HMAC_MAX_BYTES) {
          bytes.fill(0, 0, i);
          return false;
        }
        n = MESSAGE_BUFFER.write(text, 0, 'utf8');
        break;
      }
      bytes[i] = c;
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

/**
 * Loads a short message (at most 55 characters), padded as one block, straight into `W`
 * when it is ASCII (its bytes are its characters). False when it is not: `W` is then
 * overwritten by the long way.
 */
function loadShortAscii(text: string, n: number): boolean {
  const w = W;
  for (let i = 0; i < 16; i++) w[i] = 0;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c >= 0x80) return false;
    w[j >>> 2] |= c << (24 - ((j & 3) << 3));
  }
  w[n >>> 2] |= 0x80 << (24 - ((n & 3) << 3));
  w[15] = (BLOCK + n) * 8;
  return true;
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
