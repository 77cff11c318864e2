/**
 * The keys one labels object is written under. Each key is made safe for Elasticsearch
 * (`sanitizeLabelKey`: `.`, `*`, `\` become `_`, a blank key becomes `_`); two keys of one
 * object that would meet on one safe key are both kept: a key that is safe as given keeps
 * its name, and a key that was changed and meets a name already taken gets `_2`, `_3`, …
 * (the first free) appended.
 */
import { sanitizeLabelKey } from '../fields';

/** The safe key of each of `keys` (in order), no two alike. */
export function safeLabelKeys(keys: readonly string[]): string[] {
  const out: string[] = new Array<string>(keys.length);
  const taken = new Set<string>();
  const changed: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const safe = sanitizeLabelKey(keys[i]);
    if (safe === keys[i] && !taken.has(safe)) {
      out[i] = safe;
      taken.add(safe);
    } else changed.push(i);
  }
  for (let j = 0; j < changed.length; j++) {
    const i = changed[j];
    const safe = sanitizeLabelKey(keys[i]);
    let key = safe;
    for (let n = 2; taken.has(key); n++) key = `${safe}_${n}`;
    out[i] = key;
    taken.add(key);
  }
  return out;
}
