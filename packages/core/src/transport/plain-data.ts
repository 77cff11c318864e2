/**
 * Whether a value is plain JSON data that the line engine would read exactly as it reads its
 * JSON copy: plain objects (prototype Object.prototype or null) and arrays, strings, finite
 * numbers, booleans and null, within the engine's depth, key and field limits. Anything else
 * (class instances, Dates, Errors, Maps, functions, symbols, bigints, non-finite numbers, holes
 * or `undefined` in arrays, toJSON, cycles, a getter that throws) is not: such a line is
 * rendered where it was logged instead.
 */
import { DEFAULT_SANITIZE_LIMITS, type SanitizeLimits } from '../serialize/sanitize-limits';

/** The limits the check stops at (the engine's; past them the engine cuts and reports). */
type PlainLimits = Pick<SanitizeLimits, 'maxDepth' | 'maxKeys' | 'maxArrayItems' | 'maxFields'>;

/** The check with `limits`; `isPlain(value)` is true when the value is plain data within them. */
export class PlainDataCheck {
  private readonly limits: PlainLimits;
  private fields = 0;

  constructor(limits: Partial<SanitizeLimits> = {}) {
    this.limits = { ...DEFAULT_SANITIZE_LIMITS, ...limits };
  }

  /** True when `value` is plain data within the limits. Never throws. */
  isPlain(value: unknown): boolean {
    this.fields = 0;
    try {
      return this.check(value, 0);
    } catch {
      return false; // a getter or a proxy trap threw: the engine decides what to write
    }
  }

  private check(value: unknown, depth: number): boolean {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return true;
      case 'number':
        return Number.isFinite(value);
      case 'object':
        if (value === null) return true;
        if (depth >= this.limits.maxDepth) return false;
        return Array.isArray(value) ? this.array(value, depth) : this.record(value, depth);
      default:
        return false;
    }
  }

  private array(value: readonly unknown[], depth: number): boolean {
    const n = value.length;
    if (n > this.limits.maxArrayItems || (this.fields += n) > this.limits.maxFields) return false;
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < n; i++) {
      const item = value[i];
      if (item === undefined || !this.check(item, depth + 1)) return false;
    }
    return true;
  }

  private record(value: object, depth: number): boolean {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    let keys = 0;
    for (const key in value) {
      if (++keys > this.limits.maxKeys || ++this.fields > this.limits.maxFields) return false;
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined && !this.check(item, depth + 1)) return false;
    }
    return true;
  }
}
