/**
 * The public PII API of @ecsctx/core: deterministic tokens, reversible encryption, keysets and
 * their providers. Named re-exports only.
 */
export { normalizeForToken, FIELD_TYPE_EMAIL, FIELD_TYPE_GENERIC, FIELD_TYPE_PHONE } from './normalize';
export { tokenize, protect, reveal, getPiiTokenizer } from './operations';
export { configurePii, initPii, resetPii, isPiiConfigured, describePii } from './configure';
export { parseKeyset } from './parse-keyset';
export type { KeysetDocument, KeysetDocumentKey, KeysetSource, OctJwk, OctJwkSet } from './parse-keyset';
export { Keyset } from './keyset';
export type { KeyInfo, KeyInit, KeysetFormat, KeysetInit } from './keyset';
export { TOKEN_PREFIX } from './token';
export type { PiiTokenizer } from './token';
export { CIPHERTEXT_SCHEME, CIPHERTEXT_VERSION } from './cipher';
export { PII_ENV_VARS } from './env-vars';
export type { PiiEnvVar, PiiEnvRequirement } from './env-vars';
export type { PiiEnvironment } from './env-options';
export type {
  PiiOptions,
  PiiCommonOptions,
  PiiFileOptions,
  PiiVaultOptions,
  PiiVaultSettings,
  PiiStaticOptions,
} from './options';
export type { PiiAccess, PiiProviderName, PiiStatus, PiiKeysetStatus } from './state';
