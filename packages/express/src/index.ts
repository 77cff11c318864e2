/**
 * @ecsctx/express: request context, W3C trace propagation, access and error logging for
 * Express 4 and 5, on top of @ecsctx/core.
 *
 * @packageDocumentation
 * @module \@ecsctx/express
 */

// Trace in, context and user
export { expressContext, SCOPE_LOST_DIAGNOSTIC, type ExpressContextOptions } from './request-context';
export {
  bindUser,
  ORDER_DIAGNOSTIC,
  ORDER_MESSAGE,
  USER_ID_DIAGNOSTIC,
  NO_CONTEXT_DIAGNOSTIC,
  type UserId,
  type GetUserId,
  type OrderCheckMode,
  type UserBindingOptions,
} from './user-binding';

// Access and error logging
export { accessLog, DEFAULT_MAX_BODY_LENGTH, type AccessLogLines, type AccessLogOptions } from './access-log';
export type { HeaderSelection } from './header-policy';
export { errorLogger, type ErrorLoggerOptions } from './error-logger';
export { HTTP_EVENTS, type HttpEventName } from './event-names';
export { DEFAULT_STATUS_LEVELS, type StatusLevels } from './http-fields';
export type { LogWriter } from './logger-checks';
export { PAYLOAD_MAX_DEPTH, URL_QUERY_MAX_LENGTH, TRUNCATED_MARK } from './payload-text';

// Trace out
export { traceHeaders, withOutboundTrace, type TraceHeaderRecord } from './trace-headers';
export { createTracedFetch, instrumentFetch, type FetchFunction, type TracedFetchOptions } from './traced-fetch';
