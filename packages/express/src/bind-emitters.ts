/**
 * Keeps `req`/`res` listeners in the request's scope. Node emits a request's events
 * (`data`, `end`, `finish`, `close`) from the socket's async context, where neither the
 * logging scope nor cls-rtracer's id exists: a body parser mounted after the middleware would
 * call `next()` from outside the request. Every listener added to `req`/`res` after this
 * runs in the scope that was current when the middleware ran (all of it: an `AsyncResource`
 * made there, so OpenTelemetry's context comes along too).
 *
 * How: `on`/`addListener`/`prependListener` of `http.IncomingMessage.prototype` and
 * `http.ServerResponse.prototype` are wrapped once, and wrap a listener only for the objects
 * this module registered (a WeakMap lookup; every other emitter goes straight through). The
 * earlier way, four own methods and a symbol set on each `req` and `res`, changed the shape of
 * two large objects per request, and the objects Node and Express then read property after
 * property were slower for the rest of the request: ~250 k instructions per request (callgrind),
 * nearly all of the middleware's cost. Objects of other classes (HTTP/2 compatibility
 * requests) still get own methods. Each bound listener carries `.listener` (as Node's `once`
 * wrappers do), so `removeListener`/`off` find it.
 */
import { AsyncResource } from 'node:async_hooks';
import { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEmitter } from 'node:events';
import { sharedWeakMap } from './request-state';

type Listener = (...args: unknown[]) => unknown;
type AddListener = (this: EventEmitter, event: string | symbol, listener: Listener) => EventEmitter;

/**
 * The scope of each registered request and response, shared by every installed copy of this
 * package (the wrapped prototype methods are shared too).
 */
const SCOPES = sharedWeakMap<AsyncResource>(Symbol.for('ecsctx.express.listener-scopes.v1'));
/** Marks a prototype (or an object) whose listener methods are wrapped. */
const WRAPPED = Symbol.for('ecsctx.express.scoped-listeners.v1');

function bound(scope: AsyncResource, handler: Listener): Listener {
  const run = function (this: unknown, ...args: unknown[]): unknown {
    return scope.runInAsyncScope(handler, this, ...args);
  } as Listener & { listener?: Listener };
  // a `once` wrapper removes itself by identity: let it find this one
  run.listener = handler;
  return run;
}

function scoped(add: AddListener): AddListener {
  return function addInScope(this: EventEmitter, event: string | symbol, handler: Listener): EventEmitter {
    const scope = SCOPES.get(this);
    return add.call(this, event, scope !== undefined && typeof handler === 'function' ? bound(scope, handler) : handler);
  };
}

/** Wraps the listener methods `target` has (own or inherited) with own ones. Idempotent. */
function wrapListenerMethods(target: EventEmitter & { [WRAPPED]?: true }): void {
  if (Object.prototype.hasOwnProperty.call(target, WRAPPED)) return;
  const on = scoped(target.on as AddListener);
  const prepend = scoped(target.prependListener as AddListener);
  for (const [name, value] of [['on', on], ['addListener', on], ['prependListener', prepend]] as const) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(target, WRAPPED, { value: true });
}

/**
 * Wraps the listener methods of `http.IncomingMessage.prototype` and
 * `http.ServerResponse.prototype` (once per process). `expressContext()` calls it when it is
 * created, before any request, so instrumentations that bind a request's emitters later
 * (OpenTelemetry's) wrap the wrapped methods.
 */
export function prepareScopedListeners(): void {
  wrapListenerMethods(IncomingMessage.prototype);
  wrapListenerMethods(ServerResponse.prototype);
}

/** Runs every listener later added to `req` and `res` in the current async scope. Idempotent. */
export function bindEmittersToScope(req: EventEmitter, res: EventEmitter): void {
  if (SCOPES.has(req)) return;
  prepareScopedListeners();
  const scope = new AsyncResource('ecsctx.express.request');
  SCOPES.set(req, scope);
  SCOPES.set(res, scope);
  // not an http.IncomingMessage / ServerResponse: own methods. (An instrumentation's own
  // methods on a request, OpenTelemetry's, call the prototype's, which are wrapped already.)
  for (const emitter of [req, res] as (EventEmitter & { [WRAPPED]?: true })[]) {
    if (emitter[WRAPPED] !== true) wrapListenerMethods(emitter);
  }
}
