/**
 * A JSON-safe copy of bound values for the carrier. BullMQ stores job options with
 * `JSON.stringify`, which throws on a BigInt or a cycle: the copy must make that
 * impossible, because capturing context must never make `queue.add()` fail.
 * It degrades in steps: a value it cannot copy becomes a short marker string.
 */
import { MAX_CAPTURED_DEPTH } from './carrier';

/** What a cycle is replaced with. */
export const CIRCULAR_MARKER = '[Circular]';
/** What a value deeper than {@link MAX_CAPTURED_DEPTH} is replaced with. */
export const TRUNCATED_MARKER = '[Truncated]';

/**
 * Copies `value` into plain JSON data: BigInt → decimal string, Date → ISO string,
 * non-finite numbers → null, functions/symbols/undefined → dropped, objects → their own
 * enumerable string keys, cycles and excessive depth → marker strings. Never throws.
 */
export function toJsonSafe(value: unknown): unknown {
  return copy(value, 0, new Set());
}

function copy(value: unknown, depth: number, seen: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return null;
  const obj = value as object;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? null : obj.toISOString();
  if (seen.has(obj)) return CIRCULAR_MARKER;
  if (depth >= MAX_CAPTURED_DEPTH) return TRUNCATED_MARKER;
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const out: unknown[] = [];
      for (let i = 0; i < obj.length; i++) {
        const item = copy(obj[i], depth + 1, seen);
        out.push(item === undefined ? null : item);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      const item = copy((obj as Record<string, unknown>)[key], depth + 1, seen);
      if (item !== undefined) setOwnData(out, key, item);
    }
    return out;
  } catch {
    // a throwing getter or proxy trap
    return TRUNCATED_MARKER;
  } finally {
    seen.delete(obj);
  }
}

/** `target[key] = value` as an own data property, also for a key named `__proto__`. */
export function setOwnData(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** True for a non-null object that is not an array (what JSON calls an object). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
