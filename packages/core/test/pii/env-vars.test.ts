import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PII_ENV_VARS } from '../../src/pii/index';
import { piiOptionsFromEnv } from '../../src/pii/env-options';

const seed = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference/seed/ecsctx-python-README.txt'),
  'utf8',
);

describe('PII_ENV_VARS', () => {
  test('lists exactly the PII_* variables of the Python README section 19, in its order', () => {
    const section = seed.slice(seed.indexOf('19. Environment Variables Reference'), seed.indexOf('20. API Reference'));
    const names = [...new Set(section.match(/\bPII_[A-Z_]+/g))];
    expect(PII_ENV_VARS.map((v) => v.name)).toEqual(names);
  });

  test('carries the Python defaults', () => {
    const defaults = Object.fromEntries(PII_ENV_VARS.map((v) => [v.name, v.default]));
    expect(defaults).toMatchObject({ PII_ACCESS: 'tokenize', PII_ENV: 'unknown', PII_REFRESH_SECONDS: '300', PII_VAULT_TIMEOUT: '10', PII_PROVIDER: undefined });
  });

  test('every variable initPii reads is in the list', () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_t, name) => {
        if (typeof name === 'string') read.add(name);
        const values: Record<string, string> = {
          PII_PROVIDER: 'vault', PII_ACCESS: 'full', PII_VAULT_ADDR: 'http://v', PII_VAULT_ROLE_ID_PATH: 'a',
          PII_VAULT_SECRET_ID_PATH: 'b', PII_VAULT_TOKEN_KEYSET_PATH: 'c', PII_VAULT_REVEAL_KEYSET_PATH: 'd',
        };
        return typeof name === 'string' ? values[name] : undefined;
      },
    });
    piiOptionsFromEnv(env);
    const fileEnv = new Proxy({} as Record<string, string | undefined>, {
      get: (_t, name) => {
        if (typeof name === 'string') read.add(name);
        const values: Record<string, string> = { PII_PROVIDER: 'file', PII_ACCESS: 'full', PII_TOKEN_KEYSET_PATH: 'a', PII_REVEAL_KEYSET_PATH: 'b' };
        return typeof name === 'string' ? values[name] : undefined;
      },
    });
    piiOptionsFromEnv(fileEnv);
    expect([...read].sort()).toEqual(PII_ENV_VARS.map((v) => v.name).sort());
  });

  test('maps the vault variables to options with defaults in seconds', () => {
    expect(
      piiOptionsFromEnv({
        PII_PROVIDER: ' Vault ', PII_VAULT_ADDR: 'https://v:8200', PII_VAULT_ROLE_ID_PATH: '/r', PII_VAULT_SECRET_ID_PATH: '/s',
        PII_VAULT_TOKEN_KEYSET_PATH: 'secret/data/t', PII_VAULT_REVEAL_KEYSET_PATH: 'secret/data/r',
      }),
    ).toEqual({
      provider: 'vault',
      access: 'tokenize',
      env: 'unknown',
      vault: { addr: 'https://v:8200', roleIdPath: '/r', secretIdPath: '/s', tokenKeysetPath: 'secret/data/t' },
      refreshSeconds: 300,
      timeoutSeconds: 10,
    });
  });
});

describe('docs/pii.md', () => {
  test('holds the environment variable table generated from PII_ENV_VARS', () => {
    const docs = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/pii.md'), 'utf8');
    const generated = [
      '| Variable | Description | Default | Required |',
      '| --- | --- | --- | --- |',
      ...PII_ENV_VARS.map((v) => `| \`${v.name}\` | ${v.description} | ${v.default === undefined ? '—' : `\`${v.default}\``} | ${v.required} |`),
    ].join('\n');
    const block = /<!-- PII_ENV_VARS:start -->\n([\s\S]*?)\n<!-- PII_ENV_VARS:end -->/.exec(docs)?.[1];
    expect(block, 'regenerate the table in docs/pii.md from PII_ENV_VARS').toBe(generated);
  });
});
