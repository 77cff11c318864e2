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
const INVALID_VERSION = 'ff';
/** Flag bits this library propagates: sampled (0x01) and random (0x02, Level 2). Others are reserved and sent as 0. */
export const PROPAGATED_FLAGS_MASK = 0x03;
/** The sampled flag (§3.2.2.5.1). */
export const FLAG_SAMPLED = 0x01;
/** The random-trace-id flag (Level 2 §3.2.2.5.2): at least the right-most 7 bytes of the trace id are random. */
export const FLAG_RANDOM = 0x02;

/** `text` without the spaces and tabs around it (OWS, RFC 9110 §5.6.3); linear, no regular expression. */
function trimOws(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && (text.charCodeAt(from) === 0x20 || text.charCodeAt(from) === 0x09)) from++;
  while (to > from && (text.charCodeAt(to - 1) === 0x20 || text.charCodeAt(to - 1) === 0x09)) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/**
 * Parses a `traceparent` value. Returns `undefined` for anything the spec calls invalid, so
 * the caller starts a new trace:
 *
 * - version 00: exactly 55 characters of lowercase hex and dashes (§3.2.2), ids not all zero;
 * - a higher version (§3.2.4): at least 55 characters, the version-00 fields at the same
 *   places, and after the flags either the end or a dash; what follows is not read (and its
 *   length is not limited here: the HTTP server's header size limit bounds it). Version `ff`
 *   is invalid;
 * - several values: an array of more than one, or a comma anywhere (`traceparent` is a
 *   singleton field, so a comma means several header lines were combined, RFC 9110 §5.3,
 *   as Node does with repeated headers), whatever the first value's version.
 */
export function parseTraceparent(header: string | readonly string[] | undefined | null): Traceparent | undefined {
  if (header === undefined || header === null) return undefined;
  if (typeof header !== 'string') {
    if (header.length !== 1) return undefined;
    header = header[0];
  }
  if (typeof header !== 'string') return undefined;
  const value = trimOws(header);
  if (value.length === TRACEPARENT_LENGTH) {
    const v00 = parseVersion00(value);
    if (v00 !== NOT_VERSION_00) return v00;
  }
  return parseHigherVersion(value);
}

/**
 * A version above 00, read as §3.2.4 says: the version-00 fields at their places in the first
 * 55 characters, then the end or a dash. `undefined` for version 00 (which is exactly 55
 * characters, handled before), `ff`, an unparsable prefix, or a comma anywhere.
 */
function parseHigherVersion(value: string): Traceparent | undefined {
  if (value.length < TRACEPARENT_LENGTH || value.indexOf(',') !== -1) return undefined;
  if (value.length > TRACEPARENT_LENGTH && value.charCodeAt(TRACEPARENT_LENGTH) !== 45) return undefined;
  const version = value.slice(0, 2);
  if (version === TRACEPARENT_VERSION || version === INVALID_VERSION || value.charCodeAt(2) !== 45) return undefined;
  if (hexDigit(value.charCodeAt(0)) < 0 || hexDigit(value.charCodeAt(1)) < 0) return undefined;
  const fields = parseVersion00(`00${value.slice(2, TRACEPARENT_LENGTH)}`);
  return fields === undefined || fields === NOT_VERSION_00 ? undefined : { ...fields, version };
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
