/**
 * `src/ecs/ecs-fields.generated.ts` is exactly what `scripts/generate-ecs-fields.mjs` makes
 * from the shared ECS 1.12.0 field table, so the checker's type table cannot drift from ECS.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ECS_FIELD_TYPES, ECS_FIELDS_VERSION, ECS_KEYWORD_OBJECTS, ECS_OBJECT_PATHS } from '../../src/ecs/ecs-fields.generated';
import { repoRoot, referenceDir } from '../support/capture';

const SCRIPT = join(repoRoot, 'packages', 'core', 'scripts', 'generate-ecs-fields.mjs');
const GENERATED = join(repoRoot, 'packages', 'core', 'src', 'ecs', 'ecs-fields.generated.ts');
const FIELDS_JSON = join(referenceDir, 'ecs', 'ecs-1.12.0-fields.json');

interface Generator {
  renderEcsFieldsModule(doc: unknown): string;
  DEFAULT_FIELDS_PATH: string;
}

const load = (): Promise<Generator> => import(SCRIPT) as Promise<Generator>;
const fieldsDoc = (): { version: string; fields: Record<string, { type: string }> } => JSON.parse(readFileSync(FIELDS_JSON, 'utf8'));

describe('the generated ECS field table', () => {
  it('is byte for byte what the generator makes from reference/ecs/ecs-1.12.0-fields.json', async () => {
    const { renderEcsFieldsModule } = await load();
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderEcsFieldsModule(fieldsDoc()));
  });

  it('holds every field of ECS 1.12.0 with its type', () => {
    const doc = fieldsDoc();
    expect(ECS_FIELDS_VERSION).toBe('1.12.0');
    expect(Object.keys(ECS_FIELD_TYPES)).toHaveLength(1130);
    for (const [name, field] of Object.entries(doc.fields)) expect(ECS_FIELD_TYPES[name], name).toBe(field.type);
    expect(ECS_FIELD_TYPES['trace.id']).toBe('keyword');
    expect(ECS_FIELD_TYPES['http.response.status_code']).toBe('long');
    expect(ECS_OBJECT_PATHS).toEqual(expect.arrayContaining(['error', 'http.request', 'log.origin.file', 'user']));
    expect(ECS_KEYWORD_OBJECTS).toEqual(['container.labels', 'labels']);
  });

  it('reads the shared table by default, and the --check mode agrees with the committed file', async () => {
    const { DEFAULT_FIELDS_PATH } = await load();
    expect(DEFAULT_FIELDS_PATH).toBe(FIELDS_JSON);
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, '--check'], { cwd: repoRoot });
    expect(stdout).toContain('is up to date');
  });

  it('refuses a table where a field is both a value and the parent of other fields', async () => {
    const { renderEcsFieldsModule } = await load();
    const bad = { version: '0.0.1', fields: { 'a.b': { type: 'keyword' }, a: { type: 'keyword' } } };
    expect(() => renderEcsFieldsModule(bad)).toThrow(/a is a keyword and also the parent/);
    expect(() => renderEcsFieldsModule({ fields: {} })).toThrow(TypeError);
  });
});
