/**
 * The static `message` of every line this package writes (seed §15, mistake #2: the message
 * is an event name, never an interpolated string; method, path and status are fields).
 */
export const HTTP_EVENTS = Object.freeze({
  /** INBOUND access-log line, written when the access-log middleware runs. */
  requestReceived: 'http_request_received',
  /** OUTBOUND access-log line, written when the response has been sent. */
  responseSent: 'http_response_sent',
  /**
   * The one access-log line of a request in one-line mode (`accessLog({ lines: 'one' })`),
   * written when the response has been sent: the request's fields and the response's.
   */
  requestCompleted: 'http_request_completed',
  /**
   * Written instead of `responseSent` (or `requestCompleted` in one-line mode) when the
   * connection closed before the response was sent.
   */
  requestAborted: 'http_request_aborted',
  /** Written once per request by the error logger for an error passed to `next(err)` or thrown. */
  requestFailed: 'http_request_failed',
  /** Written by the traced `fetch` when a response (any status) came back. */
  clientRequestCompleted: 'http_client_request_completed',
  /** Written by the traced `fetch` when the call failed without a response. */
  clientRequestFailed: 'http_client_request_failed',
} as const);

/** One of {@link HTTP_EVENTS}. */
export type HttpEventName = (typeof HTTP_EVENTS)[keyof typeof HTTP_EVENTS];
