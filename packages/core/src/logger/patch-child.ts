/**
 * Patch of a winston logger's `child(bindings)`. winston's own child merges the bindings into
 * every line with `Object.assign({}, bindings, info)`: a binding whose getter or Proxy trap
 * throws then throws from every log call of the child (the line is lost), a `__proto__`
 * binding replaces the line's prototype, and the bindings are read again on each line.
 *
 * Here the bindings are read once, when the child is made, into a plain copy (the caller's
 * object is never written): a property that throws becomes `[getter threw]`, bindings whose
 * keys cannot be listed become `{ value: "[unreadable]" }`, a `__proto__` key stays data.
 * Each line of such a child is counted as `unreadable`. The line's own fields win over the
 * bindings, as in winston; a binding named `level` is kept as the caller's level field
 * (`extra.level`), never the line's level.
 */
import type { Logger } from 'winston';
import { isErrorObject, readOwn, setOwn } from '../serialize/own-property';
import { GETTER_THREW, UNREADABLE_MARKER } from '../serialize/markers';
import { countDegradedLine } from '../degraded-lines';
import { META_LEVEL } from '../formats/info-symbols';

type Info = Record<string, unknown> & { [key: symbol]: unknown };

/** The bindings as read once at the child's creation, and whether any part could not be read. */
interface ReadBindings {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly unreadable: boolean;
}

/** Reads the own enumerable properties of `bindings` once into a plain object; never throws. */
function readBindings(bindings: unknown): ReadBindings {
  const fields: Record<string, unknown> = {};
  if (bindings === null || (typeof bindings !== 'object' && typeof bindings !== 'function')) return { fields, unreadable: false };
  let keys: string[];
  try {
    keys = Object.keys(bindings);
  } catch {
    setOwn(fields, 'value', UNREADABLE_MARKER);
    return { fields, unreadable: true };
  }
  let unreadable = false;
  for (let i = 0; i < keys.length; i++) {
    let value: unknown;
    try {
      value = (bindings as Record<string, unknown>)[keys[i]];
    } catch {
      value = GETTER_THREW;
      unreadable = true;
    }
    setOwn(fields, keys[i], value);
  }
  return { fields, unreadable };
}

/** The own keys (strings and symbols) of `info`, or none when they cannot be listed. */
function ownKeysOf(info: object): (string | symbol)[] {
  try {
    return Reflect.ownKeys(info);
  } catch {
    countDegradedLine('unreadable');
    return [];
  }
}

/** A new info: the bindings, then the own enumerable properties of `info` over them. */
function withBindings(bound: ReadBindings, info: unknown): unknown {
  if (info === null || typeof info !== 'object') return info;
  if (bound.unreadable) countDegradedLine('unreadable');
  const out: Info = {};
  const fields = bound.fields;
  const names = Object.keys(fields);
  for (let i = 0; i < names.length; i++) setOwn(out, names[i], fields[names[i]]);
  const keys = ownKeysOf(info);
  for (let i = 0; i < keys.length; i++) copyProperty(out, info, keys[i]);
  if (isErrorObject(info)) {
    // as winston's child: an Error's own message and stack are not enumerable
    out.message = readOwn(info, 'message');
    out.stack = readOwn(info, 'stack');
    out.cause = readOwn(info, 'cause');
  }
  const boundLevel = Object.hasOwn(fields, 'level') ? fields.level : undefined;
  // a binding named `level` lost its path to the line's level: it is kept as a field
  if (boundLevel !== undefined && out.level !== boundLevel && out[META_LEVEL] === undefined) out[META_LEVEL] = boundLevel;
  return out;
}

/** Copies one own enumerable property of `from` (a throwing read becomes a marker). */
function copyProperty(out: Info, from: object, key: string | symbol): void {
  let value: unknown;
  try {
    const desc = Object.getOwnPropertyDescriptor(from, key);
    if (desc === undefined || !desc.enumerable) return;
    value = 'value' in desc ? desc.value : (from as Info)[key as string];
  } catch {
    countDegradedLine('unreadable');
    value = GETTER_THREW;
  }
  if (typeof key === 'symbol') out[key] = value;
  else setOwn(out, key, value);
}

/**
 * Replaces `child` on `logger` (an own property; children inherit it): the child's lines get
 * the bindings read once here, and a log call of the child never throws because of them.
 */
export function patchChild(logger: Logger): void {
  Object.defineProperty(logger, 'child', {
    configurable: true,
    writable: true,
    value: function child(this: Logger, bindings?: unknown): Logger {
      const parent = this ?? logger;
      const bound = readBindings(bindings);
      return Object.create(parent, {
        write: {
          configurable: true,
          writable: true,
          value: function writeWithBindings(info: unknown, encoding?: unknown, callback?: unknown): boolean {
            const write = parent.write as (info: unknown, encoding?: unknown, callback?: unknown) => boolean;
            return write.call(parent, withBindings(bound, info), encoding, callback);
          },
        },
      }) as Logger;
    },
  });
}
