/**
 * Error classes of @ecsctx/core. Every error carries a stable `code`: branch on codes,
 * never on messages. `docs/errors.md` lists every code.
 */

/** Every error code the library can raise. */
export type EcsctxErrorCode =
  | 'ERR_ECSCTX_OPTIONS_INVALID'
  | 'ERR_ECSCTX_VALIDATION'
  | 'ERR_ECSCTX_TRACE_INVALID'
  | 'ERR_ECSCTX_PII_NOT_CONFIGURED'
  | 'ERR_ECSCTX_PII_ACCESS_DENIED'
  | 'ERR_ECSCTX_PII_KEYSET_INVALID'
  | 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE'
  | 'ERR_ECSCTX_PII_KEY_NOT_FOUND'
  | 'ERR_ECSCTX_PII_CIPHERTEXT_INVALID'
  | 'ERR_ECSCTX_PII_DECRYPT_FAILED'
  | 'ERR_ECSCTX_PII_PROVIDER_FAILED'
  | 'ERR_ECSCTX_CLI_USAGE';

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
