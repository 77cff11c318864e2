/**
 * Path exemptions of the PII mask (`configureMasking({ exemptPaths })`,
 * `PII_MASK_EXEMPT_PATHS`): `key`, `a.b`, `[*]` for one array step, `*` for one key step.
 * A pattern exempts the path it names and everything below it (prefix match). Patterns are
 * anchored at the line's root and at the root of each container (`payload`, `headers`,
 * `args`, `kwargs`, `body`, `extra`), so `payment_methods[*].name` matches
 * `payload.payment_methods[0].name`.
 */
import { EcsctxOptionsError } from '../../errors';

/** One step of a compiled pattern: a key name, `*` (any key) or `[*]` (any array item). */
export type PathStep = { kind: 'key'; name: string } | { kind: 'anyKey' } | { kind: 'index' };

/** Keys whose value is a container where patterns are anchored too. */
export const PATTERN_ANCHOR_KEYS = new Set(['payload', 'headers', 'args', 'kwargs', 'body', 'extra']);

/** Compiles one pattern; throws `EcsctxOptionsError` on a malformed one (at configuration time). */
export function compileExemptPath(pattern: string): PathStep[] {
  const steps: PathStep[] = [];
  const text = pattern.trim();
  if (text === '') throw new EcsctxOptionsError('exempt path is empty');
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('[*]', i)) {
      steps.push({ kind: 'index' });
      i += 3;
      if (text[i] === '.') i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const name = text.slice(i, end);
    if (name === '') throw new EcsctxOptionsError(`exempt path ${JSON.stringify(pattern)} has an empty step`);
    steps.push(name === '*' ? { kind: 'anyKey' } : { kind: 'key', name });
    i = end;
    if (text[i] === '.') {
      i++;
      if (i === text.length) throw new EcsctxOptionsError(`exempt path ${JSON.stringify(pattern)} ends with a dot`);
    } else if (text[i] === '[' && !text.startsWith('[*]', i)) {
      throw new EcsctxOptionsError(`exempt path ${JSON.stringify(pattern)}: only [*] is supported inside brackets`);
    }
  }
  return steps;
}

/** True when `step` accepts a path step (`key` undefined is an array item). */
export function stepAccepts(step: PathStep, key: string | undefined): boolean {
  if (key === undefined) return step.kind === 'index';
  return step.kind === 'anyKey' || (step.kind === 'key' && step.name === key);
}
