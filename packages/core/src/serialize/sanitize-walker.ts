/**
 * The text path of the sanitizing walk: writes a value straight as JSON text, the same data
 * `JSON.stringify` of the bounded copy would give, without building the copy. Where a cap
 * would cut something it throws {@link CAP_REACHED} and the caller takes the object path.
 */
import { maskKeyOf, pairedItemState } from './paired-key';
import { quoteJson } from './json-text';
import { alignRecord, alignValue, convertLeaf, type TypeNode, type TypeNodes } from './ecs-leaf-types';
import { BoundedCopy, MAX_NESTING } from './bounded-copy';
import { cachedFieldNamePrefix } from './field-names';
import { hasPlainPrototype, hasToJson, readIndex, readProperty } from './hostile-reads';
import { cleanJsonText, isKnownClean } from './known-clean';
import { isOneKind, Kind, kindOf, kindsOf } from './value-kinds';
import { copySanitizeReport, newSanitizeReport, type SanitizeReport } from './sanitize-report';

/**
 * Thrown by the text path (`SanitizeWalker.write*`) where a cap would cut something (keys,
 * items, fields): the caller walks that value the object way instead.
 */
export const CAP_REACHED: unique symbol = Symbol('ecsctx.cap-reached') as never;

/** What {@link SanitizeWalker.writeValue} wrote nothing for (`undefined`, a function). */
export const WROTE_NOTHING = -1;

/**
 * The walk behind `sanitizeRecord`, which can also write its result straight as JSON
 * text (`writeValue`): the same data `JSON.stringify(sanitized)` would give, with ECS leaf
 * types aligned, without building the sanitized copy. Used by `MaskedJsonWriter`;
 * `fields` and `text` are reset by the caller for each value.
 */
/** How the text path writes an object (see `routeOf`). */
const ROUTE_CLEAN = 0;
const ROUTE_ARRAY = 1;
const ROUTE_RECORD = 2;
const ROUTE_OBJECT_PATH = 3;

export class SanitizeWalker<S> extends BoundedCopy<S> {
  /** JSON written so far by the `write*` methods. */
  text = '';
  /** Saved report counts by nesting level (see `saveCounts`). */
  private readonly savedCounts: SanitizeReport[] = [];

  /** Counts `value` as an enclosing object of what is written next (see `leaveObject`). */
  enterObject(value: object): void {
    this.ancestors.push(value);
  }

  /** Ends {@link enterObject}. */
  leaveObject(): void {
    this.ancestors.pop();
  }

  /**
   * Appends the JSON of `value` sanitized at `depth` (as `value()` makes it), with the ECS
   * leaf types of `node` applied as {@link alignValue} would. Returns the Elasticsearch kind
   * of what it wrote (arrays: their items' kinds), or {@link WROTE_NOTHING}.
   */
  writeValue(value: unknown, depth: number, state: S, node: TypeNode | undefined): number {
    switch (typeof value) {
      case 'string': {
        const clean = this.string(value, state);
        if (node !== undefined && node.type !== undefined) {
          const converted = convertLeaf(node.type, clean);
          if (converted !== clean) return this.writeScalar(converted);
        }
        const hooks = this.hooks;
        this.text += hooks !== undefined && clean === hooks.plain ? '"' + clean + '"' : quoteJson(clean);
        return Kind.String;
      }
      case 'number': {
        let clean: unknown = value;
        if (!Number.isFinite(value)) clean = null;
        else if (this.hooks && this.hooks.number) clean = this.hooks.number(value, state);
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, clean) : clean);
      }
      case 'boolean':
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, value) : value);
      case 'bigint':
      case 'symbol': {
        // a BigInt is written as its digits, a Symbol as `Symbol(description)`: masked like any
        // string (a `pin`, a phone number, a secret in a description)
        const text = this.string(value.toString(), state);
        return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, text) : text);
      }
      case 'undefined':
      case 'function':
        return WROTE_NOTHING;
      default:
        if (value === null) return this.writeScalar(node !== undefined && node.type !== undefined ? convertLeaf(node.type, null) : null);
        return this.writeObject(value as object, depth, state, node);
    }
  }

  /**
   * Appends `{…}` for the plain object `value` (its toJSON checked by the caller).
   *
   * The keys come from `for…in` with an own-property check rather than `Object.keys`: V8 then
   * reads them from the object's enum cache and loads each value by its index, with no keys
   * array per object (callgrind, a typical line through the whole logger: ~139 k → 130–136 k
   * instructions). The caps are counted key by key; a line over one is rendered the object
   * way either way. An object whose keys cannot be listed (a proxy's trap throws) takes the
   * object path.
   */
  writeRecord(value: Record<string, unknown>, depth: number, state: S, children: TypeNodes | undefined): number {
    const limits = this.limits;
    const start = this.text.length;
    const fieldsBefore = this.fields;
    const countsBefore = this.saveCounts();
    const hooks = this.hooks;
    let rewritten = false;
    let count = 0;
    this.ancestors.push(value);
    try {
      try {
        this.text += '{';
        let first = true;
        for (const key in value) {
          if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
          if (++count > limits.maxKeys || ++this.fields > limits.maxFields) throw CAP_REACHED;
          const raw = readProperty(value, key, this.report);
          if (raw === undefined || typeof raw === 'function') continue;
          const prefix = hooks === undefined ? cachedFieldNamePrefix(key) : hooks.keyText(key, state);
          if (prefix === undefined || key.indexOf('.') !== -1) {
            // a rewritten key can meet another key of the same object, and a dotted key can
            // name a sibling's path (separate-dotted-paths): the object path decides
            rewritten = true;
            break;
          }
          const mark = this.text.length;
          this.text += first ? prefix : ',' + prefix;
          const kind = this.writeValue(raw, depth + 1, hooks ? hooks.child(state, maskKeyOf(value, key)) : state, children !== undefined ? children[key] : undefined);
          if (kind === WROTE_NOTHING) this.text = this.text.slice(0, mark);
          else first = false;
        }
      } catch (error) {
        if (error === CAP_REACHED) throw error;
        // the keys could not be listed or checked (a proxy's trap threw): the object path
        rewritten = true;
      }
      if (rewritten) {
        this.text = this.text.slice(0, start);
        this.fields = fieldsBefore;
        copySanitizeReport(countsBefore, this.report); // the object path counts its own
        const record = this.record(value, depth, state);
        if (children !== undefined) alignRecord(record, children);
        this.text += JSON.stringify(record);
      } else this.text += '}';
    } finally {
      this.ancestors.pop();
    }
    return Kind.Object;
  }

  /**
   * The report's counts before the object at the current nesting is written, kept so that a
   * text walk redone on the object path takes back everything it counted (one saved report
   * per nesting level, reused).
   */
  private saveCounts(): SanitizeReport {
    const level = this.ancestors.length;
    const saved = (this.savedCounts[level] ??= newSanitizeReport());
    copySanitizeReport(this.report, saved);
    return saved;
  }

  private writeScalar(value: unknown): number {
    switch (typeof value) {
      case 'string':
        this.text += quoteJson(value);
        return Kind.String;
      case 'number':
        if (!Number.isFinite(value)) {
          this.text += 'null';
          return Kind.None;
        }
        this.text += String(value);
        return kindOf(value);
      case 'boolean':
        this.text += value ? 'true' : 'false';
        return Kind.Boolean;
      default:
        this.text += 'null';
        return Kind.None;
    }
  }

  private writeObject(value: object, depth: number, state: S, node: TypeNode | undefined): number {
    let route: number;
    try {
      route = this.routeOf(value, depth, node);
    } catch {
      route = ROUTE_OBJECT_PATH; // a revoked Proxy, a trap that throws: the object path writes its marker
    }
    switch (route) {
      case ROUTE_CLEAN:
        this.text += cleanJsonText(value);
        return Array.isArray(value) ? kindsOf(value) : Kind.Object;
      case ROUTE_ARRAY:
        return this.writeArray(value as readonly unknown[], depth, state);
      case ROUTE_RECORD:
        return this.writeRecord(value as Record<string, unknown>, depth, state, node === undefined ? undefined : node.children);
      default:
        // Dates, Errors, Maps, class instances, toJSON, markers, arrays of ECS leaves (their
        // kinds count before the leaf conversion): the object path, then its JSON
        return this.writeSanitized(this.value(value, depth, state), node);
    }
  }

  /** How `value` is written (its checks may throw on a hostile Proxy). */
  private routeOf(value: object, depth: number, node: TypeNode | undefined): number {
    if (Object.isFrozen(value) && isKnownClean(value)) return ROUTE_CLEAN;
    if (Array.isArray(value)) return node !== undefined && node.type !== undefined ? ROUTE_OBJECT_PATH : ROUTE_ARRAY;
    if (depth < this.limits.maxDepth && hasPlainPrototype(value) && !this.ancestors.includes(value) && !hasToJson(value)) return ROUTE_RECORD;
    return ROUTE_OBJECT_PATH;
  }

  private writeSanitized(clean: unknown, node: TypeNode | undefined): number {
    if (clean === undefined) return WROTE_NOTHING;
    const aligned = node !== undefined ? alignValue(clean, node) : clean;
    this.text += JSON.stringify(aligned);
    return kindOf(aligned);
  }

  private writeArray(value: readonly unknown[], depth: number, state: S): number {
    const ancestors = this.ancestors;
    if (ancestors.includes(value) || ancestors.length >= MAX_NESTING) return this.writeSanitized(this.array(value, depth, state), undefined);
    let n: number;
    try {
      n = value.length;
    } catch {
      return this.writeSanitized(this.value(value, depth, state), undefined); // a Proxy's trap threw: its marker
    }
    if (n > this.limits.maxArrayItems) throw CAP_REACHED;
    const start = this.text.length;
    const fieldsBefore = this.fields;
    const countsBefore = this.saveCounts();
    let kinds = 0;
    ancestors.push(value);
    try {
      this.text += '[';
      const itemState = this.hooks ? this.hooks.child(state, undefined) : state;
      let previous: unknown;
      for (let i = 0; i < n; i++) {
        if (i > 0) this.text += ',';
        const item = readIndex(value, i, this.report);
        const kind = this.writeValue(item, depth, pairedItemState(this.hooks, itemState, n, i, previous, item), undefined);
        if (kind === WROTE_NOTHING) this.text += 'null';
        else kinds |= kind;
        previous = item;
      }
      this.text += ']';
    } finally {
      ancestors.pop();
    }
    if (isOneKind(kinds)) return kinds;
    // items of mixed kinds: the object path writes them all as strings
    this.text = this.text.slice(0, start);
    this.fields = fieldsBefore;
    copySanitizeReport(countsBefore, this.report); // the object path counts its own
    return this.writeSanitized(this.array(value, depth, state), undefined);
  }
}
