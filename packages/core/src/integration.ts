/**
 * `@ecsctx/core/integration`: the pieces of core that `@ecsctx/express` and `@ecsctx/bullmq`
 * build on: adopting an inbound trace, OpenTelemetry interop, the masked JSON writer, the
 * bounded JSON copy and prototype-safe write of caller data, and the diagnostics channel.
 *
 * For @ecsctx/express and @ecsctx/bullmq; not a stable user API: names here may change in any
 * release, in step with those packages. A service uses the root entry, `@ecsctx/core`.
 *
 * @packageDocumentation
 * @module \@ecsctx/core/integration
 */

// Trace of an inbound request or job
export { newTraceContext } from './trace/trace-context';
export { inboundTrace } from './otel/inbound-trace';

// OpenTelemetry interop
export { activeOtelSpanContext, otelAvailable, type OtelSpanContext } from './otel/otel-api';
export { runInOwnTrace, type OutboundResult } from './otel/otel-client-span';

// Masked request and response bodies
export { MaskedJsonWriter } from './formats/masked-json';

// Copies of caller data: bounded JSON, prototype-safe writes
export { boundedJsonCopy } from './serialize/json-copy';
export { setOwn } from './serialize/own-property';

// Reporting a diagnostic once
export { reportDiagnostic } from './diagnostics';
