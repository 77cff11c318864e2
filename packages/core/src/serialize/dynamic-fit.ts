/**
 * Fields outside the ECS table are mapped by Elasticsearch from the first value it sees for
 * their path (dynamic mapping): a later value of another kind in the same document (`{ a: {} }`
 * then `a: 1` among an array's items, `[0, ""]`, `{ 'a.b': 1 }` beside `a: 2`) makes it reject
 * the document. The first value of a path, in line order, keeps it; a later value that does
 * not fit that first mapping is taken out and collected (the renderer keeps it under
 * `extra.ecsctx_collisions`). Kinds as Elasticsearch maps JSON: a string is a keyword (any
 * scalar fits later), a number long or float (numbers and numeric strings fit later), a boolean
 * (`"true"`, `"false"`, `""` fit later), an object (only objects fit later).
 *
 * Only the items of one array can give a path two values (the sanitizer writes arrays of
 * mixed scalars as text, and renames a dotted key that clashes with a sibling), so only
 * arrays of objects are walked path by path.
 */
import type { TypeNode, TypeNodes } from './ecs-leaf-types';
import { isPlainObject, type DisplacedValue } from './own-property';

type DynKind = 'keyword' | 'number' | 'boolean' | 'object';

const NUMERIC_STRING = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function kindOf(value: unknown): DynKind | undefined {
  switch (typeof value) {
    case 'string': return 'keyword';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'object': return value === null ? undefined : 'object';
    default: return undefined;
  }
}

function fitsKind(first: DynKind, value: unknown, kind: DynKind): boolean {
  if (first === kind) return true;
  switch (first) {
    case 'keyword': return kind !== 'object';
    case 'number': return typeof value === 'string' && NUMERIC_STRING.test(value.trim());
    case 'boolean': return value === 'true' || value === 'false' || value === '';
    default: return false;
  }
}

/**
 * One path of an array's items: the kind its first value gave it, and the paths below it.
 * Paths are a tree of keys, so a leaf's path is never built as text unless a value there
 * is taken out (a dotted key `a.b` and a nested `a: { b }` reach the same node).
 */
class PathNode {
  kind: DynKind | undefined = undefined;
  private children: Map<string, PathNode> | undefined = undefined;

  constructor(
    private readonly parent: PathNode | undefined,
    private readonly key: string,
  ) {}

  child(key: string): PathNode {
    const children = (this.children ??= new Map());
    let node = children.get(key);
    if (node === undefined) children.set(key, (node = new PathNode(this, key)));
    return node;
  }

  /** The dotted path (only for values taken out). */
  path(): string {
    return this.parent === undefined ? this.key : this.parent.path() + '.' + this.key;
  }
}

/** One array's walk: the first kind of each path, and what had to be taken out. */
class DynamicWalk {
  readonly displaced: DisplacedValue[] = [];

  /** Whether `value` (a scalar or an object, not an array) may stay at `at`. */
  private admit(at: PathNode, value: unknown): boolean {
    const kind = kindOf(value);
    if (kind === undefined) return true;
    const first = at.kind;
    if (first === undefined) {
      at.kind = kind;
      return true;
    }
    return fitsKind(first, value, kind);
  }

  /**
   * The node of a dotted key below `parent`, registering the objects it stands for (`a.b.c`
   * → `a`, `a.b`); `undefined` on a clash.
   */
  private dottedNode(parent: PathNode, key: string): PathNode | undefined {
    let at = parent;
    let from = 0;
    for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', from)) {
      at = at.child(key.slice(from, dot));
      if (!this.admit(at, OBJECT)) return undefined;
      from = dot + 1;
    }
    return at.child(key.slice(from));
  }

  object(object: Record<string, unknown>, parent: PathNode, nodes: TypeNodes | undefined): void {
    if (Object.isFrozen(object)) return; // built by the library from plain strings
    const keys = Object.keys(object);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const node = nodes === undefined ? undefined : nodes[key];
      // ECS leaves are typed by the ECS table (see ecs-leaf-types); ECS objects are walked
      if (node !== undefined && node.type !== undefined) continue;
      const value = object[key];
      const at = key.indexOf('.') === -1 ? parent.child(key) : this.dottedNode(parent, key);
      if (at === undefined) this.takeOut(object, key, parent.child(key), value);
      else if (Array.isArray(value)) this.array(object, key, at, value, node);
      else if (!this.admit(at, value)) this.takeOut(object, key, at, value);
      else if (isPlainObject(value)) this.object(value, at, node?.children);
    }
  }

  /** Walks the items of the array `object[key]` found at `path`. */
  arrayAt(object: Record<string, unknown>, key: string, path: string, value: unknown[]): void {
    this.array(object, key, new PathNode(undefined, path), value, undefined);
  }

  private array(object: Record<string, unknown>, key: string, at: PathNode, value: unknown[], node: TypeNode | undefined): void {
    let kept: unknown[] | undefined;
    const items = value;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const fits = Array.isArray(item) ? this.nested(at, item, node) : this.admit(at, item);
      if (!fits) {
        kept ??= items.slice(0, i);
        this.displaced.push({ path: at.path(), value: item });
        continue;
      }
      if (isPlainObject(item)) this.object(item, at, node?.children);
      if (kept !== undefined) kept.push(item);
    }
    if (kept !== undefined) object[key] = kept;
  }

  /** A nested array's items, flattened as Elasticsearch does; true when all fit. */
  private nested(at: PathNode, items: unknown[], node: TypeNode | undefined): boolean {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (Array.isArray(item) ? !this.nested(at, item, node) : !this.admit(at, item)) return false;
      if (isPlainObject(item)) this.object(item, at, node?.children);
    }
    return true;
  }

  private takeOut(object: Record<string, unknown>, key: string, at: PathNode, value: unknown): void {
    delete object[key];
    this.displaced.push({ path: at.path(), value });
  }
}

const OBJECT = {};

/**
 * Finds the arrays holding objects: outside arrays each path of a line occurs once (dotted
 * keys that clash with a sibling are renamed by the sanitizer), so only the items of one
 * array can map a path two ways. Paths are built only for those arrays.
 */
function findObjectArrays(object: Record<string, unknown>, path: string[], out: DisplacedValue[]): void {
  if (Object.isFrozen(object)) return; // built by the library from plain strings
  for (const key in object) {
    const value = object[key];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      if (holdsObjects(value) && !flatAndAlike(value)) {
        const walk = new DynamicWalk();
        walk.arrayAt(object, key, path.length === 0 ? key : path.join('.') + '.' + key, value);
        for (let i = 0; i < walk.displaced.length; i++) out.push(walk.displaced[i]);
      }
    } else if (isPlainObject(value)) {
      path.push(key);
      findObjectArrays(value, path, out);
      path.pop();
    }
  }
}

/**
 * True for the common array of flat records whose fields keep one kind across items
 * (`[{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }]`): nothing to take out, no path to build.
 * Anything else (nested objects or arrays, dotted keys, a field changing kind) is walked.
 */
function flatAndAlike(items: readonly unknown[]): boolean {
  let kinds: Map<string, DynKind> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null) continue;
    if (!isPlainObject(item)) return false;
    for (const key in item) {
      const value = item[key];
      if ((value !== null && typeof value === 'object') || key.indexOf('.') !== -1) return false;
      const kind = kindOf(value);
      if (kind === undefined) continue;
      const first = (kinds ??= new Map()).get(key);
      if (first === undefined) kinds.set(key, kind);
      else if (!fitsKind(first, value, kind)) return false;
    }
  }
  return true;
}

function holdsObjects(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item !== null && typeof item === 'object') return true;
  }
  return false;
}

/**
 * Takes out of the line's fields (in place; the renderer's own copies) each value that does
 * not fit the dynamic mapping its path got from an earlier value of the line, and returns
 * them with their paths. Root keys `skip` are not walked.
 */
export function fitDynamicTypes(fields: Record<string, unknown>, skip: ReadonlySet<string>): DisplacedValue[] {
  const out: DisplacedValue[] = [];
  const path: string[] = [];
  for (const key in fields) {
    if (skip.has(key)) continue;
    const value = fields[key];
    if (!isPlainObject(value)) continue;
    path.push(key);
    findObjectArrays(value, path, out);
    path.pop();
  }
  return out;
}
