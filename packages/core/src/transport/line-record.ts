/**
 * A captured line as it crosses to the render worker: the logging thread writes the line's
 * scope, OpenTelemetry ids, level and fields as JSON texts joined by newlines (JSON text never
 * holds a raw newline); the worker rebuilds the info object and its capture from them and
 * renders it with the same format a synchronous logger uses.
 */
import { LEVEL, MESSAGE } from 'triple-beam';
import type { Format } from 'logform';
import { CAPTURED_CALL, type CapturedCall } from '../formats/captured-call';
import type { PlainDataCheck } from './plain-data';
import { beginDegradedLine, endDegradedLine } from '../degraded-lines';

/** A record holding a captured line (rendered by the reader). */
export const KIND_CAPTURED = 1;
/** A record holding a line already rendered by the logging thread (written as it is). */
export const KIND_RENDERED = 2;

type InfoObject = Record<string | symbol, unknown>;
const META_MESSAGE = Symbol.for('ecsctx.meta-message.v1');
const META_LEVEL = Symbol.for('ecsctx.meta-level.v1');
const META_ARGS = Symbol.for('ecsctx.meta-args.v1');

interface ScopeText {
  context: unknown;
  trace: unknown;
  serviceType: string | undefined;
  text: string | undefined;
}

const RECENT_SCOPES = 8;

/** The logging thread's side: a captured line's text, or undefined when it must be rendered here. */
export class LineCapture {
  private readonly scopes: ScopeText[] = [];
  private next = 0;

  constructor(private readonly plain: PlainDataCheck) {}

  /** The record text of `info` captured as `call`, or undefined (not plain data). */
  text(info: InfoObject, call: CapturedCall): string | undefined {
    // a meta `message` or `level`, or arguments left over, ride under symbols the record does not carry: rendered on this thread
    if (info[META_MESSAGE] !== undefined || info[META_LEVEL] !== undefined || info[META_ARGS] !== undefined) return undefined;
    const scope = this.scopeText(call);
    if (scope === undefined || !this.plain.isPlain(info)) return undefined;
    let fields: string;
    try {
      fields = JSON.stringify(info);
    } catch {
      return undefined;
    }
    const otel = call.otel === undefined ? '' : JSON.stringify([call.otel.traceId, call.otel.spanId]);
    const level = info[LEVEL];
    return `${scope}\n${otel}\n${typeof level === 'string' ? JSON.stringify(level) : ''}\n${fields}`;
  }

  /** The scope's text, kept for the most recent scopes (the context and trace are immutable). */
  private scopeText(call: CapturedCall): string | undefined {
    const scopes = this.scopes;
    for (let i = 0; i < scopes.length; i++) {
      const s = scopes[i];
      if (s.context === call.context && s.trace === call.trace && s.serviceType === call.serviceType) return s.text;
    }
    const scope = [call.context ?? null, call.trace ?? null, call.serviceType ?? null];
    const text = this.plain.isPlain(scope) ? JSON.stringify(scope) : undefined;
    const entry = { context: call.context, trace: call.trace, serviceType: call.serviceType, text };
    if (scopes.length < RECENT_SCOPES) scopes.push(entry);
    else scopes[(this.next = (this.next + 1) % RECENT_SCOPES)] = entry;
    return text;
  }
}

interface RebuiltScope {
  readonly context: CapturedCall['context'];
  readonly trace: CapturedCall['trace'];
  readonly serviceType: string | undefined;
}

const MAX_SCOPES = 256;

/** The reader's side: renders records with a line format (`ecsFormat(...)`). */
export class RecordRenderer {
  /** Scopes by their text: one object per scope, so the format's per-scope cache keeps working. */
  private readonly scopes = new Map<string, RebuiltScope>();

  constructor(private readonly format: Format) {}

  /** The line of one record (without its newline). */
  render(kind: number, time: number, text: string): string {
    if (kind !== KIND_CAPTURED) return text;
    beginDegradedLine(); // one record is one line: a kind counts once in it
    try {
      return this.renderCaptured(time, text);
    } finally {
      endDegradedLine();
    }
  }

  private renderCaptured(time: number, text: string): string {
    const a = text.indexOf('\n');
    const b = text.indexOf('\n', a + 1);
    const c = text.indexOf('\n', b + 1);
    const scope = this.scope(text.slice(0, a));
    const info = JSON.parse(text.slice(c + 1)) as InfoObject;
    info[LEVEL] = c > b + 1 ? JSON.parse(text.slice(b + 1, c)) : info.level;
    let otel: CapturedCall['otel'];
    if (b > a + 1) {
      const [traceId, spanId] = JSON.parse(text.slice(a + 1, b)) as [string, string];
      otel = { traceId, spanId, traceFlags: 0 };
    }
    const call: CapturedCall = scope.context === undefined && scope.trace === undefined && scope.serviceType === undefined
      ? { context: undefined, trace: undefined, time, otel }
      : { context: scope.context, trace: scope.trace, time, otel, serviceType: scope.serviceType };
    info[CAPTURED_CALL] = call;
    const out = this.format.transform(info as never, this.format.options) as InfoObject | false;
    return out === false ? '' : String(out[MESSAGE]);
  }

  private scope(text: string): RebuiltScope {
    let scope = this.scopes.get(text);
    if (scope === undefined) {
      const [context, trace, serviceType] = JSON.parse(text) as [CapturedCall['context'] | null, CapturedCall['trace'] | null, string | null];
      scope = { context: context ?? undefined, trace: trace ?? undefined, serviceType: serviceType ?? undefined };
      if (this.scopes.size >= MAX_SCOPES) this.scopes.clear();
      this.scopes.set(text, scope);
    }
    return scope;
  }
}
