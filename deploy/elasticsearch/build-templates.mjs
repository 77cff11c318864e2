#!/usr/bin/env node
/**
 * Builds the Elasticsearch templates for the `logs-{PROJECT_NAME}-{ENVIRONMENT}` data streams
 * into this folder (the JSON is committed; a test fails when it is out of date):
 *
 *   component-template-ecs.json     `ecsctx-ecs-1.12.0@mappings`: every ECS 1.12.0 field, merged
 *                                   from reference/ecs/ecs-1.12.0-component-templates/*.json
 *   component-template-ecsctx.json  `ecsctx@mappings`: the library's own fields (LIBRARY_PROPERTIES
 *                                   below), `extra`/`payload`/`headers` flattened, `labels.*` keyword
 *   index-template.json             `ecsctx-logs-{PROJECT_NAME}`: the project's own data streams
 *                                   `logs-{PROJECT_NAME}-*`, both components, then the cluster's
 *                                   `logs@custom` and `logs-{PROJECT_NAME}@custom` if they exist
 *
 * Usage: node deploy/elasticsearch/build-templates.mjs [COMPONENT_TEMPLATES_DIR] [--check]
 *        node deploy/elasticsearch/build-templates.mjs --project NAME
 * (`--check` writes nothing and exits 1 when a committed file differs; `--project` prints the
 * index template for one project, with `{PROJECT_NAME}` filled in, for `PUT _index_template`.)
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
/** Stands for the project's name in the committed index template. */
export const PROJECT_PLACEHOLDER = '{PROJECT_NAME}';
export const INDEX_TEMPLATE_NAME = `ecsctx-logs-${PROJECT_PLACEHOLDER}`;
/** Above the built-in `logs` template (100), below Fleet integration templates (200). */
export const INDEX_TEMPLATE_PRIORITY = 150;
/**
 * Elastic's extension points, applied last when they exist: the cluster-wide `logs@custom`
 * (what its administrators set for every logs data stream) and the project's own.
 */
export const CUSTOM_COMPONENT_NAMES = ['logs@custom', `logs-${PROJECT_PLACEHOLDER}@custom`];

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

/**
 * `ecsctx-logs-{PROJECT_NAME}`: the composable index template of one project's data streams.
 * It sets nothing LogsDB forbids (no `index.mode`, no `_source` or sort settings), so on
 * Elasticsearch 9 the streams stay on LogsDB as the built-in `logs` template would have them.
 */
export function buildIndexTemplate() {
  return {
    _meta: {
      description: `ecsctx: the data streams logs-${PROJECT_PLACEHOLDER}-{ENVIRONMENT} written by Vector from ecsctx JSON lines`,
      ecs_version: ECS_VERSION,
      managed_by: 'ecsctx deploy/elasticsearch/build-templates.mjs',
    },
    index_patterns: [`logs-${PROJECT_PLACEHOLDER}-*`],
    data_stream: {},
    priority: INDEX_TEMPLATE_PRIORITY,
    composed_of: [ECS_COMPONENT_NAME, LIBRARY_COMPONENT_NAME, ...CUSTOM_COMPONENT_NAMES],
    ignore_missing_component_templates: CUSTOM_COMPONENT_NAMES,
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

/**
 * Why `name` cannot be a data stream's dataset (Elastic's naming scheme: lowercase, no `-`,
 * none of `\\ / * ? " < > | , # :` or spaces, not starting with `_`, `+` or `.`, at most
 * 100 bytes), or `undefined` when it can.
 */
export function projectNameProblem(name) {
  if (typeof name !== 'string' || name === '') return 'it is empty';
  if (name !== name.toLowerCase()) return 'it has capital letters';
  if (/[\\/*?"<>|,#:\s-]/.test(name)) return 'it has one of \\ / * ? " < > | , # : - or a space';
  if (/^[_+.]/.test(name)) return 'it starts with _, + or .';
  if (Buffer.byteLength(name) > 100) return 'it is longer than 100 bytes';
  return undefined;
}

/** The index template with `{PROJECT_NAME}` filled in. Throws for a name Elasticsearch refuses. */
export function indexTemplateFor(projectName) {
  const problem = projectNameProblem(projectName);
  if (problem !== undefined) throw new Error(`PROJECT_NAME ${JSON.stringify(projectName)} cannot name a data stream: ${problem}`);
  return JSON.parse(JSON.stringify(buildIndexTemplate()).split(PROJECT_PLACEHOLDER).join(projectName));
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
  const projectAt = argv.indexOf('--project');
  if (projectAt !== -1) {
    try {
      process.stdout.write(JSON.stringify(indexTemplateFor(argv[projectAt + 1] ?? ''), null, 2) + '\n');
      return 0;
    } catch (error) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }
  const check = argv.includes('--check');
  const positional = argv.filter((a) => a !== '--check');
  if (positional.length > 1 || positional.some((a) => a.startsWith('-'))) {
    process.stderr.write('Usage: node build-templates.mjs [COMPONENT_TEMPLATES_DIR] [--check] | --project NAME\n');
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
