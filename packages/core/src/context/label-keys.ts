/**
 * The keys one labels object is written under. Each key is made safe for Elasticsearch
 * (`sanitizeLabelKey`: `.`, `*`, `\` become `_`, a blank key becomes `_`); two keys of one
 * object that would meet on one safe key are both kept: a key that is safe as given keeps
 * its name, and a key that was changed and meets a name already taken gets `_2`, `_3`, …
 * (the first free) appended.
 */
import { sanitizeLabelKey } from '../fields';
import { distinctNames } from '../serialize/distinct-names';

/** The safe key of each of `keys` (in order), no two alike. */
export function safeLabelKeys(keys: readonly string[]): string[] {
  return distinctNames(keys, sanitizeLabelKey);
}
