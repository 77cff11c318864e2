/**
 * The whole chain as one format (the Python library's `get_logging_config`); the ready logger
 * built on it is in `../logger/create-ecs-logger`.
 */
import winston from 'winston';
import type { Format } from 'logform';
import type { InjectOptions } from './inject-context';
import type { NamespaceOptions } from './namespace-fields';
import { injectAndPlace } from './inject-and-place';
import { maskPii, type MaskOptions } from './mask-pii';
import { validateEcs, type ValidationMode } from './validate-ecs';
import { renderEcs, type RenderOptions } from './render-ecs';

/** Options of {@link ecsFormat}: the options of each step, flattened. */
export interface EcsFormatOptions extends InjectOptions, NamespaceOptions, RenderOptions {
  /** PII mask options, or `false` to leave the mask out of the chain (not recommended). */
  mask?: MaskOptions | false;
  /** What the validator does: `warn` (default), `error` (tests) or `off`. */
  validation?: ValidationMode;
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
  return winston.format.combine(...steps);
}
