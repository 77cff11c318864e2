/**
 * Whether an instrumentation injects trace headers into `fetch` calls itself.
 *
 * Node's `fetch` is undici, which publishes each request on the `undici:request:create`
 * diagnostics channel; `@opentelemetry/instrumentation-undici` subscribes there, starts a
 * client span and *appends* its `traceparent`/`tracestate` to the request. A helper that set
 * the headers too would send two `traceparent` headers (and W3C receivers restart the trace
 * on two). Checking the channel costs one property read per call.
 *
 * @see https://nodejs.org/api/diagnostics_channel.html#undici
 */
import { channel } from 'node:diagnostics_channel';

const REQUEST_CREATE = channel('undici:request:create');

/** `true` when something listens to undici's request channel (an undici/fetch instrumentation). */
export function fetchIsInstrumented(): boolean {
  return REQUEST_CREATE.hasSubscribers;
}
