/**
 * `accessLog()`: the seed's `@api_logging` for Express, opt-in per app or per router. By
 * default two lines per request, with static messages (seed §15):
 *
 * - INBOUND `http_request_received`, when the middleware runs: `http.request.method`,
 *   `url.path`, `url.query`, `http.request.headers`, `http.request.body` (when a body parser
 *   ran before), `http.version`, `user_agent.original`; `trace`, `span`, `client.ip` and
 *   `user.id` come from the request's logging scope.
 * - OUTBOUND `http_response_sent`, when the response has been sent: `http.response.status_code`,
 *   `http.response.headers`, `http.response.body` (what `res.json()` sent), `event.duration`
 *   (nanoseconds), `event.outcome`, `error.type` when it failed; level by status.
 *   `http_request_aborted` instead when the connection closed first.
 *
 * With `lines: 'one'`, one line per request instead (as pino-http and morgan write):
 * `http_request_completed` when the response has been sent, with the fields of both lines
 * (the request body as it stands then), or `http_request_aborted` with the request's fields.
 * The fields are built in `access-lines`, one place for each group.
 *
 * Every value goes through the logger's chain, whose mask hides credentials and PII; bodies
 * and query strings are masked by key before they become text (see `payload-text`). Which
 * headers are logged (all, an allowlist, none) is `header-policy`'s.
 */
import { AsyncResource } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import type { Request, RequestHandler, Response } from 'express';
import { EcsctxOptionsError, type MaskOptions } from '@ecsctx/core';
import { splitUrl, type ResolvedStatusLevels, type StatusLevels, type UrlParts } from './http-fields';
import { HeaderPolicy, type HeaderSelection } from './header-policy';
import { PayloadText } from './payload-text';
import { checkBoolean, checkFunction, checkOneOf, checkOptionsObject, checkPositiveInteger, checkStringList } from './options-checks';
import { checkLogger, resolveLevels, type LogWriter } from './logger-checks';
import { logAborted, logAbortedRequest, logCompleted, logInbound, logOutbound } from './access-lines';

/**
 * How many lines {@link accessLog} writes per request:
 *
 * - `'request-and-response'`: two, INBOUND `http_request_received` when the middleware runs
 *   and OUTBOUND `http_response_sent` when the response has been sent (the Python library's
 *   lines);
 * - `'one'`: one, `http_request_completed` when the response has been sent, with the request's
 *   and the response's fields (as pino-http and morgan write).
 *
 * In both, a connection closed before the response gives `http_request_aborted` instead of
 * the line written at the response.
 */
export type AccessLogLines = 'request-and-response' | 'one';

/** The values of {@link AccessLogLines}, for the option check. */
const ACCESS_LOG_LINES: readonly AccessLogLines[] = ['request-and-response', 'one'];

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  /** The logger to write to (`createEcsLogger()`, or a winston logger with `ecsFormat()`). */
  logger: LogWriter;
  /**
   * Lines per request: `'request-and-response'` (default) writes INBOUND
   * `http_request_received` when the middleware runs and OUTBOUND `http_response_sent` when
   * the response has been sent; `'one'` writes one `http_request_completed` line when the
   * response has been sent, with both lines' fields: the request's (`http.version`,
   * `http.request.*`, `url.*`, `user_agent.original`, `client.ip`) and the response's
   * (`http.response.*`, `event.duration`, `event.outcome`, `error.type`), at the level of the
   * status. In one-line mode the request body is read when the response has been sent, as it
   * stands then, so a body parser mounted after `accessLog()` still shows. A connection
   * closed first gives one `http_request_aborted` line (with the request's fields in
   * one-line mode). See {@link AccessLogLines}.
   */
  lines?: AccessLogLines;
  /** Paths not logged (health checks): a string matches `url.path` exactly, a RegExp is tested on it. */
  skipPaths?: readonly (string | RegExp)[];
  /** Methods not logged; default `['OPTIONS']` (CORS preflights). */
  skipMethods?: readonly string[];
  /** Return `true` to skip a request (called once, when the middleware runs). */
  skip?: (req: Request, res: Response) => boolean;
  /**
   * Request headers logged in `http.request.headers`: `true` (default) all but
   * `ignoreHeaders`, `false` none, or a list of names (any case): only those, an allowlist.
   * `Authorization`, `Proxy-Authorization`, API-key headers and `Cookie` are masked by the
   * logger's chain in every mode, also when listed.
   */
  requestHeaders?: HeaderSelection;
  /**
   * Response headers logged in `http.response.headers`: `true` (default) all but
   * `ignoreHeaders`, `false` none, or a list of names (any case): only those. `Set-Cookie`
   * values are masked by the logger's chain in every mode, also when listed.
   */
  responseHeaders?: HeaderSelection;
  /**
   * Log the parsed request body (`http.request.body.content`); default `true`. Read when the
   * INBOUND line is written (the middleware runs: mount the body parser before), or in
   * one-line mode when the response has been sent.
   */
  requestBody?: boolean;
  /** Log the JSON response body (`http.response.body.content`, what `res.json()`/`res.send(object)` sent); default `true`. */
  responseBody?: boolean;
  /** Bodies are cut to this many characters, after they are masked (a value the cut would split is dropped); default 4096. */
  maxBodyLength?: number;
  /**
   * Header names (any case) left out of both header fields. A name may not also be in a
   * `requestHeaders`/`responseHeaders` list.
   */
  ignoreHeaders?: readonly string[];
  /** Keys removed from the logged request body, at any depth. */
  ignoreRequestKeys?: readonly string[];
  /** Keys removed from the logged response body, at any depth (the seed's `logging_ignore_response_keys`). */
  ignoreResponseKeys?: readonly string[];
  /** Levels by status class; default info below 400, warn for 4xx, error for 5xx. */
  levels?: StatusLevels;
  /** Options of the mask applied to bodies and query parameters before they become text (match your logger's `mask`). */
  mask?: MaskOptions;
}

/** The default body cut, in characters. */
export const DEFAULT_MAX_BODY_LENGTH = 4096;

/**
 * The requests being access-logged, by response. A WeakMap, not a property of `res` (see
 * `request-state`); one per copy of the package, so each copy mounted logs on its own.
 */
const ACCESS_STATES = new WeakMap<object, AccessState>();

/** What one middleware was configured with, compiled once (internal: not exported by the package). */
export class AccessLogConfig {
  readonly logger: LogWriter;
  /** Two-line mode: the INBOUND line is written when the middleware runs. */
  readonly logsInbound: boolean;
  /** Writes the line at `finish`: OUTBOUND, or the one line. */
  readonly finishLine: (state: AccessState, res: Response) => void;
  /** Writes the line at `close` before `finish`. */
  readonly abortLine: (state: AccessState, res: Response) => void;
  readonly levels: ResolvedStatusLevels;
  readonly skipExact: ReadonlySet<string>;
  readonly skipPatterns: readonly RegExp[];
  readonly skipMethods: ReadonlySet<string>;
  readonly skip: ((req: Request, res: Response) => boolean) | undefined;
  /** `undefined` when no request header is logged. */
  readonly requestHeaders: HeaderPolicy | undefined;
  /** `undefined` when no response header is logged. */
  readonly responseHeaders: HeaderPolicy | undefined;
  readonly requestBody: boolean;
  readonly responseBody: boolean;
  readonly ignoreRequestKeys: ReadonlySet<string>;
  readonly ignoreResponseKeys: ReadonlySet<string>;
  readonly text: PayloadText;

  constructor(options: AccessLogOptions) {
    const where = 'accessLog';
    checkOptionsObject(where, options);
    if (options === undefined) throw new EcsctxOptionsError('accessLog: options with a logger are required');
    checkLogger(where, options.logger);
    this.logger = options.logger;
    this.levels = resolveLevels(where, options.logger, options.levels);
    const oneLine = checkOneOf(where, 'lines', options.lines, ACCESS_LOG_LINES) === 'one';
    this.logsInbound = !oneLine;
    this.finishLine = oneLine ? logCompleted : logOutbound;
    this.abortLine = oneLine ? logAbortedRequest : logAborted;
    const skipPaths = options.skipPaths ?? [];
    if (!Array.isArray(skipPaths) || skipPaths.some((p) => typeof p !== 'string' && !(p instanceof RegExp))) {
      throw new EcsctxOptionsError('accessLog: skipPaths must be an array of strings and RegExps');
    }
    this.skipExact = new Set(skipPaths.filter((p): p is string => typeof p === 'string'));
    this.skipPatterns = skipPaths.filter((p): p is RegExp => p instanceof RegExp);
    const methods = options.skipMethods === undefined ? ['OPTIONS'] : checkStringList(where, 'skipMethods', options.skipMethods);
    this.skipMethods = new Set(methods.map((m) => m.toUpperCase()));
    checkFunction(where, 'skip', options.skip);
    this.skip = options.skip;
    checkBoolean(where, 'requestBody', options.requestBody);
    checkBoolean(where, 'responseBody', options.responseBody);
    this.requestBody = options.requestBody ?? true;
    this.responseBody = options.responseBody ?? true;
    const ignoreHeaders = new Set(checkStringList(where, 'ignoreHeaders', options.ignoreHeaders).map((h) => h.toLowerCase()));
    this.requestHeaders = HeaderPolicy.compile(where, 'requestHeaders', options.requestHeaders, ignoreHeaders);
    this.responseHeaders = HeaderPolicy.compile(where, 'responseHeaders', options.responseHeaders, ignoreHeaders);
    this.ignoreRequestKeys = new Set(checkStringList(where, 'ignoreRequestKeys', options.ignoreRequestKeys));
    this.ignoreResponseKeys = new Set(checkStringList(where, 'ignoreResponseKeys', options.ignoreResponseKeys));
    const maxBodyLength = checkPositiveInteger(where, 'maxBodyLength', options.maxBodyLength, DEFAULT_MAX_BODY_LENGTH);
    this.text = new PayloadText(maxBodyLength, options.mask);
  }

  skips(req: Request, res: Response, path: string): boolean {
    if (this.skipMethods.has(req.method)) return true;
    if (this.skipExact.has(path)) return true;
    for (let i = 0; i < this.skipPatterns.length; i++) {
      const pattern = this.skipPatterns[i];
      pattern.lastIndex = 0;
      if (pattern.test(path)) return true;
    }
    return this.skip !== undefined && this.skip(req, res) === true;
  }
}

/** One request being access-logged (what `access-lines` builds the fields from). */
export class AccessState {
  /** `process.hrtime.bigint()` when the middleware ran. */
  readonly start = process.hrtime.bigint();
  /** The request's async context (its logging scope), for the listeners of `finish`/`close`. */
  readonly resource = new AsyncResource('ecsctx.express.access-log');
  /** The text of what `res.json()` was given, masked, made when it was called (what was sent, whatever the handler changes after). */
  jsonText: string | undefined = undefined;
  /** Whether `res.json()` was called. */
  jsonSent = false;
  /** `res.json` calls under way: only the outermost one (what the handler called) records. */
  jsonCalls = 0;
  done = false;

  constructor(
    readonly config: AccessLogConfig,
    readonly req: Request,
    readonly url: UrlParts,
  ) {}
}

/** EventEmitter's `on`, as no instrumentation wrapped it (see the middleware). */
const addListener = EventEmitter.prototype.on;

/** Marks a `json` this copy of the package wrapped (each copy wraps once and reads its own states). */
const CAPTURES_JSON = Symbol('ecsctx.express.captures-json');

type JsonMethod = Response['json'] & { [CAPTURES_JSON]?: true };

/** `res.json` wrapped to record what it is given for the responses being logged. */
function capturingJson(original: JsonMethod): JsonMethod {
  const json = function (this: Response): Response {
    const state = ACCESS_STATES.get(this);
    if (state === undefined) {
      // eslint-disable-next-line prefer-rest-params
      return original.apply(this, arguments as unknown as [unknown]);
    }
    // res.json(body), or Express 4's deprecated res.json(status, body); a wrapper another
    // middleware put around this one calls it again with its own body: the first call counts
    // eslint-disable-next-line prefer-rest-params
    const args = arguments as unknown as [unknown];
    const first = state.jsonCalls === 0 && !state.jsonSent;
    state.jsonCalls++;
    try {
      return original.apply(this, args);
    } finally {
      state.jsonCalls--;
      if (first) {
        // the text is made right after Express serialized the body (what was sent), not at
        // `finish`, when the handler may have changed the object since
        state.jsonSent = true;
        const given = args as unknown as readonly unknown[];
        const body: unknown = given.length > 1 && typeof given[0] === 'number' ? given[1] : given[0];
        const { config } = state;
        if (config.responseBody) state.jsonText = config.text.body(body, 'response', config.ignoreResponseKeys);
      }
    }
  } as JsonMethod;
  Object.defineProperty(json, CAPTURES_JSON, { value: true });
  // the shared prototype's json keeps its name and arity for every app in the process
  Object.defineProperty(json, 'name', { value: original.name, configurable: true });
  Object.defineProperty(json, 'length', { value: original.length, configurable: true });
  return json;
}

/**
 * Makes `res.json()` record its body. The object that owns `json` (Express's response
 * prototype, shared by every app) gets the wrapper once; the request's `res` itself is left
 * alone, since an own property on it slows the rest of the request (see `request-state`).
 * Only a response that already has its own `json` (another middleware replaced it) gets an
 * own wrapper.
 */
function captureJsonOf(res: Response): void {
  // the common case first: the prototype's json was wrapped by an earlier request
  const current = (res as unknown as { json: unknown }).json;
  if (typeof current !== 'function' || (current as JsonMethod)[CAPTURES_JSON] === true) return;
  let owner: object | null = res;
  while (owner !== null && !Object.prototype.hasOwnProperty.call(owner, 'json')) owner = Object.getPrototypeOf(owner) as object | null;
  if (owner === null) return;
  const descriptor = Object.getOwnPropertyDescriptor(owner, 'json');
  if (descriptor !== undefined && 'value' in descriptor && descriptor.writable === true && descriptor.configurable === true) {
    Object.defineProperty(owner, 'json', { ...descriptor, value: capturingJson(current as JsonMethod) });
    return;
  }
  // an accessor or a read-only json: this response alone gets a wrapper (an own property, rare)
  if (owner === res) return;
  try {
    Object.defineProperty(res, 'json', { value: capturingJson(current as JsonMethod), writable: true, configurable: true, enumerable: false });
  } catch {
    // a frozen or non-extensible response: its body is not logged
  }
}

function onFinish(this: Response): void {
  const state = ACCESS_STATES.get(this);
  if (state === undefined || state.done) return;
  state.done = true;
  state.resource.runInAsyncScope(state.config.finishLine, undefined, state, this);
}

function onClose(this: Response): void {
  const state = ACCESS_STATES.get(this);
  if (state === undefined || state.done) return;
  state.done = true;
  state.resource.runInAsyncScope(state.config.abortLine, undefined, state, this);
}

/**
 * The access-log middleware (opt-in): mount it on the app or on a router, after
 * `expressContext()` (so the lines carry trace, span, client and user) and after your body
 * parser (so the INBOUND line has the body). Two lines per request by default, one with
 * `lines: 'one'` (see {@link AccessLogOptions.lines}).
 *
 * @example
 * app.use(express.json());
 * app.use(expressContext({ getUserId: (req) => req.user?.id }));
 * app.use(accessLog({ logger, skipPaths: ['/health'], ignoreResponseKeys: ['access_token'] }));
 *
 * @example
 * // one line per request (http_request_completed), as pino-http writes
 * app.use(accessLog({ logger, lines: 'one' }));
 *
 * @see seed README §7 (`@api_logging`), §15 (static event names)
 */
export function accessLog(options: AccessLogOptions): RequestHandler {
  const config = new AccessLogConfig(options);
  return function ecsctxAccessLog(req, res, next): void {
    if (ACCESS_STATES.has(res)) return next(); // mounted on the app and a router: log once
    let url: UrlParts;
    try {
      url = splitUrl(req.originalUrl ?? req.url);
      if (config.skips(req, res, url.path)) return next();
    } catch {
      return next();
    }
    const state = new AccessState(config, req, url);
    ACCESS_STATES.set(res, state);
    if (config.responseBody) captureJsonOf(res);
    // EventEmitter's own on, not once and not res.on: once wraps each listener in a new
    // closure, and res.on as expressContext() wraps it binds each to the request's scope, which
    // the listeners enter themselves (state.resource). The state's done flag makes the first of
    // finish and close the only one that writes.
    addListener.call(res, 'finish', onFinish);
    addListener.call(res, 'close', onClose);
    if (config.logsInbound) {
      try {
        logInbound(state);
      } catch {
        // the log path never breaks a request
      }
    }
    next();
  };
}
