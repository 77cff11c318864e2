/**
 * @ecsctx/core: ECS 1.12.0 structured logging for winston, with logging context on
 * AsyncLocalStorage, W3C Trace Context and PII tokenization.
 *
 * @packageDocumentation
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

// W3C Trace Context
export {
  parseTraceparent,
  formatTraceparent,
  TRACEPARENT_LENGTH,
  TRACEPARENT_VERSION,
  PROPAGATED_FLAGS_MASK,
  FLAG_SAMPLED,
  FLAG_RANDOM,
  type Traceparent,
} from './trace/traceparent';
export {
  parseTracestate,
  formatTracestate,
  isValidTracestateKey,
  TRACESTATE_MAX_MEMBERS,
  TRACESTATE_MAX_LENGTH,
  type TracestateEntry,
} from './trace/tracestate';
export { traceFromHeaders, inboundTrace, newTraceContext, type TraceContext, type TraceHeaders } from './trace/trace-context';
export { activeOtelSpanContext, otelOutboundHeaders, otelAvailable, type OtelSpanContext } from './otel/otel-api';
export { runInOwnTrace, type OutboundResult } from './otel/otel-client-span';
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
} from './trace/current-trace';
export { newTraceId, newSpanId } from './trace/ids';

// Formats: inject → namespace → mask → validate → ecs
export { injectContext, type InjectOptions } from './formats/inject-context';
export { namespaceFields, type NamespaceOptions } from './formats/namespace-fields';
export { maskPii, type MaskOptions } from './formats/mask-pii';
export { MaskedJsonWriter } from './formats/masked-json';
export { configureMasking, type MaskingConfig } from './formats/mask/mask-config';
export { SECRET_QUERY_PARAMS } from './formats/mask/mask-url-secrets';
export { validateEcs, VALIDATION_DIAGNOSTIC, type ValidateOptions, type ValidationMode } from './formats/validate-ecs';
export { renderEcs, type RenderOptions } from './formats/render-ecs';
export { ecsFormat, type EcsFormatOptions } from './formats/preset';
export { createEcsLogger, type EcsLoggerOptions } from './logger/create-ecs-logger';
export { resolveLogLevel, type LevelSet } from './logger/log-level';
export { flushLogs, flushAndExit, handleExitSignals, DEFAULT_FLUSH_TIMEOUT_MS, type FlushOptions, type ExitSignalOptions } from './logger/flush-logs';
export { SyncFdStream, SYNC_WRITE_DIAGNOSTIC } from './logger/sync-stream';
export { withUncaughtErrors } from './logger/uncaught-errors';
export { prettyLine, prettyLines, type PrettyOptions } from './logger/pretty';
export { PRETTY_REFUSED_DIAGNOSTIC, type PrettySetting } from './logger/pretty-choice';
export type { ExitOnError } from './logger/exit-after-uncaught';
export { captureLoggingContext, captureCall, CAPTURED_CALL, type CapturedCall } from './formats/captured-call';
export { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from './serialize/sanitize-limits';

// Field placement rules
export {
  ECS_VERSION,
  PLACEMENT_RULES,
  DEFAULT_ROOT_KEYS,
  RESERVED_OBJECT_FIELDS,
  SENSITIVE_KEY_PARTS,
  SAFE_KEYS,
  AUTH_KEYS,
  COOKIE_KEYS,
  SECRET_KEY_WORDS,
  SECRET_KEY_PAIRS,
  SECRET_KEY_QUALIFIERS,
  SECRET_REDACTED,
  PII_REDACTED,
  sanitizeLabelKey,
  type PlacementRule,
} from './fields';
export { CORE_ENV_VARS, type EnvVarDefinition } from './env-vars';
export { applicationPackageName, serviceNameOfPackage } from './service-identity';

// Diagnostics and errors
export {
  setDiagnosticHandler,
  getDiagnosticCounts,
  resetDiagnostics,
  reportDiagnostic,
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

// Checking a service's output (`ecsctx check`)
export {
  checkLogText,
  checkLogLines,
  createLogChecker,
  formatCheckReport,
  formatFinding,
  CHECK_IDS,
  CHECK_DESCRIPTIONS,
  type CheckOptions,
  type LogChecker,
  type CheckReport,
  type CheckCounts,
  type CheckFinding,
  type CheckId,
  type CheckSeverity,
  type FormatReportOptions,
} from './check/index';

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
