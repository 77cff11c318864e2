/**
 * Turns the `PII_*` environment variables (listed in `env-vars.ts`) into `configurePii()` options.
 */
import { EcsctxOptionsError } from '../errors';
import { DEFAULT_PII_ENV, DEFAULT_REFRESH_SECONDS, DEFAULT_VAULT_TIMEOUT_SECONDS, type PiiOptions } from './options';
import type { PiiAccess } from './state';

/** The environment shape read (a subset of `process.env`). */
export type PiiEnvironment = Readonly<Record<string, string | undefined>>;

function fail(message: string): never {
  throw new EcsctxOptionsError(`initPii: ${message}`);
}

function value(env: PiiEnvironment, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

function required(env: PiiEnvironment, name: string, why: string): string {
  return value(env, name) ?? fail(`${name} is required ${why}`);
}

function seconds(env: PiiEnvironment, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed <= 0) fail(`${name} must be a positive number of seconds`);
  return parsed;
}

/** The provider named by `PII_PROVIDER` (trimmed, case-insensitive), or `undefined` when unset or empty. */
function providerFromEnv(env: PiiEnvironment): 'file' | 'vault' | undefined {
  const provider = value(env, 'PII_PROVIDER')?.toLowerCase();
  if (provider === undefined) return undefined;
  if (provider !== 'file' && provider !== 'vault') fail('PII_PROVIDER must be "file" or "vault"');
  return provider;
}

/**
 * Options from the environment, or `undefined` when `PII_PROVIDER` is unset.
 *
 * @throws EcsctxOptionsError when a variable is missing or invalid.
 */
export function piiOptionsFromEnv(env: PiiEnvironment): PiiOptions | undefined {
  const provider = providerFromEnv(env);
  if (provider === undefined) return undefined;
  const accessText = (value(env, 'PII_ACCESS') ?? 'tokenize').toLowerCase();
  if (accessText !== 'tokenize' && accessText !== 'full') fail('PII_ACCESS must be "tokenize" or "full"');
  const access: PiiAccess = accessText;
  // PII_ENV is used as given (not trimmed): it is part of the token context.
  const piiEnv = env.PII_ENV || DEFAULT_PII_ENV;
  const full = access === 'full';
  if (provider === 'file') {
    return {
      provider,
      access,
      env: piiEnv,
      tokenKeysetPath: required(env, 'PII_TOKEN_KEYSET_PATH', 'with PII_PROVIDER=file'),
      ...(full ? { revealKeysetPath: required(env, 'PII_REVEAL_KEYSET_PATH', 'with PII_ACCESS=full') } : {}),
    };
  }
  const caCertPath = value(env, 'PII_VAULT_CACERT_PATH');
  return {
    provider,
    access,
    env: piiEnv,
    vault: {
      addr: required(env, 'PII_VAULT_ADDR', 'with PII_PROVIDER=vault'),
      roleIdPath: required(env, 'PII_VAULT_ROLE_ID_PATH', 'with PII_PROVIDER=vault'),
      secretIdPath: required(env, 'PII_VAULT_SECRET_ID_PATH', 'with PII_PROVIDER=vault'),
      tokenKeysetPath: required(env, 'PII_VAULT_TOKEN_KEYSET_PATH', 'with PII_PROVIDER=vault'),
      ...(full ? { revealKeysetPath: required(env, 'PII_VAULT_REVEAL_KEYSET_PATH', 'with PII_ACCESS=full') } : {}),
      ...(caCertPath !== undefined ? { caCertPath } : {}),
    },
    refreshSeconds: seconds(env, 'PII_REFRESH_SECONDS', DEFAULT_REFRESH_SECONDS),
    timeoutSeconds: seconds(env, 'PII_VAULT_TIMEOUT', DEFAULT_VAULT_TIMEOUT_SECONDS),
  };
}
