/**
 * Runs a CLI command with PII configured from the environment (`initPii`), the way a service
 * would be, and forgets the configuration (stopping reload timers) afterwards.
 */
import { EcsctxError } from '../errors';
import { initPii, resetPii } from '../pii/configure';
import { piiOptionsFromEnv } from '../pii/env-options';
import type { CliIo } from './io';

/**
 * Configures PII from `io.env` (default `process.env`), runs `body`, then resets PII.
 *
 * @throws EcsctxError `ERR_ECSCTX_PII_NOT_CONFIGURED` when `PII_PROVIDER` is unset, or whatever
 *   `initPii()` throws.
 */
export async function withPiiFromEnv<T>(io: CliIo, body: () => Promise<T> | T): Promise<T> {
  const env = io.env ?? process.env;
  if (piiOptionsFromEnv(env) === undefined) {
    throw new EcsctxError(
      'ERR_ECSCTX_PII_NOT_CONFIGURED',
      'PII is not configured: set PII_PROVIDER=file|vault and the PII_* variables (see `ecsctx --help`)',
    );
  }
  try {
    await initPii(env);
    return await body();
  } finally {
    resetPii();
  }
}
