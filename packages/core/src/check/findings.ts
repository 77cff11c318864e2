/**
 * The vocabulary of `ecsctx check`: the checks by id, their severities, and one finding.
 * The ids follow the dry-run table of the seed README (§17, step 2) plus what Elasticsearch
 * itself refuses.
 */

/** Every check, in report order. */
export const CHECK_IDS = [
  'not-json',
  'required-field',
  'ecs-version',
  'service-name',
  'trace-id',
  'span-id',
  'user-id',
  'flat-reserved',
  'ecs-type',
  'mapping-conflict',
  'pii',
  'secret',
  'secret-value',
] as const;

/** One of {@link CHECK_IDS}. */
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * `error`: Elasticsearch would reject or silently lose data, customer data is in clear, or
 * the set-up is demonstrably wrong. `warning`: accepted, but not what a correct set-up
 * writes, or a heuristic that cannot be sure.
 */
export type CheckSeverity = 'error' | 'warning';

/** What each check looks for (the `--help` text and docs/check.md are built from this). */
export const CHECK_DESCRIPTIONS: Readonly<Record<CheckId, string>> = {
  'not-json': 'the line is not a JSON object (plain text from another process, a stack trace, a cut line)',
  'required-field': '`@timestamp` or `log.level` is missing (a data stream rejects a document without `@timestamp`)',
  'ecs-version': '`ecs.version` is missing or not 1.12.0',
  'service-name': '`service.name` is missing or empty',
  'trace-id': '`trace.id` is absent (an error on request and job lines) or not 32 lowercase hex characters',
  'span-id': '`span.id` is absent (an error on request and job lines) or empty',
  'user-id': 'a request carried credentials (an Authorization or API-key header) and was not refused, yet none of its lines has `user.id`',
  'flat-reserved': 'an ECS reserved field (`error`, `user`, `url`, ...) is a flat value instead of an object; `trace_id`-style root keys',
  'ecs-type': 'a value does not fit the ECS 1.12.0 type of its field (or the ecsctx template type of a library field)',
  'mapping-conflict': 'one path is both a value and an object, a field name Elasticsearch refuses, too deep a nesting, or a custom field whose type changes between lines',
  pii: 'an email address, phone number, IBAN or US Social Security number in clear (tokens `ptok:v1:…` and `[PII_REDACTED]` are fine)',
  secret: 'a key that names a credential (`password`, `token`, `api_key`, `otp`, `cvv`, …, read by word parts) holds a value in clear (`[REDACTED]`, tokens and `****` masks are fine)',
  'secret-value': 'a payment card number (13–19 digits passing Luhn), a JSON Web Token, a private key block, a bearer token or Basic credentials, a vendor API key, a password hash or a password on a client command line (`mysql -pX`) in clear, in any string (masked forms `************1111` and `[REDACTED]` are fine)',
};

/** One problem found in one line. Messages never repeat a value from the input. */
export interface CheckFinding {
  /** The input the line came from (a file name; `<stdin>` in the CLI); absent for single texts. */
  readonly source?: string;
  /** 1-based line number within its source. */
  readonly line: number;
  /** The check that found it. */
  readonly check: CheckId;
  /** How bad it is. */
  readonly severity: CheckSeverity;
  /** The field path (`trace.id`, `http.request.headers.authorization`), or `$` for the whole line. */
  readonly path: string;
  /** What is wrong and, where it helps, what to do. */
  readonly message: string;
}

/** A finding of one line, before its line number and source are attached. */
export type LineFinding = Omit<CheckFinding, 'line' | 'source'>;

/** True for a known check id. */
export function isCheckId(value: string): value is CheckId {
  return (CHECK_IDS as readonly string[]).includes(value);
}
