/**
 * A line is never lost to its level (winston drops a line whose level it does not know): a
 * level the logger does not have is read as the level it names (`fatal`, `WARNING`: see
 * `log-level`); one that names none is written at `info`, the given level under
 * `extra.ecsctx_level`, and the line counted as `unknown_level`.
 */
import type { Logger } from 'winston';
import { LEVEL } from 'triple-beam';
import { UNREADABLE_MARKER } from '../serialize/markers';
import { countDegradedLine } from '../degraded-lines';
import type { Info } from '../formats/info-symbols';
import { levelNamed, type LevelSet } from './log-level';

/** The level of a line whose level is not the logger's: `info` (or the set's middle) when none is named. */
function fallbackLevel(levels: LevelSet): string {
  if (Object.hasOwn(levels, 'info')) return 'info';
  const names = Object.keys(levels).sort((a, b) => levels[a] - levels[b]);
  return names[Math.floor(names.length / 2)];
}

/** `info` with a level `self` has (see the module comment); `info` itself, changed where needed. */
export function withKnownLevel(self: Logger, info: Info): Info {
  const levels = (self as { levels?: LevelSet }).levels;
  const given = info[LEVEL];
  if (levels === undefined || (typeof given === 'string' && Object.hasOwn(levels, given))) return info;
  const named = typeof given === 'string' ? levelNamed(given, levels) : undefined;
  const level = named ?? fallbackLevel(levels);
  if (level === undefined) return info;
  if (named === undefined) {
    info.ecsctx_level = typeof given === 'string' ? given : given === undefined ? 'undefined' : describeLevel(given);
    countDegradedLine('unknown_level');
  }
  info.level = level;
  info[LEVEL] = level;
  return info;
}

function describeLevel(value: unknown): string {
  try {
    return typeof value === 'symbol' ? value.toString() : (JSON.stringify(value) ?? String(value));
  } catch {
    return UNREADABLE_MARKER;
  }
}
