/**
 * The one-call set-up (the Python library's `setup_logging`): a ready winston logger running
 * the whole chain, capturing the logging context at each call, with winston's own options
 * passed on.
 */
import winston, { type Logger } from 'winston';
import type { Format } from 'logform';
import type TransportStream from 'winston-transport';
import { ecsFormat, type EcsFormatOptions } from '../formats/preset';
import { captureLoggingContext } from './patch-write';
import { EcsctxOptionsError } from '../errors';
import { envValue } from '../env-vars';
import { resolveLogLevel } from './log-level';
import { loggerFormat } from './logger-format';
import { prettyLines } from './pretty';
import { chooseOutput, type PrettySetting } from './pretty-choice';
import { SyncFdStream } from './sync-stream';
import { reportOutputErrors } from './stream-errors';
import { exitAfterFlush, type ExitOnError } from './exit-after-uncaught';

/** Options of {@link createEcsLogger}: the chain's options and winston's. */
export interface EcsLoggerOptions extends EcsFormatOptions {
  /**
   * Lowest level written; default `LOG_LEVEL`, else `info`. Any case; Python's `warning` and
   * `critical` (and `fatal`, `trace`) are read as the nearest level. An unknown name throws
   * `EcsctxOptionsError` here, at start-up.
   */
  level?: string;
  /** `log.logger` of the lines (same as `loggerName`). */
  name?: string;
  /** Where lines go when `transports` is not given; default `process.stdout`. */
  stream?: NodeJS.WritableStream;
  /**
   * Transports to use instead of the stream (winston's `transports`). To write to another
   * place as well as stdout, `logger.add(transport)` after creating the logger.
   */
  transports?: TransportStream[];
  /** winston's level set; default winston's npm levels. */
  levels?: winston.config.AbstractConfigSetLevels;
  /** Fields added to every line (winston's `defaultMeta`). */
  defaultMeta?: Record<string, unknown>;
  /**
   * A winston format run on each line before the ECS chain, as winston runs a logger's
   * `format`: `winston.format.splat()` for printf-style messages, a filter, a field of your
   * own. What it leaves on the info is placed, masked and rendered like any other field.
   */
  format?: Format;
  /**
   * Log uncaught exceptions (one `error` line each) to the logger's transports (winston's
   * `handleExceptions`, set on each of them). Then the process exits as `exitOnError` says,
   * once the line is written.
   */
  handleExceptions?: boolean;
  /** The same for unhandled promise rejections (winston's `handleRejections`). */
  handleRejections?: boolean;
  /** winston's `exceptionHandlers`: transports that receive only the uncaught-exception lines. */
  exceptionHandlers?: TransportStream[];
  /** winston's `rejectionHandlers`: transports that receive only the unhandled-rejection lines. */
  rejectionHandlers?: TransportStream[];
  /**
   * winston's `exitOnError`: whether to exit (code 1) after logging an uncaught exception or
   * rejection; a function decides per error. Default `true`. The logger is flushed first.
   */
  exitOnError?: ExitOnError;
  /** winston's `silent`: write nothing. */
  silent?: boolean;
  /**
   * Write each line to stdout (or to `stream`, which must then have a file descriptor) before
   * the log call returns, so `process.exit()` loses nothing. For short-lived processes: a log
   * call then waits while the reader is slow. Default `false`.
   */
  sync?: boolean;
  /**
   * Readable lines for development instead of ECS JSON: `true`, or `'force'` to allow it
   * when `NODE_ENV=production` (otherwise refused there, with a diagnostic). Default
   * `ECSCTX_PRETTY`, else `false`.
   */
  pretty?: PrettySetting;
  /** ANSI colours in readable lines; default on when the destination is a terminal (`NO_COLOR` turns them off). */
  colors?: boolean;
}

const LOGGER_ONLY_KEYS = [
  'level', 'name', 'stream', 'transports', 'levels', 'defaultMeta', 'format', 'handleExceptions', 'handleRejections',
  'exceptionHandlers', 'rejectionHandlers', 'exitOnError', 'silent', 'sync', 'pretty', 'colors',
] as const;

function chainOptions(options: EcsLoggerOptions): EcsFormatOptions {
  const out: Record<string, unknown> = { ...options };
  for (const key of LOGGER_ONLY_KEYS) delete out[key];
  return out as EcsFormatOptions;
}

function destination(options: EcsLoggerOptions): NodeJS.WritableStream {
  const stream = options.stream ?? process.stdout;
  if (options.sync !== true) return stream;
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd !== 'number') throw new EcsctxOptionsError('sync: true needs a stream with a file descriptor (process.stdout, process.stderr, an fs stream)');
  return new SyncFdStream(fd);
}

function transportsOf(options: EcsLoggerOptions): TransportStream[] {
  let transports = options.transports;
  if (transports === undefined) {
    const stream = destination(options);
    reportOutputErrors(stream);
    transports = [new winston.transports.Stream({ stream })];
  }
  for (const transport of transports) {
    if (options.handleExceptions === true) transport.handleExceptions = true;
    if (options.handleRejections === true) transport.handleRejections = true;
  }
  return transports;
}

function levelOf(options: EcsLoggerOptions, env: NodeJS.ProcessEnv): string {
  const levels = options.levels ?? winston.config.npm.levels;
  if (options.level !== undefined) return resolveLogLevel(options.level, levels, 'the level option');
  const fromEnv = envValue(env, 'LOG_LEVEL');
  return fromEnv === undefined ? 'info' : resolveLogLevel(fromEnv, levels, 'LOG_LEVEL');
}

/**
 * A winston logger writing ECS 1.12.0 lines to stdout (or `stream`/`transports`), with the
 * whole chain and context capture installed. winston's options (`format`, `exitOnError`,
 * `handleExceptions`, `handleRejections`, handlers, `silent`) are passed on. Child loggers
 * (`logger.child({...})`) keep working. Throws `EcsctxOptionsError` for an unknown level.
 *
 * @example
 * const logger = createEcsLogger({ name: 'payments' });
 * logger.info('payment_processed', { amount: 100, currency: 'KWD' });
 */
export function createEcsLogger(options: EcsLoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const level = levelOf(options, env);
  const output = chooseOutput({ pretty: options.pretty, colors: options.colors, env, stream: (options.stream ?? process.stdout) as { isTTY?: boolean } });
  const transports = transportsOf(options);
  const ecs = ecsFormat({
    ...chainOptions(options),
    loggerName: options.loggerName ?? options.name,
    // defaultMeta goes to the chain, not to winston, which would copy it onto logged Errors
    defaultFields: options.defaultFields ?? options.defaultMeta,
  });
  const logger = winston.createLogger({
    level,
    levels: options.levels,
    format: loggerFormat({ before: options.format, ecs, after: output.pretty ? prettyLines({ colors: output.colors }) : undefined }),
    transports,
    exceptionHandlers: options.exceptionHandlers,
    rejectionHandlers: options.rejectionHandlers,
    silent: options.silent,
    // winston asks this before it logs an uncaught error: exit after a flush, not after 3 s
    exitOnError: exitAfterFlush(() => logger, options.exitOnError ?? true),
  });
  return captureLoggingContext(logger);
}
