/**
 * The logger the middlewares write to, and the checks made at creation that it can write the
 * levels they use: winston throws on an unknown level, and the log path must never throw.
 */
import { EcsctxOptionsError } from '@ecsctx/core';
import { DEFAULT_STATUS_LEVELS, type ResolvedStatusLevels, type StatusLevels } from './http-fields';

/**
 * What the middlewares need of a logger: winston's `log(level, message, meta)` and its
 * `levels`. A winston `Logger` from `createEcsLogger()` (or any winston logger with
 * `ecsFormat()` and `captureLoggingContext()`) is one; so is its `child()`.
 */
export interface LogWriter {
  log(level: string, message: string, meta: Record<string, unknown>): unknown;
  /** The logger's level set (winston's `logger.levels`); used to check the configured levels exist. */
  readonly levels?: Readonly<Record<string, number>>;
}

/** Throws unless `logger` looks like a winston logger. */
export function checkLogger(where: string, logger: unknown, optional = false): void {
  if (logger === undefined && optional) return;
  if (logger === null || typeof logger !== 'object' || typeof (logger as LogWriter).log !== 'function') {
    throw new EcsctxOptionsError(`${where}: logger must be a winston logger (e.g. createEcsLogger())`);
  }
}

/** Fills in the default levels and checks each exists on `logger`. */
export function resolveLevels(where: string, logger: LogWriter | undefined, levels: StatusLevels | undefined): ResolvedStatusLevels {
  if (levels !== undefined && (levels === null || typeof levels !== 'object')) {
    throw new EcsctxOptionsError(`${where}: levels must be an object`);
  }
  const out: ResolvedStatusLevels = Object.freeze({
    success: levels?.success ?? DEFAULT_STATUS_LEVELS.success,
    clientError: levels?.clientError ?? DEFAULT_STATUS_LEVELS.clientError,
    serverError: levels?.serverError ?? DEFAULT_STATUS_LEVELS.serverError,
  });
  const known = logger?.levels;
  if (known !== undefined) {
    for (const level of [out.success, out.clientError, out.serverError]) {
      if (typeof level !== 'string' || known[level] === undefined) {
        throw new EcsctxOptionsError(
          `${where}: level ${String(level)} is not a level of the logger (set levels: { success, clientError, serverError })`,
        );
      }
    }
  }
  return out;
}
