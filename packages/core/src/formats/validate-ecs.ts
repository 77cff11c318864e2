/**
 * `validate`: warns (never blocks) about lines that would break ECS mappings: reserved
 * field-sets passed flat (seed §14) and non-scalar labels. Each distinct warning is
 * reported once through the diagnostics channel; `mode: 'error'` throws instead, for tests.
 */
import { format, type Format } from 'logform';
import { NAMESPACED, PLACEMENT_VIOLATIONS, type Info } from './info-symbols';
import { RESERVED_OBJECT_FIELDS } from '../fields';
import { isErrorObject, isPlainObject } from '../serialize/own-property';
import { reportDiagnostic } from '../diagnostics';
import { keepQuietLines } from './quiet-levels';
import { EcsctxOptionsError, EcsctxValidationError } from '../errors';
import { flatFieldViolation } from './namespace-fields';
import { FAILED_LINE } from './failed-line';

/** What the validator does with a violation. */
export type ValidationMode = 'warn' | 'error' | 'off';

/** Options of {@link validateEcs}. */
export interface ValidateOptions {
  /** `warn` (default): report each distinct violation once; `error`: throw from the log call (tests); `off`. */
  mode?: ValidationMode;
}

/** Diagnostic code of validator warnings. */
const VALIDATION_DIAGNOSTIC = 'ECSCTX_VALIDATE_FIELD';

/** Creates the `validate` format. */
export function validateEcs(options: ValidateOptions = {}): Format {
  const mode = options.mode ?? 'warn';
  if (mode !== 'warn' && mode !== 'error' && mode !== 'off') {
    throw new EcsctxOptionsError(`validate: mode must be 'warn', 'error' or 'off', got ${String(mode)}`);
  }
  // a bad field must throw from the log call also for lines below the level (see quiet-levels)
  if (mode === 'error') keepQuietLines();
  const report = (message: string): void => {
    if (mode === 'error') throw new EcsctxValidationError(message);
    reportDiagnostic(VALIDATION_DIAGNOSTIC, message);
  };
  const transform = (info: Info): Info => {
    if (mode === 'off' || info[FAILED_LINE] === true) return info;
    const found = info[PLACEMENT_VIOLATIONS] as string[] | undefined;
    if (found) for (let i = 0; i < found.length; i++) report(found[i]);
    // after `namespace`, the root holds only placed keys: its violations list says it all
    if (info[NAMESPACED] === true) return info;
    for (let i = 0; i < RESERVED_OBJECT_FIELDS.length; i++) {
      const value = info[RESERVED_OBJECT_FIELDS[i]];
      if (value !== undefined && value !== null && !isPlainObject(value) && !isErrorObject(value)) {
        report(flatFieldViolation(RESERVED_OBJECT_FIELDS[i], value));
      }
    }
    const labels = info.labels;
    if (isPlainObject(labels)) {
      const keys = Object.keys(labels);
      for (let i = 0; i < keys.length; i++) {
        const v = labels[keys[i]];
        if (v !== null && typeof v === 'object') report(`ECS labels must be scalars: label '${keys[i]}' is an object`);
      }
    }
    return info;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
