/**
 * The options of `configurePii()`: their types, defaults, and the one check at the boundary.
 */
import { EcsctxOptionsError } from '../errors';
import type { Keyset } from './keyset';
import type { KeysetSource } from './parse-keyset';
import type { PiiAccess } from './state';

/** Env used when none (or `''`) is given, as in Python. */
export const DEFAULT_PII_ENV = 'unknown';
/** Default access mode (least privilege). */
const DEFAULT_PII_ACCESS: PiiAccess = 'tokenize';
/** Default Vault refresh interval, seconds. */
export const DEFAULT_REFRESH_SECONDS = 300;
/** Default Vault HTTP timeout, seconds. */
export const DEFAULT_VAULT_TIMEOUT_SECONDS = 10;
/** Largest interval a Node timer can wait (2^31-1 ms), in seconds. */
const MAX_TIMER_SECONDS = Math.floor(0x7fffffff / 1000);

/** Options every provider shares. */
export interface PiiCommonOptions {
  /** `tokenize` (default): token keyset only; `full`: also protect/reveal with the reveal keyset. */
  readonly access?: PiiAccess;
  /**
   * Environment name for domain separation (tokens differ across envs). Default `unknown`, also
   * when `''`. Not read from `PII_ENV` here: `initPii()` reads the environment.
   */
  readonly env?: string;
}

/** Keysets from files (`PII_PROVIDER=file`). */
export interface PiiFileOptions extends PiiCommonOptions {
  readonly provider: 'file';
  /** Token keyset file (`PII_TOKEN_KEYSET_PATH`). */
  readonly tokenKeysetPath: string;
  /** Reveal keyset file (`PII_REVEAL_KEYSET_PATH`); required with access `full`, ignored otherwise. */
  readonly revealKeysetPath?: string;
  /** Interval between mtime checks of the files, ms. Default 5000. */
  readonly reloadCheckMs?: number;
}

/** How to reach Vault and where the keysets are (`PII_VAULT_*`). */
export interface PiiVaultSettings {
  /** Vault base URL (`PII_VAULT_ADDR`), `https://…` or `http://…`. */
  readonly addr: string;
  /** File containing the AppRole role_id (`PII_VAULT_ROLE_ID_PATH`). */
  readonly roleIdPath: string;
  /** File containing the AppRole secret_id (`PII_VAULT_SECRET_ID_PATH`). */
  readonly secretIdPath: string;
  /** KV v2 API path of the token keyset (`PII_VAULT_TOKEN_KEYSET_PATH`), e.g. `secret/data/platform/pii/token-keyset`. */
  readonly tokenKeysetPath: string;
  /** KV v2 API path of the reveal keyset (`PII_VAULT_REVEAL_KEYSET_PATH`); required with access `full`. */
  readonly revealKeysetPath?: string;
  /** PEM CA certificate file for Vault's TLS (`PII_VAULT_CACERT_PATH`); default: the system CAs. */
  readonly caCertPath?: string;
}

/** Keysets from Vault (`PII_PROVIDER=vault`). */
export interface PiiVaultOptions extends PiiCommonOptions {
  readonly provider: 'vault';
  readonly vault: PiiVaultSettings;
  /** Keyset refresh interval, seconds (`PII_REFRESH_SECONDS`). Default 300. */
  readonly refreshSeconds?: number;
  /** HTTP timeout of one Vault request, seconds (`PII_VAULT_TIMEOUT`). Default 10. */
  readonly timeoutSeconds?: number;
}

/** In-memory keysets (tests, or keys the application fetched itself). */
export interface PiiStaticOptions extends PiiCommonOptions {
  readonly provider: 'static';
  /** The token keyset, parsed or as a document / JSON text. */
  readonly tokenKeyset: Keyset | KeysetSource;
  /** The reveal keyset; required with access `full`, ignored otherwise. */
  readonly revealKeyset?: Keyset | KeysetSource;
}

/** Options of `configurePii()`. */
export type PiiOptions = PiiFileOptions | PiiVaultOptions | PiiStaticOptions;

function fail(message: string): never {
  throw new EcsctxOptionsError(`configurePii: ${message}`);
}

function requireString(value: unknown, name: string): void {
  if (typeof value !== 'string' || value === '') fail(`${name} must be a non-empty string`);
}

function checkSeconds(value: unknown, name: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_SECONDS) {
    fail(`${name} must be a number of seconds in (0, ${MAX_TIMER_SECONDS}]`);
  }
}

/**
 * Checks `options` once at the boundary and returns the resolved access and env.
 *
 * @throws EcsctxOptionsError naming the first invalid option.
 */
export function resolveCommonOptions(options: PiiOptions): { access: PiiAccess; env: string } {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const access = options.access ?? DEFAULT_PII_ACCESS;
  if (access !== 'tokenize' && access !== 'full') fail(`access must be "tokenize" or "full"`);
  if (options.env !== undefined && typeof options.env !== 'string') fail('env must be a string');
  const env = options.env || DEFAULT_PII_ENV;
  const full = access === 'full';
  switch (options.provider) {
    case 'file':
      requireString(options.tokenKeysetPath, 'tokenKeysetPath');
      if (full) requireString(options.revealKeysetPath, 'revealKeysetPath (access "full")');
      if (
        options.reloadCheckMs !== undefined &&
        (typeof options.reloadCheckMs !== 'number' || !(options.reloadCheckMs > 0) || options.reloadCheckMs > 0x7fffffff)
      ) {
        fail('reloadCheckMs must be a positive number of milliseconds');
      }
      break;
    case 'vault': {
      const vault = options.vault;
      if (typeof vault !== 'object' || vault === null) fail('vault settings are required');
      requireString(vault.addr, 'vault.addr');
      let url: URL | undefined;
      try {
        url = new URL(vault.addr);
      } catch {
        url = undefined;
      }
      if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        fail('vault.addr must be an http(s) URL');
      }
      requireString(vault.roleIdPath, 'vault.roleIdPath');
      requireString(vault.secretIdPath, 'vault.secretIdPath');
      requireString(vault.tokenKeysetPath, 'vault.tokenKeysetPath');
      if (full) requireString(vault.revealKeysetPath, 'vault.revealKeysetPath (access "full")');
      if (vault.caCertPath !== undefined) requireString(vault.caCertPath, 'vault.caCertPath');
      checkSeconds(options.refreshSeconds, 'refreshSeconds');
      checkSeconds(options.timeoutSeconds, 'timeoutSeconds');
      break;
    }
    case 'static':
      if (options.tokenKeyset === undefined || options.tokenKeyset === null) fail('tokenKeyset is required');
      if (full && (options.revealKeyset === undefined || options.revealKeyset === null)) {
        fail('revealKeyset is required with access "full"');
      }
      break;
    default:
      fail(`provider must be "file", "vault" or "static"`);
  }
  return { access, env };
}
