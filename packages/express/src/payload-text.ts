/**
 * Bodies and query strings as they go into an access-log line: bounded, ignored keys
 * removed, PII masked *by key* while still structured, then rendered as text.
 *
 * Why text: ECS 1.12 types `http.request.body.content` and `http.response.body.content` as
 * `wildcard` strings. A body logged as an object would be mapped dynamically, key by key,
 * and two endpoints answering `{"id": 1}` and `{"id": "a"}` would give the index a mapping
 * conflict (seed §1). Why mask first: the chain's mask tokenizes values under sensitive keys
 * (`customer_name`, `email`, ...) only while they are keys; inside JSON text it would only
 * find free-text emails and phone numbers.
 */
import type { MaskOptions } from '@ecsctx/core';
import { MaskedJsonWriter, setOwn } from '@ecsctx/core/integration';

/** Objects deeper than this are cut (the line stays far below Elasticsearch's depth limit). */
export const PAYLOAD_MAX_DEPTH = 8;
/** `url.query` is an ECS keyword (`ignore_above: 1024`): longer values are cut to stay indexed. */
export const URL_QUERY_MAX_LENGTH = 1024;
/** Appended to a text that was cut. */
export const TRUNCATED_MARK = '…[truncated]';
/**
 * A string cut to the budget is masked with this many more characters than are kept, and its
 * masked text loses as many at its end: a value the cut split (half a card number, part of an
 * address) is never kept in clear. Longer than any value the detectors find whole.
 */
const CUT_WINDOW = 1024;

/** Which body a text is made for: the mask sees it at `http.<side>.body`, exempt paths apply there. */
export type PayloadSide = 'request' | 'response';

/** Where the mask sees each side's body on a line. */
const BODY_PATHS: Readonly<Record<PayloadSide, readonly string[]>> = { request: ['http', 'request', 'body'], response: ['http', 'response', 'body'] };
/** Where the mask sees the query's parameters (by name, as an object). */
const QUERY_PATH: readonly string[] = ['http', 'request', 'query'];

/** Renders bodies and query strings for one access-log middleware (options fixed at creation). */
export class PayloadText {
  private readonly masked: MaskedJsonWriter;

  constructor(
    private readonly maxLength: number,
    maskOptions: MaskOptions | undefined,
  ) {
    this.masked = new MaskedJsonWriter(maskOptions ?? {});
  }

  /**
   * The text of a parsed body: a string as is, anything else as JSON; `undefined` when there
   * is nothing to log (no body, an empty object, a raw Buffer). Never throws.
   */
  body(value: unknown, side: PayloadSide, ignore: ReadonlySet<string>): string | undefined {
    if (value === undefined || value === null) return undefined;
    try {
      // (inside the try: a Proxy's trap may throw on any read, the emptiness check included)
      if (typeof value === 'string') {
        if (value === '') return undefined;
      } else if (typeof value !== 'object' || Buffer.isBuffer(value) || isEmptyPlainObject(value)) {
        return typeof value === 'object' ? undefined : this.cut(String(value));
      }
      const copy = new BoundedCopy(this.maxLength, ignore, (text) => this.masked.mask(text, BODY_PATHS[side]) as string).value(value, 0);
      // a text body is masked as a string; anything else is masked and written as JSON in one walk
      const text = typeof copy === 'string' ? (this.masked.mask(copy, BODY_PATHS[side]) as string) : this.masked.write(copy, BODY_PATHS[side]);
      return text === undefined ? undefined : this.cut(text);
    } catch {
      return undefined;
    }
  }

  /** `url.query` with each parameter masked by its name (`?email=…&name=…`). Never throws. */
  query(raw: string): string {
    try {
      const params: Record<string, string | string[]> = {};
      let count = 0;
      for (const [key, value] of new URLSearchParams(raw)) {
        if (++count > 100) break;
        const existing = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
        if (existing === undefined) setOwn(params, key, value);
        else if (Array.isArray(existing)) existing.push(value);
        else setOwn(params, key, [existing, value]);
      }
      const masked = this.masked.mask(params, QUERY_PATH) as Record<string, string | string[]>;
      let out = '';
      for (const key of Object.keys(masked)) {
        const value = masked[key];
        const values = Array.isArray(value) ? value : [value];
        for (const v of values) out += (out === '' ? '' : '&') + escapeQuery(key) + '=' + escapeQuery(String(v));
      }
      return out.length > URL_QUERY_MAX_LENGTH ? out.slice(0, URL_QUERY_MAX_LENGTH - TRUNCATED_MARK.length) + TRUNCATED_MARK : out;
    } catch {
      return '';
    }
  }

  private cut(text: string): string {
    return text.length > this.maxLength ? text.slice(0, this.maxLength) + TRUNCATED_MARK : text;
  }
}

// Keeps `&`, `=`, `#`, `+`, `%` and blanks unambiguous; everything else stays readable.
const QUERY_ESCAPE = /[%&=#+\s]/g;
function escapeQuery(text: string): string {
  return text.replace(QUERY_ESCAPE, (c) => encodeURIComponent(c));
}

function isEmptyPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/**
 * A copy of a body that costs at most about `budget` characters of work and output: strings
 * are cut (masked first, see {@link CUT_WINDOW}), arrays and objects stop early with a count
 * of what was left out, ignored keys are dropped at any depth, `toJSON()` is honoured as
 * `JSON.stringify` (and `res.json`) would.
 */
class BoundedCopy {
  private budget: number;

  constructor(
    budget: number,
    private readonly ignore: ReadonlySet<string>,
    /** Masks a string as free text (before it is cut: mask first, cut after). */
    private readonly maskText: (text: string) => string,
  ) {
    this.budget = budget;
  }

  /** `text` cut to `keep` characters, masked before it is cut; a value the cut split is dropped whole. */
  private cutString(text: string, keep: number): string {
    const whole = text.length <= keep + CUT_WINDOW;
    const masked = this.maskText(whole ? text : text.slice(0, keep + CUT_WINDOW));
    const end = whole ? keep : Math.min(keep, masked.length - CUT_WINDOW);
    return masked.slice(0, Math.max(end, 0)) + TRUNCATED_MARK;
  }

  value(value: unknown, depth: number): unknown {
    switch (typeof value) {
      case 'string':
        if (value.length > this.budget) {
          const kept = this.cutString(value, Math.max(this.budget, 0));
          this.budget = 0;
          return kept;
        }
        this.budget -= value.length + 2;
        return value;
      case 'number':
      case 'boolean':
        this.budget -= 6;
        return value;
      case 'bigint':
        this.budget -= 20;
        return value.toString();
      case 'object':
        if (value === null) {
          this.budget -= 4;
          return null;
        }
        return this.object(value, depth);
      default:
        return undefined;
    }
  }

  private object(value: object, depth: number): unknown {
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (depth >= PAYLOAD_MAX_DEPTH) return '[…]';
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return this.value(toJSON.call(value), depth + 1);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      let i = 0;
      for (; i < value.length && this.budget > 0; i++) {
        const item = this.value(value[i], depth + 1);
        out.push(item === undefined ? null : item);
      }
      if (i < value.length) out.push(`…[${value.length - i} more items]`);
      return out;
    }
    const out: Record<string, unknown> = {};
    const keys = Object.keys(value);
    let i = 0;
    for (; i < keys.length && this.budget > 0; i++) {
      const key = keys[i];
      if (this.ignore.has(key)) continue;
      this.budget -= key.length + 4;
      const item = this.value((value as Record<string, unknown>)[key], depth + 1);
      if (item !== undefined) setOwn(out, key, item);
    }
    if (i < keys.length) setOwn(out, '…', `${keys.length - i} more keys`);
    return out;
  }
}
