/**
 * The optional `@opentelemetry/api` peer, loaded lazily the first time a log call or an
 * integration asks for the active span. When it is not installed (or `ECSCTX_OTEL=off`), the
 * lookup fails once and nothing is loaded; the library's own W3C context applies.
 *
 * Only the few structural pieces used here are typed, so the published types do not depend
 * on the peer being installed.
 */

/** The ids of an OpenTelemetry span context. */
export interface OtelSpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly traceState?: { serialize(): string };
}

/** The parts of an OpenTelemetry span the library uses. */
export interface OtelSpan {
  spanContext(): OtelSpanContext;
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  end(): void;
}

/** An OpenTelemetry context (opaque here). */
export type OtelContext = object;

/** Options of `Tracer.startSpan` the library passes. */
interface OtelSpanOptions {
  kind: number;
  attributes?: Record<string, string | number>;
}

interface OtelTextMapSetter {
  set(carrier: Record<string, string>, key: string, value: string): void;
}

/** The parts of `@opentelemetry/api` the library uses. */
export interface OtelApi {
  context: { active(): OtelContext; with<R>(context: OtelContext, fn: () => R): R };
  trace: {
    getSpan(context: OtelContext): OtelSpan | undefined;
    setSpan(context: OtelContext, span: OtelSpan): OtelContext;
    wrapSpanContext(spanContext: OtelSpanContext & { isRemote?: boolean }): OtelSpan;
    getTracer(name: string): { startSpan(name: string, options: OtelSpanOptions, context: OtelContext): OtelSpan };
  };
  propagation: {
    inject(context: OtelContext, carrier: Record<string, string>, setter?: OtelTextMapSetter): void;
    fields(): string[];
  };
  isSpanContextValid(spanContext: OtelSpanContext): boolean;
}

const STATE_KEY = Symbol.for('ecsctx.otel.v1');
interface OtelState {
  api: OtelApi | null | undefined;
}
const globalStore = globalThis as unknown as Record<symbol, OtelState | undefined>;
const state: OtelState = globalStore[STATE_KEY] ?? (globalStore[STATE_KEY] = { api: undefined });

/** `@opentelemetry/api`, or `null` when it is not installed or the lookup is switched off. */
export function otelApi(): OtelApi | null {
  if (state.api !== undefined) return state.api;
  if (process.env.ECSCTX_OTEL === 'off') return (state.api = null);
  try {
    state.api = require('@opentelemetry/api') as OtelApi;
  } catch {
    state.api = null;
  }
  return state.api;
}

/**
 * `true` when `@opentelemetry/api` is installed and the lookup is not switched off
 * (`ECSCTX_OTEL=off`): the library follows OpenTelemetry's active spans.
 */
export function otelAvailable(): boolean {
  return otelApi() !== null;
}

/**
 * The context of the span active now, when OpenTelemetry is installed, a context manager is
 * registered and the span context is valid; otherwise `undefined`.
 */
export function activeOtelSpanContext(): OtelSpanContext | undefined {
  const api = state.api === undefined ? otelApi() : state.api;
  if (api === null) return undefined;
  const span = api.trace.getSpan(api.context.active());
  if (span === undefined) return undefined;
  const spanContext = span.spanContext();
  return api.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/**
 * The headers OpenTelemetry's registered propagator would send from the active span, when
 * one is registered that speaks W3C `traceparent` and a valid span is active; otherwise
 * `undefined` (then the library's own context applies).
 */
export function otelOutboundHeaders(): Record<string, string> | undefined {
  const api = otelApi();
  if (api === null) return undefined;
  const active = api.context.active();
  const span = api.trace.getSpan(active);
  if (span === undefined || !api.isSpanContextValid(span.spanContext())) return undefined;
  return injectedHeaders(api, active);
}

/**
 * The headers the registered propagator writes for `context`, when it speaks W3C
 * `traceparent`; an empty `tracestate` is left out (the spec asks not to send one).
 */
export function injectedHeaders(api: OtelApi, context: OtelContext): Record<string, string> | undefined {
  if (!api.propagation.fields().includes('traceparent')) return undefined;
  const carrier: Record<string, string> = {};
  api.propagation.inject(context, carrier);
  if (carrier.tracestate === '') delete carrier.tracestate;
  return carrier.traceparent === undefined ? undefined : carrier;
}
