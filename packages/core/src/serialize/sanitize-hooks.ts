/** How the PII mask rides the sanitizing walk, so a line is walked once. */

/**
 * Per-string hooks (the PII mask). `state` is the hook's own view of where the walk is;
 * `child` derives it for a key (`undefined` for array items), `string` rewrites a leaf.
 */
export interface SanitizeHooks<S> {
  child(state: S, key: string | undefined): S;
  /** Optional: the state for an array item that is the value of the pair named `name` (see `paired-key`). */
  pairedItem?(state: S, name: string): S;
  /**
   * Optional, with `pairedItem`: true when `text` is itself a name the hooks act on (each of
   * its words), so a two-item array holding it is a list of names, not a pair.
   */
  isActedOnName?(text: string): boolean;
  /** Optional, with `pairedItem`: true when the array at `state` is a flat list of names and values (Node's `rawHeaders`). */
  flatPairs?(state: S): boolean;
  string(value: string, state: S): string;
  /** Optional: rewrites a finite number (a phone number logged as a number, for example). */
  number?(value: number, state: S): unknown;
  /** Optional: rewrites a date's ISO text (a birth date under a PII key, for example). */
  dateText?(text: string, state: S): string;
  /** Rewrites an object key (an email used as a key, for example); the object path calls it. */
  key(key: string, state: S): string;
  /**
   * Optional: the name an object key is written under, `safeFieldName` of what {@link key}
   * gives (`serialize/field-names`); the hooks may answer from what they already know of the key.
   */
  fieldName?(key: string, state: S): string;
  /**
   * `"key":` (see `fieldNamePrefix`) when `key` would keep its name (`key` returns it
   * unchanged), else `undefined`; the text path calls it. The hooks may answer from what they
   * already know of the key.
   */
  keyText(key: string, state: S): string | undefined;
  /**
   * Optional: a string `string` returned that the hooks know needs no JSON escape; the
   * writer then quotes it without scanning it again.
   */
  readonly plain?: string | undefined;
  /**
   * Optional: an object that stands for everything the hooks' answers depend on besides the
   * state (their rules, their keyset), the same object for as long as none of it changes, or
   * `undefined` when the walk must ask them again each time. With it, a walk gives a shared
   * record (see `shared-records`) a copy of what it made of it before, at the same state.
   * The hooks give a new stamp when a walk had side effects (a redaction for want of a keyset).
   */
  memoStamp?(): object | undefined;
}
