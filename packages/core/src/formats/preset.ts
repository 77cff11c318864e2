/**
 * The whole chain as one format (the Python library's `get_logging_config`); the ready logger
 * built on it is in `../logger/create-ecs-logger`.
 */
import winston from 'winston';
import { LEVEL, MESSAGE } from 'triple-beam';
import type { Format } from 'logform';
import type { InjectOptions } from './inject-context';
import type { NamespaceOptions } from './namespace-fields';
import { injectAndPlace } from './inject-and-place';
import { maskPii, type MaskOptions } from './mask-pii';
import { validateEcs, type ValidationMode } from './validate-ecs';
import { renderEcs, type RenderOptions } from './render-ecs';
import { capturedCallOf } from './captured-call';
import { LineWriter } from './line-writer';
import { VALIDATION_DIAGNOSTIC } from './validate-ecs';
import { reportDiagnostic } from '../diagnostics';
import type { Info } from './info-symbols';

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
