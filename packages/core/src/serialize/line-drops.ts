/**
 * The parts of a rendered line that a line cap may drop whole, each with the bytes it takes,
 * and the dropping itself: a part is removed from its (already copied) object, an object it
 * leaves empty goes too, and its dotted name is listed for `labels.ecsctx_truncated`, whose
 * text stays within a fixed number of bytes however many parts go.
 */
import { isPlainObject } from './own-property';
import { jsonStringBytes, utf8Bytes } from './json-bytes';

/** A part of a line that can be dropped: its path from the root and its bytes as `"key":value`. */
export interface DropUnit {
  /** Keys from the root of the line to the part. */
  readonly path: readonly string[];
  /** UTF-8 bytes of `"key":value` in the line (the comma before it not counted). */
  readonly bytes: number;
}

/** Room the names of the dropped parts may take in `labels.ecsctx_truncated`, in bytes of JSON. */
const NAMES_MAX_BYTES = 256;
/** Room the `, and N more` after the names may take. */
const MORE_MAX_BYTES = 32;

function entryBytes(key: string, value: unknown): number {
  return jsonStringBytes(key) + 1 + utf8Bytes(JSON.stringify(value) ?? '');
}

/** The largest first; equal ones in line order. */
function largestFirst(units: DropUnit[]): DropUnit[] {
  return units.sort((a, b) => b.bytes - a.bytes);
}

/**
 * The root fields a cap drops first, largest first: every root key but `kept`; of `error`,
 * every key but `type` (`error.type` is kept with the trace and service fields).
 */
export function optionalUnits(line: Record<string, unknown>, kept: ReadonlySet<string>): DropUnit[] {
  const units: DropUnit[] = [];
  for (const key of Object.keys(line)) {
    if (kept.has(key)) continue;
    const value = line[key];
    if (key === 'error' && isPlainObject(value) && typeof value.type === 'string') {
      for (const sub of Object.keys(value)) if (sub !== 'type') units.push({ path: [key, sub], bytes: entryBytes(sub, value[sub]) });
    } else {
      units.push({ path: [key], bytes: entryBytes(key, value) });
    }
  }
  return largestFirst(units);
}

function collectLeaves(value: Record<string, unknown>, path: string[], skip: string | undefined, out: DropUnit[]): void {
  for (const key of Object.keys(value)) {
    if (key === skip) continue;
    const child = value[key];
    path.push(key);
    if (isPlainObject(child) && Object.keys(child).length > 0) collectLeaves(child, path, undefined, out);
    else out.push({ path: [...path], bytes: entryBytes(key, child) });
    path.pop();
  }
}

/**
 * The leaves of the kept objects (`roots`, and `error.type`), largest first: what a cap drops
 * when the optional fields are gone and the line is still too long. A kept root that is not
 * an object is one leaf; `labels[skipLabel]` is not one.
 */
export function keptLeafUnits(line: Record<string, unknown>, roots: readonly string[], skipLabel: string): DropUnit[] {
  const units: DropUnit[] = [];
  for (const root of roots) {
    if (!Object.hasOwn(line, root)) continue;
    const value = line[root];
    if (isPlainObject(value) && Object.keys(value).length > 0) collectLeaves(value, [root], root === 'labels' ? skipLabel : undefined, units);
    else units.push({ path: [root], bytes: entryBytes(root, value) });
  }
  const error = line.error;
  if (isPlainObject(error) && Object.hasOwn(error, 'type')) units.push({ path: ['error', 'type'], bytes: entryBytes('type', error.type) });
  return largestFirst(units);
}

/**
 * Removes `path` from `line` (whose objects on the path are the cap's own copies), then every
 * object on the path it left empty. `sizes` counts the keys left in each object seen so far.
 */
export function removePath(line: Record<string, unknown>, path: readonly string[], sizes: Map<object, number>): void {
  const chain: Record<string, unknown>[] = [line];
  for (let i = 0; i < path.length - 1; i++) {
    const next = chain[i][path[i]];
    if (!isPlainObject(next)) return;
    chain.push(next);
  }
  if (!Object.hasOwn(chain[chain.length - 1], path[path.length - 1])) return;
  for (let i = chain.length - 1; i >= 0; i--) {
    const holder = chain[i];
    delete holder[path[i]];
    const left = (sizes.get(holder) ?? Object.keys(holder).length + 1) - 1;
    sizes.set(holder, left);
    if (left > 0 || i === 0) return;
  }
}

/** The text of `labels.ecsctx_truncated`: the line's size and the dotted names of what went. */
export class DroppedNames {
  private readonly listed: string[] = [];
  private listedBytes = 0;
  private more = 0;

  /** @param head - what the text starts with (the cap and the line's size). */
  constructor(private readonly head: string) {}

  /** How many parts were dropped. */
  get count(): number {
    return this.listed.length + this.more;
  }

  /** Adds the path of a dropped part; past the room for names it is only counted. */
  add(path: readonly string[]): void {
    const name = path.join('.');
    const cost = jsonStringBytes(name); // the name without its quotes, and ", " before it
    if (this.more === 0 && this.listedBytes + cost <= NAMES_MAX_BYTES) {
      this.listed.push(name);
      this.listedBytes += cost;
    } else {
      this.more++;
    }
  }

  /** At least the bytes {@link text} takes as JSON, quotes included. */
  bytes(): number {
    return jsonStringBytes(this.head) + ': dropped '.length + this.listedBytes + (this.more > 0 ? MORE_MAX_BYTES : 0);
  }

  /** `<head>: dropped a, b.c, and 3 more`, or the head alone when nothing was dropped. */
  text(): string {
    if (this.count === 0) return this.head;
    const more = this.more > 0 ? `, and ${this.more} more` : '';
    return `${this.head}: dropped ${this.listed.join(', ')}${more}`;
  }
}
