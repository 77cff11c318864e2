/**
 * The PII lifecycle: explicit configuration (`configurePii`), configuration from the
 * environment (`initPii`), the one-time lazy auto-configuration for the file provider, and
 * `resetPii` for tests.
 */
import { reportDiagnostic } from '../diagnostics';
import { piiOptionsFromEnv, type PiiEnvironment } from './env-options';
import { DEFAULT_REFRESH_SECONDS, DEFAULT_VAULT_TIMEOUT_SECONDS, resolveCommonOptions, type PiiOptions } from './options';
import { openFileProvider, openFileProviderSync } from './providers/file';
import type { KeysetProvider } from './providers/provider';
import { openStaticProvider } from './providers/static';
import { openVaultProvider } from './providers/vault';
import { createRuntime } from './runtime';
import { piiState, type PiiAccess, type PiiRuntime, type PiiStatus } from './state';

/** Diagnostic code: the lazy auto-configuration from `PII_*` variables did not configure PII. */
const DIAG_AUTO_CONFIG_FAILED = 'ECSCTX_PII_AUTO_CONFIG_FAILED';
/** Diagnostic code: `configurePii()` got no env and fell back to `unknown` while `PII_ENV` is set. */
const DIAG_ENV_DEFAULTED = 'ECSCTX_PII_ENV_DEFAULTED';

async function openProvider(options: PiiOptions, access: PiiAccess): Promise<KeysetProvider> {
  const full = access === 'full';
  switch (options.provider) {
    case 'file':
      return openFileProvider({
        tokenKeysetPath: options.tokenKeysetPath,
        ...(full ? { revealKeysetPath: options.revealKeysetPath } : {}),
        ...(options.reloadCheckMs !== undefined ? { reloadCheckMs: options.reloadCheckMs } : {}),
      });
    case 'vault': {
      const { vault } = options;
      return openVaultProvider({
        addr: vault.addr,
        roleIdPath: vault.roleIdPath,
        secretIdPath: vault.secretIdPath,
        tokenKeysetPath: vault.tokenKeysetPath,
        ...(full ? { revealKeysetPath: vault.revealKeysetPath } : {}),
        ...(vault.caCertPath !== undefined ? { caCertPath: vault.caCertPath } : {}),
        timeoutMs: (options.timeoutSeconds ?? DEFAULT_VAULT_TIMEOUT_SECONDS) * 1000,
        refreshMs: (options.refreshSeconds ?? DEFAULT_REFRESH_SECONDS) * 1000,
        access,
      });
    }
    default:
      return openStaticProvider(options.tokenKeyset, full ? options.revealKeyset : undefined);
  }
}

function install(runtime: PiiRuntime): void {
  const state = piiState();
  const previous = state.runtime;
  state.runtime = runtime;
  state.autoConfigured = true;
  if (previous !== undefined && previous !== runtime) previous.close();
}

/**
 * Configures PII explicitly, replacing any earlier configuration once the new keysets are
 * loaded (if loading fails, the earlier configuration stays). The state is process-wide and
 * shared by every copy of this package.
 *
 * Unlike `initPii()`, reads no environment variable: `env` defaults to `unknown` (also when
 * `''`). A one-time warning is reported when that happens while `PII_ENV` is set, since tokens
 * then differ from those of services using `PII_ENV`.
 *
 * @throws EcsctxOptionsError for invalid options; PiiError when the keysets cannot be loaded or
 *   used (`ERR_ECSCTX_PII_KEYSET_INVALID`, `…_KEYSET_UNAVAILABLE`, `…_KEY_NOT_FOUND`, `…_PROVIDER_FAILED`).
 * @example
 * await configurePii({ provider: 'file', env: 'prod', tokenKeysetPath: '/var/run/pii/token-keyset.json' });
 * await configurePii({ provider: 'static', env: 'test', tokenKeyset: parseKeyset(keysetJson) });
 */
export async function configurePii(options: PiiOptions): Promise<void> {
  const { access, env } = resolveCommonOptions(options);
  const environmentEnv = process.env.PII_ENV;
  if (!options.env && environmentEnv && environmentEnv !== env) {
    reportDiagnostic(
      DIAG_ENV_DEFAULTED,
      `configurePii() got no env and uses "${env}" although PII_ENV is set; pass env (or use initPii()) so tokens match other services`,
    );
  }
  const state = piiState();
  const generation = (state.generation = (state.generation ?? 0) + 1);
  const provider = await openProvider(options, access);
  if (state.generation !== generation) {
    // A newer configurePii()/resetPii() happened while this one was loading.
    provider.close();
    return;
  }
  install(createRuntime(provider, access, env));
}

/**
 * Configures PII from the `PII_*` environment variables (see `PII_ENV_VARS`), as the Python
 * library does. Resolves without configuring anything when `PII_PROVIDER` is unset (the mask
 * then redacts). Await it at start-up for `PII_PROVIDER=vault`; for `file` it is optional
 * (the first PII use configures itself) but reports problems earlier.
 *
 * @throws EcsctxOptionsError for missing/invalid variables; PiiError when nothing could be loaded.
 * @example
 * await initPii(); // reads process.env
 */
export async function initPii(env: PiiEnvironment = process.env): Promise<void> {
  const options = piiOptionsFromEnv(env);
  if (options === undefined) return;
  await configurePii(options);
}

/**
 * The configured runtime. On the first call without configuration, and only then, tries to
 * configure synchronously from the environment when `PII_PROVIDER=file` (like Python's lazy
 * configuration); a failure is reported once as a diagnostic. Never throws.
 */
export function activeRuntime(): PiiRuntime | undefined {
  const state = piiState();
  if (state.runtime !== undefined || state.autoConfigured) return state.runtime;
  state.autoConfigured = true;
  try {
    const options = piiOptionsFromEnv(process.env);
    if (options === undefined) return undefined;
    if (options.provider === 'vault') {
      reportDiagnostic(
        DIAG_AUTO_CONFIG_FAILED,
        'PII_PROVIDER=vault needs `await initPii()` at start-up; until then PII values are redacted and tokenize() throws',
      );
      return undefined;
    }
    if (options.provider !== 'file') return undefined;
    const { access, env } = resolveCommonOptions(options);
    const provider = openFileProviderSync({
      tokenKeysetPath: options.tokenKeysetPath,
      ...(access === 'full' ? { revealKeysetPath: options.revealKeysetPath } : {}),
    });
    install(createRuntime(provider, access, env));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unexpected failure';
    reportDiagnostic(DIAG_AUTO_CONFIG_FAILED, `PII auto-configuration from PII_* variables failed: ${message}`);
  }
  return state.runtime;
}

/**
 * Whether PII is configured (after the lazy file auto-configuration, when it applies).
 *
 * @example
 * if (!isPiiConfigured()) console.warn('PII values will be redacted, not tokenized');
 */
export function isPiiConfigured(): boolean {
  return activeRuntime() !== undefined;
}

/**
 * What is configured (provider, access, env, key ids), without key material; `undefined` when
 * PII is not configured. For health checks and `ecsctx` CLI output.
 */
export function describePii(): PiiStatus | undefined {
  return activeRuntime()?.status();
}

/**
 * Forgets the configuration, stops reload timers, and re-arms the lazy auto-configuration.
 * Meant for tests.
 */
export function resetPii(): void {
  const state = piiState();
  state.generation = (state.generation ?? 0) + 1;
  const runtime = state.runtime;
  state.runtime = undefined;
  state.autoConfigured = false;
  runtime?.close();
}
