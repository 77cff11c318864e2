/**
 * Patch of a winston logger's `profile` and `startTimer` (its `done`): winston writes `level`,
 * `durationMs` and `message` onto the meta object the caller passes, and throws on a frozen
 * one or on `null`. Here the line is built from a copy, as a log call's is (see
 * `patch-log-methods`); the timers themselves work as winston's.
 */
import type { Logger } from 'winston';
import { countDegradedLine } from '../degraded-lines';
import { UNREADABLE_MARKER } from '../serialize/markers';
import { infoOfTimer } from './patch-log-methods';

/** The meta of a timer call: its last argument when that is an object (winston's rule; `null` is none). */
function metaOf(args: readonly unknown[]): object | undefined {
  const last = args[args.length - 1];
  return last !== null && typeof last === 'object' ? last : undefined;
}

/** The key of a profile's id (a string or a Symbol, as a property key reads it); an id that cannot be read as one is `[unreadable]`. */
function timerKey(id: unknown): string | symbol {
  if (typeof id === 'symbol') return id;
  try {
    return String(id);
  } catch {
    return UNREADABLE_MARKER;
  }
}

/** Writes a timer's line; never throws (a line that cannot be built is counted as `failed`). */
function writeTimerLine(self: Logger, args: readonly unknown[], durationMs: number, id?: unknown): boolean {
  try {
    return self.write(infoOfTimer(self, metaOf(args), durationMs, id) as never);
  } catch {
    countDegradedLine('failed');
    return true;
  }
}

/** A started timer, as winston's `startTimer()` returns it. */
interface Timer {
  readonly logger: Logger;
  readonly start: number;
  done(...args: unknown[]): boolean;
}

/** Replaces `profile` and `startTimer` of `logger` (own properties; child loggers inherit them). */
export function patchTimers(logger: Logger): void {
  Object.defineProperty(logger, 'profile', {
    configurable: true,
    writable: true,
    value: function profile(this: Logger, id: string | number, ...args: unknown[]): Logger {
      const self = this ?? logger;
      const time = Date.now();
      try {
        const holder = self as { profilers?: Record<PropertyKey, number> };
        const profilers = (holder.profilers ??= {});
        const key = timerKey(id);
        const started = profilers[key];
        if (started === undefined) profilers[key] = time;
        else {
          delete profilers[key];
          writeTimerLine(self, args, time - started, key);
        }
      } catch {
        countDegradedLine('failed'); // the logger's own profilers object was made unusable
      }
      return self;
    },
  });
  Object.defineProperty(logger, 'startTimer', {
    configurable: true,
    writable: true,
    value: function startTimer(this: Logger): Timer {
      const self = this ?? logger;
      const start = Date.now();
      return { logger: self, start, done: (...args: unknown[]): boolean => writeTimerLine(self, args, Date.now() - start) };
    },
  });
}
