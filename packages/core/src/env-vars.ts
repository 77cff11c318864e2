/**
 * Every environment variable the library reads, as data: the docs' reference table is
 * generated from this list (PII variables come from `pii/env-vars`).
 */

/** One environment variable. */
export interface EnvVarDefinition {
  readonly name: string;
  readonly description: string;
  /** Default when unset, as text; `undefined` when there is none. */
  readonly default?: string;
  /** When it must be set. */
  readonly required: string;
}

/**
 * The variables read by the formats and the preset (once, when a format is created), by the
 * OpenTelemetry lookup (once, at the first lookup) and by the Express package (once, when a
 * middleware is created).
 */
export const CORE_ENV_VARS: readonly EnvVarDefinition[] = [
  { name: 'SERVICE_TYPE', description: "Value of `service.name` (the Python library's variable for it) and the default `service.type`; a BullMQ job's lines still say `service.type: worker`", default: "unset: `service.name` is the application's `package.json` name (else `app`), `service.type` is `app`", required: 'No' },
  { name: 'APP_VERSION', description: 'Value of `service.version`', default: '`0.0.0`', required: 'No' },
  { name: 'PROJECT_NAME', description: 'Value of `project.name`; also the dataset of the data stream `logs-{PROJECT_NAME}-{ENVIRONMENT}`', default: 'unset: no `project.name`', required: 'Yes' },
  { name: 'ENVIRONMENT', description: 'Value of `service.environment`; also the namespace of the data stream (read by Vector)', default: 'unset: no `service.environment`', required: 'Yes (shipping)' },
  { name: 'ECSCTX_ROOT_FIELDS', description: 'Comma-separated extra keys kept at the root instead of under `extra`', required: 'No' },
  { name: 'LOG_LEVEL', description: "Level of the preset logger, any case; Python's `warning`/`critical` (and `fatal`, `trace`) are read as the nearest level; an unknown name fails at start-up", default: '`info`', required: 'No' },
  { name: 'ECSCTX_PRETTY', description: 'Readable lines for development instead of ECS JSON (`1`/`0`, or `force`); refused under `NODE_ENV=production` unless `force`', default: '`0`', required: 'No' },
  { name: 'PII_MASK_EXEMPT_PATHS', description: 'Comma-separated paths the PII mask leaves readable (`key`, `a.b`, `[*]`, `*`)', required: 'No' },
  { name: 'PII_MASK_SECRET_KEYS', description: 'Comma-separated credential key words or word pairs added to the built-in ones (`pin_block,vault role`): values under them become `[REDACTED]`', required: 'No' },
  { name: 'PII_MASK_SAFE_KEYS', description: 'Comma-separated keys the mask never tokenizes nor masks (compared by word parts: `orderRef` is `order_ref`)', required: 'No' },
  { name: 'PII_MASK_SENSITIVE_KEYS', description: 'Comma-separated PII key words added to the built-in ones: a string under a key holding one is tokenized whole', required: 'No' },
  { name: 'PII_MASK_PHONE_REGIONS', description: 'Comma-separated regions (ISO 3166 alpha-2, e.g. `US,GB`) whose national phone numbers the mask finds in free text without a `+`; an unknown code fails at start-up', default: '`US`', required: 'No' },
  {
    name: 'ECSCTX_OTEL',
    description:
      '`off`: do not follow OpenTelemetry even when `@opentelemetry/api` is installed (ids from the library\'s own W3C context, no client spans). Any other value, or unset: follow the active span when there is one',
    default: 'unset: follow OpenTelemetry when installed',
    required: 'No',
  },
  { name: 'NODE_ENV', description: '`production` turns the Express middleware-order check off by default (`orderCheck`)', default: 'unset: the check answers 500 on a wrong order', required: 'No' },
];

/** Splits a comma-separated variable into trimmed, non-empty items. */
export function parseCsv(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The value of a variable, or `undefined` when unset or empty. */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
