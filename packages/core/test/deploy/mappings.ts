/**
 * The index template of `deploy/elasticsearch/` as Elasticsearch composes it, and how it maps
 * one field of one document: an explicit mapping, a covering `flattened` field, a dynamic
 * template, or nothing (Elasticsearch's own dynamic defaults). Written for the tests from
 * Elasticsearch's documented rules (composable templates merge the mappings of their
 * components in order; the first matching dynamic template wins; `path_match` takes `*`
 * wildcards over the full dotted path; `match_mapping_type` is the JSON type as detected).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/capture';

export const DEPLOY_ES = join(repoRoot, 'deploy', 'elasticsearch');

/** A field mapping as a template writes it. */
export interface FieldDef {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, FieldDef>>;
  readonly [key: string]: unknown;
}

/** One `{ name: { path_match, match_mapping_type, mapping } }` entry. */
export type DynamicTemplate = Readonly<Record<string, { path_match?: string; match?: string; match_mapping_type?: string; mapping: FieldDef }>>;

/** The composed mapping of the data streams. */
export interface ComposedMapping {
  readonly properties: Record<string, FieldDef>;
  readonly dynamicTemplates: readonly DynamicTemplate[];
  readonly dateDetection: boolean;
}

/** Reads a JSON file of `deploy/elasticsearch/`. */
export function readDeployJson<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(join(DEPLOY_ES, name), 'utf8')) as T;
}

function mergeProperties(into: Record<string, FieldDef>, from: Readonly<Record<string, FieldDef>>): void {
  for (const [key, def] of Object.entries(from)) {
    const existing = into[key];
    if (existing?.properties !== undefined && def.properties !== undefined) {
      const merged = { ...existing, properties: { ...existing.properties } } as { properties: Record<string, FieldDef> };
      mergeProperties(merged.properties, def.properties);
      into[key] = merged;
    } else {
      into[key] = def;
    }
  }
}

/**
 * Composes the index template from its component files, as Elasticsearch does. The cluster's
 * own extension points (`logs@custom`, listed in `ignore_missing_component_templates`) are
 * taken as absent, as on a cluster that has not defined them.
 */
export function composeIndexTemplate(): ComposedMapping {
  const index = readDeployJson('index-template.json');
  const optional = new Set<string>(index.ignore_missing_component_templates ?? []);
  const components: Record<string, string> = {
    'ecsctx-ecs-1.12.0@mappings': 'component-template-ecs.json',
    'ecsctx@mappings': 'component-template-ecsctx.json',
  };
  const properties: Record<string, FieldDef> = {};
  const dynamicTemplates: DynamicTemplate[] = [];
  let dateDetection = true;
  for (const name of index.composed_of as string[]) {
    if (optional.has(name)) continue;
    const file = components[name];
    if (file === undefined) throw new Error(`index template is composed of an unknown component ${name}`);
    const mappings = readDeployJson(file).template.mappings as { properties?: Record<string, FieldDef>; dynamic_templates?: DynamicTemplate[]; date_detection?: boolean };
    mergeProperties(properties, mappings.properties ?? {});
    dynamicTemplates.push(...(mappings.dynamic_templates ?? []));
    if (mappings.date_detection !== undefined) dateDetection = mappings.date_detection;
  }
  return { properties, dynamicTemplates, dateDetection };
}

/** The JSON type Elasticsearch detects for `match_mapping_type`. */
export type JsonKind = 'string' | 'long' | 'double' | 'boolean' | 'object';

/** The JSON kind of a value. */
export function jsonKind(value: unknown): JsonKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'long' : 'double';
  return 'object';
}

/** How a path is mapped. */
export type Resolution =
  | { readonly by: 'explicit'; readonly type: string }
  | { readonly by: 'flattened'; readonly container: string }
  | { readonly by: 'dynamic-template'; readonly template: string; readonly type: string }
  | { readonly by: 'es-default' };

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Resolves `path` holding a value of `kind` against the composed mapping. */
export function resolvePath(mapping: ComposedMapping, path: string, kind: JsonKind): Resolution {
  const parts = path.split('.');
  let level: Readonly<Record<string, FieldDef>> | undefined = mapping.properties;
  for (let i = 0; i < parts.length && level !== undefined; i++) {
    const def: FieldDef | undefined = level[parts[i]];
    if (def === undefined) break;
    if (def.type === 'flattened') return { by: 'flattened', container: parts.slice(0, i + 1).join('.') };
    if (i === parts.length - 1) return { by: 'explicit', type: def.type ?? 'object' };
    if (def.properties === undefined) {
      // an object without properties (ECS `labels`) maps its children dynamically; a value
      // type holding children is a conflict
      if (def.type === undefined || def.type === 'object' || def.type === 'nested') break;
      return { by: 'explicit', type: def.type };
    }
    level = def.properties;
  }
  for (const entry of mapping.dynamicTemplates) {
    const [name, rule] = Object.entries(entry)[0];
    if (rule.match_mapping_type !== undefined && rule.match_mapping_type !== '*' && rule.match_mapping_type !== kind) continue;
    if (rule.path_match !== undefined && !wildcard(rule.path_match).test(path)) continue;
    if (rule.match !== undefined && !wildcard(rule.match).test(parts[parts.length - 1])) continue;
    return { by: 'dynamic-template', template: name, type: rule.mapping.type ?? 'object' };
  }
  return { by: 'es-default' };
}

const TEXT = new Set(['keyword', 'constant_keyword', 'wildcard', 'text', 'match_only_text']);
const INTEGER = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const DECIMAL = new Set(['float', 'double', 'half_float', 'scaled_float']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Whether `value` fits the mapped `type` exactly: strings in text types, integers in integer
 * types, numbers in decimal types, booleans in boolean, ISO dates in date, IPs in ip. Values
 * Elasticsearch would only coerce (a number into a keyword) do not count as fitting.
 */
export function fitsExactly(type: string, value: unknown): boolean {
  if (TEXT.has(type)) return typeof value === 'string';
  if (INTEGER.has(type)) return typeof value === 'number' && Number.isInteger(value);
  if (DECIMAL.has(type)) return typeof value === 'number';
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'date') return typeof value === 'string' && ISO_DATE.test(value);
  if (type === 'ip') return typeof value === 'string' && /^[0-9a-f.:]+$/i.test(value);
  return false;
}

/** A leaf of a document: its dotted path (dotted keys expanded, array steps dropped) and value. */
export interface Leaf {
  readonly path: string;
  readonly value: unknown;
}

/** The leaves of a parsed line; objects reached are listed too, with `value` the object. */
export function leavesOf(doc: unknown, prefix = '', out: Leaf[] = []): Leaf[] {
  if (Array.isArray(doc)) {
    for (const item of doc) leavesOf(item, prefix, out);
    return out;
  }
  if (doc !== null && typeof doc === 'object') {
    if (prefix !== '') out.push({ path: prefix, value: doc });
    for (const [key, value] of Object.entries(doc)) leavesOf(value, prefix === '' ? key : `${prefix}.${key}`, out);
    return out;
  }
  if (doc !== null) out.push({ path: prefix, value: doc });
  return out;
}
