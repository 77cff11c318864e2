/**
 * `@ecsctx/core/fields`: where a key ends up in a line, and which keys and values the mask
 * treats as personal data or credentials, as data: the tables the docs' Core Rules, reserved
 * fields and PII key lists are generated from, and the markers that replace what is masked.
 *
 * For tooling and tests that need the rules themselves (an index template, a log check);
 * logging needs none of it.
 *
 * @packageDocumentation
 * @module \@ecsctx/core/fields
 */
export {
  ECS_VERSION,
  PLACEMENT_RULES,
  DEFAULT_ROOT_KEYS,
  RESERVED_OBJECT_FIELDS,
  SENSITIVE_KEY_PARTS,
  PERSON_ROLE_WORDS,
  SAFE_KEYS,
  PII_MEASURE_WORDS,
  PARTY_DETAIL_WORDS,
  NUMBERED_PII_WORDS,
  AUTH_KEYS,
  COOKIE_KEYS,
  SECRET_KEY_WORDS,
  SECRET_KEY_WORD_ENDINGS,
  SECRET_KEY_PAIRS,
  SECRET_KEY_QUALIFIERS,
  SECRET_REDACTED,
  PII_REDACTED,
  sanitizeLabelKey,
  type PlacementRule,
} from './fields';
export { SECRET_QUERY_PARAMS } from './formats/mask/mask-url-secrets';
