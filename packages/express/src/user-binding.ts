/**
 * Binding `user.id` once authentication has run: the Express form of the seed's
 * `LoggingContextMiddleware.process_view()`, which re-binds `user_id` after Django's auth
 * middleware (seed §3, §7 "Middleware Ordering").
 *
 * Express has no "after every middleware, before the view" hook, so the binding happens where
 * the middleware stands, and a wrong order is caught instead of being silently logged without
 * a user: when no user was known at the binding point, the response's `end()` checks once
 * more. If the user is known by then and no `user.id` was bound meanwhile, the middleware ran
 * before authentication, and every line of the request lacked `user.id`. Outside production
 * this answers `500` with a message saying how to fix the order (`orderCheck: 'fail'`); it
 * can instead only report a diagnostic (`'warn'`) or not check (`'off'`, the production
 * default: no cost at all).
 */
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { bindLoggingContext, getLoggingContext } from '@ecsctx/core';
import { reportDiagnostic } from '@ecsctx/core/integration';
import { requestStateOf } from './request-state';
import { checkFunction, checkOneOf, checkOptionsObject } from './options-checks';

/** A `user.id` value. */
export type UserId = string | number;

/**
 * Reads the authenticated user's id from a request (`req.user?.id` for Passport,
 * `req.auth?.sub` for express-jwt). `null`/`undefined` when the request is anonymous.
 */
export type GetUserId = (req: Request) => UserId | null | undefined;

/** What the middleware-order check does when it finds the order wrong. */
export type OrderCheckMode = 'fail' | 'warn' | 'off';

/** Options of {@link bindUser} (and the user part of `expressContext`). */
export interface UserBindingOptions {
  /**
   * The middleware-order check: `'fail'` answers `500` with a message (and reports the
   * diagnostic), `'warn'` only reports the diagnostic {@link ORDER_DIAGNOSTIC}, `'off'` does
   * not check. Default: `'off'` when `NODE_ENV` is `production`, else `'fail'`.
   */
  orderCheck?: OrderCheckMode;
  /** The environment read for `NODE_ENV`, once, at creation (tests); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Diagnostic code: the user became known only after `user.id` was to be bound. */
export const ORDER_DIAGNOSTIC = 'ECSCTX_EXPRESS_MIDDLEWARE_ORDER';
/** Diagnostic code: `getUserId` threw or returned something that is not an id. */
export const USER_ID_DIAGNOSTIC = 'ECSCTX_EXPRESS_USER_ID_INVALID';
/** Diagnostic code: `bindUser()` ran for a request that `expressContext()` did not open. */
export const NO_CONTEXT_DIAGNOSTIC = 'ECSCTX_EXPRESS_NO_CONTEXT';

/** The text of the order failure (response body in `'fail'` mode, and the diagnostic). */
export const ORDER_MESSAGE =
  'ecsctx: user.id was not bound for this request: the user became known only after the ecsctx middleware ran, ' +
  'so the lines logged while serving it have no user.id. Put expressContext({ getUserId }) or bindUser(getUserId) ' +
  'AFTER your authentication middleware; with route-level authentication, add bindUser(getUserId) after it on that route; ' +
  'a handler that logs the user in itself should call bindLoggingContext({ userId }). ' +
  "(This check answers 500 outside production; set orderCheck: 'warn' or 'off' to change that.)";

/** The armed order checks, by response (a WeakMap, not a property: see `request-state`). */
const ORDER_CHECKS = new WeakMap<ServerResponse, OrderCheck>();

interface OrderCheck {
  readonly binder: UserBinder;
  readonly req: Request;
  readonly end: ServerResponse['end'];
  done: boolean;
}

/** Binds `user.id` for requests and arms the order check; one per middleware. */
export class UserBinder {
  constructor(
    private readonly getUserId: GetUserId,
    readonly mode: OrderCheckMode,
  ) {}

  /** Binds the user of `req` in the current scope when known; otherwise arms the order check. */
  bind(req: Request, res: ServerResponse): void {
    const state = requestStateOf(req);
    if (state === undefined) {
      reportDiagnostic(
        NO_CONTEXT_DIAGNOSTIC,
        'bindUser() ran for a request that expressContext() did not open: add app.use(expressContext()) before it',
      );
      return;
    }
    const userId = this.read(req);
    if (userId !== undefined) {
      if (bindLoggingContext({ userId })) state.userId = userId;
      return;
    }
    this.armOrderCheck(req, res);
  }

  /**
   * Arms the order check for a request whose user is unknown now: its `res.end()` checks
   * whether the user became known later (see the module comment).
   */
  armOrderCheck(req: Request, res: ServerResponse): void {
    if (this.mode !== 'off' && !ORDER_CHECKS.has(res)) {
      // outside production only (the default mode there is 'off'): res.end becomes an own property
      ORDER_CHECKS.set(res, { binder: this, req, end: res.end, done: false });
      res.end = endWithOrderCheck as ServerResponse['end'];
    }
  }

  /** The user id of `req`, or `undefined` (anonymous, or `getUserId` failed). Never throws. */
  read(req: Request): UserId | undefined {
    let value: unknown;
    try {
      value = this.getUserId(req);
    } catch {
      reportDiagnostic(USER_ID_DIAGNOSTIC, 'getUserId threw; the request is logged without user.id');
      return undefined;
    }
    if (typeof value === 'string' ? value !== '' : typeof value === 'number' && Number.isFinite(value)) return value as UserId;
    if (value !== undefined && value !== null && value !== '') {
      reportDiagnostic(USER_ID_DIAGNOSTIC, `getUserId returned a ${typeof value}; user.id must be a string or a number`);
    }
    return undefined;
  }
}

/** True when the user is known now but no `user.id` was bound for the request. */
function isMisordered(check: OrderCheck): boolean {
  const state = requestStateOf(check.req);
  if (state !== undefined && state.userId !== undefined) return false;
  const context = getLoggingContext();
  if (context !== undefined && context.userId !== undefined) return false;
  return check.binder.read(check.req) !== undefined;
}

/** Replaces `res.end` of a request whose user was unknown at the binding point. */
function endWithOrderCheck(this: ServerResponse): ServerResponse {
  const check = ORDER_CHECKS.get(this) as OrderCheck;
  // eslint-disable-next-line prefer-rest-params
  const args = arguments as unknown as Parameters<ServerResponse['end']>;
  if (check.done) return check.end.apply(this, args);
  check.done = true;
  if (!isMisordered(check)) return check.end.apply(this, args);
  reportDiagnostic(ORDER_DIAGNOSTIC, ORDER_MESSAGE);
  if (check.binder.mode !== 'fail' || this.headersSent) return check.end.apply(this, args);
  this.statusCode = 500;
  this.removeHeader('Content-Length');
  this.removeHeader('ETag');
  this.setHeader('Content-Type', 'text/plain; charset=utf-8');
  return (check.end as (chunk: string) => ServerResponse).call(this, ORDER_MESSAGE + '\n');
}

/** The order-check mode from options, defaulting by `NODE_ENV`. */
export function resolveOrderCheck(where: string, options: UserBindingOptions): OrderCheckMode {
  const mode = checkOneOf<OrderCheckMode>(where, 'orderCheck', options.orderCheck, ['fail', 'warn', 'off']);
  if (mode !== undefined) return mode;
  const env = options.env ?? process.env;
  return env.NODE_ENV === 'production' ? 'off' : 'fail';
}

/**
 * A middleware that binds `user.id` for the rest of the request: put it after the
 * authentication middleware (app-level, on a router, or on one route after route-level
 * authentication). The request must have been opened by `expressContext()` earlier.
 *
 * @example
 * app.use(expressContext());                      // first: trace, span, client.ip
 * app.use(authenticate);                          // sets req.user
 * app.use(bindUser((req) => req.user?.id));       // user.id from here on
 *
 * @see seed README §7 (Middleware Ordering)
 */
export function bindUser(getUserId: GetUserId, options: UserBindingOptions = {}): RequestHandler {
  checkFunction('bindUser', 'getUserId', getUserId, false);
  checkOptionsObject('bindUser', options);
  const binder = new UserBinder(getUserId, resolveOrderCheck('bindUser', options));
  return function ecsctxBindUser(req, res, next): void {
    binder.bind(req, res);
    next();
  };
}
