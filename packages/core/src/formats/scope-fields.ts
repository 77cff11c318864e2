/**
 * The fields a logging scope gives each of its lines (`trace`, `span`, `user`, `client`,
 * `session_id`, `payment`, the scope's extra fields and `labels`), compiled once per scope
 * and reused by every line logged in it.
 */
import { hasUnreadableParts } from '../context/merge-context';
import { markSharedRecord } from '../serialize/shared-records';
import type { LoggingContext } from '../context/logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import type { OtelSpanContext } from '../otel/otel-api';
import type { CapturedCall } from './captured-call';

/** The compiled fields of one scope: `keys[i]` gets `values[i]`, lowest priority first. */
export interface ScopeFields {
  readonly context: LoggingContext | undefined;
  readonly trace: TraceContext | undefined;
  readonly otel: OtelSpanContext | undefined;
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  /** A part of the context could not be read when bound: each line of the scope is an `unreadable` degraded line. */
  readonly unreadable: boolean;
  /** The values were marked shared (on the scope's second line, see {@link scopeFieldsOf}). */
  shared: boolean;
}

/** `{ id }`, frozen. */
function idObject(id: string): Readonly<{ id: string }> {
  return Object.freeze({ id });
}

/**
 * Compiles the fields of a scope. The objects are frozen and shared by the scope's lines
 * (every later step copies before it changes anything). They are not marked clean: they are
 * masked and typed like any value.
 */
function compileScopeFields(context: LoggingContext | undefined, trace: TraceContext | undefined, otel: OtelSpanContext | undefined): ScopeFields {
  const keys: string[] = [];
  const values: unknown[] = [];
  const put = (key: string, value: unknown): void => {
    keys.push(key);
    values.push(value);
  };
  // the active OpenTelemetry span's ids win over the library's own trace
  if (otel !== undefined) {
    put('trace', idObject(otel.traceId));
    put('span', idObject(otel.spanId));
  } else if (trace !== undefined) {
    put('trace', idObject(trace.traceId));
  }
  if (context !== undefined) {
    if (context.spanId !== undefined && otel === undefined) put('span', idObject(context.spanId));
    if (context.userId !== undefined) put('user', Object.freeze({ id: String(context.userId) })); // user.id is an ECS keyword
    if (context.ip !== undefined) put('client', Object.freeze({ ip: context.ip }));
    if (context.sessionId !== undefined) put('session_id', context.sessionId);
    if (context.orn !== undefined || context.pgCode !== undefined || context.referenceNumber !== undefined) {
      const payment: Record<string, unknown> = {};
      if (context.orn !== undefined) payment.orn = context.orn;
      if (context.pgCode !== undefined) payment.pg_code = context.pgCode;
      if (context.referenceNumber !== undefined) payment.reference = context.referenceNumber;
      put('payment', Object.freeze(payment));
    }
    const extraKeys = Object.keys(context.extra);
    for (let i = 0; i < extraKeys.length; i++) put(extraKeys[i], context.extra[extraKeys[i]]);
    if (Object.keys(context.labels).length > 0) put('labels', context.labels);
  }
  return { context, trace, otel, keys, values, unreadable: context !== undefined && hasUnreadableParts(context), shared: false };
}

/** The last compiled fields of a line outside any scope (a trace or a span alone). */
let outsideScope: ScopeFields | undefined;

/**
 * The compiled fields of the scope a call was made in: compiled on the scope's first line
 * and kept on the scope, compiled again when a bind replaced its context. On the scope's
 * second line, its flat records are marked shared, so the mask walks each once per scope
 * (`serialize/shared-records`); a scope of one line (most requests' access lines) pays nothing
 * for it.
 */
export function scopeFieldsOf(call: CapturedCall): ScopeFields {
  const scope = call.scope;
  const cached = (scope === undefined ? outsideScope : scope.compiled) as ScopeFields | undefined;
  if (cached !== undefined && cached.context === call.context && cached.trace === call.trace && cached.otel === call.otel) {
    if (!cached.shared) {
      cached.shared = true;
      for (let i = 0; i < cached.values.length; i++) markSharedRecord(cached.values[i]);
    }
    return cached;
  }
  const fields = compileScopeFields(call.context, call.trace, call.otel);
  if (scope === undefined) outsideScope = fields;
  else scope.compiled = fields;
  return fields;
}
