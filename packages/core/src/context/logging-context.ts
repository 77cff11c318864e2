/**
 * Binding fields to the current logging scope, the Node form of the Python library's
 * `bind_logging_context` / `logging_context` / `get_logging_context`.
 *
 * Scopes live in one AsyncLocalStorage: {@link runWithLoggingContext} opens a fresh one (the
 * Express middleware and the BullMQ worker do this per request/job), {@link withLoggingContext}
 * opens a child for one block, {@link bindLoggingContext} adds fields to the current one.
 *
 * None of them throws because of the value it is given: what cannot be read (a getter or
 * Proxy trap that throws) is dropped or written as a marker, and counted (see
 * `readable-fields`); the rest is bound.
 */
import { currentScope, scopeStorage, type LoggingScope } from './store';
import { EMPTY_CONTEXT, mergeContext } from './merge-context';
import type { LoggingContext, LoggingContextFields } from './logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import { reportDiagnostic } from '../diagnostics';
import { readableOptions, readableTrace } from './readable-fields';

/** Options of {@link runWithLoggingContext}. */
export interface LoggingScopeOptions {
  /** Fields bound from the start of the scope. */
  context?: LoggingContextFields;
  /** The trace the scope belongs to (e.g. from an inbound `traceparent`). */
  trace?: TraceContext;
  /**
   * `service.type` of the scope's lines (the role of the code running in it), before the
   * logger's own `serviceType`: a BullMQ job scope says `worker`, even in a process that
   * also serves HTTP. Lines outside the scope are not affected. `service.name` is unchanged.
   */
  serviceType?: string;
}

/**
 * Binds `fields` for the rest of the current scope (merging with what is bound).
 *
 * Outside any scope the call binds nothing, reports the diagnostic
 * `ECSCTX_CONTEXT_NO_SCOPE` once and returns `false`: a binding made at module load or in a
 * timer callback would otherwise leak into every unrelated request that starts later.
 *
 * @example
 * runWithLoggingContext(() => {
 *   bindLoggingContext({ sessionId: 'sess-1', extra: { merchant_id: 'acme' } });
 *   logger.info('webhook_received'); // carries session_id and merchant_id
 * });
 */
export function bindLoggingContext(fields: LoggingContextFields): boolean {
  const scope = currentScope();
  if (!scope) {
    reportDiagnostic(
      'ECSCTX_CONTEXT_NO_SCOPE',
      'bindLoggingContext() was called outside a logging scope and bound nothing; ' +
        'use runWithLoggingContext() (the Express middleware and BullMQ worker open one per request/job) or withLoggingContext()',
    );
    return false;
  }
  scope.context = mergeContext(scope.context, fields);
  return true;
}

/**
 * Runs `fn` in a child scope with `fields` bound on top of the current context; the outer
 * context is untouched and is what applies again once `fn` returns (or its promise settles).
 * Binds made inside `fn` stay inside. Works outside any scope too (the child starts empty).
 */
export function withLoggingContext<R>(fields: LoggingContextFields, fn: () => R): R {
  const parent = currentScope();
  const scope: LoggingScope = {
    context: mergeContext(parent ? parent.context : EMPTY_CONTEXT, fields),
    trace: parent ? parent.trace : undefined,
    serviceType: parent ? parent.serviceType : undefined,
    compiled: undefined,
  };
  return scopeStorage.run(scope, fn);
}

/**
 * Runs `fn` in a fresh scope that inherits nothing from the caller's scope: what one
 * request or job binds can never leak into another.
 */
export function runWithLoggingContext<R>(fn: () => R, options: LoggingScopeOptions = {}): R {
  const given = readableOptions(options);
  const scope: LoggingScope = {
    context: given.context ? mergeContext(EMPTY_CONTEXT, given.context as LoggingContextFields) : EMPTY_CONTEXT,
    trace: readableTrace(given.trace),
    serviceType: typeof given.serviceType === 'string' ? given.serviceType : undefined,
    compiled: undefined,
  };
  return scopeStorage.run(scope, fn);
}

/** The context bound to the current scope, or `undefined` outside any scope. */
export function getLoggingContext(): LoggingContext | undefined {
  const scope = currentScope();
  return scope ? scope.context : undefined;
}
