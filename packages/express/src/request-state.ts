/**
 * What the middlewares of this package remember about one request, kept on the request
 * object under a versioned `Symbol.for` key (two copies of the package share it).
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

const REQUEST_STATE = Symbol.for('ecsctx.express.request-state.v1');

type WithState = IncomingMessage & { [REQUEST_STATE]?: RequestState };

/** The state of `req`, or `undefined` when `expressContext()` has not seen it. */
export function requestStateOf(req: IncomingMessage): RequestState | undefined {
  return (req as WithState)[REQUEST_STATE];
}

/** Attaches a new state to `req` and returns it. */
export function attachRequestState(req: IncomingMessage, trace: TraceContext, spanId: string, ip: string | undefined): RequestState {
  const state: RequestState = { trace, spanId, ip, userId: undefined };
  (req as WithState)[REQUEST_STATE] = state;
  return state;
}

const REQUEST_ERROR = Symbol.for('ecsctx.express.request-error.v1');

type WithError = IncomingMessage & { [REQUEST_ERROR]?: { readonly error: unknown } };

/**
 * Records the error of a request (set by the error logger, read by the access log); works
 * without `expressContext()`. Returns `false` when this very error was already recorded, so
 * it is logged once even when the error logger is mounted at several levels.
 */
export function recordRequestError(req: IncomingMessage, error: unknown): boolean {
  const target = req as WithError;
  const existing = target[REQUEST_ERROR];
  if (existing !== undefined && existing.error === error) return false;
  target[REQUEST_ERROR] = { error };
  return true;
}

/** The error recorded for `req` by the error logger, if any. */
export function requestErrorOf(req: IncomingMessage): unknown {
  const record = (req as WithError)[REQUEST_ERROR];
  return record === undefined ? undefined : record.error;
}
