/**
 * A ready winston logger whose lines are rendered on a worker thread by {@link createEcsWorkerTransport}'s transport.
 */
import winston, { type Logger } from 'winston';
import { captureLoggingContext } from '../logger/patch-write';
import { createEcsWorkerTransport, type EcsWorkerTransportOptions } from './ecs-worker-transport';

/** Options of {@link createEcsWorkerLogger}. */
export interface EcsWorkerLoggerOptions extends EcsWorkerTransportOptions {
  /** `log.logger` of the lines (same as `loggerName`). */
  name?: string;
  /** winston's level set; default winston's npm levels. */
  levels?: winston.config.AbstractConfigSetLevels;
  /** Fields added to every line (winston's `defaultMeta`). */
  defaultMeta?: Record<string, unknown>;
}

/** Passes the info object on untouched: the transport captures it. */
const passThrough = { transform: (info: unknown) => info } as unknown as winston.Logform.Format;

/**
 * A winston logger like {@link createEcsLogger}'s, whose lines are masked, tokenized and
 * rendered on a worker thread: a log call costs the logging thread only the capture. Lines
 * go to stdout (or `destination`) in the order they were logged.
 *
 * @example
 * const logger = createEcsWorkerLogger({ name: 'payments' });
 * logger.info('payment_processed', { amount: 100, currency: 'KWD' });
 */
export function createEcsWorkerLogger(options: EcsWorkerLoggerOptions = {}): Logger {
  const { name, levels, defaultMeta, level, ...rest } = options;
  const env = options.env ?? process.env;
  const transport = createEcsWorkerTransport({
    ...rest,
    loggerName: options.loggerName ?? name,
    defaultFields: options.defaultFields ?? defaultMeta,
  });
  const logger = winston.createLogger({
    level: level ?? (env.LOG_LEVEL?.trim() || 'info'),
    levels,
    format: passThrough,
    transports: [transport],
  });
  return captureLoggingContext(logger);
}
