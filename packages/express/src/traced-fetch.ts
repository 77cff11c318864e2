/**
 * Trace out for the global `fetch`: a wrapper (`createTracedFetch`) and an opt-in patch of
 * `globalThis.fetch` (`instrumentFetch`). Each call gets its own `parent-id`; the call runs in
 * a child logging scope whose `span.id` is that `parent-id`, and (with a logger) one line is
 * written per call, so the caller's line and the callee's lines link by span.
 *
 * With OpenTelemetry in charge (core's `createOutboundTrace()` says `managedByOpenTelemetry`):
 * when an instrumentation injects into `fetch` (`@opentelemetry/instrumentation-undici`),
 * nothing is added, and the one `traceparent` sent is its client span's; when none does,
 * OpenTelemetry's own headers for the active span are sent. Either way the call's line is
 * logged in the caller's active span: its `span.id` is the client span's parent (the
 * instrumentation's client span is never active in the caller's code), or, without an
 * instrumentation, the `parent-id` sent.
 */
import { createOutboundTrace, EcsctxOptionsError, parseTraceparent, withLoggingContext } from '@ecsctx/core';
import { HTTP_EVENTS } from './event-names';
import { fetchIsInstrumented } from './fetch-instrumentation';
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

class FetchTracer {
  constructor(
    readonly base: FetchFunction,
    private readonly logger: LogWriter | undefined,
    private readonly levels: ResolvedStatusLevels,
    private readonly propagate: ((url: URL) => boolean) | undefined,
  ) {}

  fetch(input: Parameters<FetchFunction>[0], init: RequestInit | undefined): Promise<Response> {
    const url = urlOf(input);
    let spanId: string | undefined;
    if (url === undefined || this.propagate === undefined || this.propagate(url) === true) {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      const own = headers.get('traceparent');
      if (own === null) {
        const outbound = createOutboundTrace();
        // OpenTelemetry in charge and fetch instrumented: the instrumentation appends its own
        // client span's headers, so adding ours would make two traceparent headers
        if (outbound !== undefined && !(outbound.managedByOpenTelemetry && fetchIsInstrumented())) {
          // with OpenTelemetry, lines carry the active span (its id is the parent-id sent)
          if (!outbound.managedByOpenTelemetry) spanId = outbound.spanId;
          headers.set('traceparent', outbound.headers.traceparent);
          if (outbound.headers.tracestate !== undefined) headers.set('tracestate', outbound.headers.tracestate);
          init = { ...init, headers };
        }
      } else {
        // the caller set its own traceparent: log the call under the parent-id it sends
        spanId = parseTraceparent(own)?.parentId;
      }
    }
    const send = init;
    if (this.logger === undefined) {
      return spanId === undefined ? this.base(input, send) : withLoggingContext({ spanId }, () => this.base(input, send));
    }
    const call: CallInfo = { method: methodOf(input, send), url };
    return spanId === undefined
      ? this.loggedCall(input, send, call)
      : withLoggingContext({ spanId }, () => this.loggedCall(input, send, call));
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
