/**
 * The lines `accessLog()` writes, built from one place for each group of fields:
 *
 * - the request's fields (`requestFields`): `http.version`, `http.request` (method, headers,
 *   mime type, body bytes and content), `url.path`/`url.query`, `user_agent.original`, and
 *   `client.ip` when no `expressContext()` scope gives one;
 * - the response's (`responseOf`, `eventOf`, `errorOf`): `http.response` (status, headers,
 *   body), `event.duration`/`event.outcome`, `error.type`.
 *
 * The two-line mode writes the first group at INBOUND and the second at OUTBOUND (with the
 * method and path, so each line is readable alone); the one-line mode writes both on one line
 * at `finish`. Both build the aborted line from the same pieces.
 */
import type { Response } from 'express';
import { getLoggingContext } from '@ecsctx/core';
import { HTTP_EVENTS } from './event-names';
import { contentLength, errorTypeOf, levelForStatus, statusErrorType } from './http-fields';
import { requestErrorOf } from './request-state';
import type { AccessState } from './access-log';

type Fields = Record<string, unknown>;

/** `error.message` of an aborted request. */
const ABORTED_MESSAGE = 'the connection closed before the response was sent';

/** `http.request`: method, headers, mime type, body bytes and (as it stands now) content. */
function requestOf(state: AccessState): Fields {
  const { config, req } = state;
  const request: Fields = { method: req.method };
  const headers = config.requestHeaders?.pick(req.headers);
  if (headers !== undefined) request.headers = headers;
  const mimeType = req.headers['content-type'];
  if (mimeType !== undefined) request.mime_type = mimeType;
  const body: Fields = {};
  const bytes = contentLength(req.headers['content-length']);
  if (bytes !== undefined) body.bytes = bytes;
  if (config.requestBody) {
    const content = config.text.body((req as { body?: unknown }).body, 'request', config.ignoreRequestKeys);
    if (content !== undefined) body.content = content;
  }
  if (body.bytes !== undefined || body.content !== undefined) request.body = body;
  return request;
}

/**
 * The request's fields, with `response` as `http.response` when given: `http.version`,
 * `http.request`, `url`, `user_agent.original`, and `client.ip` when the request's logging
 * scope has none (no `expressContext()`: say who called, as Express resolved it).
 */
function requestFields(state: AccessState, response: Fields | undefined): Fields {
  const { config, req, url } = state;
  const request = requestOf(state);
  const fields: Fields = {
    http: response === undefined ? { version: req.httpVersion, request } : { version: req.httpVersion, request, response },
    url: url.query === undefined ? { path: url.path } : { path: url.path, query: config.text.query(url.query) },
  };
  const userAgent = req.headers['user-agent'];
  if (userAgent !== undefined) fields.user_agent = { original: userAgent };
  const context = getLoggingContext();
  if (context === undefined || context.ip === undefined) {
    const ip = req.ip;
    if (typeof ip === 'string' && ip !== '') fields.client = { ip };
  }
  return fields;
}

/** `http.response`: status, headers, body bytes, and what `res.json()` was given when the response is JSON. */
function responseOf(state: AccessState, res: Response): Fields {
  const { config } = state;
  const response: Fields = { status_code: res.statusCode };
  const headers = config.responseHeaders?.pick(res.getHeaders());
  if (headers !== undefined) response.headers = headers;
  const body: Fields = {};
  const bytes = contentLength(res.getHeader('content-length'));
  if (bytes !== undefined) body.bytes = bytes;
  if (state.jsonText !== undefined && isJson(res.getHeader('content-type'))) body.content = state.jsonText;
  if (body.bytes !== undefined || body.content !== undefined) response.body = body;
  return response;
}

/** `event`: the time since the middleware ran (nanoseconds) and the outcome. */
function eventOf(state: AccessState, failed: boolean): Fields {
  return { duration: Number(process.hrtime.bigint() - state.start), outcome: failed ? 'failure' : 'success' };
}

/** `error` of a sent response: the error the request failed with, else one named for a 5xx status, else none. */
function errorOf(state: AccessState, status: number): Fields | undefined {
  const error = requestErrorOf(state.req);
  if (error !== undefined) return { type: errorTypeOf(error) };
  return status >= 500 ? { type: statusErrorType(status) } : undefined;
}

/** Two-line mode, when the middleware runs: INBOUND `http_request_received`, the request's fields. */
export function logInbound(state: AccessState): void {
  const { config } = state;
  config.logger.log(config.levels.success, HTTP_EVENTS.requestReceived, requestFields(state, undefined));
}

/** Two-line mode, at `finish`: OUTBOUND `http_response_sent`, the response's fields with method and path. */
export function logOutbound(state: AccessState, res: Response): void {
  try {
    const fields = { http: { request: { method: state.req.method }, response: responseOf(state, res) }, url: { path: state.url.path } };
    logSent(state, res, HTTP_EVENTS.responseSent, fields);
  } catch {
    // the log path never breaks a response
  }
}

/** One-line mode, at `finish`: `http_request_completed`, the request's and the response's fields. */
export function logCompleted(state: AccessState, res: Response): void {
  try {
    logSent(state, res, HTTP_EVENTS.requestCompleted, requestFields(state, responseOf(state, res)));
  } catch {
    // the log path never breaks a response
  }
}

/** Two-line mode, at `close` before `finish`: `http_request_aborted` with method and path. */
export function logAborted(state: AccessState, res: Response): void {
  try {
    const fields = { http: { request: { method: state.req.method }, response: { status_code: res.statusCode } }, url: { path: state.url.path } };
    logAbort(state, fields);
  } catch {
    // the log path never breaks a response
  }
}

/** One-line mode, at `close` before `finish`: `http_request_aborted` with the request's fields. */
export function logAbortedRequest(state: AccessState, res: Response): void {
  try {
    logAbort(state, requestFields(state, { status_code: res.statusCode }));
  } catch {
    // the log path never breaks a response
  }
}

/** Adds `event` and `error` of a sent response to `fields` and writes them at the level of its status. */
function logSent(state: AccessState, res: Response, message: string, fields: Fields): void {
  const status = res.statusCode;
  fields.event = eventOf(state, status >= 500);
  const error = errorOf(state, status);
  if (error !== undefined) fields.error = error;
  state.config.logger.log(levelForStatus(state.config.levels, status), message, fields);
}

/** Adds `event` and `error` of an aborted request to `fields` and writes `http_request_aborted`. */
function logAbort(state: AccessState, fields: Fields): void {
  fields.event = eventOf(state, true);
  const error = requestErrorOf(state.req);
  fields.error = { type: error !== undefined ? errorTypeOf(error) : 'RequestAborted', message: ABORTED_MESSAGE };
  state.config.logger.log(state.config.levels.clientError, HTTP_EVENTS.requestAborted, fields);
}

function isJson(contentType: unknown): boolean {
  return typeof contentType === 'string' && /[/+]json\b/i.test(contentType);
}
