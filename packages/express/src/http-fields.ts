/**
 * Small ECS `http.*`/`url.*`/`error.*` pieces shared by the access log, the error logger and
 * the traced `fetch`.
 */
import { STATUS_CODES } from 'node:http';

/** The winston levels used by status class. */
export interface StatusLevels {
  /** Below 400 (and the INBOUND line); default `info`. */
  success?: string;
  /** 4xx; default `warn`. */
  clientError?: string;
  /** 5xx and failures without a status; default `error`. */
  serverError?: string;
}

/** {@link StatusLevels} with every level filled in. */
export type ResolvedStatusLevels = Readonly<Required<StatusLevels>>;

/** The default levels: info below 400, warn for 4xx, error for 5xx (the rule). */
export const DEFAULT_STATUS_LEVELS: ResolvedStatusLevels = Object.freeze({ success: 'info', clientError: 'warn', serverError: 'error' });

/** The level of a response with `status`. */
export function levelForStatus(levels: ResolvedStatusLevels, status: number): string {
  return status >= 500 ? levels.serverError : status >= 400 ? levels.clientError : levels.success;
}

// http-errors' class names, which Express users see as `err.name`: "Not Found" →
// "NotFoundError", "Internal Server Error" → "InternalServerError".
const STATUS_ERROR_TYPES = new Map<number, string>();
for (const code of Object.keys(STATUS_CODES)) {
  const status = Number(code);
  if (status < 400) continue;
  let name = '';
  for (const word of (STATUS_CODES[code] as string).split(' ')) name += word.slice(0, 1).toUpperCase() + word.slice(1);
  name = name.replace(/[^ _0-9a-z]/gi, '');
  STATUS_ERROR_TYPES.set(status, name.endsWith('Error') ? name : name + 'Error');
}

/** `error.type` for a failed response whose error object is unknown (`InternalServerError`, `BadGatewayError`). */
export function statusErrorType(status: number): string {
  return STATUS_ERROR_TYPES.get(status) ?? `HttpStatus${status}Error`;
}

/** `error.type` of a thrown value: the error's `name`/class, or the value's type. */
export function errorTypeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    try {
      const name = (error as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '') return name;
      const ctor = (error as { constructor?: { name?: unknown } }).constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return ctor.name;
    } catch {
      // a throwing getter: fall through
    }
    return 'Object';
  }
  return typeof error;
}

/**
 * The status an error answers with, the way Express's final handler picks it: the error's
 * `status`/`statusCode` when it is 4xx/5xx, else the response's status when that is, else 500.
 */
export function statusOfError(error: unknown, responseStatus: number): number {
  if (error !== null && typeof error === 'object') {
    const e = error as { status?: unknown; statusCode?: unknown };
    const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
    if (status !== undefined && status >= 400 && status <= 599) return status;
  }
  return responseStatus >= 400 && responseStatus <= 599 ? responseStatus : 500;
}

/** `url.path` and `url.query` of a request target (`req.originalUrl`). */
export interface UrlParts {
  readonly path: string;
  /** Without the `?`; `undefined` when there is none or it is empty. */
  readonly query: string | undefined;
}

/**
 * Splits a request target into path and query. The path is percent-decoded when it decodes
 * cleanly (so the PII scan sees `jane@example.com`, not `jane%40example.com`).
 */
export function splitUrl(target: string): UrlParts {
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const query = q === -1 || q === target.length - 1 ? undefined : target.slice(q + 1);
  return { path: decodePath(rawPath), query };
}

function decodePath(path: string): string {
  if (path.indexOf('%') === -1) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** A `Content-Length` value as a number, or `undefined`. */
export function contentLength(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
