/**
 * The diagnostics this package reports through core's `reportDiagnostic` (once per distinct
 * message; `setDiagnosticHandler` receives them). Messages never contain job data or
 * context values.
 */
import { reportDiagnostic } from '@ecsctx/core/integration';

/** Stable codes of this package's diagnostics. */
export const BULLMQ_DIAGNOSTICS = {
  /** A job reached the worker without a carrier: it ran with a fresh context and a new trace. */
  contextMissing: 'ECSCTX_BULLMQ_CONTEXT_MISSING',
  /** A job carried something under `ecsctx` that is not a valid carrier: it ran with a fresh context. */
  contextMalformed: 'ECSCTX_BULLMQ_CONTEXT_MALFORMED',
  /** A job made by a job scheduler carried a carrier (copied from the template): it was ignored. */
  scheduledContextIgnored: 'ECSCTX_BULLMQ_SCHEDULED_CONTEXT_IGNORED',
  /** The bound `extra`/`labels` were too large to travel: only the trace and scalar fields were captured. */
  contextTooLarge: 'ECSCTX_BULLMQ_CONTEXT_TOO_LARGE',
  /** Capturing failed unexpectedly: the job was added without a carrier. */
  captureFailed: 'ECSCTX_BULLMQ_CAPTURE_FAILED',
  /** A lifecycle log line could not be written (the logger threw). */
  lifecycleLogFailed: 'ECSCTX_BULLMQ_LIFECYCLE_LOG_FAILED',
} as const;

/** One of {@link BULLMQ_DIAGNOSTICS}. */
export type BullmqDiagnosticCode = (typeof BULLMQ_DIAGNOSTICS)[keyof typeof BULLMQ_DIAGNOSTICS];

/** Reports one of this package's diagnostics. Never throws. */
export function reportBullmqDiagnostic(code: BullmqDiagnosticCode, message: string): void {
  reportDiagnostic(code, message);
}
