/**
 * The `tracestate` header, W3C Trace Context Level 2 §3.3 (the Level 1 Recommendation's rules
 * where Level 2 keeps them).
 * @see https://www.w3.org/TR/trace-context-2/#tracestate-header
 */

/** One `key=value` list member. */
export interface TracestateEntry {
  readonly key: string;
  readonly value: string;
}

/** A list has at most this many members (§3.3.1.1); a header with more is dropped. */
export const TRACESTATE_MAX_MEMBERS = 32;
/** Propagated `tracestate` is cut to at most this many characters, by whole entries (§3.3.1.5). */
export const TRACESTATE_MAX_LENGTH = 512;
/** Entries longer than this are the first to go when truncating (§3.3.1.5). */
const TRACESTATE_LARGE_ENTRY = 128;

// key      = ( lcalpha / DIGIT ) 0*255 ( keychar )
// keychar  = lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@"
// (Level 2; it accepts every key of Level 1's simple-key / multi-tenant-key grammar)
const KEY = /^[a-z0-9][a-z0-9_\-*/@]{0,255}$/;
// value    = 0*255(chr) nblk-chr ; chr = %x20 / nblk-chr ; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;

/** True when `key` matches the list-member key grammar of Level 2 §3.3.1.3.1. */
export function isValidTracestateKey(key: string): boolean {
  return KEY.test(key);
}

/** Index of the first character of `text` in [from, to) that is not a space or a tab. */
function skipOws(text: string, from: number, to: number): number {
  while (from < to) {
    const c = text.charCodeAt(from);
    if (c !== 0x20 && c !== 0x09) break;
    from++;
  }
  return from;
}

/** One past the last character of `text` in [from, to) that is not a space or a tab. */
function trimOwsEnd(text: string, from: number, to: number): number {
  while (to > from) {
    const c = text.charCodeAt(to - 1);
    if (c !== 0x20 && c !== 0x09) break;
    to--;
  }
  return to;
}

/**
 * The member `text[from, to)` (spaces and tabs around it already skipped) as an entry, or
 * `undefined` when it breaks the key or value grammar.
 */
function parseMember(text: string, from: number, to: number): TracestateEntry | undefined {
  const eq = text.indexOf('=', from);
  if (eq <= from || eq >= to) return undefined;
  const key = text.slice(from, eq);
  const value = text.slice(eq + 1, to);
  return KEY.test(key) && VALUE.test(value) ? { key, value } : undefined;
}

/**
 * Parses `tracestate` (one value, or several header lines combined in order, RFC 9110 §5.3).
 *
 * - Spaces and tabs around members are ignored, and so are empty members (§3.3.1.1).
 * - A repeated key is kept as received: the spec leaves duplicates to the vendor that wrote
 *   them (only adding one is forbidden, and a receiver MAY discard them, §3.5).
 * - The whole header is dropped (`undefined`) when a member breaks the key or value grammar
 *   or the list has more than 32 members: it cannot be parsed (§3.5, "MAY discard the entire
 *   header").
 * - There is no length limit on what is read; what is sent on is cut to 512 characters by
 *   {@link formatTracestate}. The scan is linear and stops at the 33rd member.
 *
 * `undefined` also when no member is left (an empty header is accepted, and there is nothing
 * to propagate).
 */
export function parseTracestate(header: string | readonly string[] | undefined | null): TracestateEntry[] | undefined {
  if (header === undefined || header === null) return undefined;
  const text = typeof header === 'string' ? header : header.join(',');
  const entries: TracestateEntry[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(',', start);
    if (end === -1) end = text.length;
    const from = skipOws(text, start, end);
    const to = trimOwsEnd(text, from, end);
    if (from < to) {
      if (entries.length === TRACESTATE_MAX_MEMBERS) return undefined;
      const entry = parseMember(text, from, to);
      if (entry === undefined) return undefined;
      entries.push(entry);
    }
    start = end + 1;
  }
  return entries.length === 0 ? undefined : entries;
}

/**
 * Serializes entries for propagation, at most {@link TRACESTATE_MAX_LENGTH} characters:
 * when the list is longer, whole entries go, those over {@link TRACESTATE_LARGE_ENTRY}
 * characters first, then entries from the end (§3.3.1.5). `undefined` when nothing is left,
 * so an empty `tracestate` is never sent.
 */
export function formatTracestate(entries: readonly TracestateEntry[] | undefined): string | undefined {
  if (!entries || entries.length === 0) return undefined;
  const parts = entries.slice(0, TRACESTATE_MAX_MEMBERS).map((e) => `${e.key}=${e.value}`);
  let length = parts.reduce((n, p) => n + p.length, 0) + parts.length - 1;
  for (let i = parts.length - 1; i >= 0 && length > TRACESTATE_MAX_LENGTH; i--) {
    if (parts[i].length > TRACESTATE_LARGE_ENTRY) {
      length -= parts[i].length + (parts.length > 1 ? 1 : 0);
      parts.splice(i, 1);
    }
  }
  while (parts.length > 0 && length > TRACESTATE_MAX_LENGTH) {
    const removed = parts.pop() as string;
    length -= removed.length + (parts.length > 0 ? 1 : 0);
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
