/**
 * `inject`: adds what the line did not say itself: service metadata, the trace, and the
 * logging context captured at the call. Priority, highest first (seed §3): explicit log
 * fields, the logging context, the trace, service metadata. Objects given at several
 * levels merge leaf by leaf, the higher level winning. When an OpenTelemetry span is active
 * at the call, `trace.id`/`span.id` are its ids; the flat `trace_id`/`span_id`/`trace_flags`
 * that `@opentelemetry/instrumentation-winston` adds are recognised and not copied.
 */
import { countDegradedLine } from '../degraded-lines';
import type { Format } from 'logform';
import { formatWithReusableState } from './reusable-format';
import { SPLAT } from 'triple-beam';
import { capturedCallOf, type CapturedCall } from './captured-call';
import { scopeFieldsOf } from './scope-fields';
import { carrySymbols, META_ARGS, META_LEVEL, META_MESSAGE, SERVICE_IDENTITY, type Info } from './info-symbols';
import type { LineSink } from './line-sink';
import { deepMerge, isErrorObject, isPlainObject, readOwn, setOwn } from '../serialize/own-property';
import { errorToEcs } from '../serialize/error-fields';
import { markClean } from '../serialize/known-clean';
import { envValue } from '../env-vars';
import { DEFAULT_SERVICE_TYPE, optionText, resolveServiceName } from '../service-identity';
import { EXTRA_KEY } from '../fields';
import { reportDiagnostic } from '../diagnostics';
import { GETTER_DIAGNOSTIC, GETTER_MESSAGE } from '../serialize/report-cuts';
import { GETTER_THREW } from '../serialize/markers';

/** Options of {@link injectContext}. Unset options fall back to the environment, read once. */
export interface InjectOptions {
  /**
   * `service.name`; default `SERVICE_TYPE`, else the `name` of the application's nearest
   * `package.json` (above the entry script, or the working directory; `@acme/billing` is
   * written `acme-billing`), else `app`. Read once, when the logger is created.
   */
  serviceName?: string;
  /**
   * `service.type` of this logger's lines: the role of the code writing them (`app`, `http`,
   * `worker`...). A scope's own type wins (a BullMQ job scope says `worker`). Default
   * `SERVICE_TYPE`, else `app`. Not written when it equals `service.name`.
   */
  serviceType?: string;
  /** `service.environment`; default `ENVIRONMENT`, else none. */
  environment?: string;
  /** `service.version`; default `APP_VERSION`, else `0.0.0`. */
  serviceVersion?: string;
  /** `project.name`; default `PROJECT_NAME`, else none. */
  projectName?: string;
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
  /**
   * Fields every line carries, below the call's own fields and above the context (the
   * preset's `defaultMeta` goes here rather than to winston, which would copy it onto a
   * logged `Error` object).
   */
  defaultFields?: Readonly<Record<string, unknown>>;
}

/** `Name: message` → `Name` (the first line of a V8 stack). */
function typeFromStack(stack: string, message: unknown): string | undefined {
  const nl = stack.indexOf('\n');
  const first = nl === -1 ? stack : stack.slice(0, nl);
  if (typeof message === 'string' && message !== '' && first.endsWith(': ' + message)) return first.slice(0, -(message.length + 2));
  return /^[A-Za-z_$][\w$.]*$/.test(first) ? first : undefined;
}

/** Service types kept before the cache starts again (a bound on scopes with made-up types). */
const MAX_SERVICE_TYPES = 64;

/** A V8 stack trace: a first line followed by `at …` frames. Any other `stack` value is a field. */
const STACK_FRAME = /\n\s*at /;

function isStackTrace(value: unknown): value is string {
  return typeof value === 'string' && STACK_FRAME.test(value);
}

const OTEL_CORRELATION_KEYS = new Set(['trace_id', 'span_id', 'trace_flags']);
const HEX_ID = /^[0-9a-f]{2,32}$/;

/** The sink of `inject` alone: merges into a new info object. */
class MergeSink implements LineSink {
  private out: Info = {};

  begin(info: Info): void {
    const out: Info = {};
    carrySymbols(info, out);
    out.level = info.level;
    this.out = out;
  }

  put(key: string, value: unknown): void {
    const out = this.out;
    const existing = out[key];
    setOwn(out, key, isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value);
  }

  message(value: unknown): void {
    if (value !== undefined) this.out.message = value;
  }

  end(): Info {
    const out = this.out;
    this.out = {};
    return out;
  }
}

/** The error winston spread over the info object (`logger.error('msg', err)`), if any. */
function spreadError(info: Info): Error | undefined {
  const splat = info[SPLAT];
  if (!Array.isArray(splat) || !isErrorObject(splat[0])) return undefined;
  const err = splat[0];
  return readOwn(info, 'stack') === readOwn(err, 'stack') ? err : undefined;
}

/** `info[key]`, or a marker when a getter throws (`logger.info({ get x() { throw … } })`). */
function readField(info: Info, key: string): unknown {
  try {
    return info[key];
  } catch {
    reportDiagnostic(GETTER_DIAGNOSTIC, GETTER_MESSAGE);
    return GETTER_THREW;
  }
}

function ownKeys(value: object): string[] {
  try {
    return Object.keys(value);
  } catch {
    return [];
  }
}

/** Gathers the fields of one line into a sink; shared by `inject` and the preset. */
export class ContextInjector {
  private readonly serviceName: string;
  private readonly serviceType: string;
  private readonly environment: string | undefined;
  private readonly project: Readonly<Record<string, string>> | undefined;
  private readonly serviceVersion: string;
  private readonly defaultFields: Readonly<Record<string, unknown>> | undefined;
  private readonly defaultKeys: readonly string[];
  /** The `service` objects by type (a process has a handful of types). */
  private readonly services = new Map<string, Readonly<Record<string, string>>>();
  /** The last scope type asked for and its object (most lines repeat it). */
  private lastScopeType: string | undefined;
  private lastService: Readonly<Record<string, string>> | undefined;

  constructor(options: InjectOptions) {
    const env = options.env ?? process.env;
    const envType = envValue(env, 'SERVICE_TYPE');
    this.serviceName = resolveServiceName(options.serviceName, env);
    this.serviceType = optionText(options.serviceType) ?? envType ?? DEFAULT_SERVICE_TYPE;
    this.environment = optionText(options.environment) ?? envValue(env, 'ENVIRONMENT');
    this.serviceVersion = optionText(options.serviceVersion) ?? envValue(env, 'APP_VERSION') ?? '0.0.0';
    const projectName = optionText(options.projectName) ?? envValue(env, 'PROJECT_NAME');
    // shared and frozen: later steps copy before they change anything
    this.project = projectName === undefined ? undefined : markClean({ name: projectName });
    this.defaultFields = options.defaultFields;
    this.defaultKeys = options.defaultFields ? Object.keys(options.defaultFields) : [];
  }

  /** The `project` object of every line (shared and frozen), or `undefined` without a project name. */
  projectFields(): Readonly<Record<string, string>> | undefined {
    return this.project;
  }

  /** The `service` object of lines whose scope has service type `scopeType` (shared and frozen). */
  service(scopeType: string | undefined): Readonly<Record<string, string>> {
    if (scopeType === this.lastScopeType && this.lastService !== undefined) return this.lastService;
    const type = scopeType === undefined ? this.serviceType : (optionText(scopeType) ?? this.serviceType);
    let service = this.services.get(type);
    if (service === undefined) {
      const fields: Record<string, string> = { name: this.serviceName };
      if (type !== this.serviceName) fields.type = type;
      fields.version = this.serviceVersion;
      if (this.environment !== undefined) fields.environment = this.environment;
      service = markClean(fields);
      if (this.services.size >= MAX_SERVICE_TYPES) this.services.clear();
      this.services.set(type, service);
    }
    this.lastScopeType = scopeType;
    this.lastService = service;
    return service;
  }

  /**
   * Puts the line's fields into `sink`, lowest priority first, and returns what the sink made,
   * marked with the line's own service (`SERVICE_IDENTITY`).
   */
  inject(info: Info, sink: LineSink): Info {
    const call = capturedCallOf(info);
    const line = this.injectFields(info, call, sink);
    line[SERVICE_IDENTITY] = this.service(call.serviceType);
    return line;
  }

  private injectFields(info: Info, call: CapturedCall, sink: LineSink): Info {
    sink.begin(info);
    this.putScopeFields(call, sink);
    if (isErrorObject(info)) {
      // logger.error(err): winston passes the error itself as the info object
      sink.message(info.message);
      sink.put('error', errorToEcs(info, ['level']));
      putCallerLevel(info, sink);
      return sink.end();
    }
    // logger.error(err, meta): winston makes the error itself the message
    const spread = isErrorObject(info.message) ? info.message : spreadError(info);
    const message = eventMessage(info, spread);
    sink.message(message);
    const metaMessage = info[META_MESSAGE];
    // a `message` key in meta is a field like any other, never part of the event name
    if (metaMessage !== undefined) sink.put(EXTRA_KEY, { message: metaMessage });
    // the call's arguments that neither the message nor the meta took
    const args = info[META_ARGS];
    if (args !== undefined) sink.put(EXTRA_KEY, { args });
    putCallerLevel(info, sink);
    putCallFields(info, call, spread, sink);
    if (info.error === undefined) {
      if (spread !== undefined) sink.put('error', errorToEcs(spread));
      // format.errors(), a child logger's clone of a logged error, or a hand-made { message, stack }
      else if (isStackTrace(info.stack)) sink.put('error', stackErrorFields(info, info.stack, message));
    }
    return sink.end();
  }

  /** The fields below the call's own: service, project, trace, the scope's, the defaults. */
  private putScopeFields(call: CapturedCall, sink: LineSink): void {
    sink.put('service', this.service(call.serviceType));
    if (this.project !== undefined) sink.put('project', this.project);
    const scope = scopeFieldsOf(call);
    if (scope.unreadable) countDegradedLine('unreadable');
    for (let i = 0; i < scope.keys.length; i++) sink.put(scope.keys[i], scope.values[i]);
    const defaults = this.defaultFields;
    for (let i = 0; i < this.defaultKeys.length; i++) {
      const value = defaults![this.defaultKeys[i]];
      if (value !== undefined) sink.put(this.defaultKeys[i], value);
    }
  }
}

/** A `level` the caller gave as a field (the line's level took its path): `extra.level`. */
function putCallerLevel(info: Info, sink: LineSink): void {
  const level = info[META_LEVEL];
  if (level !== undefined) sink.put(EXTRA_KEY, { level });
}

/** The event name: the message, without the message of an error winston appended to it. */
function eventMessage(info: Info, spread: Error | undefined): unknown {
  const spreadMessage = spread === undefined ? undefined : readOwn(spread, 'message');
  let message: unknown = spread !== undefined && info.message === spread ? spreadMessage : info.message;
  if (typeof spreadMessage === 'string') {
    const suffix = ' ' + spreadMessage;
    if (typeof message === 'string' && message.endsWith(suffix) && message.length > suffix.length) message = message.slice(0, -suffix.length);
  }
  return message;
}

/** The call's own fields (the highest priority), less what becomes `error.*` or repeats the trace. */
function putCallFields(info: Info, call: CapturedCall, spread: Error | undefined, sink: LineSink): void {
  const otel = call.otel;
  const ctx = call.context;
  const spreadKeys = spread !== undefined ? ownKeys(spread) : undefined;
  const keys = Object.keys(info);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'level' || key === 'message') continue;
    const value = readField(info, key);
    if (value === undefined) continue;
    if (OTEL_CORRELATION_KEYS.has(key) && typeof value === 'string' && HEX_ID.test(value)) {
      // @opentelemetry/instrumentation-winston's flat trace_id/span_id/trace_flags: the
      // same ids are in trace.id/span.id already (read from the same active span)
      if (key === 'trace_id' && !otel && !call.trace) sink.put('trace', { id: value });
      else if (key === 'span_id' && !otel && (ctx === undefined || ctx.spanId === undefined)) sink.put('span', { id: value });
      continue;
    }
    if (key === 'stack' && (spread !== undefined ? typeof value === 'string' : info.error === undefined && isStackTrace(value))) continue; // becomes error.* below
    if (spread === undefined && info.error === undefined && isStackTrace(info.stack) && (key === 'name' || key === 'code') && (typeof value === 'string' || typeof value === 'number')) continue; // error.type / error.code below
    if (spread !== undefined) {
      // (read as the error's fields are read: a getter that throws gives its marker on both sides)
      if (key === 'cause' && value === readOwn(spread, 'cause')) continue;
      if (spreadKeys!.includes(key) && value === readOwn(spread, key)) continue;
    }
    sink.put(key, value);
  }
}

/** `error.*` of a line that carries an error's fields itself (`{ message, stack, name, code }`). */
function stackErrorFields(info: Info, stack: string, message: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const type = typeof info.name === 'string' ? info.name : typeFromStack(stack, message);
  if (type !== undefined) fields.type = type;
  fields.message = typeof message === 'string' ? message : '';
  fields.stack_trace = stack;
  if (typeof info.code === 'string' || typeof info.code === 'number') fields.code = String(info.code);
  return fields;
}

/**
 * Creates the `inject` format.
 *
 * @example
 * const logger = winston.createLogger({
 *   format: winston.format.combine(injectContext(), namespaceFields(), maskPii(), validateEcs(), renderEcs()),
 *   transports: [new winston.transports.Console()],
 * });
 */
export function injectContext(options: InjectOptions = {}): Format {
  const injector = new ContextInjector(options);
  return formatWithReusableState(
    () => new MergeSink(),
    (info, sink) => injector.inject(info, sink),
  );
}
