/**
 * Hostile values for the property tests: what a log call may be given by code nobody
 * reviewed (throwing getters, Proxies whose traps throw, revoked Proxies, frozen Errors,
 * cycles, BigInt, Symbols, functions, Buffers, invalid Dates, `__proto__` keys), built by
 * fast-check so shapes and places vary.
 */
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { referenceDir } from './capture';

/** A value read at most by getters and traps that throw. */
export function throwingGetter(): Record<string, unknown> {
  return Object.defineProperty({}, 'boom', { enumerable: true, get() { throw new Error('getter'); } });
}

export function revokedProxy(): object {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}

export function trapProxy(trap: 'getPrototypeOf' | 'ownKeys' | 'get' | 'getOwnPropertyDescriptor' | 'has'): object {
  return new Proxy({ a: 1 }, { [trap]: () => { throw new Error(trap); } });
}

/** A JSON-parsed object whose own `__proto__` key holds an Error-like object, beside a password. */
export function protoKeyed(): Record<string, unknown> {
  const o: Record<string, unknown> = { password: 'hunter2-secret' };
  Object.defineProperty(o, '__proto__', { value: new Error('inner'), enumerable: true, writable: true, configurable: true });
  return o;
}

const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt().map((b) => b),
  fc.string().map((s) => Symbol(s)),
  fc.constant(() => 1),
  fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
  fc.constant(new Date(Number.NaN)),
  fc.date({ noInvalidDate: true }),
  fc.constant('abc'),
  fc.constant('maybe'),
  fc.constantFrom('x', '200', '10.0.0.1', 'not-an-ip', 'true'),
);

/** Keys that hit typed ECS fields, reserved names and placement rules, beside free names. */
export const hostileKey = fc.oneof(
  fc.constantFrom(
    'message', 'stack', 'name', 'code', 'level', 'extra', 'labels', 'error', 'event', 'user', 'http', '__proto__', 'constructor',
    'http.response.status_code', 'event.outcome', 'event.reason', 'user.id', 'client.ip', 'event.duration', 'event.created',
    'url.port', 'a', 'a.b', 'a.b.c', 'customer_id', 'service', 'trace', 'span', 'log', 'ecs', '@timestamp', 'host.ip', 'event.kind',
  ),
  fc.string({ maxLength: 6 }),
);

/** A hostile tree of values: plain objects, arrays, frozen objects, Errors, traps. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.constantFrom('getter', 'revoked', 'getPrototypeOf', 'ownKeys', 'get', 'proto', 'frozenError', 'error', 'errorGetters', 'errorProxy', 'cycle').map((kind) => new Special(kind)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 3 }).map((o) => new Frozen(o)),
  ),
})).value;

function thrower(): never {
  throw new Error('getter');
}

/** An Error whose own enumerable `code`, `cause` and `details` throw when read. */
export function errorWithThrowingFields(): Error {
  const err = new Error('hostile fields');
  for (const key of ['code', 'cause', 'details']) Object.defineProperty(err, key, { enumerable: true, get: thrower });
  return err;
}

/** A hostile value to build at call time (fast-check cannot hold revoked Proxies). */
class Special {
  constructor(readonly kind: string) {}
}

class Frozen {
  constructor(readonly fields: Record<string, unknown>) {}
}

/**
 * Builds a fresh value from a recipe made by {@link hostileValue} or {@link hostileMeta}: the
 * traps, Proxies and frozen objects are made here, new for each call.
 */
export function materialize(recipe: unknown): unknown {
  if (recipe instanceof Special) return special(recipe.kind);
  if (recipe instanceof Frozen) return Object.freeze(materialize(recipe.fields) as object);
  if (Array.isArray(recipe)) return recipe.map(materialize);
  if (recipe !== null && typeof recipe === 'object' && Object.getPrototypeOf(recipe) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(recipe)) {
      Object.defineProperty(out, key, { value: materialize((recipe as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return recipe;
}

function special(kind: string): unknown {
  switch (kind) {
    case 'getter': return throwingGetter();
    case 'revoked': return revokedProxy();
    case 'getPrototypeOf': return trapProxy('getPrototypeOf');
    case 'ownKeys': return trapProxy('ownKeys');
    case 'get': return trapProxy('get');
    case 'proto': return protoKeyed();
    case 'frozenError': return Object.freeze(new Error('frozen'));
    case 'has': return trapProxy('has');
    case 'getOwnPropertyDescriptor': return trapProxy('getOwnPropertyDescriptor');
    case 'toJSONThrows': return { a: 1, toJSON() { throw new Error('toJSON'); } };
    case 'toJSONRevoked': return { a: 1, toJSON: () => revokedProxy() };
    case 'toJSONGetter': return { toJSON: () => throwingGetter() };
    case 'toJSONString': return { a: 1, toJSON: () => 'text' };
    case 'frozenGetter': return Object.freeze(throwingGetter());
    case 'error': return Object.assign(new Error('plain'), { code: 'E1' });
    case 'errorGetters': return errorWithThrowingFields();
    case 'errorProxy': return new Proxy(new Error('proxied'), { get: (target, key) => (key === 'code' ? thrower() : Reflect.get(target, key)) });
    default: {
      const o: Record<string, unknown> = { a: 1 };
      o.self = o;
      return o;
    }
  }
}

/**
 * A hostile object of any kind, the one thing given where an object is expected (bindings, a
 * scope's fields, a root field): getters and every Proxy trap that throw, revoked Proxies,
 * `toJSON` that throws or returns something hostile, frozen objects, or a hostile tree.
 */
export const hostileObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'getter', 'revoked', 'getPrototypeOf', 'ownKeys', 'get', 'has', 'getOwnPropertyDescriptor', 'proto', 'cycle',
    'toJSONThrows', 'toJSONRevoked', 'toJSONGetter', 'toJSONString', 'frozenGetter',
  ).map((kind) => new Special(kind)),
  fc.dictionary(hostileKey, hostileValue, { maxKeys: 4 }),
);

/** A hostile meta object (what is passed after the message). */
export const hostileMeta = fc.dictionary(hostileKey, hostileValue, { maxKeys: 6 });

/** A stream collecting lines (not checked by the after-each hook: the tests check them). */
export function lineSink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const part of String(chunk).split('\n')) if (part !== '') lines.push(part);
      cb();
    },
  });
  return { stream, lines };
}

interface Checker {
  check(text: string, line?: number): { severity: string; path: string; message: string }[];
}

let checker: Promise<Checker> | undefined;

/** The ECS errors (not warnings) of one line, each line on its own (no cross-line mapping). */
export async function ecsErrors(line: string): Promise<string[]> {
  checker ??= import(pathToFileURL(join(referenceDir, 'ecs', 'ecs-check.mjs')).href).then((m: { createChecker(o: object): Checker }) => m.createChecker({ crossLine: false }));
  const c = await checker;
  return c.check(line).filter((v) => v.severity === 'error').map((v) => `${v.path}: ${v.message}`);
}
