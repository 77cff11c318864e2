/**
 * Every field the library can emit has a mapping in the shipped index template that fits its
 * JSON type. Real loggers (the core preset with context, trace, labels, errors, http/url
 * fields, payload containers and PII; a real Express app; BullMQ job scopes) write to
 * captures; every leaf of every line is resolved against the composed template.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_FIELD_TYPES, LIBRARY_FLATTENED_FIELDS } from '../../src/ecs/library-fields';
import { libraryOutput, type LibraryOutput } from '../check/library-output';
import { composeIndexTemplate, fitsExactly, jsonKind, leavesOf, resolvePath, type ComposedMapping, type Resolution } from './mappings';

let mapping: ComposedMapping;
let output: LibraryOutput;

beforeAll(async () => {
  mapping = composeIndexTemplate();
  output = await libraryOutput();
});

/** The fields of `lines` that the template would not map to a fitting type, one message each. */
function unmapped(lines: readonly string[]): string[] {
  const problems = new Set<string>();
  for (const line of lines) {
    for (const { path, value } of leavesOf(JSON.parse(line))) {
      const kind = jsonKind(value);
      const how: Resolution = resolvePath(mapping, path, kind);
      switch (how.by) {
        case 'flattened':
          break;
        case 'explicit':
          if (kind === 'object' ? !['object', 'nested'].includes(how.type) : !fitsExactly(how.type, value)) {
            problems.add(`${path}: a JSON ${kind} in a field mapped as ${how.type}`);
          }
          break;
        case 'dynamic-template':
          if (kind === 'object') problems.add(`${path}: an object where dynamic template ${how.template} maps ${how.type}`);
          break;
        case 'es-default':
          if (kind !== 'object') problems.add(`${path}: a JSON ${kind} no mapping or dynamic template covers (Elasticsearch would map it from the first value)`);
          break;
      }
    }
  }
  return [...problems].sort();
}

/** Every distinct leaf path of `lines`. */
function paths(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) for (const leaf of leavesOf(JSON.parse(line))) if (jsonKind(leaf.value) !== 'object') out.add(leaf.path);
  return out;
}

describe('the index template maps what the library emits', () => {
  it('covers every field of the core preset: context, trace, labels, errors, http/url, payload containers, PII tokens', () => {
    const emitted = paths(output.core);
    for (const path of ['trace.id', 'span.id', 'user.id', 'client.ip', 'session_id', 'merchant_id', 'view', 'payment.orn', 'payment.pg_code', 'payment.reference', 'project.name', 'labels.env', 'error.stack_trace', 'error.code', 'event.original', 'url.full', 'http.response.status_code', 'payload.customer.email', 'headers.authorization', 'extra.amount', 'log.logger']) {
      expect(emitted, path).toContain(path);
    }
    expect(unmapped(output.core)).toEqual([]);
  });

  it('covers every field of the Express access log, error logger and traced fetch', () => {
    const emitted = paths(output.express);
    for (const path of ['http.request.method', 'http.request.headers.authorization', 'http.response.headers.content-type', 'http.request.body.content', 'http.response.body.bytes', 'http.version', 'url.path', 'url.query', 'user_agent.original', 'event.duration', 'event.outcome', 'error.type']) {
      expect(emitted, path).toContain(path);
    }
    expect(unmapped(output.express)).toEqual([]);
  });

  it('covers every field of the BullMQ job scopes and lifecycle lines', () => {
    const emitted = paths(output.bullmq);
    for (const path of ['bullmq.job.id', 'bullmq.job.name', 'bullmq.job.attempt', 'bullmq.job.scheduler_id', 'bullmq.queue.name']) expect(emitted, path).toContain(path);
    expect(unmapped(output.bullmq)).toEqual([]);
  });

  it('keeps one type per field across all of it (no path is a string here and a number there in an exact mapping)', () => {
    const kinds = new Map<string, Set<string>>();
    for (const line of [...output.core, ...output.express, ...output.bullmq]) {
      for (const { path, value } of leavesOf(JSON.parse(line))) {
        const how = resolvePath(mapping, path, jsonKind(value));
        if (how.by !== 'explicit') continue;
        (kinds.get(path) ?? kinds.set(path, new Set()).get(path))?.add(jsonKind(value));
      }
    }
    const mixed = [...kinds].filter(([, k]) => k.size > 1).map(([p, k]) => `${p}: ${[...k].join('/')}`);
    expect(mixed).toEqual([]);
  });
});

describe('the coverage check itself', () => {
  it('fails on fields the template does not map to a fitting type', () => {
    const lines = [
      JSON.stringify({ http: { response: { status_code: '200' } } }),
      JSON.stringify({ bullmq: { job: { attempt: 'first' } } }),
      JSON.stringify({ custom_root: 5 }),
      JSON.stringify({ labels: { nested: { a: 'x' } } }),
      JSON.stringify({ trace: { id: 42 } }),
    ];
    expect(unmapped(lines)).toEqual([
      'bullmq.job.attempt: a JSON string in a field mapped as long',
      'custom_root: a JSON long no mapping or dynamic template covers (Elasticsearch would map it from the first value)',
      'http.response.status_code: a JSON string in a field mapped as long',
      'labels.nested: an object where dynamic template labels_as_keyword maps keyword',
      'trace.id: a JSON long in a field mapped as keyword',
    ]);
  });

  it('accepts anything below a flattened container, and error properties of any scalar type', () => {
    const lines = [JSON.stringify({ extra: { a: [1, 'x', { b: true }] }, payload: { deep: { er: 1.5 } }, error: { errno: -111, syscall: 'connect', fatal: true, ratio: 0.5 } })];
    expect(unmapped(lines)).toEqual([]);
  });
});

describe('the template and the checker agree on the library fields', () => {
  it('maps every typed library field of ecsctx check explicitly with the same type', () => {
    for (const [path, type] of Object.entries(LIBRARY_FIELD_TYPES)) {
      expect(resolvePath(mapping, path, type === 'long' ? 'long' : 'string'), path).toEqual({ by: 'explicit', type });
    }
  });

  it('maps every flattened container of ecsctx check as flattened, and nothing else of the library', () => {
    for (const path of LIBRARY_FLATTENED_FIELDS) expect(resolvePath(mapping, `${path}.any`, 'string'), path).toEqual({ by: 'flattened', container: path });
    const flattened: string[] = [];
    const walk = (props: ComposedMapping['properties'], prefix: string): void => {
      for (const [key, def] of Object.entries(props)) {
        const path = prefix === '' ? key : `${prefix}.${key}`;
        if (def.type === 'flattened') flattened.push(path);
        if (def.properties) walk(def.properties as ComposedMapping['properties'], path);
      }
    };
    walk(mapping.properties, '');
    const ecsFlattened = flattened.filter((p) => !LIBRARY_FLATTENED_FIELDS.includes(p));
    expect(ecsFlattened.every((p) => /\.elf\.(exports|imports)$/.test(p))).toBe(true);
  });
});
