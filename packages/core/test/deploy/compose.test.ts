// The compose files need PROJECT_NAME, ENVIRONMENT, ES_URL and ES_API_KEY: a missing one must
// stop Compose with a message, never fall back to a default that ships logs somewhere wrong.
// Checked by rule on the text, and by Compose itself (`docker compose config` or
// `docker-compose config`, which interpolate without a Docker daemon) where it is installed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';

const DEPLOY = join(repoRoot, 'deploy');
const FILES = [join(DEPLOY, 'docker-compose.labels.yml'), join(DEPLOY, 'vector', 'docker-compose-vector.yml')];
const REQUIRED = ['PROJECT_NAME', 'ENVIRONMENT', 'ES_URL', 'ES_API_KEY'];
/** Variables with a deliberate default: where the Vector config file sits. */
const OPTIONAL = ['VECTOR_CONFIG'];
const FULL_ENV: Record<string, string> = { PROJECT_NAME: 'payments', ENVIRONMENT: 'production', ES_URL: 'https://es.example:9200', ES_API_KEY: 'a2V5' };

describe('variables in the compose files', () => {
  const uses = FILES.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/g)].map((m) => ({ file, name: m[1], rest: m[2] })));

  it('every required variable is written ${NAME:?message}, with a message that names it', () => {
    expect(new Set(uses.map((u) => u.name))).toEqual(new Set([...REQUIRED, ...OPTIONAL]));
    for (const use of uses.filter((u) => REQUIRED.includes(u.name))) {
      expect(use.rest, `${use.file}: ${use.name}`).toMatch(/^:\?.+/);
      expect(use.rest, `${use.file}: ${use.name}`).toContain(use.name);
    }
  });
});

/** The Compose command of this machine, if any. */
function composeCommand(): string[] | undefined {
  for (const candidate of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(candidate[0], [...candidate.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

const compose = composeCommand();

describe.skipIf(compose === undefined)('Compose itself (config, no daemon needed)', () => {
  const project = mkdtempSync(join(tmpdir(), 'ecsctx-compose-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  mkdirSync(join(project, 'deploy'));
  cpSync(DEPLOY, join(project, 'deploy'), { recursive: true });
  writeFileSync(join(project, 'docker-compose.yml'), 'services:\n  api:\n    image: busybox\n  worker:\n    image: busybox\n');

  const config = (env: Record<string, string>) =>
    spawnSync(compose![0], [...compose!.slice(1), '-f', 'docker-compose.yml', '-f', 'deploy/docker-compose.labels.yml', '-f', 'deploy/vector/docker-compose-vector.yml', 'config'], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: project, ...env },
    });

  it('with every variable set, the services get the labels and Vector its environment', () => {
    const result = config(FULL_ENV);
    expect(result.stderr).not.toMatch(/error|missing/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/project: payments/);
    expect(result.stdout).toMatch(/env: production/);
    expect(result.stdout).toMatch(/ES_URL: https:\/\/es\.example:9200/);
  });

  it.each(REQUIRED)('without %s (unset or empty), Compose stops and says which variable', (name) => {
    for (const env of [Object.fromEntries(Object.entries(FULL_ENV).filter(([k]) => k !== name)), { ...FULL_ENV, [name]: '' }]) {
      const result = config(env);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`set ${name}`);
    }
  });
});
