/**
 * Every string of a parsed line, keys included, with the dotted path it sits at: the one walk
 * the content checks (`pii`, `secret-value`) share. Iterative, so a hostile nesting depth cannot
 * exhaust the stack.
 */

/** Called for each string: `inKey` is true when `text` is a field name under `path`. */
export type VisitLineString = (text: string, path: string, inKey: boolean) => void;

/** Calls `visit` for every string value and every key of `root`, depth first, in order. */
export function visitLineStrings(root: unknown, visit: VisitLineString): void {
  const pending: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop() as { value: unknown; path: string };
    if (typeof value === 'string') {
      visit(value, path, false);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path });
    } else if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj);
      for (const key of keys) visit(key, path, true);
      for (let i = keys.length - 1; i >= 0; i--) pending.push({ value: obj[keys[i]], path: path === '' ? keys[i] : `${path}.${keys[i]}` });
    }
  }
}
