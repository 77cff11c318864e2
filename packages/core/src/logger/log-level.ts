/**
 * The logger's level from the `level` option or `LOG_LEVEL`. A name of the logger's level set
 * is taken case-insensitively; a name another logging library uses for the same threshold
 * (Python's `warning` and `critical`, `fatal`, `trace`, ...) is read as the nearest level of
 * the set in the same direction; anything else fails at start-up instead of silently
 * dropping every line.
 */
import { EcsctxOptionsError } from '../errors';

/** A level set as winston takes it: name → priority, 0 the most severe. */
export type LevelSet = Readonly<Record<string, number>>;

/** Names read as the most severe level of the set when the set has none of the group. */
const MOST_SEVERE = ['critical', 'crit', 'fatal', 'emerg', 'emergency', 'alert', 'panic'] as const;
/** Names read as the most verbose level of the set when it does not have them. */
const MOST_VERBOSE = ['trace', 'all'] as const;

/**
 * Names that mean the same threshold: the first one the level set has is used. The
 * severe group falls back to the most severe level, `trace` to the most verbose.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['warn', 'warning'],
  ['error', 'err'],
  ['crit', 'critical', 'fatal'],
  ['info', 'information', 'informational'],
  ['debug', 'dbg'],
];

function levelNames(levels: LevelSet): string[] {
  return Object.keys(levels).sort((a, b) => levels[a] - levels[b]);
}

function findName(levels: LevelSet, lower: string): string | undefined {
  for (const name of Object.keys(levels)) if (name.toLowerCase() === lower) return name;
  return undefined;
}

function synonymOf(levels: LevelSet, lower: string): string | undefined {
  for (const group of SYNONYMS) {
    if (!group.includes(lower)) continue;
    for (const candidate of group) {
      const found = findName(levels, candidate);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The other libraries' names mentioned in the error, when the level set takes them. */
const HINTED = ['warning', 'critical', 'fatal', 'trace'] as const;

function resolve(lower: string, levels: LevelSet, ordered: readonly string[]): string | undefined {
  const found = findName(levels, lower) ?? synonymOf(levels, lower);
  if (found !== undefined || ordered.length === 0) return found;
  if ((MOST_SEVERE as readonly string[]).includes(lower)) return ordered[0];
  if ((MOST_VERBOSE as readonly string[]).includes(lower)) return ordered[ordered.length - 1];
  return undefined;
}

/**
 * The level of `levels` that `value` names, by the rules of {@link resolveLogLevel}, or
 * `undefined` when it names none.
 */
export function levelNamed(value: string, levels: LevelSet): string | undefined {
  return resolve(value.trim().toLowerCase(), levels, levelNames(levels));
}

/**
 * The level of `levels` that `value` names (case-insensitive, surrounding spaces ignored).
 * A name from another library is read as the level of the set with the same meaning
 * (`warning` → `warn`, `critical` → `crit`); the severe names (`critical`, `fatal`, ...)
 * fall back to the most severe level of the set and `trace` to the most verbose.
 *
 * @param source - what to call the value in the error, e.g. `LOG_LEVEL` or `the level option`.
 * @throws EcsctxOptionsError (`ERR_ECSCTX_OPTIONS_INVALID`) when `value` names no level.
 */
export function resolveLogLevel(value: string, levels: LevelSet, source = 'LOG_LEVEL'): string {
  const ordered = levelNames(levels);
  const found = levelNamed(value, levels);
  if (found !== undefined) return found;
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  const hints = HINTED.filter((name) => findName(levels, name) === undefined && resolve(name, levels, ordered) !== undefined);
  const also = hints.length > 0 ? `, or ${hints.join(', ')}` : '';
  throw new EcsctxOptionsError(`${source} ${shown} is not a log level: use one of ${ordered.join(', ')} (any case)${also}`);
}
