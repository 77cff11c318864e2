/**
 * The two base64 readings PII needs: the forgiving one Python applies to a keyset's `key_b64`
 * (so every keyset Python loads, Node loads to the same bytes), and the strict base64url
 * (RFC 4648 §5, no padding) this port requires inside ciphertexts.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-5
 */

const BASE64URL_STRICT = /^[A-Za-z0-9_-]*$/;

// Sextet value of each ASCII code for the union of both alphabets; 255 = not an alphabet character.
const SEXTET = new Uint8Array(128).fill(255);
{
  const standard = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) SEXTET[standard.charCodeAt(i)] = i;
  SEXTET['-'.charCodeAt(0)] = 62;
  SEXTET['_'.charCodeAt(0)] = 63;
}
const PAD = 0x3d; // '='

/** Encodes bytes as base64url without padding (what `ptok`/`penc` values and `key_b64` use). */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes a keyset's `key_b64` the way Python's `base64.urlsafe_b64decode` (non-strict
 * `binascii.a2b_base64`) does: both alphabets, characters outside them (spaces, newlines) are
 * skipped, `=` padding optional, and a complete pad sequence ends the input. A data length of
 * 1 mod 4 is an error, as in Python; missing padding is not (Python's loader pads first).
 *
 * Throws an `Error` whose message names only counts, never input characters.
 */
export function decodeKeyBase64(text: string): Buffer {
  const out = Buffer.allocUnsafe(Math.ceil((text.length * 3) / 4));
  let length = 0;
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new Error('base64 text contains a non-ASCII character');
    if (code === PAD) {
      // Mirrors CPython's a2b_base64: a pad after 2 or 3 data characters may end the input.
      if (quadPos >= 2 && quadPos + ++pads >= 4) break;
      continue;
    }
    const sextet = SEXTET[code];
    if (sextet === 255) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        left = sextet;
        quadPos = 1;
        break;
      case 1:
        out[length++] = (left << 2) | (sextet >> 4);
        left = sextet & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out[length++] = (left << 4) | (sextet >> 2);
        left = sextet & 0x03;
        quadPos = 3;
        break;
      default:
        out[length++] = (left << 6) | sextet;
        quadPos = 0;
    }
  }
  if (quadPos === 1) {
    const dataCharacters = Math.floor(length / 3) * 4 + 1;
    throw new Error(
      `invalid base64: number of data characters (${dataCharacters}) cannot be 1 more than a multiple of 4`,
    );
  }
  const bytes = Buffer.alloc(length);
  out.copy(bytes, 0, 0, length);
  out.fill(0);
  return bytes;
}

/**
 * Decodes strict base64url without padding: only `A–Z a–z 0–9 - _`, length not 1 mod 4.
 * Returns `undefined` for anything else (`=`, `+`, `/`, whitespace, other characters).
 */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  if (text.length % 4 === 1 || !BASE64URL_STRICT.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}
