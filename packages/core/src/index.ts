/**
 * @ecsctx/core: ECS 1.12.0 structured logging for winston, with logging context on
 * AsyncLocalStorage, W3C Trace Context and PII tokenization.
 *
 * This entry is what a service uses. Other entries: `@ecsctx/core/check` (`ecsctx check` as a
 * library), `@ecsctx/core/trace` (the W3C header grammar), `@ecsctx/core/fields` (placement and
 * masking rules as data) and `@ecsctx/core/integration` (for @ecsctx/express and
 * @ecsctx/bullmq; not a stable user API).
 *
 * @packageDocumentation
 * @module \@ecsctx/core
 */

// Logging context
export {
  bindLoggingContext,
  withLoggingContext,
  runWithLoggingContext,
  getLoggingContext,
  type LoggingScopeOptions,
} from './context/logging-context';
export type { LoggingContext, LoggingContextFields, LabelValue } from './context/logging-context-types';

// W3C Trace Context (the header grammar itself: @ecsctx/core/trace)
export { traceFromHeaders, type TraceContext, type TraceHeaders } from './trace/trace-context';
export {
  getTraceContext,
  getTraceId,
  bindTraceContext,
  buildTraceparent,
  createOutboundTrace,
  startOutboundSpan,
  type OutboundSpan,
  type OutboundSpanOptions,
  type OutboundTrace,
  type OutboundTraceHeaders,
} from './context/current-trace';
export { newSpanId } from './trace/ids';

// Formats: inject → namespace → mask → validate → ecs
export { injectContext, type InjectOptions } from './formats/inject-context';
export { namespaceFields, type NamespaceOptions } from './formats/namespace-fields';
export { maskPii, type MaskOptions } from './formats/mask-pii';
export { configureMasking, type MaskingConfig } from './formats/mask/mask-config';
export { validateEcs, type ValidateOptions, type ValidationMode } from './formats/validate-ecs';
export { renderEcs, type RenderOptions } from './formats/render-ecs';
export { ecsFormat, type EcsFormatOptions } from './formats/preset';
export { createEcsLogger, type EcsLoggerOptions } from './logger/create-ecs-logger';
export { resolveLogLevel, type LevelSet } from './logger/log-level';
export { flushLogs, flushAndExit, handleExitSignals, type FlushOptions, type ExitSignalOptions } from './logger/flush-logs';
export { SyncFdStream } from './logger/sync-stream';
export { withUncaughtErrors } from './logger/uncaught-errors';
export { prettyLine, prettyLines, type PrettyOptions } from './logger/pretty';
export type { PrettySetting } from './logger/pretty-choice';
export type { ExitOnError } from './logger/exit-after-uncaught';
export { captureLoggingContext } from './logger/patch-write';
export { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from './serialize/sanitize-limits';

// Environment variables read (placement and masking tables: @ecsctx/core/fields)
export { CORE_ENV_VARS, type EnvVarDefinition } from './env-vars';

// Diagnostics and errors
export {
  setDiagnosticHandler,
  getDiagnosticCounts,
  resetDiagnostics,
  type Diagnostic,
  type DiagnosticHandler,
} from './diagnostics';
export {
  degradedLineCounts,
  resetDegradedLineCounts,
  DEGRADED_KINDS,
  type DegradedKind,
} from './degraded-lines';
export {
  ERROR_CODES,
  EcsctxError,
  EcsctxOptionsError,
  EcsctxValidationError,
  PiiNotConfiguredError,
  PiiAccessDeniedError,
  PiiError,
  type EcsctxErrorCode,
} from './errors';

// PII
export {
  tokenize,
  protect,
  reveal,
  configurePii,
  initPii,
  resetPii,
  isPiiConfigured,
  describePii,
  getPiiTokenizer,
  normalizeForToken,
  parseKeyset,
  Keyset,
  PII_ENV_VARS,
  TOKEN_PREFIX,
  type PiiTokenizer,
  type PiiOptions,
  type PiiAccess,
  type PiiStatus,
  type PiiEnvVar,
  type KeysetDocument,
  type KeysetSource,
} from './pii/index';

// Rendering on a worker thread
export {
  createEcsWorkerTransport,
  type EcsWorkerTransport,
  type EcsWorkerTransportControls,
  type EcsWorkerTransportOptions,
  type WorkerTransportStats,
} from './transport/ecs-worker-transport';
export { createEcsWorkerLogger, type EcsWorkerLoggerOptions } from './transport/worker-logger';
export type { LineDestination } from './transport/worker-setup';
