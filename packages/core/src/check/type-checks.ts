/**
 * The type checks of one line: every value against the ECS 1.12.0 type of its field (or the
 * template type of a library field), objects where ECS wants values and values where it wants
 * objects (`ecs-type`), and what Elasticsearch refuses to map (`mapping-conflict`: structural
 * problems, and custom fields whose type changes between lines).
 */
import { RESERVED_OBJECT_FIELDS } from '../fields';
import { DynamicMappings } from './dynamic-mapping';
import { fieldMapping } from './field-mapping';
import type { LineFinding } from './findings';
import type { JsonScalar, LineFields } from './line-fields';
import { isObjectType, valueMismatch } from './value-types';

const RESERVED = new Set<string>(RESERVED_OBJECT_FIELDS);

function whose(owner: 'ecs' | 'ecsctx'): string {
  return owner === 'ecs' ? 'ECS 1.12.0' : 'the ecsctx index template';
}

function isGeoPair(values: readonly JsonScalar[]): boolean {
  return values.length === 2 && typeof values[0] === 'number' && typeof values[1] === 'number';
}

/**
 * The `ecs-type` and `mapping-conflict` findings of one line. `dynamic` carries the custom
 * fields' types across lines; `where` names this line in its messages.
 */
export function checkLineTypes(fields: LineFields, dynamic: DynamicMappings, where: string): LineFinding[] {
  const out: LineFinding[] = [];
  for (const problem of fields.problems) {
    out.push({ check: 'mapping-conflict', severity: 'error', path: problem.path, message: problem.message });
  }
  for (const path of fields.objects) {
    const finding = objectFinding(path, dynamic, where);
    if (finding !== undefined) out.push(finding);
  }
  for (const [path, values] of fields.values) {
    const finding = valueFinding(path, values, dynamic, where);
    if (finding !== undefined) out.push(finding);
  }
  return out;
}

/** The finding of an object at `path` where ECS or the template wants a value, if any. */
function objectFinding(path: string, dynamic: DynamicMappings, where: string): LineFinding | undefined {
  const mapping = fieldMapping(path);
  if (mapping.kind === 'typed' && !isObjectType(mapping.type) && mapping.type !== 'geo_point') {
    return {
      check: 'ecs-type',
      severity: 'error',
      path,
      message: `${path} is an object, but ${whose(mapping.owner)} maps it as ${mapping.type}: Elasticsearch rejects the document`,
    };
  }
  if (mapping.kind === 'keyword-child') {
    return {
      check: 'ecs-type',
      severity: 'error',
      path,
      message: `${path} is an object, but the values of ${mapping.container} must be scalars (keywords): Elasticsearch rejects the document`,
    };
  }
  if (mapping.kind === 'custom') {
    const problem = dynamic.observe(path, 'object', where);
    if (problem !== undefined) return { check: 'mapping-conflict', severity: 'error', path, message: problem };
  }
  return undefined;
}

/** The finding of the values at `path` against the field's type, if any. */
function valueFinding(path: string, values: readonly JsonScalar[], dynamic: DynamicMappings, where: string): LineFinding | undefined {
  const mapping = fieldMapping(path);
  switch (mapping.kind) {
    case 'opaque':
      return undefined;
    case 'object':
      // a reserved field set given as a value at the root is the flat-reserved check's finding
      if (RESERVED.has(path)) return undefined;
      return {
        check: 'ecs-type',
        severity: 'error',
        path,
        message: `${path} holds a value, but ${whose(mapping.owner)} defines it as an object (write its fields, e.g. ${path}.<field>): mapping conflict`,
      };
    case 'typed': {
      if (isObjectType(mapping.type)) {
        if (RESERVED.has(path)) return undefined;
        return {
          check: 'ecs-type',
          severity: 'error',
          path,
          message: `${path} holds a value, but ${whose(mapping.owner)} maps it as ${mapping.type} (an object): Elasticsearch rejects the document`,
        };
      }
      if (mapping.type === 'geo_point' && isGeoPair(values)) return undefined;
      const worst = worstMismatch(mapping.type, values);
      if (worst === undefined) return undefined;
      return {
        check: 'ecs-type',
        severity: worst.severity,
        path,
        message: `${path} is ${worst.got}; ${whose(mapping.owner)} maps it as ${mapping.type}${worst.severity === 'error' ? ': Elasticsearch rejects the document or loses the value' : ''}`,
      };
    }
    case 'keyword-child':
      if (!values.some((v) => typeof v !== 'string')) return undefined;
      return {
        check: 'ecs-type',
        severity: 'warning',
        path,
        message: `${path} is not a string: the values of ${mapping.container} are keywords (ecsctx writes labels as strings)`,
      };
    case 'custom':
      for (const value of values) {
        const problem = dynamic.observe(path, value, where);
        if (problem !== undefined) return { check: 'mapping-conflict', severity: 'error', path, message: problem };
      }
      return undefined;
  }
}

function worstMismatch(type: string, values: readonly JsonScalar[]): ReturnType<typeof valueMismatch> {
  let worst: ReturnType<typeof valueMismatch>;
  for (const value of values) {
    const mismatch = valueMismatch(type, value);
    if (mismatch === undefined) continue;
    if (mismatch.severity === 'error') return mismatch;
    worst ??= mismatch;
  }
  return worst;
}
