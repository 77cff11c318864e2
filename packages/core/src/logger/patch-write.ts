/**
 * Patch of a winston logger's `write` (every level method, `log`, `profile`, `startTimer` and
 * child logger ends there): the call's context, trace and time are captured onto the info
 * object (see `formats/captured-call`), and an object the caller handed to `logger.write`
 * itself is never the info winston writes on: the line is built from a copy, as
 * `logger.log(obj)` builds it (see `patch-log-methods`).
 */
import type { Logger } from 'winston';
import { CAPTURED_CALL, captureCall, type CapturedCall } from '../formats/captured-call';
import { isQuietLine } from '../formats/quiet-levels';
import { otelApi } from '../otel/otel-api';
import { beginDegradedLine, countDegradedLine, endDegradedLine } from '../degraded-lines';
import { EcsctxValidationError } from '../errors';
import { infoOfDirectWrite, isBuiltInfo, patchLogMethods } from './patch-log-methods';
import { patchTimers } from './patch-timers';

const INSTRUMENTED = Symbol.for('ecsctx.instrumented-logger.v1');

type WriteMethod = (info: unknown, encoding?: unknown, callback?: unknown) => boolean;

/**
 * The info to hand winston for `logger.write(info)`: `info` itself when a patched log method
 * built it, else a new info built from it (winston writes `Symbol(level)` onto what it is
 * given, and a string, `null`, a frozen object or a throwing getter would lose the line, or
 * break the logger's stream). Never throws.
 */
function ownInfo(logger: Logger, info: unknown): object | undefined {
  if (isBuiltInfo(info)) return info;
  beginDegradedLine();
  try {
    return infoOfDirectWrite(logger, info);
  } catch (error) {
    if (error instanceof EcsctxValidationError) throw error;
    countDegradedLine('failed');
    return undefined;
  } finally {
    endDegradedLine();
  }
}

/**
 * Makes `logger` capture context, trace and time at each log call (every level method and
 * child logger goes through `logger.write`). Idempotent; returns the same logger. The
 * preset does this for you; call it on loggers you create yourself with the formats.
 *
 * The logger's `log` and level methods are replaced by ones that never write onto the
 * caller's objects (see `logger/patch-log-methods`): a `message` key in meta is then a field
 * under `extra`, never part of the event name. An object given to `logger.write` directly
 * is copied the same way.
 *
 * OpenTelemetry's API, when installed, is loaded here, not by the logger's first line.
 *
 * A line below the level of the logger and of every transport is dropped before the formats
 * run (winston would run them and then drop it), unless something other than winston's
 * transports reads the logger's output (see `quiet-levels`).
 */
export function captureLoggingContext<L extends Logger>(logger: L): L {
  const target = logger as L & { [INSTRUMENTED]?: boolean };
  if (target[INSTRUMENTED]) return logger;
  otelApi(); // OpenTelemetry, when installed, is looked up now rather than by the first line
  const write = logger.write as WriteMethod;
  Object.defineProperty(target, 'write', {
    configurable: true,
    writable: true,
    value: function writeWithCapture(this: Logger, given: unknown, encoding?: unknown, callback?: unknown): boolean {
      // a string, null or a Proxy given to logger.write is read as logger.log(given) reads it
      const info = ownInfo(this, given);
      if (info === undefined) return true; // counted as `failed`: nothing left to try, the call must not throw
      if (encoding === undefined && callback === undefined && isQuietLine(this, info)) return true;
      const own = info as { [CAPTURED_CALL]?: CapturedCall };
      if (own[CAPTURED_CALL] === undefined) own[CAPTURED_CALL] = captureCall();
      return write.call(this, info, encoding, callback);
    },
  });
  // winston's log and level methods write onto the caller's objects and copy meta with
  // Object.assign: they are replaced by ones that build a new info object (see the patch)
  patchLogMethods(logger, (err, self) => {
    // validation 'error' mode throws on purpose (tests)
    if (err instanceof EcsctxValidationError) throw err;
    countDegradedLine('failed');
    return self; // nothing left to try: the call must not throw
  });
  // winston's profile and startTimer().done write onto the caller's meta: replaced too
  patchTimers(logger);
  Object.defineProperty(target, INSTRUMENTED, { value: true });
  return logger;
}
