/**
 * Lines no transport will write. winston runs a logger's format on every line and leaves the
 * level filter to its transports, so a `debug` line under `LOG_LEVEL=info` was placed, masked
 * and rendered, then dropped. The instrumented logger (`captureLoggingContext`) asks this
 * check first and drops such a line before any format runs, when winston's transports are the
 * only consumers (they would drop it too); a `data` or `readable` listener, or a piped stream
 * that is not a winston transport, keeps the old behaviour. So does a process where a
 * validate format in `'error'` mode exists (tests): there a bad field must throw from the
 * log call whatever the level.
 *
 * A format that raises a line's level (sets `info[LEVEL]` to a higher one) never sees a line
 * dropped here: winston's own filter runs after the format, this one before.
 */
import type { Logger } from 'winston';
import { LEVEL } from 'triple-beam';
import { onlyPipedTo } from './logger-consumers';

const KEEP_QUIET_LINES = Symbol.for('ecsctx.keep-quiet-lines.v1');
const flags = globalThis as unknown as Record<symbol, boolean | undefined>;

/** Keeps every line going through the formats, in this process, from now on (validation `'error'` mode). */
export function keepQuietLines(): void {
  flags[KEEP_QUIET_LINES] = true;
}

/** winston-transport instances filter by level in their own `_write`; other streams take every line. */
function filtersByLevel(target: unknown): boolean {
  const transport = target as { log?: unknown; levels?: unknown };
  return typeof transport.log === 'function' && transport.levels !== null && typeof transport.levels === 'object';
}

/**
 * True when no transport would write `info`: its level is below the logger's (two lookups; a
 * line at an enabled level stops there) and below every transport's, and only winston's
 * transports consume the logger. Reads the level winston's transports filter by
 * (`info[LEVEL]`, else `info.level`). Never throws.
 */
export function isQuietLine(logger: Logger, info: object): boolean {
  try {
    const levels = logger.levels as Readonly<Record<string, number>> | undefined;
    if (levels === undefined || levels === null) return false;
    const record = info as Record<PropertyKey, unknown>;
    const level = record[LEVEL as unknown as symbol] ?? record.level;
    if (typeof level !== 'string') return false;
    const value = levels[level];
    if (typeof value !== 'number' || !(value > levels[logger.level])) return false;
    if (flags[KEEP_QUIET_LINES] === true) return false;
    // the logger's level filters it out; a transport with a level of its own may still take it
    return !logger.isLevelEnabled(level) && onlyPipedTo(logger, filtersByLevel);
  } catch {
    return false; // a Proxy or a throwing getter: the formats deal with it as before
  }
}
