/**
 * The one-call set-up (the Python library's `get_logging_config`/`setup_logging`): the whole
 * chain as one format, and a ready winston logger that captures context at each call.
 */
import winston, { type Logger } from 'winston';
import { LEVEL, MESSAGE } from 'triple-beam';
import type { Format } from 'logform';
import type TransportStream from 'winston-transport';
import type { InjectOptions } from './inject-context';
import type { NamespaceOptions } from './namespace-fields';
import { injectAndPlace } from './inject-and-place';
import { maskPii, type MaskOptions } from './mask-pii';
import { validateEcs, type ValidationMode } from './validate-ecs';
import { renderEcs, type RenderOptions } from './render-ecs';
import { captureLoggingContext, capturedCallOf } from './captured-call';
import { LineWriter } from './line-writer';
import { onlyLineReaders } from './line-readers';
import { VALIDATION_DIAGNOSTIC } from './validate-ecs';
import { reportDiagnostic } from '../diagnostics';
import type { Info } from './info-symbols';
import { envValue } from '../env-vars';

/** Options of {@link ecsFormat}: the options of each step, flattened. */
export interface EcsFormatOptions extends InjectOptions, NamespaceOptions, RenderOptions {
  /** PII mask options, or `false` to leave the mask out of the chain (not recommended). */
  mask?: MaskOptions | false;
  /** What the validator does: `warn` (default), `error` (tests) or `off`. */
  validation?: ValidationMode;
  /**
   * Whether only the rendered line is read after the format: `true` when every transport
   * writes `info[MESSAGE]` (winston's Console, Stream or File without a format of their own)
   * and nothing else reads the info object. The format then writes common lines in one pass
   * (same bytes as the step-by-step chain, a good deal faster) and hands on an info object
   * with only `level`, the masked `message` and the line. A function is asked on each line.
   * Default `false`; {@link createEcsLogger} decides it from its transports on each line.
   */
  lineOnly?: boolean | (() => boolean);
}

/**
 * The whole chain `inject → namespace → mask → validate → ecs` as one logform format.
 *
 * @example
 * const logger = captureLoggingContext(winston.createLogger({
 *   format: ecsFormat({ loggerName: 'payments' }),
 *   transports: [new winston.transports.Console()],
 * }));
 */
export function ecsFormat(options: EcsFormatOptions = {}): Format {
  // inject and namespace run as one step here: same output, one object per line fewer
  const maskOptions = options.mask === false ? undefined : { ...(options.mask ?? {}), env: options.mask?.env ?? options.env, limits: options.mask?.limits ?? options.limits };
  const steps: Format[] = [injectAndPlace(options)];
  if (maskOptions !== undefined) steps.push(maskPii(maskOptions));
  steps.push(validateEcs({ mode: options.validation }), renderEcs(options));
  const chain = winston.format.combine(...steps);
  const lineOnly = options.lineOnly ?? false;
  // the one-pass writer masks; validation 'error' must throw from the chain
  if (lineOnly === false || maskOptions === undefined || options.validation === 'error') return chain;
  const validation = options.validation ?? 'warn';
  const writer = new LineWriter({
    ...options,
    mask: maskOptions,
    reportViolation: (message) => {
      if (validation === 'warn') reportDiagnostic(VALIDATION_DIAGNOSTIC, message);
    },
  });
  const transform = (info: Info): Info => {
    if (lineOnly === true || lineOnly()) {
      const written = writer.write(info, capturedCallOf(info));
      if (written !== undefined) {
        const lean: Info = { level: info.level, message: written.message };
        lean[LEVEL] = info[LEVEL];
        lean[MESSAGE] = written.line;
        return lean;
      }
    }
    return chain.transform(info as never, chain.options) as unknown as Info;
  };
  return winston.format((info) => transform(info as unknown as Info) as never)();
}

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
