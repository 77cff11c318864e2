/**
 * Error classes of @ecsctx/core. Every error carries a stable `code`: branch on codes,
 * never on messages. `docs/errors.md` lists every code.
 */

/**
 * Every error code the library can raise, with what it means. `docs/errors.md` is generated
 * from this table.
 */
export const ERROR_CODES = {
  ERR_ECSCTX_OPTIONS_INVALID: 'An option given to a factory or configuration call is invalid (thrown at creation, never per line).',
  ERR_ECSCTX_VALIDATION: "A line broke an ECS placement rule and the validator runs with mode 'error' (meant for tests).",
  ERR_ECSCTX_PII_NOT_CONFIGURED: 'A PII operation ran before any keyset was configured or could be loaded.',
  ERR_ECSCTX_PII_ACCESS_DENIED: "protect()/reveal() called while the access mode is 'tokenize' (no reveal keyset).",
  ERR_ECSCTX_PII_KEYSET_INVALID: 'A keyset document could not be parsed (the message says which field; never the key).',
  ERR_ECSCTX_PII_KEYSET_UNAVAILABLE: 'A keyset could not be read from its file or from Vault.',
  ERR_ECSCTX_PII_KEY_NOT_FOUND: "The kid named by a ciphertext, or a keyset's primary_kid, is not in the keyset.",
  ERR_ECSCTX_PII_CIPHERTEXT_INVALID: 'A value given to reveal() is not a well-formed penc:v1 ciphertext.',
  ERR_ECSCTX_PII_DECRYPT_FAILED: 'A ciphertext failed authentication: tampered, or another env, field type or key.',
  ERR_ECSCTX_PII_PROVIDER_FAILED: 'The keyset provider failed (Vault login or read, file reload); the message says what and where.',
  ERR_ECSCTX_CLI_USAGE: 'The ecsctx command line was used wrongly (exit code 2).',
} as const;

/** Every error code the library can raise. */
export type EcsctxErrorCode = keyof typeof ERROR_CODES;

/** Base class of every error the library throws. */
export class EcsctxError extends Error {
  /** Stable machine-readable code. */
  readonly code: EcsctxErrorCode;

  constructor(code: EcsctxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Options given to a factory or configuration call are invalid (thrown at creation, never per line). */
export class EcsctxOptionsError extends EcsctxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_ECSCTX_OPTIONS_INVALID', message, options);
  }
}

/** Thrown by the `validate` format only when it is created with `mode: 'error'` (meant for tests). */
export class EcsctxValidationError extends EcsctxError {
  constructor(message: string) {
    super('ERR_ECSCTX_VALIDATION', message);
  }
}

/** PII is used before any keyset was configured or could be loaded. */
export class PiiNotConfiguredError extends EcsctxError {
  constructor(message = 'PII is not configured: call configurePii()/initPii() or set PII_PROVIDER') {
    super('ERR_ECSCTX_PII_NOT_CONFIGURED', message);
  }
}

/** `protect`/`reveal` called while the access mode is `tokenize` (no reveal keyset). */
export class PiiAccessDeniedError extends EcsctxError {
  constructor(message = 'PII access denied: protect/reveal need PII_ACCESS=full and a reveal keyset') {
    super('ERR_ECSCTX_PII_ACCESS_DENIED', message);
  }
}

/** Base class of PII key and ciphertext failures; `code` tells which. */
export class PiiError extends EcsctxError {}
