/**
 * Patch of a winston logger's `log` and level methods (`info`, `error`…): the info object
 * handed to winston is always a new one built here, never the caller's object. winston's own
 * methods write `level` and `Symbol(level)` onto an object or Error passed alone, copy meta
 * with `Object.assign` (a `__proto__` key then replaces the info's prototype, a throwing
 * getter throws from the call) and append `meta.message` to the message. Here:
 *
 * - the caller's objects are read, never written (frozen objects and Errors log as others);
 * - each own enumerable property is read once; one that throws becomes `[getter threw]`, an
 *   object whose keys cannot be listed becomes `{ value: "[unreadable]" }`;
 * - a `__proto__` key stays a plain data key;
 * - a `message` key in meta is a field like any other (it goes under `extra.message`): the
 *   message argument alone is the event name;
 * - a `level` key in meta (or in an object or Error logged with a level method) is a field
 *   too (`extra.level`): the line's level is the method's;
 * - `child(bindings)` reads the bindings once (see `patch-child`).
 * - an Error logged alone (`logger.error(err)`, `logger.log('error', err)`) is logged as
 *   `logger.error(err.message, err)` is;
 * - no argument is dropped: a printf-style message takes its arguments first (`%s`, `%d`…,
 *   see `fill-placeholders`), the first object argument left is the meta, and any argument still
 *   left rides under {@link META_ARGS} as text (placed under `extra.args`, see `argument-text`); pino's order, an object
 *   (or Error) first and the message second, is read the same way.
 */
import type { Logger } from 'winston';
import { LEVEL, SPLAT } from 'triple-beam';
import { setOwn } from '../serialize/own-property';
import { GETTER_THREW, UNREADABLE_MARKER } from '../serialize/markers';
import { beginDegradedLine, countDegradedLine, endDegradedLine } from '../degraded-lines';
import { withKnownLevel } from './known-level';
import { patchChild } from './patch-child';
import { META_ARGS, META_LEVEL, META_MESSAGE } from '../formats/info-symbols';
import { fillPlaceholders, hasPlaceholder } from './fill-placeholders';
import { argumentText } from './argument-text';
import { beginReadingCall, endBuildingLine, LINE_GENERATION, MAX_LINE_GENERATION, newLineGeneration } from './line-generation';

type Info = Record<string, unknown> & { [key: symbol]: unknown };

function read(obj: object, key: string | symbol): unknown {
  try {
    return (obj as Record<string | symbol, unknown>)[key];
  } catch {
    countDegradedLine('unreadable');
    return GETTER_THREW;
  }
}

function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** Copies the own enumerable properties of `from` into `to` (a `__proto__` key as data). `skip` is left out. */
function copyOwn(to: Info, from: object, skip?: string): void {
  let keys: string[];
  try {
    keys = Object.keys(from);
  } catch {
    countDegradedLine('unreadable');
    setOwn(to, 'value', UNREADABLE_MARKER);
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === skip) continue;
    setOwn(to, key, read(from, key));
  }
}

/**
 * Keeps a `level` the caller's object gave, about to be replaced by the line's level, as a
 * field (`extra.level`); one equal to the line's level says nothing more and is not kept.
 */
function keepCallerLevel(info: Info, level: unknown): void {
  const own = info.level;
  if (own !== undefined && own !== level) info[META_LEVEL] = own;
}

function withDefaults(logger: Logger, info: Info): Info {
  const defaults = (logger as { defaultMeta?: unknown }).defaultMeta;
  if (defaults !== null && typeof defaults === 'object') copyOwn(info, defaults);
  return info;
}

/** The info of an Error logged alone: as `logger.log(level, err.message, err)`. */
function errorInfo(logger: Logger, level: unknown, err: Error): Info {
  const info: Info = {};
  copyOwn(info, err);
  withDefaults(logger, info);
  keepCallerLevel(info, level);
  info.level = level;
  info[LEVEL] = level;
  info.message = read(err, 'message');
  info.stack = read(err, 'stack');
  info[SPLAT] = [err];
  return info;
}

/** The info of an object logged alone (`logger.log({ level, message })`, `logger.info({ message, … })`). */
function objectInfo(logger: Logger, level: unknown, obj: object): Info {
  if (isError(obj)) return errorInfo(logger, level, obj);
  const info: Info = {};
  copyOwn(info, obj);
  // winston adds defaultMeta over the object's own keys here
  withDefaults(logger, info);
  keepCallerLevel(info, level);
  info.level = level;
  info[LEVEL] = level;
  return info;
}

/**
 * The info of `logger.log(level, message, ...args)` (or pino's `logger.log(level, meta,
 * message, ...args)`): the message's placeholders take the first arguments, the first object left is the meta (its fields merged, as winston merges it) and
 * the arguments still left ride under {@link META_ARGS}.
 */
function metaInfo(logger: Logger, level: unknown, message: unknown, args: unknown[]): Info {
  const info: Info = {};
  withDefaults(logger, info);
  // pino's order, `logger.info({ order_id }, 'paid %s', id)`: the object first is the meta
  const leading = isMetaObject(message) && typeof args[0] === 'string' ? message : undefined;
  if (leading !== undefined) message = args[0];
  let rest = leading !== undefined ? args.slice(1) : args;
  if (typeof message === 'string' && hasPlaceholder(message)) {
    const filled = fillPlaceholders(message, rest);
    message = filled.text;
    rest = rest.slice(filled.used);
  }
  let meta = leading;
  if (meta === undefined) {
    const at = rest.findIndex(isMetaObject);
    if (at !== -1) {
      meta = rest[at] as object;
      rest = rest.slice(0, at).concat(rest.slice(at + 1));
    }
  }
  // a format.splat() of the caller's finds nothing left to fill or merge; an error stays where winston leaves it
  let splat: unknown[] = [];
  if (meta !== undefined) {
    if (isError(meta)) {
      splat = [meta];
      copyOwn(info, meta);
      const stack = read(meta, 'stack');
      if (stack) info.stack = stack;
      const cause = read(meta, 'cause');
      if (cause) info.cause = cause;
    } else mergeMeta(info, meta);
  }
  if (rest.length > 0) info[META_ARGS] = rest.map(argumentText);
  keepCallerLevel(info, level);
  info.level = level;
  info[LEVEL] = level;
  info[SPLAT] = splat;
  info.message = message;
  return info;
}

/** Whether `value` can be a call's meta: an object whose fields are merged (an array is a value, not fields). */
function isMetaObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  try {
    return !Array.isArray(value);
  } catch {
    return true; // a revoked Proxy: read as meta, whose unreadable keys are marked
  }
}

/** Merges a meta object's fields; its own `message` rides under {@link META_MESSAGE}. */
function mergeMeta(info: Info, meta: object): void {
  copyOwn(info, meta, 'message');
  let own = false;
  try {
    own = Object.prototype.hasOwnProperty.call(meta, 'message');
  } catch {
    // keys unreadable: copyOwn wrote the marker
  }
  if (own) {
    const metaMessage = read(meta, 'message');
    if (metaMessage !== undefined) info[META_MESSAGE] = metaMessage;
  }
}

/**
 * `args` without the `undefined`s at its end, past the first `keep` (the level and message):
 * `logger.info('x', undefined)` passes no meta, as a function's optional parameter reads it.
 * A message with placeholders keeps them (`logger.info('%s', undefined)` writes `undefined`).
 */
function withoutTrailingUndefined(args: readonly unknown[], keep: number): readonly unknown[] {
  if (args.length <= keep || args[args.length - 1] !== undefined) return args;
  const message = args[keep - 1];
  if (typeof message === 'string' && hasPlaceholder(message)) return args;
  let end = args.length;
  while (end > keep && args[end - 1] === undefined) end--;
  return end === args.length ? args : args.slice(0, end);
}

/** The info winston would build for `logger.log(...args)`, built without touching the arguments. */
function infoOfLogCall(logger: Logger, given: readonly unknown[]): Info | undefined {
  const args = withoutTrailingUndefined(given, 2);
  return infoOf(logger, args[0], args, 1);
}

/** The info of a call whose level is `level` and whose other arguments are `args` from `from` on. */
function infoOf(logger: Logger, level: unknown, args: readonly unknown[], from: number): Info | undefined {
  const count = args.length - from + 1;
  const message = args[from];
  if (count === 1) {
    // logger.log('text'): winston would write the bare value; it is the message of a line without a level
    if (level === null || typeof level !== 'object') return withDefaults(logger, { level: undefined, [LEVEL]: undefined, message: level } as Info);
    const info = objectInfo(logger, undefined, level);
    delete info[META_LEVEL]; // logger.log({ level, message }): the object's level is the line's
    info.level = read(level, 'level');
    info[LEVEL] = info.level;
    return info;
  }
  if (count === 2) {
    if (message !== null && typeof message === 'object') return objectInfo(logger, level, message);
    return withDefaults(logger, { level, [LEVEL]: level, message } as Info);
  }
  return metaInfo(logger, level, message, args.slice(from + 1));
}

/** The info winston would build for `logger[level](...args)`. */
function infoOfLevelCall(logger: Logger, level: string, given: readonly unknown[]): Info {
  const args = withoutTrailingUndefined(given, 1);
  if (args.length === 0) return withDefaults(logger, { level, [LEVEL]: level, message: '' } as Info);
  if (args.length === 1) {
    const only = args[0];
    // winston: an object with a truthy message is the info; anything else is the message
    if (only !== null && typeof only === 'object' && (isError(only) || read(only, 'message'))) return objectInfo(logger, level, only);
    return withDefaults(logger, { level, [LEVEL]: level, message: only } as Info);
  }
  return infoOf(logger, level, args, 0) as Info;
}

/**
 * The info of a call past {@link MAX_LINE_GENERATION} (see `line-generation`): its level and
 * message, nothing that could log again (meta, `defaultMeta`). Ends a getter that logs through
 * the logger whose line reads it (`defaultMeta: { get x() { logger.info('…') } }`).
 */
function messageOnlyInfo(level: unknown, message: unknown): Info {
  countDegradedLine('cut');
  // nothing of the caller's objects is read here (a level that is no string is none: its text
  // would be read, and could log again)
  const own = typeof level === 'string' ? level : undefined;
  return { level: own, message: typeof message === 'string' ? message : UNREADABLE_MARKER, [LEVEL]: own };
}

/**
 * The info of a call of `generation` (see `line-generation`): `logger[level](...args)`, or
 * `logger.log(...args)` when `level` is undefined. Its arguments are read as a line of that
 * generation, so a getter there that logs makes a line of the next one; past
 * {@link MAX_LINE_GENERATION} the call writes its message alone and reads nothing. The one
 * entry of every patched way to log (level methods, `log`, `write`, timers).
 */
function infoOfCall(logger: Logger, generation: number, level: string | undefined, args: readonly unknown[]): Info | undefined {
  if (generation > MAX_LINE_GENERATION) return level === undefined ? messageOnlyInfo(args[0], args[1]) : messageOnlyInfo(level, args[0]);
  const before = beginReadingCall(generation);
  try {
    return level === undefined ? infoOfLogCall(logger, args) : infoOfLevelCall(logger, level, args);
  } finally {
    endBuildingLine(before);
  }
}

/** True when `info` was built by a patched log method (it carries its generation): winston may write on it. */
export function isBuiltInfo(info: unknown): info is Info {
  if (info === null || typeof info !== 'object') return false;
  try {
    return (info as Info)[LINE_GENERATION] !== undefined;
  } catch {
    return false; // a Proxy's trap threw: the caller's object, read guarded
  }
}

/**
 * The info of `logger.write(obj)` called with the caller's own object (winston's `profile`
 * and `startTimer` call it too): a new info built as `logger.log(obj)` builds one, so winston
 * writes on it, never on `obj`.
 */
export function infoOfDirectWrite(logger: Logger, obj: unknown): Info {
  const generation = newLineGeneration();
  const info = infoOfCall(logger, generation, undefined, [obj]) as Info;
  info[LINE_GENERATION] = generation;
  return withKnownLevel(logger, info);
}

/**
 * The info of a timer's line (`logger.profile(id, meta)`, `startTimer().done(meta)`): built
 * from `meta` as `logger.log(meta)` builds one, never written onto it, with winston's
 * defaults: level `info`, `durationMs`, and the profile's id as the message.
 */
export function infoOfTimer(logger: Logger, meta: object | undefined, durationMs: number, id?: unknown): Info {
  const generation = newLineGeneration();
  const info = infoOfCall(logger, generation, undefined, [meta ?? {}]) as Info;
  if (!info.level) {
    info.level = 'info';
    info[LEVEL] = 'info';
  }
  info.durationMs = durationMs;
  if (!info.message && id !== undefined) info.message = id;
  info[LINE_GENERATION] = generation;
  return withKnownLevel(logger, info);
}

/** Replaces `log`, `child` and each level method of `logger` (own properties; child loggers inherit them). */
export function patchLogMethods(logger: Logger, onError: (error: unknown, self: Logger) => Logger): void {
  patchChild(logger);
  const write = (self: Logger, info: Info | undefined, generation: number): Logger => {
    if (info === undefined) return self;
    info[LINE_GENERATION] = generation;
    self.write(withKnownLevel(self, info) as never);
    return self;
  };

  Object.defineProperty(logger, 'log', {
    configurable: true,
    writable: true,
    value: function log(this: Logger, ...args: unknown[]): Logger {
      const self = this ?? logger;
      beginDegradedLine();
      try {
        const generation = newLineGeneration();
        return write(self, infoOfCall(self, generation, undefined, args), generation);
      } catch (error) {
        return onError(error, self);
      } finally {
        endDegradedLine();
      }
    },
  });
  const levels = Object.keys((logger as { levels?: Record<string, number> }).levels ?? {});
  for (const level of levels) {
    Object.defineProperty(logger, level, {
      configurable: true,
      writable: true,
      value: function logAtLevel(this: Logger, ...args: unknown[]): Logger {
        const self = this ?? logger;
        beginDegradedLine();
        try {
          const generation = newLineGeneration();
          return write(self, infoOfCall(self, generation, level, args), generation);
        } catch (error) {
          return onError(error, self);
        } finally {
          endDegradedLine();
        }
      },
    });
  }
}
