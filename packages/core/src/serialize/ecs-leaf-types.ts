/**
 * Leaves of ECS field-sets written with the JSON type their ECS mapping takes, where the
 * conversion loses nothing: a number or boolean given for a keyword (`user.id: 42`) becomes
 * its text, a numeric string for a long or float (`http.response.status_code: "200"`) becomes
 * a number, a fraction for a long (`event.duration: 1.5` nanoseconds) is rounded, `"true"` /
 * `"false"` for a boolean become booleans. Given a {@link MovedValues} collector, a value
 * that still does not fit its field (see `ecs-type-fit`) is taken out and collected. The field table is ECS 1.12.0's (`ecs/ecs-fields.generated.ts`).
 */
import { ECS_FIELD_TYPES, type EcsFieldType } from '../ecs/ecs-fields.generated';
import { isPlainObject } from './own-property';
import { ALLOWED_VALUES_PREFIX, fitsEcsType } from './ecs-type-fit';

/** A node of the ECS field tree: the leaf's type and/or the field-set's children. */
export interface TypeNode {
  readonly type?: EcsFieldType;
  readonly children?: Readonly<Record<string, TypeNode>>;
  /** One value, never a list (see {@link SINGLE_VALUE_FIELDS}). */
  readonly single?: boolean;
  /** One non-blank string (see {@link isServiceName}). */
  readonly named?: boolean;
}

/**
 * The fields the ECS logging specification (`ecs-logging-spec.json`) types as one string or
 * integer: a log line holds one value there, never a list (the line's head, written by the
 * renderer, aside). A test compares this list with the specification's.
 */
export const SINGLE_VALUE_FIELDS: readonly string[] = [
  'trace.id',
  'transaction.id',
  'service.name',
  'service.node.name',
  'service.version',
  'event.dataset',
  'service.environment',
  'process.thread.name',
  'log.logger',
  'log.origin.file.line',
  'log.origin.file.name',
  'log.origin.function',
  'error.type',
  'error.message',
  'error.stack_trace',
];

/** Children of a node, by key (a prototype-less map). */
export type TypeNodes = Readonly<Record<string, TypeNode>>;

interface MutableNode {
  type?: EcsFieldType;
  children?: Record<string, MutableNode>;
  single?: boolean;
  named?: boolean;
}

function buildTrie(): TypeNodes {
  const root: Record<string, MutableNode> = Object.create(null) as Record<string, MutableNode>;
  for (const path of Object.keys(ECS_FIELD_TYPES)) {
    const parts = path.split('.');
    let level = root;
    for (let i = 0; i < parts.length; i++) {
      const node = (level[parts[i]] ??= {});
      if (i === parts.length - 1) node.type = ECS_FIELD_TYPES[path];
      else level = node.children ??= (Object.create(null) as Record<string, MutableNode>);
    }
  }
  for (const path of SINGLE_VALUE_FIELDS) {
    const node = nodeAt(root, path);
    if (node !== undefined) node.single = true;
  }
  const serviceName = nodeAt(root, 'service.name');
  if (serviceName !== undefined) serviceName.named = true;
  return root;
}

function nodeAt(root: Record<string, MutableNode>, path: string): MutableNode | undefined {
  const parts = path.split('.');
  let node: MutableNode | undefined = root[parts[0]];
  for (let i = 1; i < parts.length && node !== undefined; i++) node = node.children?.[parts[i]];
  return node;
}

let trie: TypeNodes | undefined;

const INTEGER_TEXT = /^-?\d{1,15}$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** `value` as the JSON type of an ECS leaf of `type`, where nothing is lost; else `value`. */
export function convertLeaf(type: EcsFieldType, value: unknown): unknown {
  switch (type) {
    case 'keyword':
    case 'wildcard':
    case 'match_only_text':
    case 'constant_keyword':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'long':
    case 'integer':
      if (typeof value === 'number' && !Number.isInteger(value) && Number.isFinite(value)) return Math.round(value);
      return typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value;
    case 'float':
    case 'scaled_float':
      return typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/**
 * An item of an array under an ECS leaf of `type`, converted as {@link convertLeaf} converts a
 * leaf; in a geo_point's `[lon, lat]` a number written as text is its number again (arrays of
 * integers and fractions reach here as text, one kind per array), while a lone digit string
 * stays text (a geohash may be all digits).
 */
function convertItem(type: EcsFieldType, item: unknown): unknown {
  if (type === 'geo_point') return typeof item === 'string' && NUMBER_TEXT.test(item) ? Number(item) : item;
  return convertLeaf(type, item);
}

/** A GeoJSON point (`{ type: 'Point', coordinates: [lon, lat] }`): its coordinates as {@link convertItem} converts a geo_point array's items. */
function alignGeoJson(value: unknown): void {
  if (!isPlainObject(value)) return;
  const coordinates = value.coordinates;
  if (!Array.isArray(coordinates) || Object.isFrozen(coordinates)) return;
  for (let j = 0; j < coordinates.length; j++) coordinates[j] = convertItem('geo_point', coordinates[j]);
}

/** Values taken out of ECS fields they do not fit, with their dotted paths. */
export interface MovedValues {
  readonly paths: string[];
  readonly values: unknown[];
}

function walk(object: Record<string, unknown>, level: TypeNodes, moved?: MovedValues, prefix?: string): void {
  if (Object.isFrozen(object)) return; // library-built objects are right already
  // for-in over the walk's own plain objects: no key array per object on the hot path
  for (const key in object) {
    const node = level[key];
    if (node === undefined) {
      if (moved !== undefined && key.indexOf('.') !== -1) checkDottedKey(object, key, level, moved, prefix);
      continue;
    }
    const value = object[key];
    if (node.type !== undefined && (value === null || typeof value !== 'object')) {
      const converted = convertLeaf(node.type, value);
      if (converted !== value) object[key] = converted;
      if (moved !== undefined) checkFit(object, key, node, converted, moved, prefix);
    } else if (node.children !== undefined && isPlainObject(value)) {
      walk(value, node.children, moved, moved === undefined ? undefined : prefix + key + '.');
    } else if (node.type !== undefined && Array.isArray(value)) {
      for (let j = 0; j < value.length; j++) {
        const item: unknown = value[j];
        if (item === null || typeof item !== 'object') value[j] = convertItem(node.type, item);
      }
      if (moved !== undefined) checkFit(object, key, node, value, moved, prefix);
    } else if (moved !== undefined && value !== null && value !== undefined) {
      // an object under a leaf field, or a value or array under an object path
      if (node.type === 'geo_point') alignGeoJson(value);
      if (node.type !== undefined) checkFit(object, key, node, value, moved, prefix);
      else moveOut(object, key, value, moved, prefix);
    }
  }
}

/** A dotted key below an ECS field-set (`event: { 'url.port': 1 }`): Elasticsearch expands it. */
function checkDottedKey(object: Record<string, unknown>, key: string, level: TypeNodes, moved: MovedValues, prefix: string | undefined): void {
  const segments = key.split('.');
  let nodes: TypeNodes | undefined = level;
  for (let i = 0; i < segments.length - 1; i++) {
    const node: TypeNode | undefined = nodes[segments[i]];
    if (node === undefined) return; // not an ECS path: mapped dynamically
    if (node.children === undefined) {
      if (node.type !== 'object' && node.type !== 'flattened' && node.type !== 'nested') moveOut(object, key, object[key], moved, prefix);
      return;
    }
    nodes = node.children;
  }
  const last = nodes[segments[segments.length - 1]];
  if (last === undefined) return;
  const value = object[key];
  if (last.type !== undefined) checkFit(object, key, last, value, moved, prefix);
  else if (value !== null && value !== undefined && !isPlainObject(value)) moveOut(object, key, value, moved, prefix);
}

function checkFit(object: Record<string, unknown>, key: string, node: TypeNode, value: unknown, moved: MovedValues, prefix: string | undefined): void {
  // the path is built only where ECS lists allowed values (event.*)
  const path = prefix !== undefined && prefix.startsWith(ALLOWED_VALUES_PREFIX) ? prefix + key : '';
  const fits = fitsEcsType(path, node.type as EcsFieldType, value) && (node.single !== true || !Array.isArray(value)) && (node.named !== true || isServiceName(value));
  if (!fits) moveOut(object, key, value, moved, prefix);
}

/**
 * `service.name` names the writer of a line (Kibana and the data stream group by it): one
 * non-blank string, never a list or an empty value.
 */
export function isServiceName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function moveOut(object: Record<string, unknown>, key: string, value: unknown, moved: MovedValues, prefix: string | undefined): void {
  delete object[key];
  moved.paths.push((prefix ?? '') + key);
  moved.values.push(value);
}

/**
 * Converts, in place, the leaves of the ECS field-set `value` found at root key `key`.
 * Only for objects the chain built itself (sanitized copies), never a caller's.
 */
export function alignEcsLeafTypes(key: string, value: Record<string, unknown>, moved?: MovedValues): void {
  const node = ecsRootNode(key);
  if (node !== undefined && node.children !== undefined) walk(value, node.children, moved, key + '.');
}

/**
 * The ECS field tree, built on first use. A format calls it when it is created, so the
 * first line does not pay for building it.
 */
export function ecsFieldTree(): TypeNodes {
  return (trie ??= buildTrie());
}

/** The ECS field tree's node for root key `key`, if ECS defines one. */
function ecsRootNode(key: string): TypeNode | undefined {
  return ecsFieldTree()[key];
}

/**
 * `value` (sanitized data the chain built) aligned as the value of a key whose node is
 * `node`: the same rules as {@link alignEcsLeafTypes}, for one value. Objects and arrays
 * are converted in place; the (possibly converted) value is returned.
 */
export function alignValue(value: unknown, node: TypeNode): unknown {
  if (node.type !== undefined && (value === null || typeof value !== 'object')) return convertLeaf(node.type, value);
  if (node.type === 'geo_point') alignGeoJson(value);
  if (node.children !== undefined && isPlainObject(value)) walk(value, node.children);
  else if (node.type !== undefined && Array.isArray(value)) {
    for (let j = 0; j < value.length; j++) {
      const item: unknown = value[j];
      if (item === null || typeof item !== 'object') value[j] = convertItem(node.type, item);
    }
  }
  return value;
}

/** Converts, in place, the leaves of `object` (a sanitized copy) under the nodes `children`. */
export function alignRecord(object: Record<string, unknown>, children: TypeNodes): void {
  walk(object, children);
}
