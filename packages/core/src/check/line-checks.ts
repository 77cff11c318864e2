/**
 * The checks that look at one line alone, from the seed's dry-run table (§17, step 2):
 * required fields, `ecs.version`, `service.name`, `trace.id`, `span.id`, and ECS reserved
 * fields written flat (§14).
 *
 * `trace.id`/`span.id` may legitimately be absent from lines logged outside any request or
 * job (start-up, shutdown, timers), so their absence is an error only on a line that belongs
 * to a served request (it has `http.request` and no `url.full`, which marks an outgoing
 * client call) or to a job (`bullmq.job`), and a warning elsewhere.
 */
import { ECS_VERSION, RESERVED_OBJECT_FIELDS } from '../fields';
import { isEcsField, isEcsPath } from './field-mapping';
import type { LineFinding } from './findings';
import { firstValue, hasField, type LineFields } from './line-fields';

/** W3C Trace Context trace-id: 32 lowercase hex characters, not all zero. */
const TRACE_ID = /^[0-9a-f]{32}$/;
const ZERO_TRACE_ID = '0'.repeat(32);

/** What a line belongs to, as far as its own fields tell. */
type LineScope = 'request' | 'job' | 'other';

/** The scope of a line (see the module comment). */
function lineScope(fields: LineFields): LineScope {
  if (fields.objects.has('bullmq.job')) return 'job';
  if (fields.objects.has('http.request') && !fields.values.has('url.full')) return 'request';
  return 'other';
}

function absentSeverity(scope: LineScope): 'error' | 'warning' {
  return scope === 'other' ? 'warning' : 'error';
}

function absentNote(scope: LineScope): string {
  if (scope === 'request') return 'this line belongs to a served request: is expressContext() mounted before the access log and your routes?';
  if (scope === 'job') return 'this line belongs to a job: is the processor wrapped with withLogContext()?';
  return 'fine on start-up and shutdown lines; a line logged while serving a request or running a job must have it';
}

const RESERVED = new Set<string>(RESERVED_OBJECT_FIELDS);

/** The single-line findings of `fields`. */
export function checkLine(fields: LineFields): LineFinding[] {
  const out: LineFinding[] = [];
  const scope = lineScope(fields);

  for (const path of ['@timestamp', 'log.level']) {
    if (!hasField(fields, path)) {
      out.push({
        check: 'required-field',
        severity: 'error',
        path,
        message:
          path === '@timestamp'
            ? '@timestamp is missing: a data stream rejects documents without it (is the ecs format last in the chain?)'
            : 'log.level is missing: the ECS logging spec requires it (is the ecs format last in the chain?)',
      });
    }
  }

  const version = firstValue(fields, 'ecs.version');
  if (version === undefined) {
    out.push({ check: 'ecs-version', severity: 'error', path: 'ecs.version', message: `ecs.version is missing (expected "${ECS_VERSION}"): is the ecs format in the chain?` });
  } else if (version !== ECS_VERSION) {
    out.push({ check: 'ecs-version', severity: 'error', path: 'ecs.version', message: `ecs.version is not "${ECS_VERSION}": this line was not written by the ecsctx chain` });
  }

  const service = firstValue(fields, 'service.name');
  if (service === undefined || service === '') {
    out.push({
      check: 'service-name',
      severity: 'error',
      path: 'service.name',
      message: 'service.name is missing or empty: set serviceName or SERVICE_TYPE, or name the application in its package.json (the inject format writes it)',
    });
  }

  const traceId = firstValue(fields, 'trace.id');
  if (traceId === undefined) {
    out.push({ check: 'trace-id', severity: absentSeverity(scope), path: 'trace.id', message: `trace.id is absent: ${absentNote(scope)}` });
  } else if (typeof traceId !== 'string' || !TRACE_ID.test(traceId) || traceId === ZERO_TRACE_ID) {
    out.push({
      check: 'trace-id',
      severity: 'error',
      path: 'trace.id',
      message: 'trace.id is not 32 lowercase hex characters (or is all zeros): it cannot join this line to the W3C trace',
    });
  }

  const spanId = firstValue(fields, 'span.id');
  if (spanId === undefined) {
    out.push({ check: 'span-id', severity: absentSeverity(scope), path: 'span.id', message: `span.id is absent: ${absentNote(scope)}` });
  } else if (typeof spanId !== 'string' || spanId.trim() === '') {
    out.push({ check: 'span-id', severity: 'error', path: 'span.id', message: 'span.id is empty or not a string' });
  }

  for (const key of RESERVED) {
    if (fields.values.has(key)) {
      out.push({
        check: 'flat-reserved',
        severity: 'error',
        path: key,
        message: `${key} is a flat value, but ECS reserves it as an object (e.g. ${exampleOf(key)}): mapping conflict, the field is dropped`,
      });
    }
  }
  for (const key of fields.rootKeys) {
    const underscore = key.indexOf('_');
    if (underscore <= 0 || isEcsPath(key)) continue;
    const dotted = `${key.slice(0, underscore)}.${key.slice(underscore + 1)}`;
    if (RESERVED.has(key.slice(0, underscore)) && isEcsField(dotted)) {
      out.push({
        check: 'flat-reserved',
        severity: 'warning',
        path: key,
        message: `${key} at the root looks like the ECS field ${dotted}: write ${dotted} so Kibana and correlations find it`,
      });
    }
  }
  return out;
}

const EXAMPLES: Readonly<Record<string, string>> = {
  error: 'error.message',
  user: 'user.id',
  url: 'url.full',
  http: 'http.request.method',
  host: 'host.name',
  event: 'event.action',
  source: 'source.ip',
  server: 'server.address',
  client: 'client.ip',
  service: 'service.name',
  log: 'log.logger',
  trace: 'trace.id',
  span: 'span.id',
};

function exampleOf(key: string): string {
  return EXAMPLES[key] ?? `${key}.<field>`;
}
