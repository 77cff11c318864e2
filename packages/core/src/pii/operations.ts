/**
 * The public PII operations on the process-wide configuration: `tokenize`, `protect`, `reveal`,
 * and the mask's fast path `getPiiTokenizer`.
 */
import { PiiNotConfiguredError } from '../errors';
import { activeRuntime } from './configure';
import { FIELD_TYPE_GENERIC } from './normalize';
import type { PiiRuntime } from './state';
import type { PiiTokenizer } from './token';

const NOT_CONFIGURED =
  'PII module not configured: set PII_PROVIDER and related env vars (and await initPii() for vault), or call configurePii()';

function runtimeOrThrow(): PiiRuntime {
  const runtime = activeRuntime();
  if (runtime === undefined) throw new PiiNotConfiguredError(NOT_CONFIGURED);
  return runtime;
}

function checkArguments(value: unknown, fieldType: unknown, what: string): void {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  if (typeof fieldType !== 'string') throw new TypeError('fieldType must be a string');
}

/**
 * The deterministic token of `value`: `ptok:v1:` + base64url(HMAC-SHA256(sub-key, normalized value)),
 * identical to Python ecsctx's `tokenize(value, field_type)` for the same keyset and env.
 *
 * @param fieldType `email`, `phone` or any other name (`generic` by default); case-sensitive.
 * @throws PiiNotConfiguredError when PII is not configured; TypeError for a non-string value.
 * @example
 * tokenize('Jane@Example.com ', 'email') === tokenize('jane@example.com', 'email'); // true
 * @see reference/vectors/README.md in the repository, "Tokens" (the cross-language contract)
 */
export function tokenize(value: string, fieldType: string = FIELD_TYPE_GENERIC): string {
  checkArguments(value, fieldType, 'value');
  return runtimeOrThrow().tokenize(value, fieldType);
}

/**
 * Encrypts `value` (as given, not normalized) with the reveal keyset's primary key:
 * `penc:v1:<kid>:<base64url(nonce || ciphertext || tag)>`, AES-GCM with a random 12-byte nonce
 * and AAD `env|fieldType`. Each call gives a different result.
 *
 * @throws PiiNotConfiguredError; PiiAccessDeniedError with access `tokenize`.
 * @example
 * const sealed = protect('+965 5555-1234', 'phone');
 * reveal(sealed, 'phone'); // '+965 5555-1234'
 */
export function protect(value: string, fieldType: string = FIELD_TYPE_GENERIC): string {
  checkArguments(value, fieldType, 'value');
  return runtimeOrThrow().protect(value, fieldType);
}

/**
 * Decrypts a `penc:v1:` value with the key its kid names in the reveal keyset (old kids keep
 * working after rotation). `fieldType` must be the one given to `protect`.
 *
 * @throws PiiNotConfiguredError; PiiAccessDeniedError with access `tokenize`; PiiError with code
 *   `ERR_ECSCTX_PII_CIPHERTEXT_INVALID` (malformed, including Python's lenient forms),
 *   `ERR_ECSCTX_PII_KEY_NOT_FOUND` (unknown kid) or `ERR_ECSCTX_PII_DECRYPT_FAILED` (altered, or
 *   made for another env / field type / key).
 */
export function reveal(ciphertext: string, fieldType: string = FIELD_TYPE_GENERIC): string {
  checkArguments(ciphertext, fieldType, 'ciphertext');
  return runtimeOrThrow().reveal(ciphertext, fieldType);
}

/**
 * `protect` with a caller-chosen nonce, ONLY to reproduce reference vectors in tests. Reusing a
 * nonce with the same key breaks AES-GCM. Not exported from the package entry.
 */
export function protectWithNonce(value: string, fieldType: string, nonce: Uint8Array): string {
  checkArguments(value, fieldType, 'value');
  return runtimeOrThrow().protect(value, fieldType, nonce);
}

/**
 * The mask's fast path: the current tokenizer, or `undefined` when PII is not configured or no
 * usable token keyset is loaded (the mask then redacts). Never throws; no I/O except the one-time
 * synchronous file auto-configuration. Call it per line: it reflects keyset reloads.
 *
 * @example
 * const tokenizer = getPiiTokenizer();
 * const out = tokenizer ? tokenizer.tokenize(value, 'email') : '[PII_REDACTED]';
 */
export function getPiiTokenizer(): PiiTokenizer | undefined {
  try {
    return activeRuntime()?.tokenizer();
  } catch {
    return undefined;
  }
}
