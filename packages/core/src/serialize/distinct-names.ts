/**
 * The names one object's keys are written under, no two alike: each key is rewritten (made
 * safe for Elasticsearch, masked), and two keys that would meet on one name are both kept — a
 * key the rewrite leaves as it is keeps its name, and a key that was changed and meets a name
 * already taken gets `_2`, `_3`, … (the first free) appended.
 */

/** The name of each of `keys` (in order), no two alike (see the module comment). */
export function distinctNames(keys: readonly string[], rewrite: (key: string) => string): string[] {
  const out: string[] = new Array<string>(keys.length);
  const written: string[] = new Array<string>(keys.length);
  const taken = new Set<string>();
  const changed: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const name = (written[i] = rewrite(keys[i]));
    if (name === keys[i] && !taken.has(name)) {
      out[i] = name;
      taken.add(name);
    } else changed.push(i);
  }
  for (const i of changed) {
    let name = written[i];
    if (taken.has(name)) {
      let n = 2;
      while (taken.has(`${written[i]}_${n}`)) n++;
      name = `${written[i]}_${n}`;
    }
    out[i] = name;
    taken.add(name);
  }
  return out;
}
