/**
 * The shipping configuration of `deploy/`: `vector.toml` and the compose files, parsed with
 * real parsers (Python's standard `tomllib` and PyYAML, run as a child process) and checked
 * against the seed's pipeline (§18). Vector itself is not installed here (no Debian or npm
 * package), so `vector validate` and the VRL compiler are not run: see docs/shipping.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';

const DEPLOY = join(repoRoot, 'deploy');
const VECTOR_TOML = join(DEPLOY, 'vector', 'vector.toml');
const VECTOR_COMPOSE = join(DEPLOY, 'vector', 'docker-compose-vector.yml');
const LABELS_COMPOSE = join(DEPLOY, 'docker-compose.labels.yml');

const PARSE = `
import json, sys
path = sys.argv[1]
if path.endswith('.toml'):
    import tomllib
    with open(path, 'rb') as f: doc = tomllib.load(f)
else:
    import yaml
    with open(path) as f: doc = yaml.safe_load(f)
print(json.dumps(doc))
`;

/** Parses a TOML or YAML file with Python; `undefined` when Python or the parser is missing. */
function parseWithPython(path: string): Record<string, any> | undefined {
  const result = spawnSync('python3', ['-c', PARSE, path], { encoding: 'utf8', timeout: 20_000 });
  if (result.error !== undefined || (result.status !== 0 && /ModuleNotFoundError/.test(result.stderr))) return undefined;
  if (result.status !== 0) throw new Error(`cannot parse ${path}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, any>;
}

const vector = parseWithPython(VECTOR_TOML);
const vectorCompose = parseWithPython(VECTOR_COMPOSE);
const labelsCompose = parseWithPython(LABELS_COMPOSE);

describe.skipIf(vector === undefined)('deploy/vector/vector.toml (parsed with Python tomllib)', () => {
  const config = vector as Record<string, any>;

  it('collects only containers labelled collect_logs=true, merging lines Docker split', () => {
    expect(config.sources.docker_logs).toMatchObject({ type: 'docker_logs', include_labels: ['collect_logs=true'], auto_partial_merge: true });
  });

  it('parses JSON lines and keeps the others raw, with a timestamp for the data stream', () => {
    const transform = config.transforms.parse_container_logs;
    expect(transform).toMatchObject({ type: 'remap', inputs: ['docker_logs'] });
    const vrl = transform.source as string;
    expect(vrl).toContain('parse_json(raw)');
    expect(vrl).toContain('is_object(parsed)');
    expect(vrl).toContain('"raw_message": raw');
    expect(vrl).toContain('.parse_error = err');
    expect(vrl).toContain('."@timestamp" = received');
    // Vector substitutes environment variables inside the program too
    expect(vrl).not.toContain('$');
    // the functions the program relies on (all in VRL's standard library)
    const called = new Set([...vrl.matchAll(/\b([a-z_]+!?)\(/g)].map((m) => m[1]));
    expect([...called].sort()).toEqual(['exists', 'is_object', 'object!', 'parse_json', 'to_string']);
  });

  it('ships to the data stream logs-PROJECT_NAME-ENVIRONMENT through common-logs, gzip, API key', () => {
    const sink = config.sinks.elasticsearch;
    expect(sink).toMatchObject({
      type: 'elasticsearch',
      inputs: ['parse_container_logs'],
      api_version: 'v8',
      mode: 'data_stream',
      compression: 'gzip',
      pipeline: 'common-logs',
      tls: { verify_certificate: true },
    });
    expect(sink.endpoints).toHaveLength(1);
    expect(sink.endpoints[0]).toMatch(/^\$\{ES_URL:\?[^}]+\}$/);
    expect(sink.data_stream).toMatchObject({ type: 'logs', auto_routing: false, sync_fields: true });
    expect(sink.data_stream.dataset).toMatch(/^\$\{PROJECT_NAME:\?[^}]*\}$/);
    expect(sink.data_stream.namespace).toMatch(/^\$\{ENVIRONMENT:\?[^}]*\}$/);
    expect(sink.request.headers.Authorization).toMatch(/^ApiKey \$\{ES_API_KEY:\?[^}]*\}$/);
  });

  it('buffers, batches and retries as the seed does', () => {
    const sink = config.sinks.elasticsearch;
    expect(sink.buffer).toEqual({ type: 'memory', max_events: 4096, when_full: 'block' });
    expect(sink.batch).toEqual({ max_events: 2048, timeout_secs: 1 });
    expect(sink.request).toMatchObject({ retry_attempts: 5, retry_initial_backoff_secs: 1, retry_max_duration_secs: 300 });
  });

  it('references only the variables the Vector compose file passes', () => {
    const text = readFileSync(VECTOR_TOML, 'utf8');
    const used = new Set([...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_.]*)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(['ENVIRONMENT', 'ES_API_KEY', 'ES_URL', 'PROJECT_NAME']);
    if (vectorCompose !== undefined) {
      const passed = (vectorCompose.services.vector.environment as string[]).map((e) => e.split('=')[0]);
      for (const name of used) expect(passed).toContain(name);
    }
  });
});

describe.skipIf(vectorCompose === undefined || labelsCompose === undefined)('the compose files (parsed with PyYAML)', () => {
  it('runs Vector 0.43 with the config and the Docker socket read-only', () => {
    const service = (vectorCompose as Record<string, any>).services.vector;
    expect(service.image).toBe('timberio/vector:0.43.1-debian');
    expect(service.command).toEqual(['--config', '/etc/vector/vector.toml']);
    expect(service.volumes).toEqual(['${VECTOR_CONFIG:-./deploy/vector/vector.toml}:/etc/vector/vector.toml:ro', '/var/run/docker.sock:/var/run/docker.sock:ro']);
  });

  it('labels every service for collection, with string label values as Compose requires', () => {
    const services = (labelsCompose as Record<string, any>).services as Record<string, { labels: Record<string, unknown> }>;
    expect(Object.keys(services).length).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(services)) {
      expect(service.labels.collect_logs, name).toBe('true');
      for (const value of Object.values(service.labels)) expect(typeof value, name).toBe('string');
    }
  });
});
