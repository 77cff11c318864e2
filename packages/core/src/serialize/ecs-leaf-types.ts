/**
 * Leaves of ECS field-sets written with the JSON type their ECS mapping takes, where the
 * conversion loses nothing: a number or boolean given for a keyword (`user.id: 42`) becomes
 * its text, a numeric string for a long or float (`http.response.status_code: "200"`) becomes
 * a number, a fraction for a long (`event.duration: 1.5` nanoseconds) is rounded, `"true"` /
 * `"false"` for a boolean become booleans. Values that cannot be converted are left for
 * `ecsctx check` to report. The field table is ECS 1.12.0's (`check/ecs-fields.generated.ts`).
 */
import { ECS_FIELD_TYPES, type EcsFieldType } from '../check/ecs-fields.generated';
import { isPlainObject } from './own-property';

interface TypeNode {
  type?: EcsFieldType;
  children?: Record<string, TypeNode>;
}

function buildTrie(): Record<string, TypeNode> {
  const root: Record<string, TypeNode> = Object.create(null) as Record<string, TypeNode>;
  for (const path of Object.keys(ECS_FIELD_TYPES)) {
    const parts = path.split('.');
    let level = root;
    for (let i = 0; i < parts.length; i++) {
      const node = (level[parts[i]] ??= {});
      if (i === parts.length - 1) node.type = ECS_FIELD_TYPES[path];
      else level = node.children ??= (Object.create(null) as Record<string, TypeNode>);
    }
  }
  return root;
}

let trie: Record<string, TypeNode> | undefined;

const INTEGER_TEXT = /^-?\d{1,15}$/;
const NUMBER_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function convert(type: EcsFieldType, value: unknown): unknown {
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

function walk(object: Record<string, unknown>, level: Record<string, TypeNode>): void {
  if (Object.isFrozen(object)) return; // library-built objects are right already
  // for-in over the walk's own plain objects: no key array per object on the hot path
  for (const key in object) {
    const node = level[key];
    if (node === undefined) continue;
    const value = object[key];
    if (node.type !== undefined && (value === null || typeof value !== 'object')) {
      const converted = convert(node.type, value);
      if (converted !== value) object[key] = converted;
    } else if (node.children !== undefined && isPlainObject(value)) {
      walk(value, node.children);
    } else if (node.type !== undefined && Array.isArray(value)) {
      for (let j = 0; j < value.length; j++) {
        const item: unknown = value[j];
        if (item === null || typeof item !== 'object') value[j] = convert(node.type, item);
      }
    }
  }
}

/**
 * Converts, in place, the leaves of the ECS field-set `value` found at root key `key`.
 * Only for objects the chain built itself (sanitized copies), never a caller's.
 */
export function alignEcsLeafTypes(key: string, value: Record<string, unknown>): void {
  trie ??= buildTrie();
  const node = trie[key];
  if (node !== undefined && node.children !== undefined) walk(value, node.children);
}
