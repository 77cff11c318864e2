/**
 * `inject`: adds what the line did not say itself: service metadata, the trace, and the
 * logging context captured at the call. Priority, highest first (seed §3): explicit log
 * fields, the logging context, the trace, service metadata. Objects given at several
 * levels merge leaf by leaf, the higher level winning. When an OpenTelemetry span is active
 * at the call, `trace.id`/`span.id` are its ids; the flat `trace_id`/`span_id`/`trace_flags`
 * that `@opentelemetry/instrumentation-winston` adds are recognised and not copied.
 */
import { format, type Format } from 'logform';
import { SPLAT } from 'triple-beam';
import { capturedCallOf } from './captured-call';
import { carrySymbols, type Info } from './info-symbols';
import { deepMerge, isPlainObject, setOwn } from '../serialize/own-property';
import { errorToEcs } from '../serialize/error-fields';
import { markClean } from '../serialize/sanitize';
import { envValue } from '../env-vars';
import { getDetectedServiceType } from '../service-type';

/** Options of {@link injectContext}. Unset options fall back to the environment, read once. */
export interface InjectOptions {
  /**
   * `service.name`; default `SERVICE_TYPE`, else the scope's service type (a BullMQ job scope
   * says `worker`), else the process's detected type (`app`, or `worker` in a worker process).
   */
  serviceName?: string;
  /** `service.version`; default `APP_VERSION`, else `0.0.0`. */
  serviceVersion?: string;
  /** `project.name`; default `PROJECT_NAME`, else none. */
  projectName?: string;
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
}

const OTEL_CORRELATION_KEYS = new Set(['trace_id', 'span_id', 'trace_flags']);
const HEX_ID = /^[0-9a-f]{2,32}$/;

function mergeInto(out: Info, key: string, value: unknown): void {
  const existing = out[key];
  if (isPlainObject(existing) && isPlainObject(value)) setOwn(out, key, deepMerge(existing, value));
  else setOwn(out, key, value);
}

/** Moves a logged error (winston's `logger.error('msg', err)` spreads it over the info) into `error.*`. */
function adoptSplatError(info: Info, out: Info): void {
  const splat = info[SPLAT];
  if (!Array.isArray(splat) || !(splat[0] instanceof Error)) return;
  const err = splat[0];
  if (out.stack !== err.stack) return; // not winston's spread of this error
  if (out.error === undefined) out.error = errorToEcs(err);
  delete out.stack;
  if (out.cause === err.cause) delete out.cause;
  let keys: string[];
  try {
    keys = Object.keys(err);
  } catch {
    keys = [];
  }
  for (const key of keys) if (out[key] === (err as unknown as Record<string, unknown>)[key]) delete out[key];
  const suffix = ' ' + err.message;
  if (typeof out.message === 'string' && out.message.endsWith(suffix) && out.message.length > suffix.length) {
    out.message = out.message.slice(0, -suffix.length);
  }
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
  const env = options.env ?? process.env;
  const fixedServiceName = options.serviceName ?? envValue(env, 'SERVICE_TYPE');
  const serviceVersion = options.serviceVersion ?? envValue(env, 'APP_VERSION') ?? '0.0.0';
  const projectName = options.projectName ?? envValue(env, 'PROJECT_NAME');

  // shared, frozen: later steps copy before they change anything
  const fixedService = fixedServiceName === undefined ? undefined : markClean({ name: fixedServiceName, version: serviceVersion });
  const project = projectName === undefined ? undefined : markClean({ name: projectName });
  let detected: { type: string; service: Readonly<Record<string, string>> } | undefined;
  const serviceOf = (scopeType: string | undefined): Readonly<Record<string, string>> => {
    if (fixedService !== undefined) return fixedService;
    const type = scopeType ?? getDetectedServiceType();
    if (detected === undefined || detected.type !== type) detected = { type, service: markClean({ name: type, version: serviceVersion }) };
    return detected.service;
  };

  const transform = (info: Info): Info => {
    const call = capturedCallOf(info);
    const out: Info = {};
    carrySymbols(info, out);
    out.level = info.level;
    if (info.message !== undefined) out.message = info.message;
    out.service = serviceOf(call.serviceType);
    if (project !== undefined) out.project = project;
    const otel = call.otel;
    if (otel) out.trace = { id: otel.traceId };
    else if (call.trace) out.trace = { id: call.trace.traceId };
    const ctx = call.context;
    if (otel) out.span = { id: otel.spanId };
    if (ctx) {
      if (ctx.spanId !== undefined && !otel) out.span = { id: ctx.spanId };
      if (ctx.userId !== undefined) out.user = { id: String(ctx.userId) }; // user.id is an ECS keyword
      if (ctx.ip !== undefined) out.client = { ip: ctx.ip };
      if (ctx.sessionId !== undefined) out.session_id = ctx.sessionId;
      if (ctx.orn !== undefined || ctx.pgCode !== undefined || ctx.referenceNumber !== undefined) {
        const payment: Record<string, unknown> = {};
        if (ctx.orn !== undefined) payment.orn = ctx.orn;
        if (ctx.pgCode !== undefined) payment.pg_code = ctx.pgCode;
        if (ctx.referenceNumber !== undefined) payment.reference = ctx.referenceNumber;
        out.payment = payment;
      }
      const extraKeys = Object.keys(ctx.extra);
      for (let i = 0; i < extraKeys.length; i++) mergeInto(out, extraKeys[i], ctx.extra[extraKeys[i]]);
      const labelKeys = Object.keys(ctx.labels);
      if (labelKeys.length > 0) out.labels = ctx.labels;
    }
    if (info instanceof Error) {
      // logger.error(err): winston passes the error itself as the info object
      out.message = info.message;
      mergeInto(out, 'error', errorToEcs(info, ['level']));
      return out;
    }
    const keys = Object.keys(info);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'level' || key === 'message') continue;
      const value = info[key];
      if (OTEL_CORRELATION_KEYS.has(key) && typeof value === 'string' && HEX_ID.test(value)) {
        // @opentelemetry/instrumentation-winston's flat trace_id/span_id/trace_flags: the
        // same ids are in trace.id/span.id already (read from the same active span)
        if (key === 'trace_id' && out.trace === undefined) out.trace = { id: value };
        else if (key === 'span_id' && out.span === undefined) out.span = { id: value };
        continue;
      }
      if (value !== undefined) mergeInto(out, key, value);
    }
    if (typeof out.stack === 'string') {
      adoptSplatError(info, out);
      if (typeof out.stack === 'string' && out.error === undefined) {
        // format.errors() or a hand-made { message, stack }
        out.error = { message: typeof out.message === 'string' ? out.message : '', stack_trace: out.stack };
        delete out.stack;
      }
    }
    return out;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
