/**
 * One log line as Elasticsearch sees its fields: dotted keys expanded (`"log.level"` and
 * `log: { level }` are the same field), arrays flattened, `null` treated as absent. What
 * Elasticsearch would refuse while doing that (one path both a value and an object, the
 * same field given twice, bad field names, nesting past the depth limit, metadata fields)
 * is collected as problems.
 */

/** A JSON scalar as a log line holds it. */
export type JsonScalar = string | number | boolean;

/** A structural problem at one path. */
export interface PathProblem {
  readonly path: string;
  readonly message: string;
}

/** The fields of one line. */
export interface LineFields {
  /** Paths holding an object (also those reached through a dotted key). */
  readonly objects: ReadonlySet<string>;
  /** Paths holding values: their non-null scalars, arrays flattened, in order. */
  readonly values: ReadonlyMap<string, readonly JsonScalar[]>;
  /** The keys of the root object as written (before dotted keys are expanded). */
  readonly rootKeys: readonly string[];
  /** What Elasticsearch would refuse. */
  readonly problems: readonly PathProblem[];
}

/** Elasticsearch's default `index.mapping.depth.limit` (a root field has depth 1). */
const ES_MAPPING_DEPTH_LIMIT = 20;

/** Metadata fields Elasticsearch refuses inside a document. */
const ES_METADATA_FIELDS = new Set([
  '_id', '_index', '_source', '_routing', '_type', '_version', '_seq_no', '_primary_term', '_field_names',
  '_ignored', '_nested_path', '_data_stream_timestamp', '_doc_count', '_tier', '_tsid',
]);

type Json = JsonScalar | null | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

class Collector {
  readonly objects = new Set<string>();
  readonly values = new Map<string, JsonScalar[]>();
  readonly problems: PathProblem[] = [];
  private readonly conflicted = new Set<string>();
  private depthReported = false;
  /** Above 0 while the items of an array of objects are walked: their fields are one field's values. */
  arrayItems = 0;

  problem(path: string, message: string): void {
    if (this.conflicted.has(path)) return;
    this.conflicted.add(path);
    this.problems.push({ path, message });
  }

  /** Marks `path` as an object; false when it already holds a value. */
  object(path: string): boolean {
    if (this.values.has(path)) {
      this.problem(path, `${path} holds a value and also an object: one field cannot be mapped as both (Elasticsearch rejects the document)`);
      return false;
    }
    this.objects.add(path);
    return true;
  }

  /** Records the scalars of one JSON key at `path`. */
  scalars(path: string, items: readonly JsonScalar[]): void {
    if (this.objects.has(path)) {
      this.problem(path, `${path} holds an object and also a value: one field cannot be mapped as both (Elasticsearch rejects the document)`);
      return;
    }
    const known = this.values.get(path);
    if (known !== undefined && this.arrayItems > 0) {
      // items of an array of objects share their fields: Elasticsearch indexes them as one field's values
      known.push(...items);
      return;
    }
    if (known !== undefined) {
      this.problem(path, `${path} is given twice (a dotted key and a nested object name the same field)`);
      return;
    }
    this.values.set(path, [...items]);
    let dots = 0;
    for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 46) dots++;
    this.depth(path, dots + 1);
  }

  /** Reports (once per line) a field at `depth` past the limit. */
  depth(path: string, depth: number): void {
    if (this.depthReported || depth <= ES_MAPPING_DEPTH_LIMIT) return;
    this.depthReported = true;
    this.problem(path, `${path} is nested ${depth} levels deep or more, past Elasticsearch's index.mapping.depth.limit of ${ES_MAPPING_DEPTH_LIMIT}`);
  }
}

function nameProblem(key: string): string | undefined {
  if (key === '') return 'an empty field name: Elasticsearch rejects the document';
  const parts = key.split('.');
  for (const part of parts) {
    if (part === '') return `field name ${JSON.stringify(key)} starts or ends with "." or contains "..": Elasticsearch rejects the document`;
    if (part.trim() === '') return `field name ${JSON.stringify(key)} has a blank part: Elasticsearch rejects the document`;
  }
  return undefined;
}

function walk(obj: Readonly<Record<string, unknown>>, prefix: string, into: Collector, level: number): void {
  if (level > ES_MAPPING_DEPTH_LIMIT) {
    // nothing below the limit can be mapped; stop here (hostile nesting cannot exhaust the stack)
    into.depth(`${prefix}.…`, level);
    return;
  }
  for (const key of Object.keys(obj)) {
    if (prefix === '' && ES_METADATA_FIELDS.has(key)) {
      into.problem(key, `${key} is an Elasticsearch metadata field and cannot be inside a document (Elasticsearch rejects it)`);
      continue;
    }
    const value = obj[key] as Json;
    const where = prefix === '' ? key : `${prefix}.${key}`;
    const bad = nameProblem(key);
    if (bad !== undefined) {
      into.problem(where, bad);
      continue;
    }
    if (value === null) continue;
    // every dot opens an object, as in Elasticsearch's dotted-name expansion
    const parts = key.split('.');
    let base = prefix;
    let ok = true;
    for (let i = 0; i < parts.length - 1 && ok; i++) {
      base = base === '' ? parts[i] : `${base}.${parts[i]}`;
      ok = into.object(base);
    }
    if (!ok) continue;
    const path = base === '' ? parts[parts.length - 1] : `${base}.${parts[parts.length - 1]}`;
    place(value, path, into, level + parts.length - 1);
  }
}

function place(value: Json, path: string, into: Collector, level: number): void {
  if (value === null) return;
  if (isObject(value)) {
    if (into.object(path)) walk(value, path, into, level + 1);
    return;
  }
  if (!Array.isArray(value)) {
    into.scalars(path, [value]);
    return;
  }
  // Elasticsearch indexes [[1, 2], [3]] as 1, 2, 3 and skips nulls
  const scalars: JsonScalar[] = [];
  const objects: Record<string, Json>[] = [];
  const flatten = (items: Json[]): void => {
    for (const item of items) {
      if (item === null) continue;
      if (Array.isArray(item)) flatten(item);
      else if (isObject(item)) objects.push(item);
      else scalars.push(item);
    }
  };
  flatten(value);
  if (objects.length > 0 && scalars.length > 0) {
    into.problem(path, `${path} is an array mixing objects and values: Elasticsearch rejects the document`);
    return;
  }
  if (objects.length > 0) {
    if (!into.object(path)) return;
    into.arrayItems++;
    for (const item of objects) walk(item, path, into, level + 1);
    into.arrayItems--;
  } else if (scalars.length > 0) {
    into.scalars(path, scalars);
  }
}

/** The fields of a parsed line (a JSON object). */
export function lineFields(root: Readonly<Record<string, unknown>>): LineFields {
  const into = new Collector();
  walk(root, '', into, 1);
  return { objects: into.objects, values: into.values, rootKeys: Object.keys(root), problems: into.problems };
}

/** The first value at `path`, or `undefined`. */
export function firstValue(fields: LineFields, path: string): JsonScalar | undefined {
  const values = fields.values.get(path);
  return values === undefined ? undefined : values[0];
}

/** True when the line has `path` as a value or as an object. */
export function hasField(fields: LineFields, path: string): boolean {
  return fields.values.has(path) || fields.objects.has(path);
}
