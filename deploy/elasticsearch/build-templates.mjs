#!/usr/bin/env node
/**
 * Builds the Elasticsearch templates for the `logs-{PROJECT_NAME}-{ENVIRONMENT}` data streams
 * into this folder (the JSON is committed; a test fails when it is out of date):
 *
 *   component-template-ecs.json     `ecsctx-ecs-1.12.0@mappings`: every ECS 1.12.0 field, merged
 *                                   from reference/ecs/ecs-1.12.0-component-templates/*.json
 *   component-template-ecsctx.json  `ecsctx@mappings`: the library's own fields (LIBRARY_PROPERTIES
 *                                   below), `extra`/`payload`/`headers` flattened, `labels.*` keyword
 *   index-template.json             `ecsctx-logs`: `logs-*-*`, data stream, both components, settings
 *
 * Usage: node deploy/elasticsearch/build-templates.mjs [COMPONENT_TEMPLATES_DIR] [--check]
 * (`--check` writes nothing and exits 1 when a committed file differs.)
 *
 * The ingest pipeline (ingest-pipeline-common-logs.json) is written by hand, not built here.
 * Plain Node, no dependencies.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../..');

/** The shared ECS 1.12.0 component templates (one per field set). */
export const DEFAULT_COMPONENTS_DIR = join(REPO_ROOT, 'reference', 'ecs', 'ecs-1.12.0-component-templates');

export const ECS_VERSION = '1.12.0';
export const ECS_COMPONENT_NAME = `ecsctx-ecs-${ECS_VERSION}@mappings`;
export const LIBRARY_COMPONENT_NAME = 'ecsctx@mappings';
export const INDEX_TEMPLATE_NAME = 'ecsctx-logs';
/** Above the built-in `logs` template (100), below Fleet integration templates (200). */
export const INDEX_TEMPLATE_PRIORITY = 150;

const keyword = { type: 'keyword', ignore_above: 1024 };
const long = { type: 'long' };
// flattened values longer than this are kept in _source but not indexed (a term over
// Lucene's 32766-byte limit would reject the whole document)
const flattened = { type: 'flattened', ignore_above: 1024, depth_limit: 20 };

/**
 * THE ONE PLACE for the mapping of the library's fields outside ECS. Keep it in step with
 * packages/core/src/check/library-fields.ts (a test compares them) and with what the packages
 * emit: core's custom namespaces and flat scalars (packages/core/src/fields.ts), the payload
 * containers, the Express access log's header objects, and @ecsctx/bullmq's job identity
 * (packages/bullmq/src/job-identity.ts).
 */
export const LIBRARY_PROPERTIES = {
  // everything not allowlisted, and the payload containers: any shape, never a conflict
  extra: flattened,
  payload: flattened,
  headers: flattened,
  // @ecsctx/express access log: header names are arbitrary
  http: { properties: { request: { properties: { headers: flattened } }, response: { properties: { headers: flattened } } } },
  // custom namespaces (seed §4)
  payment: { properties: { orn: keyword, pg_code: keyword, reference: keyword } },
  project: { properties: { name: keyword } },
  // sanctioned flat root scalars
  session_id: keyword,
  merchant_id: keyword,
  view: keyword,
  // @ecsctx/bullmq: bullmq.job.{id,name,attempt,scheduler_id}, bullmq.queue.name
  bullmq: {
    properties: {
      job: { properties: { id: keyword, name: keyword, attempt: long, scheduler_id: keyword } },
      queue: { properties: { name: keyword } },
    },
  },
  // written by deploy/vector/vector.toml for lines that are not JSON
  raw_message: { type: 'match_only_text' },
  parse_error: keyword,
};

/** Dynamic templates, first match wins. */
export const LIBRARY_DYNAMIC_TEMPLATES = [
  // labels are filterable keywords (ECS labels: object_type keyword); an object there is refused
  { labels_as_keyword: { path_match: 'labels.*', mapping: keyword } },
  // an error's own extra properties (errno, status, ...) differ in type between error classes:
  // keywords never conflict
  { error_numbers_as_keyword: { path_match: 'error.*', match_mapping_type: 'long', mapping: keyword } },
  { error_decimals_as_keyword: { path_match: 'error.*', match_mapping_type: 'double', mapping: keyword } },
  { error_booleans_as_keyword: { path_match: 'error.*', match_mapping_type: 'boolean', mapping: keyword } },
  // as in the ECS sample template: custom strings are keywords, not text + keyword
  { strings_as_keyword: { match_mapping_type: 'string', mapping: keyword } },
];

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Merges mapping `properties` trees; the same leaf defined twice differently is an error. */
function mergeProperties(into, from, where) {
  for (const [key, def] of Object.entries(from)) {
    const path = where ? `${where}.${key}` : key;
    const existing = into[key];
    if (existing === undefined) {
      into[key] = structuredClone(def);
    } else if (isPlainObject(existing.properties) && isPlainObject(def.properties)) {
      mergeProperties(existing.properties, def.properties, path);
    } else if (JSON.stringify(existing) !== JSON.stringify(def)) {
      throw new Error(`conflicting mappings for ${path}`);
    }
  }
  return into;
}

/** Sorts object keys recursively, so the output does not depend on file order. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

/** `ecsctx-ecs-1.12.0@mappings` from the shared component templates. */
export function buildEcsComponent(componentsDir = DEFAULT_COMPONENTS_DIR) {
  const files = readdirSync(componentsDir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no component templates in ${componentsDir}`);
  const properties = {};
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(componentsDir, file), 'utf8'));
    if (doc?._meta?.ecs_version !== ECS_VERSION) throw new Error(`${file} is not an ECS ${ECS_VERSION} component template`);
    mergeProperties(properties, doc.template?.mappings?.properties ?? {}, '');
  }
  return {
    _meta: {
      description: `ECS ${ECS_VERSION} field mappings (all ${files.length} field sets), merged from elastic/ecs v${ECS_VERSION} generated/elasticsearch/component/*.json`,
      ecs_version: ECS_VERSION,
      managed_by: 'ecsctx deploy/elasticsearch/build-templates.mjs',
    },
    template: { mappings: { properties: sortKeys(properties) } },
  };
}

/** `ecsctx@mappings`: the library's own fields and the dynamic rules. */
export function buildLibraryComponent() {
  return {
    _meta: {
      description: 'ecsctx: the library fields outside ECS (custom namespaces, flattened containers, labels as keywords, BullMQ job identity)',
      managed_by: 'ecsctx deploy/elasticsearch/build-templates.mjs',
    },
    template: {
      mappings: {
        date_detection: false,
        dynamic_templates: LIBRARY_DYNAMIC_TEMPLATES,
        properties: sortKeys(LIBRARY_PROPERTIES),
      },
    },
  };
}

/** `ecsctx-logs`: the composable index template of the data streams. */
export function buildIndexTemplate() {
  return {
    _meta: {
      description: 'ecsctx: logs-{PROJECT_NAME}-{ENVIRONMENT} data streams written by Vector from ecsctx JSON lines',
      ecs_version: ECS_VERSION,
      managed_by: 'ecsctx deploy/elasticsearch/build-templates.mjs',
    },
    index_patterns: ['logs-*-*'],
    data_stream: {},
    priority: INDEX_TEMPLATE_PRIORITY,
    composed_of: [ECS_COMPONENT_NAME, LIBRARY_COMPONENT_NAME],
    template: {
      settings: {
        index: {
          mapping: { total_fields: { limit: 2000 }, depth: { limit: 20 } },
          lifecycle: { name: 'logs' },
        },
      },
    },
  };
}

/** Every built file, by name, as the text written. */
export function buildAll(componentsDir = DEFAULT_COMPONENTS_DIR) {
  const text = (doc) => JSON.stringify(doc, null, 2) + '\n';
  return {
    'component-template-ecs.json': text(buildEcsComponent(componentsDir)),
    'component-template-ecsctx.json': text(buildLibraryComponent()),
    'index-template.json': text(buildIndexTemplate()),
  };
}

function main(argv) {
  const check = argv.includes('--check');
  const positional = argv.filter((a) => a !== '--check');
  if (positional.length > 1 || positional.some((a) => a.startsWith('-'))) {
    process.stderr.write('Usage: node build-templates.mjs [COMPONENT_TEMPLATES_DIR] [--check]\n');
    return 2;
  }
  const files = buildAll(resolve(positional[0] ?? DEFAULT_COMPONENTS_DIR));
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const path = join(HERE, name);
    const shown = relative(process.cwd(), path) || path;
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        stale++;
        process.stderr.write(`${shown} is out of date\n`);
      }
    } else {
      writeFileSync(path, text);
      process.stdout.write(`wrote ${shown}\n`);
    }
  }
  if (stale > 0) {
    process.stderr.write('run: node deploy/elasticsearch/build-templates.mjs\n');
    return 1;
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
