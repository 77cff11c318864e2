/**
 * The environment variables PII reads, as data: the one source of truth for `initPii()`'s
 * documentation (the table in docs/pii.md is generated from this list). The names, defaults and
 * meanings are the Python ecsctx ones (its README, section 19).
 */

/** When a variable must be set. */
export type PiiEnvRequirement =
  | 'yes (production)'
  | 'recommended'
  | 'no'
  | 'file provider'
  | 'file provider, access full'
  | 'vault provider'
  | 'vault provider, access full';

/** One environment variable. */
export interface PiiEnvVar {
  /** Variable name. */
  readonly name: string;
  /** What it does. */
  readonly description: string;
  /** Value used when unset (`undefined`: no default). */
  readonly default: string | undefined;
  /** When it is required. */
  readonly required: PiiEnvRequirement;
}

/** Every environment variable `initPii()` (and the lazy file auto-configuration) reads, in documentation order. */
export const PII_ENV_VARS: readonly PiiEnvVar[] = Object.freeze(
  ([
  {
    name: 'PII_PROVIDER',
    description: 'Keyset provider: `file` or `vault`. Unset: PII stays unconfigured and the mask redacts.',
    default: undefined,
    required: 'yes (production)',
  },
  {
    name: 'PII_ACCESS',
    description: 'Access mode: `tokenize` (HMAC tokens only) or `full` (also protect/reveal with AES-GCM).',
    default: 'tokenize',
    required: 'recommended',
  },
  {
    name: 'PII_ENV',
    description: 'Environment name for token domain separation (tokens differ across envs). Empty means `unknown`.',
    default: 'unknown',
    required: 'recommended',
  },
  {
    name: 'PII_TOKEN_KEYSET_PATH',
    description: 'Path of the HMAC token keyset file (file provider).',
    default: undefined,
    required: 'file provider',
  },
  {
    name: 'PII_REVEAL_KEYSET_PATH',
    description: 'Path of the AES-GCM reveal keyset file (file provider); read only with `PII_ACCESS=full`.',
    default: undefined,
    required: 'file provider, access full',
  },
  {
    name: 'PII_VAULT_ADDR',
    description: 'Vault server URL (vault provider).',
    default: undefined,
    required: 'vault provider',
  },
  {
    name: 'PII_VAULT_ROLE_ID_PATH',
    description: 'File containing the AppRole role_id (vault provider).',
    default: undefined,
    required: 'vault provider',
  },
  {
    name: 'PII_VAULT_SECRET_ID_PATH',
    description: 'File containing the AppRole secret_id (vault provider).',
    default: undefined,
    required: 'vault provider',
  },
  {
    name: 'PII_VAULT_TOKEN_KEYSET_PATH',
    description: 'Vault KV v2 path of the token keyset, e.g. `secret/data/platform/pii/token-keyset` (vault provider).',
    default: undefined,
    required: 'vault provider',
  },
  {
    name: 'PII_VAULT_REVEAL_KEYSET_PATH',
    description: 'Vault KV v2 path of the reveal keyset (vault provider); read only with `PII_ACCESS=full`.',
    default: undefined,
    required: 'vault provider, access full',
  },
  {
    name: 'PII_VAULT_CACERT_PATH',
    description: 'PEM CA certificate for Vault TLS (vault provider). Unset: the system CAs.',
    default: undefined,
    required: 'no',
  },
  {
    name: 'PII_REFRESH_SECONDS',
    description: 'Keyset refresh interval in seconds (vault provider).',
    default: '300',
    required: 'no',
  },
  {
    name: 'PII_VAULT_TIMEOUT',
    description: 'HTTP timeout of one Vault request, in seconds.',
    default: '10',
    required: 'no',
  },
  ] satisfies PiiEnvVar[]).map((variable) => Object.freeze(variable)),
);
