/**
 * Trace out for the global `fetch`: a wrapper (`createTracedFetch`) and an opt-in patch of
 * `globalThis.fetch` (`instrumentFetch`). Each call gets its own `parent-id`; the call runs in
 * a scope whose `span.id` is that `parent-id`, and (with a logger) one line is written per
 * call, so the caller's line and the callee's lines link by span.
 *
 * - Nothing instruments `fetch`: core's `startOutboundSpan` gives the call its span (with
 *   OpenTelemetry in charge, a client span, child of the active span, ended with the call's
 *   outcome) and the headers are set here.
 * - An instrumentation injects into `fetch` (`@opentelemetry/instrumentation-undici`, an APM
 *   agent): no headers are added, so one `traceparent` goes out, the instrumentation's. The
 *   call's line carries the caller's active span (the client span's parent). With
 *   OpenTelemetry loaded but no span active (a job, a timer), the call runs in a
 *   non-recording span of this library's trace so the client span continues it. With
 *   `ECSCTX_OTEL=off` (or no `@opentelemetry/api`), the combination is reported once.
 */
import {
  EcsctxOptionsError,
  getTraceContext,
  newSpanId,
  startOutboundSpan,
  withLoggingContext,
} from '@ecsctx/core';
import { parseTraceparent } from '@ecsctx/core/trace';
import {
  activeOtelSpanContext,
  otelAvailable,
  reportDiagnostic,
  runInOwnTrace,
  type OutboundResult,
} from '@ecsctx/core/integration';
import { HTTP_EVENTS } from './event-names';
import { FETCH_INSTRUMENTED_DIAGNOSTIC, fetchIsInstrumented, INSTRUMENTED_WITHOUT_OTEL, watchForDoubleTraceparent } from './fetch-instrumentation';
import { levelForStatus, type ResolvedStatusLevels, type StatusLevels } from './http-fields';
import { checkFunction, checkOptionsObject } from './options-checks';
import { checkLogger, resolveLevels, type LogWriter } from './logger-checks';

/** The signature of the global `fetch`. */
export type FetchFunction = typeof globalThis.fetch;

/** Options of {@link createTracedFetch} and {@link instrumentFetch}. */
export interface TracedFetchOptions {
  /** The `fetch` to wrap; default the global `fetch` at creation. */
  fetch?: FetchFunction;
  /** Writes `http_client_request_completed`/`http_client_request_failed` per call when given. */
  logger?: LogWriter;
  /**
   * Whether to send the trace headers to `url` (default: always). Return `false` for third
   * parties that must not see your trace ids. With OpenTelemetry's undici instrumentation,
   * that instrumentation injects whatever this says: exclude such URLs there too.
   */
  propagate?: (url: URL) => boolean;
  /** Levels by status class; default info below 400, warn for 4xx, error for 5xx and failures. */
  levels?: StatusLevels;
}

const ORIGINAL_FETCH = Symbol.for('ecsctx.express.original-fetch.v1');
type TracedFetch = FetchFunction & { [ORIGINAL_FETCH]?: FetchFunction };

interface CallInfo {
  readonly method: string;
  readonly url: URL | undefined;
}

/** The URL of a fetch input, or `undefined` when it is not absolute. */
function urlOf(input: unknown): URL | undefined {
  try {
    if (input instanceof URL) return input;
    if (typeof input === 'string') return new URL(input);
    if (input !== null && typeof input === 'object' && typeof (input as Request).url === 'string') return new URL((input as Request).url);
  } catch {
    // a relative or malformed URL: fetch itself will say so
  }
  return undefined;
}

/** `url.full` without user name and password. */
function fullUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

function methodOf(input: unknown, init: RequestInit | undefined): string {
  if (init?.method !== undefined) return init.method.toUpperCase();
  return input instanceof Request ? input.method.toUpperCase() : 'GET';
}

/** How one call is sent: the init to send, the scope it runs in, and what ends it. */
interface PreparedCall {
  readonly init: RequestInit | undefined;
  run<R>(fn: () => R): R;
  end(result: OutboundResult): void;
}

const asIs = <R>(fn: () => R): R => fn();
const noEnd = (): void => undefined;

/** The OpenTelemetry span's attributes of a call (the query string left out: it may carry secrets). */
function spanAttributes(method: string, url: URL | undefined): Record<string, string | number> {
  const attributes: Record<string, string | number> = { 'http.request.method': method };
  if (url !== undefined) {
    attributes['url.full'] = `${url.origin}${url.pathname}`;
    attributes['server.address'] = url.hostname;
  }
  return attributes;
}

/**
 * A call that something else instruments (it injects its own trace headers into `fetch`):
 * no headers of ours, never a second `traceparent`. With OpenTelemetry loaded but no span
 * active, the call runs in a non-recording span of this library's trace, so the
 * instrumentation's client span continues that trace as a child of the span on the line.
 */
function instrumentedCall(init: RequestInit | undefined): PreparedCall {
  if (!otelAvailable()) {
    reportDiagnostic(FETCH_INSTRUMENTED_DIAGNOSTIC, INSTRUMENTED_WITHOUT_OTEL);
    return { init, run: asIs, end: noEnd };
  }
  const trace = activeOtelSpanContext() === undefined ? getTraceContext() : undefined;
  if (trace === undefined) return { init, run: asIs, end: noEnd };
  const spanId = newSpanId();
  return {
    init,
    run: (fn) => withLoggingContext({ spanId }, () => runInOwnTrace(trace.traceId, spanId, trace.traceFlags, fn)),
    end: noEnd,
  };
}

class FetchTracer {
  constructor(
    readonly base: FetchFunction,
    private readonly logger: LogWriter | undefined,
    private readonly levels: ResolvedStatusLevels,
    private readonly propagate: ((url: URL) => boolean) | undefined,
  ) {}

  /** Decides the headers and the scope of one call (see the module comment). */
  private prepare(input: Parameters<FetchFunction>[0], init: RequestInit | undefined, call: CallInfo): PreparedCall {
    if (call.url !== undefined && this.propagate !== undefined && this.propagate(call.url) !== true) return { init, run: asIs, end: noEnd };
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const own = headers.get('traceparent');
    if (own !== null) {
      // the caller set its own traceparent: log the call under the parent-id it sends
      const spanId = parseTraceparent(own)?.parentId;
      return { init, run: spanId === undefined ? asIs : (fn) => withLoggingContext({ spanId }, fn), end: noEnd };
    }
    if (fetchIsInstrumented()) return instrumentedCall(init);
    const outbound = startOutboundSpan({ name: call.method, attributes: spanAttributes(call.method, call.url) });
    if (outbound === undefined) return { init, run: asIs, end: noEnd };
    headers.set('traceparent', outbound.headers.traceparent);
    if (outbound.headers.tracestate !== undefined) headers.set('tracestate', outbound.headers.tracestate);
    return { init: { ...init, headers }, run: (fn) => outbound.run(fn), end: (result) => outbound.end(result) };
  }

  fetch(input: Parameters<FetchFunction>[0], init: RequestInit | undefined): Promise<Response> {
    const call: CallInfo = { method: methodOf(input, init), url: urlOf(input) };
    const prepared = this.prepare(input, init, call);
    const send = prepared.init;
    return prepared.run(() => {
      const sent = this.logger === undefined ? this.base(input, send) : this.loggedCall(input, send, call);
      return sent.then(
        (response) => {
          prepared.end({ statusCode: response.status });
          return response;
        },
        (error: unknown) => {
          prepared.end({ error });
          throw error;
        },
      );
    });
  }

  private async loggedCall(input: Parameters<FetchFunction>[0], init: RequestInit | undefined, call: CallInfo): Promise<Response> {
    const start = process.hrtime.bigint();
    let response: Response;
    try {
      response = await this.base(input, init);
    } catch (error) {
      this.log(this.levels.serverError, HTTP_EVENTS.clientRequestFailed, call, start, undefined, error);
      throw error;
    }
    this.log(levelForStatus(this.levels, response.status), HTTP_EVENTS.clientRequestCompleted, call, start, response.status, undefined);
    return response;
  }

  private log(level: string, message: string, call: CallInfo, start: bigint, status: number | undefined, error: unknown): void {
    try {
      const http: Record<string, unknown> = { request: { method: call.method } };
      if (status !== undefined) http.response = { status_code: status };
      const fields: Record<string, unknown> = {
        http,
        event: {
          duration: Number(process.hrtime.bigint() - start),
          outcome: status !== undefined && status < 400 ? 'success' : 'failure',
        },
      };
      if (call.url !== undefined) fields.url = { full: fullUrl(call.url) };
      if (error !== undefined) fields.error = error instanceof Error ? error : { message: String(error) };
      (this.logger as LogWriter).log(level, message, fields);
    } catch {
      // the log path never breaks the call
    }
  }
}

function checkFetchOptions(where: string, options: TracedFetchOptions): FetchTracer {
  checkOptionsObject(where, options);
  watchForDoubleTraceparent();
  // at start-up: the combination where the helper must leave the headers to an instrumentation
  if (fetchIsInstrumented() && !otelAvailable()) reportDiagnostic(FETCH_INSTRUMENTED_DIAGNOSTIC, INSTRUMENTED_WITHOUT_OTEL);
  checkFunction(where, 'fetch', options.fetch);
  checkFunction(where, 'propagate', options.propagate);
  checkLogger(where, options.logger, true);
  let base: FetchFunction | undefined = options.fetch ?? globalThis.fetch;
  if (typeof base !== 'function') throw new EcsctxOptionsError(`${where}: no fetch to wrap (globalThis.fetch is missing)`);
  // never wrap a traced fetch again: that would send and log each call twice
  base = (base as TracedFetch)[ORIGINAL_FETCH] ?? base;
  return new FetchTracer(base, options.logger, resolveLevels(where, options.logger, options.levels), options.propagate);
}

/**
 * A `fetch` that sends the current trace (`traceparent`, `tracestate`) with a new
 * `parent-id` per call, and logs each call when given a logger. A `traceparent` the caller
 * sets itself is kept. Outside a traced scope it is the plain `fetch`.
 *
 * With an OpenTelemetry SDK whose undici instrumentation injects into `fetch`, it adds no
 * trace headers (one `traceparent` per request: the client span's) and logs each call with
 * the caller's active span, the client span's parent; `propagate` cannot stop the
 * instrumentation's own injection (use its `ignoreRequestHook`).
 *
 * @example
 * const fetchTraced = createTracedFetch({ logger });
 * app.get('/checkout', async (req, res) => {
 *   const rates = await fetchTraced('http://rates.internal/v1/rates');
 *   res.json(await rates.json());
 * });
 */
export function createTracedFetch(options: TracedFetchOptions = {}): FetchFunction {
  const tracer = checkFetchOptions('createTracedFetch', options);
  const traced = function tracedFetch(input: Parameters<FetchFunction>[0], init?: RequestInit): Promise<Response> {
    return tracer.fetch(input, init);
  } as TracedFetch;
  Object.defineProperty(traced, ORIGINAL_FETCH, { value: tracer.base });
  return traced;
}

/**
 * Opt-in: replaces `globalThis.fetch` with a traced one (see {@link createTracedFetch}), so
 * every `fetch` in the process carries the trace. Returns a function that puts the
 * original back. Calling it again while installed changes nothing.
 *
 * @example
 * const uninstall = instrumentFetch({ logger, propagate: (url) => url.hostname.endsWith('.internal') });
 */
export function instrumentFetch(options: TracedFetchOptions = {}): () => void {
  const current = globalThis.fetch as TracedFetch;
  if (current !== undefined && current[ORIGINAL_FETCH] !== undefined) return () => undefined;
  const traced = createTracedFetch({ ...options, fetch: options.fetch ?? current });
  globalThis.fetch = traced;
  return function uninstallFetch(): void {
    if (globalThis.fetch === traced) globalThis.fetch = current;
  };
}
