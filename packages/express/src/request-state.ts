/**
 * What the middlewares of this package remember about one request, kept in WeakMaps keyed by
 * the request, never on it: a property added to `req` or `res` gives the object one more
 * shape, and Node's and Express's code that reads them afterwards was measurably slower
 * (~75 k instructions per request and object under callgrind, Node 20, ~12% of a bare
 * Express request). The maps live on `globalThis` under versioned `Symbol.for` keys, so two
 * installed copies of the package share them; entries go with their request.
 */
import type { IncomingMessage } from 'node:http';
import type { TraceContext } from '@ecsctx/core';

/** The state `expressContext()` keeps for one request. */
export interface RequestState {
  /** The trace the request belongs to (continued from `traceparent`, or new). */
  readonly trace: TraceContext;
  /** The request's `span.id`. */
  readonly spanId: string;
  /** `client.ip` as Express resolved it (`req.ip`), if known. */
  readonly ip: string | undefined;
  /** The `user.id` this package bound for the request, once it did. */
  userId: string | number | undefined;
}

/**
 * A WeakMap shared through `globalThis` under `key`: made by the first copy of the package
 * that asks, found by the others.
 */
export function sharedWeakMap<V>(key: symbol): WeakMap<object, V> {
  const store = globalThis as unknown as Record<symbol, WeakMap<object, V> | undefined>;
  return store[key] ?? (store[key] = new WeakMap<object, V>());
}

const STATES = sharedWeakMap<RequestState>(Symbol.for('ecsctx.express.request-states.v2'));

/** The state of `req`, or `undefined` when `expressContext()` has not seen it. */
export function requestStateOf(req: IncomingMessage): RequestState | undefined {
  return STATES.get(req);
}

/** Attaches a new state to `req` and returns it. */
export function attachRequestState(req: IncomingMessage, trace: TraceContext, spanId: string, ip: string | undefined): RequestState {
  const state: RequestState = { trace, spanId, ip, userId: undefined };
  STATES.set(req, state);
  return state;
}

const ERRORS = sharedWeakMap<{ readonly error: unknown }>(Symbol.for('ecsctx.express.request-errors.v2'));

/**
 * Records the error of a request (set by the error logger, read by the access log); works
 * without `expressContext()`. Returns `false` when this very error was already recorded, so
 * it is logged once even when the error logger is mounted at several levels.
 */
export function recordRequestError(req: IncomingMessage, error: unknown): boolean {
  const existing = ERRORS.get(req);
  if (existing !== undefined && existing.error === error) return false;
  ERRORS.set(req, { error });
  return true;
}

/** The error recorded for `req` by the error logger, if any. */
export function requestErrorOf(req: IncomingMessage): unknown {
  const record = ERRORS.get(req);
  return record === undefined ? undefined : record.error;
}
