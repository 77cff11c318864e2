/**
 * The one-call set-up (the Python library's `setup_logging`): a ready winston logger running
 * the whole chain, capturing the logging context at each call.
 */
import winston, { type Logger } from 'winston';
import type TransportStream from 'winston-transport';
import { ecsFormat, type EcsFormatOptions } from '../formats/preset';
import { captureLoggingContext } from '../formats/captured-call';
import { onlyLineReaders } from '../formats/line-readers';
import { envValue } from '../env-vars';

/** Options of {@link createEcsLogger}. */
export interface EcsLoggerOptions extends EcsFormatOptions {
  /** Lowest level written; default `LOG_LEVEL`, else `info`. */
  level?: string;
  /** `log.logger` of the lines (same as `loggerName`). */
  name?: string;
  /** Where lines go when `transports` is not given; default `process.stdout`. */
  stream?: NodeJS.WritableStream;
  /** Transports to use instead of the stream. */
  transports?: TransportStream[];
  /** winston's level set; default winston's npm levels. */
  levels?: winston.config.AbstractConfigSetLevels;
  /** Fields added to every line (winston's `defaultMeta`). */
  defaultMeta?: Record<string, unknown>;
}

/**
 * A winston logger writing ECS 1.12.0 lines to stdout (or `stream`/`transports`), with the
 * whole chain and context capture installed. Child loggers (`logger.child({...})`) keep working.
 *
 * @example
 * const logger = createEcsLogger({ name: 'payments' });
 * logger.info('payment_processed', { amount: 100, currency: 'KWD' });
 */
export function createEcsLogger(options: EcsLoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level = options.level ?? envValue(env, 'LOG_LEVEL') ?? 'info';
  const transports = options.transports ?? [new winston.transports.Stream({ stream: options.stream ?? process.stdout })];
  // the format asks on each line whether only the line is read (the logger exists after it)
  let lineOnly: () => boolean = () => false;
  const logger = winston.createLogger({
    level,
    levels: options.levels,
    // defaultMeta goes to the chain, not to winston, which would copy it onto logged Errors
    format: ecsFormat({
      ...options,
      loggerName: options.loggerName ?? options.name,
      defaultFields: options.defaultFields ?? options.defaultMeta,
      lineOnly: options.lineOnly ?? (() => lineOnly()),
    }),
    transports,
  });
  lineOnly = onlyLineReaders(logger);
  return captureLoggingContext(logger);
}
