/**
 * Whether a logger writes readable lines instead of ECS JSON: asked for with the `pretty`
 * option or `ECSCTX_PRETTY`, and refused (ECS JSON, and one diagnostic saying why) when
 * `NODE_ENV=production` unless forced, so a development setting cannot reach production
 * by accident.
 */
import { reportDiagnostic } from '../diagnostics';
import { EcsctxOptionsError } from '../errors';
import { envValue } from '../env-vars';

/** `true` asks for readable lines; `'force'` also in production; `false` never. */
export type PrettySetting = boolean | 'force';

/** Diagnostic raised when readable lines are refused because `NODE_ENV=production`. */
const PRETTY_REFUSED_DIAGNOSTIC = 'ECSCTX_PRETTY_REFUSED';

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/**
 * `ECSCTX_PRETTY` read: `1`/`true`/`yes`/`on`, `0`/`false`/`no`/`off`, or `force` (any case).
 *
 * @throws EcsctxOptionsError for any other value.
 */
function parsePrettyEnv(value: string | undefined): PrettySetting | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  if (lower === 'force') return 'force';
  throw new EcsctxOptionsError(`ECSCTX_PRETTY ${JSON.stringify(value.slice(0, 40))} is not one of 1, 0, true, false, yes, no, on, off, force`);
}

/** What a logger decided about its output. */
export interface OutputChoice {
  readonly pretty: boolean;
  readonly colors: boolean;
}

/** Where the decision reads from. */
export interface OutputChoiceInput {
  readonly pretty?: PrettySetting;
  readonly colors?: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** The destination: colours default to on when it is a terminal. */
  readonly stream?: { readonly isTTY?: boolean };
}

function colorsFor(input: OutputChoiceInput): boolean {
  if (input.colors !== undefined) return input.colors;
  if (envValue(input.env, 'NO_COLOR') !== undefined) return false;
  const force = envValue(input.env, 'FORCE_COLOR');
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return input.stream?.isTTY === true;
}

/**
 * The option wins over `ECSCTX_PRETTY`. Readable lines asked for (not forced) while
 * `NODE_ENV=production` are refused: the logger writes ECS JSON and reports
 * `ECSCTX_PRETTY_REFUSED` once.
 */
export function chooseOutput(input: OutputChoiceInput): OutputChoice {
  const setting = input.pretty ?? parsePrettyEnv(envValue(input.env, 'ECSCTX_PRETTY')) ?? false;
  if (setting === false) return { pretty: false, colors: false };
  if (setting !== 'force' && envValue(input.env, 'NODE_ENV')?.toLowerCase() === 'production') {
    reportDiagnostic(
      PRETTY_REFUSED_DIAGNOSTIC,
      "readable log lines were asked for (pretty / ECSCTX_PRETTY) but NODE_ENV=production: writing ECS JSON lines; use 'force' to override",
    );
    return { pretty: false, colors: false };
  }
  return { pretty: true, colors: colorsFor(input) };
}
