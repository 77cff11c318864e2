/**
 * Keeps `req`/`res` listeners in the request's scope. Node emits a request's events
 * (`data`, `end`, `finish`, `close`) from the socket's async context, where neither the
 * logging scope nor cls-rtracer's id exists: a body parser mounted after the middleware would
 * call `next()` from outside the request. Every listener added to `req`/`res` after this
 * runs in the scope that was current when the middleware ran.
 *
 * cls-rtracer's own middleware does the same by wrapping ten methods with fresh closures per
 * request and keeping a table for removal; here one shared function per method is installed,
 * and each bound listener carries `.listener` (as Node's `once` wrappers do), so Node's own
 * `removeListener`/`off` find it. On the bench's minimal app this binding costs 8–15% of bare
 * requests/s where cls-rtracer's middleware costs 19–23% (docs/performance.md).
 */
import { AsyncResource } from 'node:async_hooks';
import type { EventEmitter } from 'node:events';

const SCOPE = Symbol('ecsctx.express.listener-scope');

type Listener = (...args: unknown[]) => unknown;
type ScopedEmitter = EventEmitter & { [SCOPE]?: AsyncResource };

function bound(emitter: ScopedEmitter, handler: Listener): Listener {
  const scope = emitter[SCOPE] as AsyncResource;
  const run = function (this: unknown, ...args: unknown[]): unknown {
    return scope.runInAsyncScope(handler, this, ...args);
  } as Listener & { listener?: Listener };
  // a `once` wrapper removes itself by identity: let it find this one
  run.listener = handler;
  return run;
}

function onInScope(this: ScopedEmitter, event: string | symbol, handler: Listener): EventEmitter {
  const proto = Object.getPrototypeOf(this) as EventEmitter;
  return proto.on.call(this, event, typeof handler === 'function' ? bound(this, handler) : handler);
}

function prependInScope(this: ScopedEmitter, event: string | symbol, handler: Listener): EventEmitter {
  const proto = Object.getPrototypeOf(this) as EventEmitter;
  return proto.prependListener.call(this, event, typeof handler === 'function' ? bound(this, handler) : handler);
}

/** Runs every listener later added to `req` and `res` in the current async scope. Idempotent. */
export function bindEmittersToScope(req: EventEmitter, res: EventEmitter): void {
  const request = req as ScopedEmitter;
  if (request[SCOPE] !== undefined) return;
  const scope = new AsyncResource('ecsctx.express.request');
  const response = res as ScopedEmitter;
  request[SCOPE] = scope;
  response[SCOPE] = scope;
  request.on = request.addListener = onInScope as EventEmitter['on'];
  response.on = response.addListener = onInScope as EventEmitter['on'];
  request.prependListener = prependInScope as EventEmitter['prependListener'];
  response.prependListener = prependInScope as EventEmitter['prependListener'];
}
