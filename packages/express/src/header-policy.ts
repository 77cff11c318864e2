/**
 * Which request and response headers an access-log line carries (`http.request.headers`,
 * `http.response.headers`), compiled once per middleware:
 *
 * - `true` (the default): every header except the `ignoreHeaders`;
 * - a list of names: only those (an allowlist, for teams whose policy demands one);
 * - `false`: none.
 *
 * Masking is not this module's job: the logger's chain masks `Authorization`,
 * `Proxy-Authorization`, API-key headers, `Cookie`, `Set-Cookie` and every header whose name
 * names a credential (`X-Auth-Token`, …) by key wherever they appear, so they are masked in
 * every mode, also when a list names them.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { EcsctxOptionsError } from '@ecsctx/core';

/** `true` (all but the ignored), `false` (none), or the header names to log (any case). */
export type HeaderSelection = boolean | readonly string[];

/** An HTTP field name (RFC 9110 §5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const hasOwn = Object.prototype.hasOwnProperty;

/** The compiled selection of one side (request or response) of one access-log middleware. */
export class HeaderPolicy {
  private constructor(
    /** Lower-case names to log, or `undefined` for all (minus `ignore`). */
    private readonly allow: readonly string[] | undefined,
    private readonly ignore: ReadonlySet<string>,
  ) {}

  /**
   * Checks and compiles `selection` (`where`/`name` say which option, for the error);
   * `undefined` when nothing is logged. Throws `EcsctxOptionsError` for a malformed list, and
   * for a name both listed and in `ignore` (a contradiction, not a choice to guess).
   */
  static compile(where: string, name: string, selection: unknown, ignore: ReadonlySet<string>): HeaderPolicy | undefined {
    if (selection === undefined || selection === true) return new HeaderPolicy(undefined, ignore);
    if (selection === false) return undefined;
    if (!Array.isArray(selection) || selection.some((h) => typeof h !== 'string' || !HEADER_NAME.test(h))) {
      throw new EcsctxOptionsError(`${where}: ${name} must be a boolean or an array of header names`);
    }
    const allow = [...new Set((selection as string[]).map((h) => h.toLowerCase()))];
    const both = allow.find((h) => ignore.has(h));
    if (both !== undefined) throw new EcsctxOptionsError(`${where}: header ${both} is both listed in ${name} and in ignoreHeaders`);
    return new HeaderPolicy(allow, ignore);
  }

  /**
   * The headers to log, as a plain object with string (or string-array) values; `undefined`
   * when none is left. Numbers become strings, so one header name always maps to one
   * Elasticsearch type. Only own properties are read (a listed `constructor` is not inherited).
   */
  pick(headers: IncomingHttpHeaders | OutgoingHttpHeaders): Record<string, string | string[]> | undefined {
    const out: Record<string, string | string[]> = {};
    let count = 0;
    const allow = this.allow;
    if (allow !== undefined) {
      for (let i = 0; i < allow.length; i++) {
        const name = allow[i];
        if (hasOwn.call(headers, name) && putValue(out, name, headers[name])) count++;
      }
    } else {
      const names = Object.keys(headers);
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (!this.ignore.has(name) && putValue(out, name, headers[name])) count++;
      }
    }
    return count === 0 ? undefined : out;
  }
}

/** Puts one header value (stringified) into `out`; `false` when there is no value. */
function putValue(out: Record<string, unknown>, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  let copy: string | string[];
  if (Array.isArray(value)) {
    copy = [];
    for (let j = 0; j < value.length; j++) copy.push(String(value[j]));
  } else {
    copy = String(value);
  }
  if (name === '__proto__') Object.defineProperty(out, name, { value: copy, enumerable: true, writable: true, configurable: true });
  else out[name] = copy;
  return true;
}
