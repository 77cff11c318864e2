/**
 * Where the mapping of a field path comes from: an ECS 1.12.0 field, an ECS object path, a
 * library field of the shipped template, a container below which anything goes (`flattened`,
 * `geo_point`), the keyword children of `labels`, or nothing (a custom field, dynamically
 * mapped by the first value Elasticsearch sees).
 */
import { ECS_FIELD_TYPES, ECS_KEYWORD_OBJECTS, ECS_OBJECT_PATHS } from '../ecs/ecs-fields.generated';
import { LIBRARY_FIELD_TYPES, LIBRARY_FLATTENED_FIELDS } from '../ecs/library-fields';

/** The mapping a path resolves to. */
export type FieldMapping =
  /** A typed field: ECS (`owner: 'ecs'`) or the shipped template (`owner: 'ecsctx'`). */
  | { readonly kind: 'typed'; readonly type: string; readonly owner: 'ecs' | 'ecsctx' }
  /** An object (a field set, an intermediate object, a library namespace). */
  | { readonly kind: 'object'; readonly owner: 'ecs' | 'ecsctx' }
  /** Inside a `flattened` or `geo_point` field: not checked further. */
  | { readonly kind: 'opaque'; readonly container: string }
  /** A child of an `object_type: keyword` object (`labels.*`). */
  | { readonly kind: 'keyword-child'; readonly container: string }
  /** Not mapped by ECS or the template: Elasticsearch maps it from the first value. */
  | { readonly kind: 'custom' };

const ECS_TYPES = new Map<string, string>(Object.entries(ECS_FIELD_TYPES));
const ECS_OBJECTS = new Set(ECS_OBJECT_PATHS);
const KEYWORD_OBJECTS = new Set(ECS_KEYWORD_OBJECTS);
const LIBRARY_TYPES = new Map<string, string>(Object.entries(LIBRARY_FIELD_TYPES));
const LIBRARY_OBJECTS = new Set<string>();
for (const path of LIBRARY_TYPES.keys()) {
  const parts = path.split('.');
  for (let i = 1; i < parts.length; i++) LIBRARY_OBJECTS.add(parts.slice(0, i).join('.'));
}
const FLATTENED = new Set(LIBRARY_FLATTENED_FIELDS);
for (const [path, type] of ECS_TYPES) if (type === 'flattened' || type === 'geo_point') FLATTENED.add(path);

/** Resolves the mapping of `path`. */
export function fieldMapping(path: string): FieldMapping {
  // the nearest ancestor that is a flattened/geo_point field or a keyword object wins
  let dot = path.lastIndexOf('.');
  let parent = true;
  while (dot !== -1) {
    const ancestor = path.slice(0, dot);
    if (FLATTENED.has(ancestor)) return { kind: 'opaque', container: ancestor };
    // below a keyword object only direct children are judged: a deeper path sits in an
    // object that is itself the finding
    if (KEYWORD_OBJECTS.has(ancestor)) return parent ? { kind: 'keyword-child', container: ancestor } : { kind: 'opaque', container: ancestor };
    parent = false;
    dot = path.lastIndexOf('.', dot - 1);
  }
  const libraryType = LIBRARY_TYPES.get(path);
  if (libraryType !== undefined) return { kind: 'typed', type: libraryType, owner: 'ecsctx' };
  if (FLATTENED.has(path) && !ECS_TYPES.has(path)) return { kind: 'typed', type: 'flattened', owner: 'ecsctx' };
  const ecsType = ECS_TYPES.get(path);
  if (ecsType !== undefined) return { kind: 'typed', type: ecsType, owner: 'ecs' };
  if (ECS_OBJECTS.has(path)) return { kind: 'object', owner: 'ecs' };
  if (LIBRARY_OBJECTS.has(path)) return { kind: 'object', owner: 'ecsctx' };
  return { kind: 'custom' };
}

/** True when `path` is an ECS 1.12.0 field. */
export function isEcsField(path: string): boolean {
  return ECS_TYPES.has(path);
}

/** True when `path` is an ECS field or object path (a field set, an intermediate object). */
export function isEcsPath(path: string): boolean {
  return ECS_TYPES.has(path) || ECS_OBJECTS.has(path);
}
