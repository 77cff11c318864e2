/**
 * The names one object's keys are written under, no two alike: each key is rewritten (made
 * safe for Elasticsearch, masked), and two keys that would meet on one name are both kept — a
 * key the rewrite leaves as it is keeps its name, and a key that was changed and meets a name
 * already taken gets `_2`, `_3`, … (the first free) appended.
 */

/**
 * The name of each of `keys` (in order, distinct: an object's own keys), no two alike (see
 * the module comment). When the rewrite changes no key the names are the keys themselves.
 */
export function distinctNames(keys: readonly string[], rewrite: (key: string) => string): string[] {
  const written: string[] = new Array<string>(keys.length);
  let firstChanged = -1;
  for (let i = 0; i < keys.length; i++) {
    const name = (written[i] = rewrite(keys[i]));
    if (firstChanged < 0 && name !== keys[i]) firstChanged = i;
  }
  if (firstChanged < 0) return written; // distinct keys, each kept as it is
  // the keys kept as they are hold their names; each changed one takes its name or the first free `_n`
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i++) if (written[i] === keys[i]) taken.add(keys[i]);
  for (let i = firstChanged; i < keys.length; i++) {
    if (written[i] === keys[i]) continue;
    let name = written[i];
    if (taken.has(name)) {
      let n = 2;
      while (taken.has(`${written[i]}_${n}`)) n++;
      name = `${written[i]}_${n}`;
    }
    written[i] = name;
    taken.add(name);
  }
  return written;
}
