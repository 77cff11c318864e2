/**
 * The `traceparent` header, W3C Trace Context Level 1/2 §3.2.
 * @see https://www.w3.org/TR/trace-context/#traceparent-header
 */

/** A parsed `traceparent`. */
export interface Traceparent {
  /** Version byte as 2 lowercase hex (`00`, or a future version). */
  readonly version: string;
  /** 32 lowercase hex, not all zero. */
  readonly traceId: string;
  /** 16 lowercase hex, not all zero: the caller's span. */
  readonly parentId: string;
  /** The trace-flags byte as received. */
  readonly traceFlags: number;
}

/** Length of a version-00 `traceparent`. */
export const TRACEPARENT_LENGTH = 55;
/** The version this library sends. */
export const TRACEPARENT_VERSION = '00';
/** The version that is never valid. */
export const INVALID_VERSION = 'ff';
/** Flag bits this library propagates: sampled (0x01) and random (0x02, Level 2). Others are reserved and sent as 0. */
export const PROPAGATED_FLAGS_MASK = 0x03;
/** The sampled flag. */
export const FLAG_SAMPLED = 0x01;

const VERSION_00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const FUTURE_VERSION = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;
// OWS per RFC 7230: spaces and horizontal tabs around the value are ignored.
const OWS = /^[ \t]+|[ \t]+$/g;

/**
 * Parses a `traceparent` value. Returns `undefined` for anything the spec calls invalid:
 * uppercase hex, wrong lengths, version `ff`, all-zero ids, extra data after a version-00
 * value, or several values (an array, or comma-joined duplicates).
 */
export function parseTraceparent(header: string | readonly string[] | undefined | null): Traceparent | undefined {
  if (header === undefined || header === null) return undefined;
  if (typeof header !== 'string') {
    if (header.length !== 1) return undefined;
    header = header[0];
  }
  if (typeof header !== 'string' || header.length > 512) return undefined;
  const first = header.charCodeAt(0);
  const last = header.charCodeAt(header.length - 1);
  const value = first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09 ? header.replace(OWS, '') : header;
  if (value.length === TRACEPARENT_LENGTH) {
    const v00 = parseVersion00(value);
    if (v00 !== NOT_VERSION_00) return v00;
  }
  let version: string;
  let traceId: string;
  let parentId: string;
  let flags: string;
  const v00 = VERSION_00.exec(value);
  if (v00) {
    version = '00';
    traceId = v00[1];
    parentId = v00[2];
    flags = v00[3];
  } else {
    // A future version may append `-extra`; version 00 may not (checked above: VERSION_00 is exact).
    const future = FUTURE_VERSION.exec(value);
    if (!future || future[1] === '00' || future[1] === INVALID_VERSION) return undefined;
    version = future[1];
    traceId = future[2];
    parentId = future[3];
    flags = future[4];
  }
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined;
  return { version, traceId, parentId, traceFlags: parseInt(flags, 16) };
}

/** {@link parseVersion00}'s answer for a value that is not version 00: the general rules decide. */
const NOT_VERSION_00 = null;

/** The value of a lowercase hex digit, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * A 55-character version-00 value, checked character by character (no regular expression,
 * no match array): what the version-00 pattern and the all-zero checks decide. `undefined`
 * when it is an invalid version-00 value, {@link NOT_VERSION_00} when it does not start with `00-`.
 */
function parseVersion00(value: string): Traceparent | undefined | typeof NOT_VERSION_00 {
  if (value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 48 || value.charCodeAt(2) !== 45) return NOT_VERSION_00;
  if (value.charCodeAt(35) !== 45 || value.charCodeAt(52) !== 45) return undefined;
  let traceBits = 0;
  for (let i = 3; i < 35; i++) {
    const d = hexDigit(value.charCodeAt(i));
    if (d < 0) return undefined;
    traceBits |= d;
  }
  let parentBits = 0;
  for (let i = 36; i < 52; i++) {
    const d = hexDigit(value.charCodeAt(i));
    if (d < 0) return undefined;
    parentBits |= d;
  }
  const high = hexDigit(value.charCodeAt(53));
  const low = hexDigit(value.charCodeAt(54));
  if (high < 0 || low < 0 || traceBits === 0 || parentBits === 0) return undefined;
  return { version: TRACEPARENT_VERSION, traceId: value.slice(3, 35), parentId: value.slice(36, 52), traceFlags: high * 16 + low };
}

/** Formats a version-00 `traceparent`; reserved flag bits are cleared. */
export function formatTraceparent(traceId: string, parentId: string, traceFlags: number): string {
  const flags = traceFlags & PROPAGATED_FLAGS_MASK;
  return `${TRACEPARENT_VERSION}-${traceId}-${parentId}-${flags < 16 ? '0' : ''}${flags.toString(16)}`;
}
