/**
 * Whether an instrumentation injects trace headers into `fetch` calls itself, and a watch for
 * requests that leave with two `traceparent` headers anyway.
 *
 * Node's `fetch` is undici, which publishes each request on the `undici:request:create`
 * diagnostics channel; `@opentelemetry/instrumentation-undici` (and APM agents) subscribe
 * there, start a client span and *append* their `traceparent`/`tracestate` to the request. A
 * helper that set the headers too would send two `traceparent` headers (and W3C receivers
 * restart the trace on two). Checking the channel costs one property read per call.
 *
 * @see https://nodejs.org/api/diagnostics_channel.html#undici
 */
import { channel } from 'node:diagnostics_channel';
import { reportDiagnostic } from '@ecsctx/core/integration';

const REQUEST_CREATE = channel('undici:request:create');
const SEND_HEADERS = channel('undici:client:sendHeaders');

/** Diagnostic code: something instruments `fetch` while this library does not follow OpenTelemetry. */
export const FETCH_INSTRUMENTED_DIAGNOSTIC = 'ECSCTX_EXPRESS_FETCH_INSTRUMENTED';
/** Diagnostic code: a `fetch` request was sent with two `traceparent` headers. */
const DOUBLE_TRACEPARENT_DIAGNOSTIC = 'ECSCTX_EXPRESS_DOUBLE_TRACEPARENT';

/** The message of {@link FETCH_INSTRUMENTED_DIAGNOSTIC}. */
export const INSTRUMENTED_WITHOUT_OTEL =
  'an instrumentation injects trace headers into fetch (a subscriber of undici:request:create, e.g. @opentelemetry/instrumentation-undici ' +
  'or an APM agent) while ecsctx does not follow OpenTelemetry (ECSCTX_OTEL=off, or @opentelemetry/api not installed): ' +
  'the traced fetch sends no trace headers of its own (two traceparent headers would restart the callee\'s trace), so the ' +
  "callee's parent-id is the instrumentation's span and may belong to another trace than these lines; unset ECSCTX_OTEL or remove the fetch instrumentation";

const DOUBLE_TRACEPARENT =
  'a fetch request was sent with two traceparent headers, so W3C receivers restart the trace: an instrumentation of fetch ' +
  '(e.g. @opentelemetry/instrumentation-undici) appended its own to one the caller set, for instance traceHeaders() spread into ' +
  'a plain fetch; use createTracedFetch() or instrumentFetch() for fetch';

/** `true` when something listens to undici's request channel (an undici/fetch instrumentation). */
export function fetchIsInstrumented(): boolean {
  return REQUEST_CREATE.hasSubscribers;
}

const TRACEPARENT_LINE = '\r\ntraceparent:';

function onSendHeaders(message: unknown): void {
  try {
    const headers = (message as { headers?: unknown } | null)?.headers;
    if (typeof headers !== 'string') return;
    const lower = headers.toLowerCase();
    const first = lower.indexOf(TRACEPARENT_LINE);
    if (first !== -1 && lower.indexOf(TRACEPARENT_LINE, first + TRACEPARENT_LINE.length) !== -1) {
      reportDiagnostic(DOUBLE_TRACEPARENT_DIAGNOSTIC, DOUBLE_TRACEPARENT);
    }
  } catch {
    // watching never breaks a request
  }
}

let watching = false;

/**
 * From now on, reports {@link DOUBLE_TRACEPARENT_DIAGNOSTIC} (once) when a `fetch` request's
 * headers, as undici writes them, hold two `traceparent` lines. Called when a trace-out
 * helper is first created or used; costs one lowercase copy and two searches of each
 * request's header block.
 */
export function watchForDoubleTraceparent(): void {
  if (watching) return;
  watching = true;
  SEND_HEADERS.subscribe(onSendHeaders);
}
