/**
 * The Elasticsearch files of `deploy/elasticsearch/`: the built templates are what the build
 * script makes from the shared ECS 1.12.0 component templates, the ECS component maps every
 * ECS field with its ECS type, the index template has the shape the data streams need, and
 * the hand-written ingest pipeline uses only real processors and the library's reserved list.
 * Not validated against a live Elasticsearch (none is reachable here): see deploy/README.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESERVED_OBJECT_FIELDS } from '@ecsctx/core/fields';
import { referenceDir } from '../support/capture';
import { composeIndexTemplate, DEPLOY_ES, readDeployJson, resolvePath, type FieldDef } from './mappings';

interface BuildScript {
  buildAll(componentsDir?: string): Record<string, string>;
  indexTemplateFor(projectName: string): Record<string, any>;
  projectNameProblem(name: string): string | undefined;
  DEFAULT_COMPONENTS_DIR: string;
  ECS_COMPONENT_NAME: string;
  LIBRARY_COMPONENT_NAME: string;
}

const loadBuild = (): Promise<BuildScript> => import(join(DEPLOY_ES, 'build-templates.mjs')) as Promise<BuildScript>;

/** Counts what `index.mapping.total_fields.limit` counts: fields, objects and multi-fields. */
function countFields(props: Readonly<Record<string, FieldDef>>): number {
  let n = 0;
  for (const def of Object.values(props)) {
    n += 1;
    if (def.properties) n += countFields(def.properties);
    if (def.fields && typeof def.fields === 'object') n += Object.keys(def.fields).length;
  }
  return n;
}

describe('the built templates', () => {
  it('are what build-templates.mjs makes from reference/ecs/ecs-1.12.0-component-templates', async () => {
    const { buildAll, DEFAULT_COMPONENTS_DIR } = await loadBuild();
    expect(DEFAULT_COMPONENTS_DIR).toBe(join(referenceDir, 'ecs', 'ecs-1.12.0-component-templates'));
    const built = buildAll();
    expect(Object.keys(built).sort()).toEqual(['component-template-ecs.json', 'component-template-ecsctx.json', 'index-template.json']);
    for (const [name, text] of Object.entries(built)) expect(readFileSync(join(DEPLOY_ES, name), 'utf8'), name).toBe(text);
  });

  it('map every ECS 1.12.0 field with its ECS type', () => {
    const mapping = composeIndexTemplate();
    const ecs = JSON.parse(readFileSync(join(referenceDir, 'ecs', 'ecs-1.12.0-fields.json'), 'utf8')) as { fields: Record<string, { type: string }> };
    const wrong: string[] = [];
    for (const [name, field] of Object.entries(ecs.fields)) {
      const how = resolvePath(mapping, name, 'string');
      const got = how.by === 'explicit' ? how.type : how.by === 'flattened' && how.container === name ? 'flattened' : how.by;
      if (got !== field.type) wrong.push(`${name}: ${got} (ECS: ${field.type})`);
    }
    expect(wrong).toEqual([]);
  });

  it("compose into an index template for the project's own data streams only, above the built-in logs template", async () => {
    const { ECS_COMPONENT_NAME, LIBRARY_COMPONENT_NAME } = await loadBuild();
    const index = readDeployJson('index-template.json');
    expect(index).toMatchObject({
      index_patterns: ['logs-{PROJECT_NAME}-*'],
      data_stream: {},
      composed_of: [ECS_COMPONENT_NAME, LIBRARY_COMPONENT_NAME, 'logs@custom', 'logs-{PROJECT_NAME}@custom'],
      // Elastic's extension points apply last, when the cluster has them
      ignore_missing_component_templates: ['logs@custom', 'logs-{PROJECT_NAME}@custom'],
    });
    expect(index.priority).toBeGreaterThan(100); // the built-in `logs` template
    expect(index.priority).toBeLessThan(200); // Fleet integration templates keep their own data streams
    expect(index.template.settings.index.mapping).toEqual({ total_fields: { limit: 2000 }, depth: { limit: 20 } });
  });

  it('set nothing LogsDB forbids or decides itself, so Elasticsearch 9 keeps the streams on LogsDB', () => {
    const index = readDeployJson('index-template.json');
    const settings = JSON.stringify(index.template.settings);
    for (const forbidden of ['"mode"', '"sort"', '"source"', '"routing_path"', '"time_series"']) expect(settings).not.toContain(forbidden);
    expect(Object.keys(index.template).sort()).toEqual(['settings']);
    for (const file of ['component-template-ecs.json', 'component-template-ecsctx.json']) {
      const component = readDeployJson(file);
      expect(Object.keys(component.template).sort(), file).toEqual(['mappings']);
      expect(component.template.mappings._source, file).toBeUndefined();
    }
    // LogsDB sorts by host.name and @timestamp: they must be a keyword and a date
    const mapping = composeIndexTemplate();
    expect(resolvePath(mapping, 'host.name', 'string')).toEqual({ by: 'explicit', type: 'keyword' });
    expect(resolvePath(mapping, '@timestamp', 'string')).toEqual({ by: 'explicit', type: 'date' });
  });

  it('--project fills in a project name, and refuses one a data stream cannot have or that would match another project', async () => {
    const { indexTemplateFor, projectNameProblem } = await loadBuild();
    const filled = indexTemplateFor('payments');
    expect(filled.index_patterns).toEqual(['logs-payments-*']);
    expect(filled.composed_of).toContain('logs-payments@custom');
    expect(JSON.stringify(filled)).not.toContain('{PROJECT_NAME}');
    for (const good of ['payments', 'event_backend', 'a1', 'x'.repeat(100)]) expect(projectNameProblem(good), good).toBeUndefined();
    // a '-' would let project `event`'s logs-event-* also take event-backend's streams
    for (const bad of ['', 'Payments', 'event-backend', 'a b', 'a*', 'a:b', '_x', '.x', '+x', 'x'.repeat(101), 'a,b', 'a#b']) {
      expect(projectNameProblem(bad), bad).toBeDefined();
      expect(() => indexTemplateFor(bad)).toThrow(/cannot name a data stream/);
    }
    const cli = spawnSync(process.execPath, [join(DEPLOY_ES, 'build-templates.mjs'), '--project', 'payments'], { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(filled);
    const refused = spawnSync(process.execPath, [join(DEPLOY_ES, 'build-templates.mjs'), '--project', 'Bad-Name'], { encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('cannot name a data stream');
  });

  it('leave room under the total fields limit for dynamic fields', () => {
    const count = countFields(composeIndexTemplate().properties);
    expect(count).toBeGreaterThan(1300);
    expect(count).toBeLessThan(1500); // at least 500 of the 2000 left
  });

  it('map labels as keywords, custom strings as keywords, and detect no dates', () => {
    const mapping = composeIndexTemplate();
    expect(mapping.dateDetection).toBe(false);
    expect(resolvePath(mapping, 'labels.region', 'string')).toMatchObject({ by: 'dynamic-template', type: 'keyword' });
    expect(resolvePath(mapping, 'labels.retries', 'long')).toMatchObject({ by: 'dynamic-template', type: 'keyword' });
    expect(resolvePath(mapping, 'orders.state', 'string')).toMatchObject({ by: 'dynamic-template', template: 'strings_as_keyword' });
  });
});

/** Ingest processors Elasticsearch 8 has (the subset this file may use is checked against it). */
const ES_PROCESSORS = new Set([
  'append', 'bytes', 'circle', 'community_id', 'convert', 'csv', 'date', 'date_index_name', 'dissect', 'dot_expander', 'drop', 'enrich',
  'fail', 'fingerprint', 'foreach', 'geo_grid', 'geoip', 'grok', 'gsub', 'html_strip', 'inference', 'join', 'json', 'kv', 'lowercase',
  'network_direction', 'pipeline', 'redact', 'registered_domain', 'remove', 'rename', 'reroute', 'script', 'set', 'set_security_user',
  'sort', 'split', 'terminate', 'trim', 'uppercase', 'uri_parts', 'urldecode', 'user_agent',
]);

describe('the common-logs ingest pipeline', () => {
  const pipeline = readDeployJson('ingest-pipeline-common-logs.json') as {
    processors: Record<string, Record<string, unknown>>[];
    on_failure: Record<string, Record<string, unknown>>[];
  };
  const all = [...pipeline.processors, ...pipeline.on_failure];

  it('uses only processors Elasticsearch has, one per entry, each with a unique tag', () => {
    for (const entry of all) {
      expect(Object.keys(entry)).toHaveLength(1);
      expect(ES_PROCESSORS.has(Object.keys(entry)[0]), Object.keys(entry)[0]).toBe(true);
    }
    const tags = all.map((entry) => Object.values(entry)[0].tag);
    expect(new Set(tags).size).toBe(all.length);
  });

  it('moves flat values of exactly the library reserved field sets, after turning a flat error into error.message', () => {
    const [first, second] = pipeline.processors;
    expect(first.script).toMatchObject({ tag: 'flat_error_to_message', if: 'ctx.error instanceof String' });
    expect(second.script).toMatchObject({ tag: 'flat_reserved_to_extra', lang: 'painless' });
    expect((second.script.params as { reserved: string[] }).reserved).toEqual([...RESERVED_OBJECT_FIELDS]);
  });

  it('sets event.ingested and keeps failed documents with error.message and a tag', () => {
    expect(pipeline.processors.map((p) => Object.values(p)[0].tag)).toContain('event_ingested');
    expect(pipeline.on_failure.map((p) => Object.keys(p)[0])).toEqual(['remove', 'set', 'append']);
    for (const entry of pipeline.on_failure) expect(Object.values(entry)[0].ignore_failure).toBe(true);
  });

  it('is the pipeline Vector names', () => {
    const toml = readFileSync(join(DEPLOY_ES, '..', 'vector', 'vector.toml'), 'utf8');
    expect(toml).toMatch(/^pipeline = "common-logs"$/m);
  });
});
