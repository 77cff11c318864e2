/**
 * The preset's one-pass path: `inject → namespace → mask → validate → ecs` for the common
 * line, written straight as JSON text by the sanitizing walk, without the intermediate
 * objects of the step-by-step chain. What the capture gives (service, project, trace, span
 * and the scope's context) is placed, masked and rendered once per scope and reused while
 * the scope, the token keyset and the masking settings stay the same.
 *
 * It writes the same bytes as the chain (a test compares the two on the chain cases, hostile
 * inputs and random lines). Lines of any other shape return `undefined` and take the chain:
 * errors, dotted keys, `labels`/`log`/`extra`/`ecs_event`/`stack` or OpenTelemetry's flat
 * ids given by the call, a call field that merges with a scope field, a non-string message,
 * a reserved field-set that is not a plain object, keys the mask rewrites at the top, a cap
 * of the limits reached, a line too long.
 */
import { LEVEL, SPLAT } from 'triple-beam';
import type { CapturedCall } from './captured-call';
import type { LoggingContext } from '../context/logging-context-types';
import type { TraceContext } from '../trace/trace-context';
import { ContextInjector, type InjectOptions } from './inject-context';
import { compilePlacement, LinePlacer, type NamespaceOptions } from './namespace-fields';
import { MaskRun, type MaskHooks, type MaskOptions, type MaskState } from './mask-pii';
import { PLACEMENT_VIOLATIONS, type Info } from './info-symbols';
import { CAPTURED_CALL } from './captured-call';
import { CUSTOM_NAMESPACES, ECS_ROOT_FIELD_SETS, ECS_VERSION, EXTRA_KEY } from '../fields';
import { isPlainObject } from '../serialize/own-property';
import {
  CAP_REACHED,
  hasToJson,
  newSanitizeReport,
  resetSanitizeReport,
  SanitizeWalker,
  WROTE_NOTHING,
  type SanitizeLimits,
  type SanitizeReport,
} from '../serialize/sanitize';
import { resolveLimits } from './limits';
import { ecsRootNode } from '../serialize/ecs-leaf-types';
import { quoteJson } from '../serialize/json-text';
import { IsoTimestamps } from '../serialize/iso-timestamp';
import { reportSanitizeCuts } from '../serialize/report-cuts';
import type { PiiTokenizer } from '../pii/index';

/** Options of {@link LineWriter}: those of the chain's steps. */
export interface LineWriterOptions extends InjectOptions, NamespaceOptions {
  /** The renderer's limits (its `maxLineBytes`). */
  limits?: Partial<SanitizeLimits>;
  /** `log.logger` of every line. */
  loggerName?: string;
  /** The mask's options. */
  mask: MaskOptions;
  /** Reports the placement violations of a line (the `validate` step's warning). */
  reportViolation: (message: string) => void;
}

/** Call keys the chain treats specially: such a line takes the chain. */
const CHAIN_KEYS = new Set(['stack', 'trace_id', 'span_id', 'trace_flags', 'ecs_event', EXTRA_KEY, 'labels', 'log', '@timestamp', 'ecs']);
/** Root keys that must hold objects (the renderer's rule). */
const OBJECT_ROOT_KEYS = new Set<string>([...ECS_ROOT_FIELD_SETS, ...CUSTOM_NAMESPACES, 'labels']);
/** Stands for "no context" in the scope cache. */
const NO_CONTEXT = Object.freeze({});
/** The custom namespace of a BullMQ job's identity (a root object field). */
const JOB_NAMESPACE = 'bullmq';
/** Stands for the `extra` object among the walk's enclosing objects. */
const EXTRA_MARK = Object.freeze({});
/** Scopes whose rendered fields are kept (requests or jobs interleaving their lines). */
const RECENT_SCOPES = 16;
/** Array-index-like keys: JSON.stringify writes them first, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9]\d{0,8})$/;
const NO_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({});

/** A scope's fields, placed, masked and rendered once. */
interface ScopeFields {
  /** The context the fields were made for (or NO_CONTEXT). */
  readonly key: object;
  readonly context: LoggingContext | undefined;
  readonly trace: TraceContext | undefined;
  readonly otelTraceId: string | undefined;
  readonly otelSpanId: string | undefined;
  readonly service: object;
  readonly tokenizer: PiiTokenizer | undefined;
  readonly maskingVersion: number;
  /** False when the scope's fields need the chain (see `scopeFields`). */
  readonly usable: boolean;
  /** `,"service":{…},"project":{…},…` */
  readonly rootText: string;
  /** Root keys written (names as given and as written). */
  readonly rootNames: readonly string[];
  readonly rootCount: number;
  /** `"k":v,…` of the scope's fields under `extra`. */
  readonly extraText: string;
  readonly extraNames: readonly string[];
  readonly extraCount: number;
  /** Keys below the root the walk counted (the `maxFields` budget), `extra`'s own included. */
  readonly nestedFields: number;
  /** What the walk reported, added to each line's report. */
  readonly report: SanitizeReport;
  readonly redactions: number;
  readonly violations: readonly string[];
}

const UNUSABLE_REPORT = newSanitizeReport();
const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_VIOLATIONS: readonly string[] = Object.freeze([]);

function addReport(into: SanitizeReport, from: SanitizeReport): void {
  into.truncatedStrings += from.truncatedStrings;
  into.fieldCuts += from.fieldCuts;
  into.depthCuts += from.depthCuts;
  into.keyCuts += from.keyCuts;
  into.arrayCuts += from.arrayCuts;
  into.circular += from.circular;
  into.getterErrors += from.getterErrors;
}

/** Writes the common line in one pass; see the module comment. */
export class LineWriter {
  private readonly injector: ContextInjector;
  private readonly rootKeys: ReadonlySet<string>;
  private readonly objectKeys: ReadonlySet<string>;
  private readonly mask: MaskRun;
  private readonly logText: string;
  /** The scope fields of recently seen scopes (a ring: no weak-map work for the GC per request). */
  private readonly recent: (ScopeFields | undefined)[] = new Array<ScopeFields | undefined>(RECENT_SCOPES).fill(undefined);
  private recentNext = 0;
  private idle: SanitizeWalker<MaskState> | undefined;
  private readonly enabled: boolean;
  /** Places a scope's fields; used only by buildScopeFields, which never re-enters. */
  private readonly placer: LinePlacer;
  private lastLevel = '';
  private lastLevelJson = '""';
  private readonly timestamps = new IsoTimestamps();
  private readonly defaults: Readonly<Record<string, unknown>>;
  private readonly defaultKeys: readonly string[];
  /** The renderer's cap (its own `limits`; the mask's may differ). */
  private readonly maxLineBytes: number;

  constructor(private readonly options: LineWriterOptions) {
    // the scope's fields are cached; defaultMeta is read on each line, as the chain does
    this.injector = new ContextInjector({ ...options, defaultFields: undefined });
    this.defaults = options.defaultFields ?? NO_DEFAULTS;
    this.defaultKeys = Object.keys(this.defaults);
    const placement = compilePlacement(options);
    this.rootKeys = placement.rootKeys;
    this.objectKeys = placement.objectKeys;
    this.mask = new MaskRun(options.mask);
    this.placer = new LinePlacer(this.rootKeys, this.objectKeys);
    this.idle = new SanitizeWalker<MaskState>(this.mask.limits, this.mask.hooks, newSanitizeReport());
    this.maxLineBytes = resolveLimits(options.limits).maxLineBytes;
    this.logText = options.loggerName === undefined ? '' : ',"log":{"logger":' + quoteJson(options.loggerName) + '}';
    // the reserved field-sets sit at depth 1: a smaller depth cap turns them into markers
    // and a default `message` would be overwritten by the call's: both left to the chain
    this.enabled = this.mask.limits.maxDepth >= 2 && !this.defaultKeys.includes('message');
  }

  /** The rendered line and masked message of `info`, or `undefined` when the line needs the chain. */
  write(info: Info, call: CapturedCall): { line: string; message: string | undefined } | undefined {
    if (!this.enabled) return undefined;
    // a line logged while this one is written (a getter that logs) gets a walker of its own
    const walker = this.idle ?? new SanitizeWalker<MaskState>(this.mask.limits, this.mask.hooks, newSanitizeReport());
    this.idle = undefined;
    try {
      if (info instanceof Error) return undefined;
      const level = info[LEVEL] ?? info.level ?? 'info';
      const message = info.message;
      if (typeof level !== 'string' || (message !== undefined && typeof message !== 'string')) return undefined;
      const splat = info[SPLAT];
      if (Array.isArray(splat) && splat[0] instanceof Error) return undefined;
      this.mask.begin();
      const scope = this.scopeFields(call, this.mask.hooks);
      if (!scope.usable) return undefined;
      const written = this.writeLine(info, level, message, call.time, scope, walker);
      if (written === undefined) return undefined;
      for (let i = 0; i < scope.violations.length; i++) this.options.reportViolation(scope.violations[i]);
      return written;
    } catch {
      // a cap reached (CAP_REACHED), or anything else: the chain writes the line and reports
      return undefined;
    } finally {
      walker.text = '';
      this.idle = walker;
    }
  }

  private writeLine(
    info: Info,
    level: string,
    message: string | undefined,
    time: number,
    scope: ScopeFields,
    walker: SanitizeWalker<MaskState>,
  ): { line: string; message: string | undefined } | undefined {
    const hooks = this.mask.hooks;
    const limits = this.mask.limits;
    const report = walker.report;
    resetSanitizeReport(report);
    walker.fields = 0;
    walker.strict = true;
    const root = hooks.rootState;
    let rootText = '';
    let extraText = '';
    let rootCount = 0;
    let extraCount = 0;
    let extraState: MaskState | undefined;
    const defaults = this.defaults;
    const callKeys = Object.keys(info);
    // key names first: a line that takes the chain reads none of its values twice
    for (let pass = 0; pass < 2; pass++) {
      const keys = pass === 0 ? this.defaultKeys : callKeys;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (pass === 1 && (key === 'level' || key === 'message')) continue;
        if (CHAIN_KEYS.has(key) || key.indexOf('.') !== -1 || INDEX_KEY.test(key)) return undefined;
        if (scope.rootNames.includes(key) || scope.extraNames.includes(key)) return undefined;
      }
    }
    // the preset's defaultMeta first, then the call's own fields (inject's order)
    for (let pass = 0; pass < 2; pass++) {
      const source: Readonly<Record<string, unknown>> = pass === 0 ? defaults : info;
      const keys = pass === 0 ? this.defaultKeys : callKeys;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (pass === 1 && (key === 'level' || key === 'message')) continue;
        const value = source[key];
        if (value === undefined) continue;
        // keys the chain treats specially, keys that merge with another source's, index-like keys (JSON order)
        if (CHAIN_KEYS.has(key) || key.indexOf('.') !== -1 || INDEX_KEY.test(key)) return undefined;
        if (pass === 1 && defaults[key] !== undefined) return undefined;
        if (this.rootKeys.has(key)) {
          const text = this.rootField(walker, key, value);
          if (text === undefined) return undefined;
          rootCount++;
          rootText += text;
        } else {
          extraState ??= hooks.child(root, EXTRA_KEY);
          const text = this.extraField(walker, key, value, extraState);
          if (text === undefined) return undefined;
          extraCount++;
          if (text !== '') extraText += (extraText === '' ? '' : ',') + text;
        }
      }
    }
    const hasExtra = extraCount > 0 || scope.extraCount > 0;
    const rootKeys = (info.level !== undefined ? 1 : 0) + (message !== undefined ? 1 : 0) + scope.rootCount + rootCount + (hasExtra ? 1 : 0);
    if (rootKeys > limits.maxKeys || scope.extraCount + extraCount > limits.maxKeys) return undefined;
    if (rootKeys + scope.nestedFields + extraCount + walker.fields > limits.maxFields) return undefined;
    let maskedMessage: string | undefined;
    let messageText = '';
    if (message !== undefined) {
      walker.strict = false;
      maskedMessage = walker.string(message, hooks.child(root, 'message'));
      messageText = ',"message":' + (maskedMessage === hooks.plain ? '"' + maskedMessage + '"' : quoteJson(maskedMessage));
    }
    let extra = '';
    if (hasExtra) {
      const between = scope.extraText !== '' && extraText !== '' ? ',' : '';
      extra = ',"extra":{' + scope.extraText + between + extraText + '}';
    }
    let line =
      '{"@timestamp":"' + this.timestamps.text(time) + '","log.level":' + this.levelText(level) + messageText + ',"ecs.version":"' + ECS_VERSION + '"' +
      this.logText + scope.rootText + rootText + extra + '}';
    line = flatten(line);
    const maxLineBytes = this.maxLineBytes;
    if (line.length * 3 > maxLineBytes && Buffer.byteLength(line, 'utf8') > maxLineBytes) return undefined;
    addReport(report, scope.report);
    reportSanitizeCuts(report);
    hooks.redactions += scope.redactions;
    this.mask.end();
    return { line, message: maskedMessage };
  }

  /** The JSON text of `level` (the last one's is kept: levels repeat). */
  private levelText(level: string): string {
    if (level !== this.lastLevel) {
      this.lastLevel = level;
      this.lastLevelJson = quoteJson(level);
    }
    return this.lastLevelJson;
  }

  /** The scope's fields for this call, from the cache when nothing they depend on changed. */
  private scopeFields(call: CapturedCall, hooks: MaskHooks): ScopeFields {
    const key = call.context ?? NO_CONTEXT;
    const service = this.injector.service(call.serviceType);
    const otel = call.otel;
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const cached = recent[i];
      if (
        cached !== undefined &&
        cached.key === key &&
        cached.trace === call.trace &&
        cached.service === service &&
        cached.tokenizer === hooks.tokenizer &&
        cached.maskingVersion === this.mask.maskingVersion &&
        cached.otelTraceId === (otel === undefined ? undefined : otel.traceId) &&
        cached.otelSpanId === (otel === undefined ? undefined : otel.spanId)
      ) {
        return cached;
      }
    }
    const fresh = this.buildScopeFields(call, service, hooks);
    recent[this.recentNext] = fresh;
    this.recentNext = (this.recentNext + 1) % RECENT_SCOPES;
    return fresh;
  }

  /**
   * `,"key":value` of a root field as the chain writes it, `''` when the value writes nothing,
   * `undefined` when the chain must write the line (a field-set that is not plain data, a key
   * the mask would rewrite).
   */
  private rootField(walker: SanitizeWalker<MaskState>, key: string, value: unknown): string | undefined {
    const hooks = this.mask.hooks;
    const isObjectKey = OBJECT_ROOT_KEYS.has(key);
    if (isObjectKey && (!isPlainObject(value) || hasToJson(value))) return undefined;
    const keyText = hooks.keyText(key, hooks.rootState);
    if (keyText === undefined) return undefined;
    walker.text = '';
    const node = isObjectKey && key !== 'labels' ? ecsRootNode(key) : undefined;
    const kind = walker.writeValue(value, 1, hooks.child(hooks.rootState, key), node);
    return kind === WROTE_NOTHING ? '' : ',' + keyText + walker.text;
  }

  /** `"key":value` of a field under `extra` (`''`: nothing written; `undefined`: the chain). */
  private extraField(walker: SanitizeWalker<MaskState>, key: string, value: unknown, extraState: MaskState): string | undefined {
    const hooks = this.mask.hooks;
    const keyText = hooks.keyText(key, extraState);
    if (keyText === undefined) return undefined;
    walker.text = '';
    // the chain walks these inside the `extra` object: it counts as an enclosing object
    walker.enterObject(EXTRA_MARK);
    let kind: number;
    try {
      kind = walker.writeValue(value, 2, hooks.child(extraState, key), undefined);
    } finally {
      walker.leaveObject();
    }
    return kind === WROTE_NOTHING ? '' : keyText + walker.text;
  }

  /**
   * The fields of a simple scope (see `isSimpleScope`) as `inject` and `namespace` place them,
   * in `inject`'s order (service, project, trace, span, user, client, bullmq), without running
   * either on a synthetic line: running `inject` with its merge sink instead was tried and
   * cost more than the placer (141 k instructions per new scope and line against 104 k). A
   * test compares the two ways, so a change to `inject`'s order fails here too.
   */
  private placeSimpleScope(call: CapturedCall, service: object): Info {
    const placed: Info = { service };
    const project = this.injector.projectFields();
    if (project !== undefined) placed.project = project;
    if (call.trace) placed.trace = { id: call.trace.traceId };
    const ctx = call.context;
    if (ctx) {
      if (ctx.spanId !== undefined) placed.span = { id: ctx.spanId };
      if (ctx.userId !== undefined) placed.user = { id: String(ctx.userId) };
      if (ctx.ip !== undefined) placed.client = { ip: ctx.ip };
      // own only, as inject reads extra (not an inherited `bullmq`)
      if (Object.prototype.hasOwnProperty.call(ctx.extra, JOB_NAMESPACE)) placed[JOB_NAMESPACE] = ctx.extra[JOB_NAMESPACE];
    }
    return placed;
  }

  private buildScopeFields(call: CapturedCall, service: object, hooks: MaskHooks): ScopeFields {
    const fields: ScopeFields = {
      key: call.context ?? NO_CONTEXT,
      context: call.context,
      trace: call.trace,
      otelTraceId: call.otel === undefined ? undefined : call.otel.traceId,
      otelSpanId: call.otel === undefined ? undefined : call.otel.spanId,
      service,
      tokenizer: hooks.tokenizer,
      maskingVersion: this.mask.maskingVersion,
      usable: false,
      rootText: '',
      rootNames: NO_NAMES,
      rootCount: 0,
      extraText: '',
      extraNames: NO_NAMES,
      extraCount: 0,
      nestedFields: 0,
      report: UNUSABLE_REPORT,
      redactions: 0,
      violations: NO_VIOLATIONS,
    };
    let placed: Info;
    if (isSimpleScope(call)) placed = this.placeSimpleScope(call, service);
    else {
      // the scope's values must not change behind the cache: plain data only (binds copy it)
      if (call.context !== undefined && !isStaticData(call.context.extra, 0)) return fields;
      // dotted keys are placed after the call's own fields: such a scope's lines take the chain
      if (call.context !== undefined && hasDottedKey(call.context.extra)) return fields;
      const synthetic: Info = { level: 'info' };
      synthetic[CAPTURED_CALL] = call;
      placed = this.injector.inject(synthetic, this.placer);
      if (placed.log !== undefined || placed.message !== undefined) return fields;
    }
    const report = newSanitizeReport();
    const walker = new SanitizeWalker<MaskState>(this.mask.limits, hooks, report);
    walker.strict = true;
    const redactionsBefore = hooks.redactions;
    const root = hooks.rootState;
    const rootNames: string[] = [];
    let rootText = '';
    let extraText = '';
    let extraCount = 0;
    const extraNames: string[] = [];
    try {
      for (const key of Object.keys(placed)) {
        const value = placed[key];
        if (key === 'level' || value === undefined) continue;
        if (key === EXTRA_KEY) {
          if (!isPlainObject(value)) return fields;
          const extraState = hooks.child(root, EXTRA_KEY);
          for (const name of Object.keys(value)) {
            const item = value[name];
            extraNames.push(name);
            extraCount++;
            if (item === undefined) continue;
            const text = this.extraField(walker, name, item, extraState);
            if (text === undefined) return fields;
            if (text !== '') extraText += (extraText === '' ? '' : ',') + text;
          }
          continue;
        }
        // index-like keys (JSON writes them first) take the chain
        if (INDEX_KEY.test(key)) return fields;
        const text = this.rootField(walker, key, value);
        if (text === undefined) return fields;
        rootNames.push(key);
        rootText += text;
      }
    } catch (err) {
      if (err === CAP_REACHED) return fields;
      throw err;
    } finally {
      walker.text = '';
    }
    const redactions = hooks.redactions - redactionsBefore;
    hooks.redactions = redactionsBefore;
    // the walk counted the keys below the root; `extra`'s own keys count there too
    return {
      key: fields.key,
      context: fields.context,
      trace: fields.trace,
      otelTraceId: fields.otelTraceId,
      otelSpanId: fields.otelSpanId,
      service,
      tokenizer: fields.tokenizer,
      maskingVersion: fields.maskingVersion,
      usable: true,
      rootText,
      rootNames,
      rootCount: rootNames.length,
      extraText,
      extraNames,
      extraCount,
      nestedFields: walker.fields + extraCount,
      report,
      redactions,
      violations: (placed[PLACEMENT_VIOLATIONS] as string[] | undefined) ?? NO_VIOLATIONS,
    };
  }
}

/**
 * True when the scope holds what a request's or a job's scope holds and nothing else: a
 * trace, a span id, a user id, a client ip, a job's frozen `bullmq` object (its only extra
 * field), and no OpenTelemetry span. Its fields are then placed where `inject` and
 * `namespace` would place them without running either.
 */
function isSimpleScope(call: CapturedCall): boolean {
  // (truthiness as `inject` tests it)
  if (call.otel) return false;
  const ctx = call.context;
  if (!ctx) return true;
  return (
    ctx.sessionId === undefined && ctx.orn === undefined && ctx.pgCode === undefined && ctx.referenceNumber === undefined &&
    isEmptyRecord(ctx.labels) && (isEmptyRecord(ctx.extra) || isJobExtra(ctx.extra))
  );
}

/** `extra` holding only a job's `bullmq` fields, as plain frozen data (see `isStaticData`). */
function isJobExtra(extra: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(extra);
  if (keys.length !== 1 || keys[0] !== JOB_NAMESPACE) return false;
  return isPlainObject(extra[JOB_NAMESPACE]) && isStaticData(extra, 0);
}

function isEmptyRecord(value: Readonly<Record<string, unknown>>): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/**
 * The line as one flat string. Built by `+=`, it is a tree of hundreds of small pieces that
 * would live until the transport writes it (and be copied by the GC meanwhile); converting
 * a string to a number makes V8 flatten it in place.
 */
function flatten(text: string): string {
  // the comparison keeps the conversion from being optimized away
  return Number(text) === 0 ? '0' : text;
}

/** A key `namespace` expands after every other (a dotted path that is not an email). */
function hasDottedKey(fields: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(fields)) if (key.indexOf('.') !== -1 && key.indexOf('@') === -1) return true;
  return false;
}

/**
 * True for scalars and frozen plain objects of them (what a bind copies and freezes); arrays
 * and instances are shared with the caller, and an unfrozen object could change behind the cache.
 */
function isStaticData(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (depth > 32 || !isPlainObject(value) || !Object.isFrozen(value)) return false;
  for (const key of Object.keys(value)) if (!isStaticData(value[key], depth + 1)) return false;
  return true;
}
