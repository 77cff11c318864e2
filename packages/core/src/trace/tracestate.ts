/**
 * The `tracestate` header, W3C Trace Context §3.3.
 * @see https://www.w3.org/TR/trace-context/#tracestate-header
 */

/** One `key=value` list member. */
export interface TracestateEntry {
  readonly key: string;
  readonly value: string;
}

/** At most this many list members are kept. */
export const TRACESTATE_MAX_MEMBERS = 32;
/** Propagated `tracestate` is cut to at most this many characters, by whole entries. */
export const TRACESTATE_MAX_LENGTH = 512;
/** Entries longer than this are the first to go when truncating (§3.3.1.5). */
export const TRACESTATE_LARGE_ENTRY = 128;

// key = simple-key / multi-tenant-key (the current spec grammar)
//   simple-key       = lcalpha 0*255( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
//   multi-tenant-key = tenant-id "@" system-id
//   tenant-id        = ( lcalpha / DIGIT ) 0*240( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
//   system-id        = lcalpha 0*13( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
const SIMPLE_KEY = /^[a-z][a-z0-9_\-*/]{0,255}$/;
const MULTI_TENANT_KEY = /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/;
// value = 0*255(chr) nblk-chr ; chr = %x20 / nblk-chr ; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
const OWS = /^[ \t]+|[ \t]+$/g;

/** True when `key` matches the list-member key grammar. */
export function isValidTracestateKey(key: string): boolean {
  return SIMPLE_KEY.test(key) || MULTI_TENANT_KEY.test(key);
}

/**
 * Parses `tracestate` (one value, or several header lines combined in order). Returns
 * `undefined` when any member is invalid or a key repeats: the spec drops the whole header
 * then. More than 32 members also drops it.
 */
export function parseTracestate(header: string | readonly string[] | undefined | null): TracestateEntry[] | undefined {
  if (header === undefined || header === null) return undefined;
  const combined = typeof header === 'string' ? header : header.join(',');
  if (combined.length > 8192) return undefined;
  const entries: TracestateEntry[] = [];
  const seen = new Set<string>();
  const members = combined.split(',');
  for (let i = 0; i < members.length; i++) {
    const member = members[i].replace(OWS, '');
    if (member === '') continue; // empty list members are allowed and ignored
    const eq = member.indexOf('=');
    if (eq <= 0) return undefined;
    const key = member.slice(0, eq);
    const value = member.slice(eq + 1);
    if (!isValidTracestateKey(key) || !VALUE.test(value) || seen.has(key)) return undefined;
    seen.add(key);
    entries.push({ key, value });
  }
  if (entries.length === 0 || entries.length > TRACESTATE_MAX_MEMBERS) return undefined;
  return entries;
}

/**
 * Serializes entries for propagation, truncated to {@link TRACESTATE_MAX_LENGTH} by whole
 * entries: entries over {@link TRACESTATE_LARGE_ENTRY} characters go first, then entries from the end.
 */
export function formatTracestate(entries: readonly TracestateEntry[] | undefined): string | undefined {
  if (!entries || entries.length === 0) return undefined;
  const parts = entries.slice(0, TRACESTATE_MAX_MEMBERS).map((e) => `${e.key}=${e.value}`);
  let length = parts.reduce((n, p) => n + p.length, 0) + parts.length - 1;
  for (let i = parts.length - 1; i >= 0 && length > TRACESTATE_MAX_LENGTH; i--) {
    if (parts[i].length > TRACESTATE_LARGE_ENTRY) {
      length -= parts[i].length + 1;
      parts.splice(i, 1);
    }
  }
  while (parts.length > 0 && length > TRACESTATE_MAX_LENGTH) {
    const removed = parts.pop() as string;
    length -= removed.length + 1;
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}
