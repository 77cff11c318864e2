/**
 * @ecsctx/bullmq: logging context and W3C trace that travel with BullMQ jobs.
 *
 * Capture (producer side): {@link LogContextQueue}, {@link LogContextFlowProducer},
 * {@link instrumentQueue}, {@link instrumentFlowProducer}, or explicitly
 * {@link captureLogContext} / {@link attachLogContext}.
 * Restore (worker side): {@link withLogContext}, {@link LogContextWorker},
 * {@link runWithJobLogContext}.
 *
 * @packageDocumentation
 * @module \@ecsctx/bullmq
 */

// The carrier
export {
  LOG_CONTEXT_KEY,
  CARRIER_VERSION,
  MAX_CARRIER_CONTEXT_BYTES,
  MAX_CAPTURED_DEPTH,
  type CapturedLogContext,
  type CapturedFields,
  type LogContextJobOptions,
} from './carrier';

// Capture
export { captureLogContext, attachLogContext } from './capture-log-context';
export { LogContextQueue, instrumentQueue, type QueueLike } from './log-context-queue';
export { LogContextFlowProducer, instrumentFlowProducer, type FlowProducerLike } from './log-context-flow-producer';

// Restore
export { readLogContext, type RestoredLogContext, type LogContextStatus } from './read-log-context';
export { runWithJobLogContext, type JobScopeOptions } from './run-with-job-log-context';
export { withLogContext, type WithLogContextOptions, type JobProcessor } from './with-log-context';
export { LogContextWorker, type LogContextWorkerOptions } from './log-context-worker';
export { JOB_IDENTITY_NAMESPACE, type JobLike, type JobIdentity } from './job-identity';
export { JOB_LIFECYCLE_MESSAGES, type JobLogger } from './job-lifecycle-log';

// Diagnostics
export { BULLMQ_DIAGNOSTICS, type BullmqDiagnosticCode } from './diagnostics';
