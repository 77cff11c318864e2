/**
 * `@ecsctx/core/trace`: W3C Trace Context at the header level: parsing and formatting
 * `traceparent` and `tracestate`, the grammar's limits and flags, and new trace ids.
 *
 * A service rarely needs these: `traceFromHeaders`, `startOutboundSpan` and the other trace
 * functions of `@ecsctx/core` read and write the headers for it. They are here for code that
 * handles the headers itself (a custom transport, a proxy, tests).
 *
 * @see https://www.w3.org/TR/trace-context-2/
 * @packageDocumentation
 * @module \@ecsctx/core/trace
 */
export {
  parseTraceparent,
  formatTraceparent,
  TRACEPARENT_LENGTH,
  TRACEPARENT_VERSION,
  PROPAGATED_FLAGS_MASK,
  FLAG_SAMPLED,
  FLAG_RANDOM,
  type Traceparent,
} from './traceparent';
export {
  parseTracestate,
  formatTracestate,
  isValidTracestateKey,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_LENGTH,
  type TracestateEntry,
} from './tracestate';
export { newTraceId } from './ids';
