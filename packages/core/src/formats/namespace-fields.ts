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
 * - label keys have `.`, `*`, `\` replaced by `_` (two keys that meet so are both kept, see
 *   `context/label-keys`); non-scalar values become JSON strings;
 * - two values the call itself gives for one path (`{ a: 1, 'a.b': 2 }`, `{ 'a.b': 1, a: { b: 2 } }`,
 *   `{ customer_id: 'A', extra: { customer_id: 'B' } }`) are both kept: the value the rules
 *   above prefer keeps the path, the displaced one goes to `extra.ecsctx_collisions` as
 *   `{ path, value }` (the value as text). Context and default fields are below the call's
 *   own fields: the call replacing them is not a collision.
 *
 * Each of these (but the dotted expansion) is recorded as a violation for `validate`.
 */
import type { Format } from 'logform';
import { formatWithReusableState } from './reusable-format';
import { addViolation, carrySymbols, NAMESPACED, type Info } from './info-symbols';
import type { LineSink } from './line-sink';
import { deepMerge, isErrorObject, isPlainObject, readOwn, setOwn, type DisplacedValue } from '../serialize/own-property';
import { countDegradedLine } from '../degraded-lines';
import { errorToEcs } from '../serialize/error-fields';
import { appendCollisions, collisionText } from '../serialize/collisions';
import {
  CUSTOM_NAMESPACES,
  DEFAULT_ROOT_KEYS,
  ECS_EVENT_STAGING_KEY,
  ECS_ROOT_FIELD_SETS,
  EXTRA_KEY,
  labelValue,
  SECRET_REDACTED,
} from '../fields';
import { parseCsv } from '../env-vars';
import { safeLabelKeys } from '../context/label-keys';
import { EcsctxOptionsError } from '../errors';
import { CredentialKind, KeyClassifier } from './mask/classify-key';
import { holdsAtSign } from './mask/find-emails';

/** Options of {@link namespaceFields}. */
export interface NamespaceOptions {
  /** More keys kept at the root (added to `ECSCTX_ROOT_FIELDS`). */
  rootFields?: readonly string[];
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
}

/** The violation text for a flat value given to an ECS object field. */
export function flatFieldViolation(key: string, value: unknown): string {
  const type = describe(value);
  return `ECS conflict: '${key}' is a reserved field and should be a nested object, got ${type}. Use '${key}.xxx' structure instead.`;
}

function describe(value: unknown): string {
  try {
    return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  } catch {
    return 'object'; // a revoked Proxy
  }
}

/** The root and object key sets of `namespace` for these options (validated once). */
export function compilePlacement(options: NamespaceOptions): { rootKeys: ReadonlySet<string>; objectKeys: ReadonlySet<string> } {
  const env = options.env ?? process.env;
  const extraRoot = [...(options.rootFields ?? []), ...parseCsv(env.ECSCTX_ROOT_FIELDS)];
  for (const key of extraRoot) {
    if (typeof key !== 'string' || key === '' || key.includes('.')) {
      throw new EcsctxOptionsError(`rootFields: ${JSON.stringify(key)} is not a plain root key`);
    }
  }
  return {
    rootKeys: new Set<string>([...DEFAULT_ROOT_KEYS, ...extraRoot]),
    objectKeys: new Set<string>([...ECS_ROOT_FIELD_SETS, ...CUSTOM_NAMESPACES]),
  };
}

/** Creates the `namespace` format. */
export function namespaceFields(options: NamespaceOptions = {}): Format {
  const { rootKeys, objectKeys } = compilePlacement(options);
  return formatWithReusableState(
    () => new LinePlacer(rootKeys, objectKeys),
    (info, placer) => placer.placeLine(info),
  );
}

/** The credential rules (built-in words), for values displaced before the mask sees them. */
const CREDENTIAL_KEYS = new KeyClassifier();

/**
 * A displaced value as text. Its key no longer stands beside it (the record is `{ path,
 * value }`), so a value displaced from a credential key is redacted here.
 */
function displacedText(d: DisplacedValue): string {
  const path = d.path;
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (CREDENTIAL_KEYS.credentialOfKey(key) !== CredentialKind.None) return SECRET_REDACTED;
  return collisionText(d.value);
}

/** Places the keys of one line at a time; its state is reset for every line. */
export class LinePlacer implements LineSink {
  private out: Info = {};
  private extra: Record<string, unknown> | undefined;
  private dotted: unknown[] | undefined;
  /** Whether the keys put now are the call's own (after the context's, see `message()`). */
  private own = true;
  /** Root and `extra` keys the call itself set. */
  private ownRoot: Set<string> | undefined;
  private ownExtra: Set<string> | undefined;
  private displaced: DisplacedValue[] | undefined;

  constructor(
    private readonly rootKeys: ReadonlySet<string>,
    private readonly objectKeys: ReadonlySet<string>,
  ) {}

  /** `namespace` alone: places every key of `info`. */
  placeLine(info: Info): Info {
    this.begin(info);
    this.own = true;
    const keys = Object.keys(info);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = readOwn(info, key);
      if (value === undefined || key === 'level') continue;
      if (key === 'message') this.message(value);
      else this.put(key, value);
    }
    return this.end();
  }

  begin(info: Info): void {
    const out: Info = {};
    carrySymbols(info, out);
    out[NAMESPACED] = true;
    if (info.level !== undefined) out.level = info.level;
    this.out = out;
    this.extra = undefined;
    this.dotted = undefined;
    this.own = false;
    this.ownRoot = undefined;
    this.ownExtra = undefined;
    this.displaced = undefined;
  }

  message(value: unknown): void {
    // `inject` gives the context's fields, then the message, then the call's own fields
    this.own = true;
    if (value !== undefined) this.out.message = value;
  }

  put(key: string, value: unknown): void {
    // a function is a method, not a field (JSON drops it): so the objects built here never
    // get a `toJSON` of the caller's that the writer would call in place of their fields
    if (typeof value === 'function') return;
    // dotted keys are expanded after every nested one, so on the same leaf they win
    // (a key holding an email is not a path: its dots are the address's, and the mask tokenizes it)
    if (key.indexOf('.') !== -1 && !holdsAtSign(key)) (this.dotted ??= []).push(key, value);
    else this.place(key, value);
  }

  end(): Info {
    const dotted = this.dotted;
    if (dotted !== undefined) {
      for (let i = 0; i < dotted.length; i += 2) this.placeDotted(dotted[i] as string, dotted[i + 1]);
    }
    const out = this.out;
    if (this.displaced !== undefined && this.displaced.length > 0) {
      appendCollisions((this.extra ??= {}), this.displaced.map((d) => ({ path: d.path, value: displacedText(d) })));
      countDegradedLine('collision');
    }
    if (this.extra !== undefined) out[EXTRA_KEY] = this.extra;
    this.out = {};
    this.displaced = undefined;
    this.extra = undefined;
    this.dotted = undefined;
    return out;
  }

  private toExtra(key: string, value: unknown): void {
    if (typeof value === 'function') return; // (see `put`)
    const extra = (this.extra ??= {});
    setOwn(extra, key, this.merged(extra[key], value, key, this.own ? (this.ownExtra ??= new Set()) : undefined, 'extra.'));
  }

  /** The value for `key` when `value` meets `existing`; a collision between two own values is kept. */
  private merged(existing: unknown, value: unknown, key: string, ownKeys: Set<string> | undefined, prefix: string): unknown {
    const collides = ownKeys !== undefined && existing !== undefined && ownKeys.has(key);
    if (ownKeys !== undefined) ownKeys.add(key);
    const displaced = collides ? (this.displaced ??= []) : undefined;
    if (isPlainObject(existing) && isPlainObject(value)) return deepMerge(existing, value, 32, displaced, prefix + key + '.');
    if (displaced !== undefined && existing !== value) displaced.push({ path: prefix + key, value: existing });
    return value;
  }

  private placeDotted(key: string, value: unknown): void {
    const path = key.split('.');
    for (let i = 0; i < path.length; i++) {
      if (path[i].trim() === '') {
        // Elasticsearch rejects empty path segments: keep the value under a safe name
        this.toExtra(key.replace(/\./g, '_'), value);
        return;
      }
    }
    let nested: unknown = value;
    for (let j = path.length - 1; j >= 1; j--) {
      const wrapper: Record<string, unknown> = {};
      setOwn(wrapper, path[j], nested);
      nested = wrapper;
    }
    this.place(path[0], nested);
  }

  private place(key: string, value: unknown): void {
    const out = this.out;
    if (key === ECS_EVENT_STAGING_KEY) {
      this.place('event', isPlainObject(value) ? value : { original: value });
      return;
    }
    if (key === 'labels') {
      placeLabels(out, value, this);
      return;
    }
    if (key === EXTRA_KEY) {
      if (isPlainObject(value)) {
        const keys = Object.keys(value);
        for (let i = 0; i < keys.length; i++) this.toExtra(keys[i], readOwn(value, keys[i]));
      } else this.toExtra(EXTRA_KEY, value);
      return;
    }
    if (key === '@timestamp' || key === 'ecs' || !this.rootKeys.has(key)) {
      this.toExtra(key, value);
      return;
    }
    if (this.objectKeys.has(key) && !isPlainObject(value)) {
      if (key === 'error' && isErrorObject(value)) {
        value = errorToEcs(value);
      } else if (key === 'error' && typeof value === 'string') {
        addViolation(out, flatFieldViolation(key, value));
        value = { message: value };
      } else {
        addViolation(out, flatFieldViolation(key, value));
        this.toExtra(key, value);
        return;
      }
    }
    if (key === 'log' && isPlainObject(value) && readOwn(value, 'level') !== undefined) {
      // the winston level is log.level; a caller's own value is kept under extra.log.level
      const rest: Record<string, unknown> = {};
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 'level') setOwn(rest, keys[i], readOwn(value, keys[i]));
      this.toExtra('log', { level: readOwn(value, 'level') });
      value = rest;
    }
    setOwn(out, key, this.merged(out[key], value, key, this.own ? (this.ownRoot ??= new Set()) : undefined, ''));
  }

  /** Used by {@link placeLabels}. */
  moveToExtra(key: string, value: unknown): void {
    this.toExtra(key, value);
  }
}

function placeLabels(out: Info, value: unknown, placer: LinePlacer): void {
  if (!isPlainObject(value)) {
    addViolation(out, `ECS conflict: 'labels' must be an object of scalar values, got ${describe(value)}; moved to extra.labels.`);
    placer.moveToExtra('labels', value);
    return;
  }
  const labels: Record<string, unknown> = isPlainObject(out.labels) ? { ...out.labels } : {};
  const keys: string[] = [];
  const values: string[] = [];
  const given = Object.keys(value);
  for (let i = 0; i < given.length; i++) {
    const raw = readOwn(value, given[i]);
    const clean = labelValue(raw);
    if (clean === undefined) continue;
    if (raw !== null && typeof raw === 'object') {
      addViolation(out, `ECS labels must be scalars: label '${given[i]}' was ${describe(raw)}, written as a JSON string.`);
    }
    keys.push(given[i]);
    values.push(clean);
  }
  // two keys that meet once made safe are both kept (see context/label-keys)
  const safe = safeLabelKeys(keys);
  for (let i = 0; i < safe.length; i++) setOwn(labels, safe[i], values[i]);
  out.labels = labels;
}
