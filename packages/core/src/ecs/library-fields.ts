/**
 * How the index template shipped in `deploy/elasticsearch/` maps the fields this library
 * writes outside ECS: the custom namespaces (seed §4, `fields.ts`) with explicit types, and
 * the containers mapped as `flattened`. `ecsctx check` type-checks lines against this, and a
 * test keeps it equal to the template (`deploy/elasticsearch/component-template-ecsctx.json`).
 */

/** An Elasticsearch type the template gives a library field. */
export type LibraryFieldType = 'keyword' | 'long';

/** Library fields outside ECS, by dotted path, with their mapped type. */
export const LIBRARY_FIELD_TYPES: Readonly<Record<string, LibraryFieldType>> = {
  // Custom namespaces (LoggingContext → payment.*, PROJECT_NAME → project.name)
  'payment.orn': 'keyword',
  'payment.pg_code': 'keyword',
  'payment.reference': 'keyword',
  'project.name': 'keyword',
  // Sanctioned flat root scalars
  session_id: 'keyword',
  merchant_id: 'keyword',
  view: 'keyword',
  // @ecsctx/bullmq job identity (packages/bullmq/src/job-identity.ts)
  'bullmq.job.id': 'keyword',
  'bullmq.job.name': 'keyword',
  'bullmq.job.attempt': 'long',
  'bullmq.job.scheduler_id': 'keyword',
  'bullmq.queue.name': 'keyword',
};

/**
 * Containers mapped as `flattened`: any JSON below them is accepted and indexed as keywords,
 * so their content can never cause a mapping conflict. `extra` holds everything not
 * allowlisted; `payload`/`headers` are the payload containers; the access log's header
 * objects have arbitrary header names.
 */
export const LIBRARY_FLATTENED_FIELDS: readonly string[] = ['extra', 'payload', 'headers', 'http.request.headers', 'http.response.headers'];
