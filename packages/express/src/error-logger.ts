/**
 * `errorLogger()`: logs an unhandled error once, with `error.*`, `http.*` and `url.path`,
 * then passes it on (`next(err)`) to your error handlers or Express's final handler.
 *
 * Express 5 routes rejected promises of async handlers here by itself; Express 4 routes
 * errors thrown synchronously and errors given to `next(err)` (an async handler in Express 4
 * must catch and call `next(err)` itself).
 */
import type { ErrorRequestHandler } from 'express';
import { EcsctxOptionsError } from '@ecsctx/core';
import { HTTP_EVENTS } from './event-names';
import { errorTypeOf, levelForStatus, splitUrl, statusOfError, type StatusLevels } from './http-fields';
import { recordRequestError } from './request-state';
import { checkOptionsObject } from './options-checks';
import { checkLogger, resolveLevels, type LogWriter } from './logger-checks';

/** Options of {@link errorLogger}. */
export interface ErrorLoggerOptions {
  /** The logger to write to. */
  logger: LogWriter;
  /** Levels by the status the error answers with; default warn for 4xx, error for 5xx. */
  levels?: StatusLevels;
}

/** `error.*` for a thrown value that is not an `Error` (`throw 'x'`, `next({ ... })`). */
function nonErrorFields(value: unknown): Record<string, unknown> {
  let message: string;
  try {
    message = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    message = Object.prototype.toString.call(value);
  }
  return { type: errorTypeOf(value), message };
}

/**
 * The error as logged: body-parser's parse errors carry the raw request text as `err.body`,
 * which would land in `error.body` where the mask can only scan it for emails and phones.
 * Such an error is logged through a view that leaves `body` out (everything else is read
 * through the prototype: name, message, stack, code, cause).
 */
function loggedError(err: Error): Error {
  if (!Object.prototype.hasOwnProperty.call(err, 'body')) return err;
  const view = Object.create(err) as Record<string, unknown>;
  for (const key of Object.keys(err)) if (key !== 'body') view[key] = (err as unknown as Record<string, unknown>)[key];
  return view as unknown as Error;
}

/**
 * The error-logging middleware: mount it after your routes and before your own error
 * handlers. Each request's error is logged once, even when it is mounted at several levels.
 *
 * @example
 * app.get('/orders/:id', async (req, res) => { throw new Error('db down'); }); // Express 5
 * app.use(errorLogger({ logger }));
 * app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
 */
export function errorLogger(options: ErrorLoggerOptions): ErrorRequestHandler {
  checkOptionsObject('errorLogger', options);
  if (options === undefined) throw new EcsctxOptionsError('errorLogger: options with a logger are required');
  checkLogger('errorLogger', options.logger);
  const logger = options.logger;
  const levels = resolveLevels('errorLogger', logger, options.levels);

  return function ecsctxErrorLogger(err, req, res, next): void {
    try {
      if (recordRequestError(req, err)) {
        const status = statusOfError(err, res.statusCode);
        logger.log(levelForStatus(levels, status), HTTP_EVENTS.requestFailed, {
          error: err instanceof Error ? loggedError(err) : nonErrorFields(err),
          http: { request: { method: req.method }, response: { status_code: status } },
          url: { path: splitUrl(req.originalUrl ?? req.url).path },
        });
      }
    } catch {
      // logging an error must never replace it with another
    }
    next(err);
  };
}
