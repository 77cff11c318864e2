/**
 * The one AsyncLocalStorage that carries logging scopes. Kept on `globalThis` under a
 * versioned `Symbol.for` key so that two copies of the package (CommonJS and ESM, or two
 * versions in one tree) share one store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggingContext } from './logging-context-types';
import type { TraceContext } from '../trace/trace-context';

/** One logging scope: a request, a job, or a `withLoggingContext` block. */
export interface LoggingScope {
  /** The bound fields; replaced (never mutated) on each bind, so a reference is a snapshot. */
  context: LoggingContext;
  /** The W3C trace this scope belongs to, if any. */
  trace: TraceContext | undefined;
  /** `service.type` of lines in this scope, before the logger's (a job scope says `worker`). */
  serviceType?: string;
  /**
   * The line fields compiled from this scope by the formats (see `formats/scope-fields`),
   * kept with the scope so they live and die with it.
   */
  compiled?: object;
}

const STORE_KEY = Symbol.for('ecsctx.context.v1');
const globalStore = globalThis as unknown as Record<symbol, AsyncLocalStorage<LoggingScope> | undefined>;

/** The process-wide store of logging scopes. */
export const scopeStorage: AsyncLocalStorage<LoggingScope> =
  globalStore[STORE_KEY] ?? (globalStore[STORE_KEY] = new AsyncLocalStorage<LoggingScope>());

/** The scope of the current async execution, or `undefined` outside any scope. */
export function currentScope(): LoggingScope | undefined {
  return scopeStorage.getStore();
}
