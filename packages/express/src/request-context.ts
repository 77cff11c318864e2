/**
 * `expressContext()`: one logging scope per request, the Express form of the seed's
 * `CidMiddleware` + `LoggingContextMiddleware` (seed §3, §7).
 *
 * - Trace in: `traceparent`/`tracestate` are read with core's strict W3C rules
 *   (`traceFromHeaders`: invalid or missing → a new trace, never a crash or a garbage id);
 *   when OpenTelemetry's HTTP instrumentation already started a server span, its trace is
 *   adopted instead (see `request-trace`).
 * - cls-rtracer carries the trace id (the design card's analogue of django-cid): its
 *   `runWithId` sets the parsed `trace.id`, so `rTracer.id()` equals `trace.id`. Listeners on
 *   `req`/`res` (body parsers' `data`/`end`, `finish`) keep the logging scope and the id
 *   through `bindEmittersToScope`, which does what cls-rtracer's `expressMiddleware` does for
 *   them at about a third of its cost (its per-request wrapping was 19% of a bare app's
 *   requests/s).
 * - Context: a fresh scope per request (`runWithLoggingContext`: nothing leaks between
 *   requests), a new `span.id`, `client.ip` = `req.ip` (Express's `trust proxy` honoured).
 * - User: with `getUserId`, `user.id` is bound at this point (see `user-binding`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import * as rTracer from 'cls-rtracer';
import { bindEmittersToScope, prepareScopedListeners } from './bind-emitters';
import { EcsctxOptionsError, getTraceContext, runWithLoggingContext, type LoggingContextFields } from '@ecsctx/core';
import { reportDiagnostic } from '@ecsctx/core/integration';
import { attachRequestState, requestStateOf, type RequestState } from './request-state';
import { traceOfRequest } from './request-trace';
import { resolveOrderCheck, UserBinder, type GetUserId, type UserBindingOptions } from './user-binding';
import { checkFunction, checkOptionsObject } from './options-checks';

/** Options of {@link expressContext}. */
export interface ExpressContextOptions extends UserBindingOptions {
  /**
   * Reads the authenticated user's id; `user.id` is bound when this middleware runs, so
   * put it after your authentication middleware (the order check catches the wrong order).
   */
  getUserId?: GetUserId;
  /**
   * Whether to continue the caller's trace from `traceparent`/`tracestate` (default `true`).
   * `false`, or a function returning `false`, starts a new trace instead: for edges that do
   * not trust their clients' trace ids (W3C Trace Context §6, privacy and security).
   *
   * Applies only when no OpenTelemetry span is active. When OpenTelemetry's HTTP
   * instrumentation started a server span, that span's trace is adopted whatever this says
   * (its propagator already decided; distrust client trace ids in OpenTelemetry's propagator
   * configuration), so the lines never disagree with the exported spans.
   */
  acceptTraceHeaders?: boolean | ((req: Request) => boolean);
  /** A response header that echoes `trace.id` to the client (e.g. `X-Trace-Id`); default none. */
  traceIdHeader?: string;
  /**
   * Whether `rTracer.id()` (cls-rtracer) returns the request's `trace.id` (default `true`).
   * cls-rtracer keeps the id in a store of its own, run for every request beside the logging
   * scope's; `false` skips it, so each request runs one AsyncLocalStorage scope instead of two.
   * Lines, `getTraceContext()` and `traceIdHeader` are the same either way: set it to `false`
   * when nothing in the service calls `rTracer.id()`.
   */
  rTracer?: boolean;
}

/** Diagnostic code: a request's logging scope was lost between middlewares and re-opened. */
export const SCOPE_LOST_DIAGNOSTIC = 'ECSCTX_EXPRESS_SCOPE_LOST';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function traceIdOfRequest(req: IncomingMessage): string {
  return (requestStateOf(req) as RequestState).trace.traceId;
}

function clientIp(req: Request): string | undefined {
  const ip = req.ip;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
}

/**
 * The request-context middleware. Every line logged while serving the request, in any
 * module, carries its `trace.id`, `span.id`, `client.ip` and (with `getUserId`) `user.id`.
 *
 * Mounting it twice for one request (app and router, or early without `getUserId` and again
 * after authentication with it) opens one scope: later mounts only bind the user.
 *
 * With OpenTelemetry's HTTP instrumentation, the request adopts the server span's trace
 * (`rTracer.id()` and `traceIdHeader` included), and lines carry the ids of the span active
 * when they are logged; user, client ip and bound fields work as without it.
 *
 * @example
 * const app = express();
 * app.use(authenticate); // your auth middleware: sets req.user
 * app.use(expressContext({ getUserId: (req) => req.user?.id }));
 *
 * @see https://www.w3.org/TR/trace-context/ (trace in)
 * @see docs/opentelemetry.md (with an OpenTelemetry SDK)
 * @see seed README §3 (request flow), §7 (middleware ordering)
 */
export function expressContext(options: ExpressContextOptions = {}): RequestHandler {
  checkOptionsObject('expressContext', options);
  checkFunction('expressContext', 'getUserId', options.getUserId);
  const accept = options.acceptTraceHeaders ?? true;
  if (typeof accept !== 'boolean' && typeof accept !== 'function') {
    throw new EcsctxOptionsError('expressContext: acceptTraceHeaders must be a boolean or a function');
  }
  const header = options.traceIdHeader;
  if (header !== undefined && (typeof header !== 'string' || !HEADER_NAME.test(header))) {
    throw new EcsctxOptionsError(`expressContext: traceIdHeader must be a header name, got ${String(header)}`);
  }
  const withRTracer = options.rTracer ?? true;
  if (typeof withRTracer !== 'boolean') throw new EcsctxOptionsError('expressContext: rTracer must be a boolean');
  const orderCheck = resolveOrderCheck('expressContext', options);
  prepareScopedListeners();
  const binder = options.getUserId ? new UserBinder(options.getUserId, orderCheck) : undefined;
  // cls-rtracer carries the trace id (rTracer.id() === trace.id) unless `rTracer: false`; its
  // runWithId sets it without the per-request emitter wrapping of its middleware, which
  // bindEmittersToScope does for less
  const carryTraceId = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (header !== undefined) res.setHeader(header, traceIdOfRequest(req));
    if (!withRTracer) {
      bindEmittersToScope(req, res);
      next();
      return;
    }
    rTracer.runWithId(() => {
      bindEmittersToScope(req, res);
      next();
    }, traceIdOfRequest(req));
  };

  return function ecsctxContext(req, res, next): void {
    const existing = requestStateOf(req);
    if (existing !== undefined) {
      if (getTraceContext() === existing.trace) {
        if (binder !== undefined) binder.bind(req, res);
        next();
        return;
      }
      // A callback-based library between the two mounts dropped AsyncLocalStorage: re-open
      // the request's scope so what follows is logged with its trace, span, ip and user.
      reportDiagnostic(
        SCOPE_LOST_DIAGNOSTIC,
        "a request's logging scope was lost between two ecsctx middlewares (a library lost AsyncLocalStorage); " +
          'it was re-opened, binds made in between are gone',
      );
      runWithLoggingContext(
        () => {
          if (binder !== undefined) binder.bind(req, res);
          next();
        },
        { trace: existing.trace, context: scopeFields(existing) },
      );
      return;
    }
    const { trace, spanId } = traceOfRequest(req, accept);
    const state = attachRequestState(req, trace, spanId, clientIp(req));
    runWithLoggingContext(
      () => {
        // inside the scope: getUserId may log, read the trace or bind
        if (binder !== undefined) binder.bind(req, res);
        carryTraceId(req, res, next);
      },
      { trace, context: scopeFields(state) },
    );
  };
}

function scopeFields(state: RequestState): LoggingContextFields {
  return { spanId: state.spanId, ip: state.ip, userId: state.userId };
}
