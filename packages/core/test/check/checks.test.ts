/**
 * Every check of `ecsctx check` fires on a crafted bad line and stays quiet on the same line
 * as the library really wrote it. The base lines come from a real preset logger writing to a
 * capture; the bad lines are that JSON edited by hand and never logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RESERVED_OBJECT_FIELDS } from '@ecsctx/core/fields';
import { runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { checkLogLines, checkLogText, type CheckFinding, type CheckId } from '@ecsctx/core/check';
import { flush, makeLogger } from '../support/logger';
import { TRACEPARENT } from './library-output';

type Line = Record<string, any>;

/** A request line (access-log shaped), a job line and a start-up line, as the library writes them. */
let request: Line;
let job: Line;
let startup: Line;

beforeAll(async () => {
  const { logger, capture } = makeLogger({ name: 'orders.http' });
  logger.info('server_started');
  runWithLoggingContext(
    () => {
      logger.info('http_request_received', {
        http: { version: '1.1', request: { method: 'POST', headers: { 'content-type': 'application/json' } } },
        url: { path: '/orders' },
      });
    },
    { context: { spanId: 'a1b2c3d4e5f60718', ip: '10.0.0.7' }, trace: traceFromHeaders({ traceparent: TRACEPARENT }) },
  );
  runWithLoggingContext(() => logger.info('sending_receipt'), {
    context: { spanId: 'feedfacefeedface', extra: { bullmq: { job: { id: '1', name: 'send', attempt: 1 }, queue: { name: 'emails' } } } },
    trace: traceFromHeaders({ traceparent: TRACEPARENT }),
  });
  await flush(logger);
  [startup, request, job] = capture.records();
});

function edit(base: Line, change: (line: Line) => void): string {
  const copy = structuredClone(base);
  change(copy);
  return JSON.stringify(copy);
}

function found(lines: readonly string[], check: CheckId): CheckFinding[] {
  return checkLogLines(lines).findings.filter((f) => f.check === check);
}

function severities(lines: readonly string[], check: CheckId): string[] {
  return found(lines, check).map((f) => `${f.severity} ${f.path}`);
}

describe('the base lines', () => {
  it('are quiet: the request and job lines raise nothing, the start-up line only the absent-id warnings', () => {
    const report = checkLogLines([JSON.stringify(request), JSON.stringify(job), JSON.stringify(startup)]);
    expect(report.findings.map((f) => `${f.line} ${f.check} ${f.severity}`)).toEqual(['3 trace-id warning', '3 span-id warning']);
    expect(report.errors).toBe(0);
  });
});

describe('not-json', () => {
  it('reports plain text, a stack trace line and a cut line as errors', () => {
    const lines = ['Server listening on :8080', '    at Object.<anonymous> (/app/index.js:3:9)', JSON.stringify(request).slice(0, 80)];
    expect(found(lines, 'not-json').map((f) => [f.line, f.severity, f.path])).toEqual([
      [1, 'error', '$'],
      [2, 'error', '$'],
      [3, 'error', '$'],
    ]);
    expect(found(lines, 'not-json')[2].message).toContain('cut or malformed');
  });

  it('reports JSON that is not an object', () => {
    expect(found(['[1,2]', '"text"', '42', 'null'], 'not-json').map((f) => f.message)).toEqual([
      'the line is JSON but an array, not an object',
      'the line is JSON but a string, not an object',
      'the line is JSON but a number, not an object',
      'the line is JSON but null, not an object',
    ]);
  });

  it('runs no other check on such a line', () => {
    expect(checkLogLines(['plain text']).findings.map((f) => f.check)).toEqual(['not-json']);
  });

  it('skips blank lines but counts them in the numbering', () => {
    const report = checkLogText(`\n${JSON.stringify(request)}\r\n   \nnot json\n`);
    expect(report.lines).toBe(2);
    expect(report.findings.map((f) => [f.line, f.check])).toEqual([[4, 'not-json']]);
  });

  it('accepts a byte-order mark before the first line', () => {
    expect(checkLogLines(['\ufeff' + JSON.stringify(request)]).findings).toEqual([]);
  });
});

describe('required-field', () => {
  it('reports a line without @timestamp or log.level', () => {
    expect(severities([edit(request, (l) => delete l['@timestamp'])], 'required-field')).toEqual(['error @timestamp']);
    expect(severities([edit(request, (l) => delete l['log.level'])], 'required-field')).toEqual(['error log.level']);
  });

  it('accepts log.level written as a nested object', () => {
    const nested = edit(request, (l) => {
      delete l['log.level'];
      l.log.level = 'info';
    });
    expect(found([nested], 'required-field')).toEqual([]);
  });
});

describe('ecs-version', () => {
  it('reports a missing ecs.version and any version other than 1.12.0', () => {
    expect(severities([edit(request, (l) => delete l['ecs.version'])], 'ecs-version')).toEqual(['error ecs.version']);
    expect(severities([edit(request, (l) => (l['ecs.version'] = '8.10.0'))], 'ecs-version')).toEqual(['error ecs.version']);
  });

  it('accepts ecs: { version } (the same field, nested)', () => {
    const nested = edit(request, (l) => {
      delete l['ecs.version'];
      l.ecs = { version: '1.12.0' };
    });
    expect(checkLogLines([nested]).findings).toEqual([]);
  });
});

describe('service-name', () => {
  it('reports a missing or empty service.name', () => {
    expect(severities([edit(request, (l) => delete l.service)], 'service-name')).toEqual(['error service.name']);
    expect(severities([edit(request, (l) => (l.service.name = ''))], 'service-name')).toEqual(['error service.name']);
  });
});

describe('trace-id', () => {
  it.each([
    ['upper-case hex', '0AF7651916CD43DD8448EB211C80319C'],
    ['16 hex characters', 'b7ad6b7169203331'],
    ['all zeros', '00000000000000000000000000000000'],
    ['a UUID', '0af76519-16cd-43dd-8448-eb211c80319c'],
  ])('reports a trace.id that is %s', (_what, id) => {
    expect(severities([edit(request, (l) => (l.trace.id = id))], 'trace-id')).toEqual(['error trace.id']);
  });

  it('reports an absent trace.id as an error on request and job lines', () => {
    expect(severities([edit(request, (l) => delete l.trace)], 'trace-id')).toEqual(['error trace.id']);
    expect(severities([edit(job, (l) => delete l.trace)], 'trace-id')).toEqual(['error trace.id']);
  });

  it('reports an absent trace.id as a warning on a line outside any request or job', () => {
    expect(severities([JSON.stringify(startup)], 'trace-id')).toEqual(['warning trace.id']);
  });

  it('treats an outgoing client call (url.full) as outside a served request', () => {
    const client = edit(request, (l) => {
      delete l.trace;
      l.url = { full: 'https://rates.internal/v1' };
    });
    expect(severities([client], 'trace-id')).toEqual(['warning trace.id']);
  });
});

describe('span-id', () => {
  it('reports an absent span.id as an error on request lines and a warning elsewhere', () => {
    expect(severities([edit(request, (l) => delete l.span)], 'span-id')).toEqual(['error span.id']);
    expect(severities([JSON.stringify(startup)], 'span-id')).toEqual(['warning span.id']);
  });

  it('reports an empty span.id', () => {
    expect(severities([edit(request, (l) => (l.span.id = ' '))], 'span-id')).toEqual(['error span.id']);
  });
});

describe('user-id', () => {
  const withAuth = (l: Line): void => {
    l.http.request.headers.authorization = 'Bearer abcd****wxyz';
  };
  const outbound = (status: number, change: (l: Line) => void = () => undefined): string =>
    edit(request, (l) => {
      l.message = 'http_response_sent';
      l.http = { request: { method: 'POST' }, response: { status_code: status } };
      change(l);
    });

  it('warns once when a request carried credentials and none of its lines has user.id', () => {
    const lines = [edit(request, withAuth), outbound(200)];
    expect(found(lines, 'user-id').map((f) => [f.line, f.severity, f.path])).toEqual([[1, 'warning', 'user.id']]);
  });

  it('is quiet when any line of the request has user.id', () => {
    expect(found([edit(request, withAuth), outbound(200, (l) => (l.user = { id: '42' }))], 'user-id')).toEqual([]);
  });

  it('is quiet when the request was refused with 401 or 403', () => {
    expect(found([edit(request, withAuth), outbound(401)], 'user-id')).toEqual([]);
    expect(found([edit(request, withAuth), outbound(403)], 'user-id')).toEqual([]);
  });

  it('finds API keys in any case, and credentials in the root headers container', () => {
    const apiKey = edit(request, (l) => (l.http.request.headers['X-Api-Key'] = '****'));
    const rootHeaders = edit(startup, (l) => (l.headers = { Authorization: 'Basic ****' }));
    expect(found([apiKey], 'user-id')).toHaveLength(1);
    expect(found([rootHeaders], 'user-id')).toHaveLength(1);
  });

  it('does not count cookies as credentials', () => {
    expect(found([edit(request, (l) => (l.http.request.headers.cookie = 'sid=****'))], 'user-id')).toEqual([]);
  });

  it('keeps requests apart by trace.id and span.id', () => {
    const other = (l: Line): void => {
      l.span.id = '0000000000000001';
    };
    const lines = [edit(request, withAuth), outbound(200, (l) => (l.user = { id: '42' })), edit(request, (l) => (withAuth(l), other(l)))];
    expect(found(lines, 'user-id').map((f) => f.line)).toEqual([3]);
  });
});

describe('flat-reserved', () => {
  it.each(RESERVED_OBJECT_FIELDS.filter((k) => k !== 'ecs'))('reports %s written as a flat string', (key) => {
    const flat = edit(request, (l) => {
      for (const k of Object.keys(l)) if (k === key || k.startsWith(`${key}.`)) delete l[k];
      l[key] = 'flat';
    });
    expect(severities([flat], 'flat-reserved')).toEqual([`error ${key}`]);
  });

  it('reports ecs written flat (and the ecs.version it then lacks)', () => {
    const flat = edit(request, (l) => {
      delete l['ecs.version'];
      l.ecs = '1.12.0';
    });
    expect(severities([flat], 'flat-reserved')).toEqual(['error ecs']);
    expect(severities([flat], 'ecs-version')).toEqual(['error ecs.version']);
  });

  it('reports a reserved field written as an array of values', () => {
    expect(severities([edit(request, (l) => (l.error = ['a', 'b']))], 'flat-reserved')).toEqual(['error error']);
  });

  it('warns about root keys that spell an ECS field with an underscore', () => {
    const flat = edit(request, (l) => Object.assign(l, { trace_id: 'x', user_id: 42, error_message: 'boom', session_id: 's', user_agent: { original: 'curl' } }));
    expect(severities([flat], 'flat-reserved')).toEqual(['warning trace_id', 'warning user_id', 'warning error_message']);
  });
});

describe('ecs-type', () => {
  const typeFindings = (change: (l: Line) => void): string[] => severities([edit(request, change)], 'ecs-type');

  it('reports values Elasticsearch rejects or truncates as errors', () => {
    expect(typeFindings((l) => (l.client.ip = 'not-an-ip'))).toEqual(['error client.ip']);
    expect(typeFindings((l) => (l.http.response = { status_code: 200.5 }))).toEqual(['error http.response.status_code']);
    expect(typeFindings((l) => (l.event = { duration: 'slow' }))).toEqual(['error event.duration']);
    expect(typeFindings((l) => (l['@timestamp'] = '2025-02-30T10:00:00.000Z'))).toEqual(['error @timestamp']);
    expect(typeFindings((l) => (l.trace.id = { value: 'x' }))).toEqual(['error trace.id']);
  });

  it('reports values Elasticsearch only coerces as warnings', () => {
    expect(typeFindings((l) => (l.http.response = { status_code: '200' }))).toEqual(['warning http.response.status_code']);
    expect(typeFindings((l) => (l.user = { id: 42 }))).toEqual(['warning user.id']);
    expect(typeFindings((l) => (l.labels = { retries: 3 }))).toEqual(['warning labels.retries']);
  });

  it('reports a value where ECS defines an object below the root', () => {
    expect(typeFindings((l) => (l.http.request = 'POST /orders'))).toEqual(['error http.request']);
    expect(typeFindings((l) => (l.log.origin = 'index.js:3'))).toEqual(['error log.origin']);
  });

  it('checks the library fields against the shipped template', () => {
    expect(typeFindings((l) => (l.bullmq = { job: { attempt: 'first' } }))).toEqual(['error bullmq.job.attempt']);
    expect(typeFindings((l) => (l.extra = 'loose text'))).toEqual(['error extra']);
    expect(typeFindings((l) => (l.payment = 'knet'))).toEqual(['error payment']);
    expect(typeFindings((l) => (l.labels = { nested: { a: 1 } }))).toEqual(['error labels.nested']);
  });

  it('accepts anything below a flattened container, and geo points as pairs', () => {
    expect(typeFindings((l) => (l.extra = { ip: 'not-an-ip', list: [1, 'a', { b: true }] }))).toEqual([]);
    expect(typeFindings((l) => (l.client.geo = { location: [48.1, 11.5] }))).toEqual([]);
    expect(typeFindings((l) => (l.client.geo = { location: { lat: 48.1, lon: 11.5 } }))).toEqual([]);
  });
});

describe('mapping-conflict', () => {
  const conflicts = (lines: string[]): string[] => severities(lines, 'mapping-conflict');

  it('reports one field given both dotted and nested', () => {
    expect(conflicts([edit(request, (l) => (l.log.level = 'info'))])).toEqual(['error log.level']);
  });

  it('reports one path holding a value and an object', () => {
    expect(conflicts([edit(request, (l) => Object.assign(l, { 'order.id': 'o-1', order: 'o-1' }))])).toEqual(['error order']);
    expect(conflicts([edit(request, (l) => (l.items = [1, { sku: 'x' }]))])).toEqual(['error items']);
  });

  it('reports field names and metadata fields Elasticsearch refuses', () => {
    expect(conflicts([edit(request, (l) => Object.assign(l, { '': 1, 'a..b': 2, '.c': 3, _id: 'doc-1' }))]).sort()).toEqual([
      'error ',
      'error .c',
      'error _id',
      'error a..b',
    ]);
  });

  it('reports nesting past the depth limit of 20, once, however deep', () => {
    const nest = (levels: number): Line => {
      let deep: Line = { leaf: 1 };
      for (let i = 0; i < levels; i++) deep = { level: deep };
      return deep;
    };
    expect(conflicts([edit(request, (l) => (l.custom = nest(18)))])).toEqual([]); // custom.level×18.leaf: depth 20
    expect(conflicts([edit(request, (l) => (l.custom = nest(19)))])).toHaveLength(1);
    const hostile = `{"a":${'{"a":'.repeat(100_000)}"deep"${'}'.repeat(100_001)}`;
    expect(found([hostile], 'mapping-conflict').map((f) => f.message)).toEqual([expect.stringContaining('nested 21 levels deep or more')]);
  });

  it('reports a custom field whose type changes between lines', () => {
    const total = (value: unknown): string => edit(request, (l) => (l.orders = { total: value }));
    expect(found([total(5), total('7'), total('n/a')], 'mapping-conflict').map((f) => [f.line, f.path])).toEqual([[3, 'orders.total']]);
    expect(found([total(5), total(5.5)], 'mapping-conflict')[0].message).toContain('first value (line 1)');
    expect(conflicts([total({ net: 1 }), total(3)])).toEqual(['error orders.total']);
    expect(conflicts([total('seven'), total(7), total(true)])).toEqual([]);
  });
});

describe('pii', () => {
  it('reports emails and phone numbers in clear anywhere in a line, keys included', () => {
    const lines = [
      edit(request, (l) => (l.message = 'mail sent to jane@example.org')),
      edit(request, (l) => (l.custom = { contact: { mobile: 'call +965 6666 7777' } })),
      edit(request, (l) => (l.extra = { 'jane@example.org': true })),
      edit(request, (l) => (l.url.query = 'email=jane%40example.org')),
    ];
    expect(found(lines, 'pii').map((f) => [f.line, f.severity, f.path])).toEqual([
      [1, 'error', 'message'],
      [2, 'error', 'custom.contact.mobile'],
      [3, 'error', 'extra'],
      [4, 'error', 'url.query'],
    ]);
  });

  it('accepts tokens and redactions', () => {
    const line = edit(request, (l) => {
      l.message = 'mail sent to ptok:v1:L1W3GV58jLFQuGwti_dc_WYsXJRrSDCruOtLBfxQ5Ng';
      l.custom = { phone: '[PII_REDACTED]', note: 'penc:v1:abc:def' };
    });
    expect(found([line], 'pii')).toEqual([]);
  });

  it('never repeats the value in its message', () => {
    const [finding] = found([edit(request, (l) => (l.message = 'mail sent to jane@example.org'))], 'pii');
    expect(finding.message).not.toContain('jane');
    expect(finding.message).toContain('an email address');
  });
});

describe('arrays of objects', () => {
  it('items sharing a key are one field’s values, not a field given twice', () => {
    const line = JSON.stringify({ '@timestamp': '2026-12-05T08:00:00.000Z', 'log.level': 'info', message: 'm', ecs: { version: '1.12.0' }, extra: { items: [{ a: 'x' }, { a: 'y' }] } });
    const report = checkLogLines([line]);
    expect(report.findings.filter((f: CheckFinding) => f.message.includes('given twice'))).toEqual([]);
    const twice = JSON.stringify({ '@timestamp': '2026-12-05T08:00:00.000Z', 'log.level': 'info', message: 'm', ecs: { version: '1.12.0' }, extra: { 'a.b': 1, a: { b: 2 } } });
    expect(checkLogLines([twice]).findings.some((f: CheckFinding) => f.message.includes('given twice'))).toBe(true);
  });
});
