/**
 * `ecs`: renders the final line into `info[MESSAGE]`: `@timestamp` (the time of the call,
 * with milliseconds), `log.level`, `message`, `ecs.version` first (the ECS logging spec's
 * order), then every other field as sanitized JSON. Never throws.
 */
import { format, type Format } from 'logform';
import { LEVEL, MESSAGE } from 'triple-beam';
import { capturedCallOf } from './captured-call';
import { SANITIZED, SERVICE_IDENTITY, type Info } from './info-symbols';
import { CUSTOM_NAMESPACES, ECS_ROOT_FIELD_SETS, ECS_VERSION, EXTRA_KEY, sanitizeLabelKey } from '../fields';
import { safeLabelKeys } from '../context/label-keys';
import { isPlainObject, setOwn } from '../serialize/own-property';
import { sanitizeRecord, sanitizeValue } from '../serialize/sanitize';
import type { SanitizeLimits } from '../serialize/sanitize-limits';
import { newSanitizeReport } from '../serialize/sanitize-report';
import { reportDiagnostic } from '../diagnostics';
import { reportSanitizeCuts } from '../serialize/report-cuts';
import { resolveLimits } from '../serialize/sanitize-limits';
import { renderWithin } from '../serialize/fit-line';
import { alignEcsLeafTypes, ecsFieldTree, isServiceName, type MovedValues } from '../serialize/ecs-leaf-types';
import { countDegradedLine } from '../degraded-lines';
import { appendCollisions, collisionText, type Collision } from '../serialize/collisions';
import { fitDynamicTypes } from '../serialize/dynamic-fit';
import { homogenize } from '../serialize/value-kinds';
import type { DisplacedValue } from '../serialize/own-property';
import { FAILED_LINE, failedInfo, failedLineText } from './failed-line';
import { IsoTimestamps } from '../serialize/iso-timestamp';

/** Options of {@link renderEcs}. */
export interface RenderOptions {
  /** Default `log.logger` when the line does not set `log.logger` itself. */
  loggerName?: string;
  /** Caps for the sanitizer (ignored for lines `mask` already sanitized). */
  limits?: Partial<SanitizeLimits>;
}

/** Root keys the renderer writes itself; a caller's value under one of them moves to `extra`. */
const OWNED = new Set(['@timestamp', 'log.level', 'ecs.version', 'ecs']);
/**
 * Root keys that must hold objects. `namespace` already enforces it; this catches what only
 * shows after sanitizing (an object whose `toJSON` returns a string) and lines rendered
 * without `namespace`.
 */
const OBJECT_ROOT_KEYS = new Set<string>([...ECS_ROOT_FIELD_SETS, ...CUSTOM_NAMESPACES, 'labels']);

function reportLineShrunk(): void {
  reportDiagnostic('ECSCTX_LIMIT_LINE_BYTES', 'a line was longer than limits.maxLineBytes and was shrunk (labels.ecsctx_truncated says what was dropped)');
}

/**
 * Values that do not fit their ECS field's type go under `extra` at the same path
 * (`http.response.status_code: "abc"` → `extra.http.response.status_code`), and
 * `labels.ecsctx_moved` lists their paths, comma-separated. There they follow the rules of
 * any path under `extra` (an array of mixed kinds is written as text).
 */
function placeMisfits(out: Record<string, unknown>, moved: MovedValues): void {
  const extra: Record<string, unknown> = isPlainObject(out.extra) ? { ...out.extra } : {};
  for (let i = 0; i < moved.paths.length; i++) {
    const path = moved.paths[i].split('.');
    dropEmptied(out, path);
    let level: Record<string, unknown> | undefined = extra;
    for (let j = 0; j < path.length - 1 && level !== undefined; j++) {
      const next: unknown = level[path[j]];
      // the path holds a value already, nested or as a dotted key (`extra: { 'a.b': 1 }`)
      if ((next !== undefined && !isPlainObject(next)) || level[path.slice(j).join('.')] !== undefined) level = undefined;
      else {
        const copy: Record<string, unknown> = next === undefined ? {} : { ...next };
        setOwn(level, path[j], copy);
        level = copy;
      }
    }
    const last = path[path.length - 1];
    if (level === undefined || isTaken(level, last)) {
      // the path in extra is taken: the moved value is kept as a collision
      appendCollisions(extra, [{ path: moved.paths[i], value: collisionText(moved.values[i]) }]);
    } else {
      // under `extra` the path is mapped dynamically: an array of mixed kinds becomes text, as anywhere else there
      const value = moved.values[i];
      setOwn(level, last, Array.isArray(value) ? homogenize([...value]) : value);
    }
  }
  out.extra = extra;
  const labels = isPlainObject(out.labels) ? { ...out.labels } : {};
  labels.ecsctx_moved = moved.paths.join(',');
  out.labels = labels;
  countDegradedLine('type_misfit');
}

/**
 * Drops the objects a move left empty along `path` (`http: { response: {} }` once
 * `http.response.status_code` moved): a field-set is written only when it holds something.
 */
function dropEmptied(out: Record<string, unknown>, path: readonly string[]): void {
  const chain: Record<string, unknown>[] = [out];
  for (let j = 0; j < path.length - 1; j++) {
    const next = chain[j][path[j]];
    if (!isPlainObject(next)) return;
    chain.push(next);
  }
  for (let j = path.length - 2; j >= 0; j--) {
    const parent = chain[j];
    if (Object.keys(chain[j + 1]).length > 0 || Object.isFrozen(parent)) return;
    delete parent[path[j]];
  }
}

/**
 * A line always names its service: when the call's own `service.name` was no name (moved
 * under `extra` by the type fit) or the call replaced `service` with something else, the
 * line's own service name (from `inject`) is written back.
 */
function keepServiceName(out: Record<string, unknown>, identity: unknown): void {
  if (!isPlainObject(identity) || !isServiceName(identity.name)) return;
  const service = out.service;
  if (isPlainObject(service)) {
    if (!isServiceName(service.name)) out.service = { ...service, name: identity.name };
  } else out.service = identity;
}

/**
 * The line's `log` object: the call's own (its leaves typed as any ECS field-set's; a `log`
 * that is no object is moved under `extra`), with `log.logger` set to the logger's name
 * unless the call gave one.
 */
function logFields(log: unknown, loggerOnly: Readonly<Record<string, unknown>> | undefined, moved: MovedValues): Record<string, unknown> | undefined {
  if (log === undefined || log === null) return loggerOnly; // frozen: built once, nothing to type
  if (!isPlainObject(log)) {
    moved.paths.push('log');
    moved.values.push(log);
    return loggerOnly;
  }
  const fields = loggerOnly !== undefined && log.logger === undefined ? { ...log, logger: loggerOnly.logger } : log;
  alignEcsLeafTypes('log', fields, moved);
  return fields;
}

/** Root keys the dynamic-mapping walk leaves alone (written by the renderer, or scalars only). */
const RENDERED_HEAD = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', 'labels']);

/** Values displaced from their path are kept as `extra.ecsctx_collisions: [{ path, value }]`, the value as text. */
function keepCollisions(out: Record<string, unknown>, displaced: readonly DisplacedValue[]): void {
  const extra: Record<string, unknown> = isPlainObject(out.extra) ? { ...out.extra } : {};
  appendCollisions(extra, displaced.map((d) => ({ path: d.path, value: collisionText(d.value) })));
  out.extra = extra;
  countDegradedLine('collision');
}

/**
 * Copies the sanitized root fields after the line's head. A value under a key the renderer
 * writes itself, or a scalar where an object belongs (a marker included), goes under `extra`
 * (`extra` itself that is no object: `extra.extra`); the leaves of ECS
 * field sets take their ECS types, and those that do not fit are collected in `moved`.
 */
function copyRootFields(fields: Record<string, unknown>, out: Record<string, unknown>, moved: MovedValues): void {
  let movedExtra: Record<string, unknown> | undefined;
  const keys = Object.keys(fields);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'level' || key === 'message' || key === 'log') continue;
    const value = fields[key];
    if (value === undefined) continue;
    if (OWNED.has(key)) {
      (movedExtra ??= {})[key] = value;
      continue;
    }
    if (key === EXTRA_KEY && !isPlainObject(value)) {
      // extra is always an object (a flattened field): what its walk made of it otherwise
      // (a marker when its toJSON or a getter threw, what a toJSON returned) is extra.extra
      setOwn((movedExtra ??= {}), EXTRA_KEY, value);
      continue;
    }
    if (OBJECT_ROOT_KEYS.has(key)) {
      if (!isPlainObject(value)) {
        if (key === 'error' && typeof value === 'string') setOwn(out, key, { message: value });
        else (movedExtra ??= {})[key] = value;
        continue;
      }
      // the walk made these objects: their leaves can take their ECS types in place, and
      // a value that still does not fit its field's type is taken out (moved under extra)
      if (key !== 'labels') alignEcsLeafTypes(key, value, moved);
      else {
        setOwn(out, key, safeLabels(value));
        continue;
      }
    }
    setOwn(out, key, value);
  }
  if (movedExtra !== undefined) out.extra = withMovedFields(out.extra, movedExtra);
}

/**
 * `extra` with the root fields moved under it: where `extra` already gives the key a value
 * (see {@link isTaken}), that value keeps it and the moved one is kept as a collision (the one
 * rule, `serialize/collisions`).
 */
function withMovedFields(extra: unknown, moved: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = isPlainObject(extra) ? { ...extra } : {};
  const keys = Object.keys(moved);
  let displaced: Collision[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (isTaken(out, key)) (displaced ??= []).push({ path: `${EXTRA_KEY}.${key}`, value: collisionText(moved[key]) });
    else setOwn(out, key, moved[key]);
  }
  if (displaced !== undefined) {
    appendCollisions(out, displaced);
    countDegradedLine('collision');
  }
  return out;
}

/**
 * True when `level` (an object under `extra`) already gives `name` a value: as its own key,
 * or through a dotted key below it (`'event.outcome'` for `event`), which Elasticsearch would
 * map as an object where the moved value asks for a value.
 */
function isTaken(level: Record<string, unknown>, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(level, name)) return true;
  const prefix = name + '.';
  for (const key in level) if (Object.prototype.hasOwnProperty.call(level, key) && key.startsWith(prefix)) return true;
  return false;
}

/**
 * `labels` with every key safe for Elasticsearch: the mask may have rewritten a key after the
 * keys were made safe (a card number in a key becomes `************1111`), so a key with `.`,
 * `*` or a backslash is made safe again (`context/label-keys`). The same object when every key is.
 */
function safeLabels(labels: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(labels);
  let i = 0;
  while (i < keys.length && sanitizeLabelKey(keys[i]) === keys[i]) i++;
  if (i === keys.length) return labels;
  const safe = safeLabelKeys(keys);
  const out: Record<string, unknown> = {};
  for (let k = 0; k < keys.length; k++) setOwn(out, safe[k], labels[keys[k]]);
  return out;
}

/** Creates the `ecs` format. */
export function renderEcs(options: RenderOptions = {}): Format {
  const loggerName = options.loggerName;
  // the log object of most lines: shared, never changed
  const loggerOnly = loggerName === undefined ? undefined : Object.freeze({ logger: loggerName });
  const limits = resolveLimits(options.limits);
  ecsFieldTree(); // built now, not by the first line

  const timestamps = new IsoTimestamps();
  // values taken out of ECS fields they do not fit, reused line after line
  const moved: MovedValues = { paths: [], values: [] };
  const transform = (info: Info): Info => {
    if (info[FAILED_LINE] !== true) {
      try {
        return renderLine(info);
      } catch (error) {
        info = failedInfo(info, error);
      }
    }
    let time = Date.now();
    try {
      time = capturedCallOf(info).time;
    } catch {
      // the capture could not be made: the time of rendering
    }
    info[MESSAGE] = failedLineText(info, time, loggerName);
    return info;
  };
  const renderLine = (info: Info): Info => {
    const time = capturedCallOf(info).time;
    const level = (info[LEVEL] as string | undefined) ?? (info.level as string | undefined) ?? 'info';
    let fields: Record<string, unknown>;
    let message: unknown = info.message;
    if (info[SANITIZED] === true) {
      fields = info;
    } else {
      const report = newSanitizeReport();
      fields = sanitizeRecord(info, limits, report);
      if (message !== undefined && typeof message !== 'string') message = sanitizeValue(message, limits, report);
      reportSanitizeCuts(report);
    }
    const out: Record<string, unknown> = {
      '@timestamp': timestamps.text(time),
      'log.level': level,
    };
    if (message !== undefined) out.message = typeof message === 'string' ? message : JSON.stringify(message);
    out['ecs.version'] = ECS_VERSION;
    moved.paths.length = 0;
    moved.values.length = 0;
    const log = logFields(fields.log, loggerOnly, moved);
    if (log !== undefined) out.log = log;
    copyRootFields(fields, out, moved);
    if (moved.paths.length > 0) placeMisfits(out, moved);
    keepServiceName(out, info[SERVICE_IDENTITY]);
    const displaced = fitDynamicTypes(out, RENDERED_HEAD);
    if (displaced.length > 0) keepCollisions(out, displaced);
    info[MESSAGE] = renderWithin(out, limits.maxLineBytes, reportLineShrunk);
    return info;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
