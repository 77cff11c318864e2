/**
 * The format `createEcsLogger` gives winston: the caller's own format first (as winston runs
 * a logger's `format`), then the ECS chain with winston's uncaught-error lines made clean,
 * then, for development, the readable rendering of the finished line.
 */
import { beginBuildingLine, endBuildingLine } from './line-generation';
import type { Format, TransformableInfo } from 'logform';
import { reportDiagnostic } from '../diagnostics';
import { withUncaughtErrors } from './uncaught-errors';

/** Diagnostic raised once when the caller's own format throws (the line is logged without it). */
const USER_FORMAT_DIAGNOSTIC = 'ECSCTX_USER_FORMAT_FAILED';

/** The parts of the logger's format, in the order they run. */
export interface LoggerFormatParts {
  /** The caller's format (`format.splat()`, a filter, ...), run on the info as logged. */
  readonly before?: Format;
  /** The ECS chain. */
  readonly ecs: Format;
  /** Runs on the finished line (the readable rendering). */
  readonly after?: Format;
}

function runBefore(before: Format, info: TransformableInfo): TransformableInfo | boolean {
  try {
    return before.transform(info, before.options);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    reportDiagnostic(USER_FORMAT_DIAGNOSTIC, `the logger's own format threw (${name}): the line is logged without it`);
    return info;
  }
}

/**
 * One format running `before → ecs (uncaught errors made clean) → after`. A `before` that
 * drops a line (returns a falsy value) drops it; one that throws is skipped for that line
 * and reported once, so the log call does not throw.
 */
export function loggerFormat(parts: LoggerFormatParts): Format {
  const ecs = withUncaughtErrors(parts.ecs);
  const { before, after } = parts;
  return {
    options: {},
    transform(info: TransformableInfo): TransformableInfo | boolean {
      const generation = beginBuildingLine(info);
      try {
        let current: TransformableInfo | boolean = info;
        if (before !== undefined) {
          current = runBefore(before, info);
          if (typeof current !== 'object' || current === null) return false;
        }
        current = ecs.transform(current, ecs.options);
        if (after === undefined || typeof current !== 'object' || current === null) return current;
        return after.transform(current, after.options);
      } finally {
        endBuildingLine(generation);
      }
    },
  };
}
