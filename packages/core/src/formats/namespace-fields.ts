/**
 * `namespace`: places every key by the Core Rules (see `fields.ts`). Allowlisted keys stay
 * at the root, everything else moves under `extra`, `ecs_event` becomes `event`, labels are
 * made ECS-safe, and hostile combinations are resolved by one rule each:
 *
 * - a dotted root key (`"service.name"`) is expanded and merged after the nested form, so
 *   on the same leaf the dotted value wins;
 * - a string given for `error` becomes `error.message`; any other scalar or array given for
 *   an ECS field-set (`event: "x"`, `user: "bob"`, `log: "x"`) moves to `extra.<key>`;
 * - caller values for fields the renderer owns (`@timestamp`, `ecs`, `log.level`) move to
 *   `extra` under the same path; `log.logger` is the caller's to set;
 * - label keys have `.`, `*`, `\` replaced by `_`; non-scalar values become JSON strings.
 *
 * Each of these (but the dotted expansion) is recorded as a violation for `validate`.
 */
import { format, type Format } from 'logform';
import { addViolation, carrySymbols, type Info } from './info-symbols';
import { deepMerge, isPlainObject, setOwn } from '../serialize/own-property';
import { errorToEcs } from '../serialize/error-fields';
import {
  CUSTOM_NAMESPACES,
  DEFAULT_ROOT_KEYS,
  ECS_EVENT_STAGING_KEY,
  ECS_ROOT_FIELD_SETS,
  EXTRA_KEY,
  labelValue,
  sanitizeLabelKey,
} from '../fields';
import { parseCsv } from '../env-vars';
import { EcsctxOptionsError } from '../errors';

/** Options of {@link namespaceFields}. */
export interface NamespaceOptions {
  /** More keys kept at the root (added to `ECSCTX_ROOT_FIELDS`). */
  rootFields?: readonly string[];
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
}

/** The violation text for a flat value given to an ECS object field. */
export function flatFieldViolation(key: string, value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return `ECS conflict: '${key}' is a reserved field and should be a nested object, got ${type}. Use '${key}.xxx' structure instead.`;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Creates the `namespace` format. */
export function namespaceFields(options: NamespaceOptions = {}): Format {
  const env = options.env ?? process.env;
  const extraRoot = [...(options.rootFields ?? []), ...parseCsv(env.ECSCTX_ROOT_FIELDS)];
  for (const key of extraRoot) {
    if (typeof key !== 'string' || key === '' || key.includes('.')) {
      throw new EcsctxOptionsError(`rootFields: ${JSON.stringify(key)} is not a plain root key`);
    }
  }
  const rootKeys = new Set<string>([...DEFAULT_ROOT_KEYS, ...extraRoot]);
  const objectKeys = new Set<string>([...ECS_ROOT_FIELD_SETS, ...CUSTOM_NAMESPACES]);

  const transform = (info: Info): Info => {
    const out: Info = {};
    carrySymbols(info, out);
    let extra: Record<string, unknown> | undefined;
    let dotted: string[] | undefined;

    const toExtra = (key: string, value: unknown): void => {
      if (extra === undefined) extra = {};
      const existing = extra[key];
      setOwn(extra, key, isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value);
    };

    const place = (key: string, value: unknown): void => {
      if (key === ECS_EVENT_STAGING_KEY) {
        place('event', isPlainObject(value) ? value : { original: value });
        return;
      }
      if (key === 'labels') {
        placeLabels(out, value, toExtra);
        return;
      }
      if (key === EXTRA_KEY) {
        if (isPlainObject(value)) {
          const keys = Object.keys(value);
          for (let i = 0; i < keys.length; i++) toExtra(keys[i], value[keys[i]]);
        } else toExtra(EXTRA_KEY, value);
        return;
      }
      if (key === '@timestamp' || key === 'ecs') {
        toExtra(key, value);
        return;
      }
      if (!rootKeys.has(key)) {
        toExtra(key, value);
        return;
      }
      if (objectKeys.has(key) && !isPlainObject(value)) {
        if (key === 'error' && value instanceof Error) {
          value = errorToEcs(value);
        } else if (key === 'error' && typeof value === 'string') {
          addViolation(out, flatFieldViolation(key, value));
          value = { message: value };
        } else {
          addViolation(out, flatFieldViolation(key, value));
          toExtra(key, value);
          return;
        }
      }
      if (key === 'log' && isPlainObject(value) && value.level !== undefined) {
        // the winston level is log.level; a caller's own value is kept under extra.log.level
        const rest: Record<string, unknown> = {};
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) if (keys[i] !== 'level') setOwn(rest, keys[i], value[keys[i]]);
        toExtra('log', { level: value.level });
        value = rest;
      }
      const existing = out[key];
      setOwn(out, key, isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value);
    };

    const keys = Object.keys(info);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = info[key];
      if (value === undefined) continue;
      if (key === 'level' || key === 'message') {
        out[key] = value;
      } else if (key.indexOf('.') !== -1) {
        (dotted ??= []).push(key);
      } else {
        place(key, value);
      }
    }
    if (dotted !== undefined) {
      for (const key of dotted) {
        const path = key.split('.');
        if (path.some((segment) => segment === '')) {
          // Elasticsearch rejects empty path segments: keep the value under a safe name
          toExtra(key.replace(/\./g, '_'), info[key]);
          continue;
        }
        let nested: unknown = info[key];
        for (let j = path.length - 1; j >= 1; j--) {
          const wrapper: Record<string, unknown> = {};
          setOwn(wrapper, path[j], nested);
          nested = wrapper;
        }
        place(path[0], nested);
      }
    }
    if (extra !== undefined) out[EXTRA_KEY] = extra;
    return out;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}

function placeLabels(out: Info, value: unknown, toExtra: (key: string, value: unknown) => void): void {
  if (!isPlainObject(value)) {
    addViolation(out, `ECS conflict: 'labels' must be an object of scalar values, got ${describe(value)}; moved to extra.labels.`);
    toExtra('labels', value);
    return;
  }
  const labels: Record<string, unknown> = isPlainObject(out.labels) ? { ...out.labels } : {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const raw = value[keys[i]];
    const clean = labelValue(raw);
    if (clean === undefined) continue;
    if (raw !== null && typeof raw === 'object') {
      addViolation(out, `ECS labels must be scalars: label '${keys[i]}' was ${describe(raw)}, written as a JSON string.`);
    }
    setOwn(labels, sanitizeLabelKey(keys[i]), clean);
  }
  out.labels = labels;
}
