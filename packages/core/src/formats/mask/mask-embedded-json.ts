/**
 * Credentials inside JSON text: a string that is a JSON object or array (`JSON.stringify(body)`
 * logged as a field, an object label written as its JSON text) is read, every value under a
 * credential key in it is masked as the mask masks it under that key, and every other string
 * in it as the mask masks secrets in any text, read unescaped (`"<entry key=\"db.password\">x</entry>"`).
 * Only credentials are touched here (an argv's `"--password","x"` and a pair's
 * `["password","x"]` included): the text is rewritten (as `JSON.stringify` writes it) only when
 * one was found, and PII in it is then found by the usual free-text scan, as before.
 */

import { arrayPairName, isNameList } from '../../serialize/paired-key';
import { isNameOfWords } from './key-words';

/** Longest text read as JSON (longer ones are scanned as free text only). */
export const MAX_EMBEDDED_JSON = 1 << 20;
/** Deeper than this, a subtree under a credential is replaced whole; elsewhere left as it is. */
const MAX_DEPTH = 64;

/** What the mask answers for one key and one credential value. */
export interface EmbeddedRules<K> {
  /** The credential kind of `key`, or `undefined` when it names none. */
  credentialOf(key: string): K | undefined;
  /** The masked form of a string under a credential of kind `kind`. */
  maskString(value: string, kind: K): string;
  /** A string that is under no credential, with the secrets written in it masked (the same string when there is none). */
  maskText(value: string): string;
  /** What replaces any other leaf under a credential. */
  readonly redacted: string;
  /** The kind of the keys of an object under a credential (every part of a credential is secret). */
  readonly inherited: K;
}

/** True when `text` may be a JSON object or array (first and last non-blank characters). */
function looksLikeJson(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  let j = text.length - 1;
  while (j > i && text.charCodeAt(j) <= 32) j--;
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(j);
  return j > i && ((a === 123 && b === 125) || (a === 91 && b === 93)) && text.indexOf('"') !== -1;
}

/** `text` with its credentials masked, or `undefined` when it is not JSON or holds none. */
export function maskEmbeddedJson<K>(text: string, rules: EmbeddedRules<K>): string | undefined {
  if (text.length > MAX_EMBEDDED_JSON || !looksLikeJson(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const state = { changed: false };
  const out = walk(parsed, undefined, rules, state, 0);
  if (!state.changed) return undefined;
  try {
    return JSON.stringify(out);
  } catch {
    return undefined;
  }
}

function walk<K>(value: unknown, kind: K | undefined, rules: EmbeddedRules<K>, state: { changed: boolean }, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string' || typeof value === 'number') {
    if (kind === undefined) {
      if (typeof value === 'number') return value;
      const masked = rules.maskText(value);
      if (masked !== value) state.changed = true;
      return masked;
    }
    state.changed = true;
    return typeof value === 'string' ? rules.maskString(value, kind) : rules.redacted;
  }
  if (depth >= MAX_DEPTH) {
    if (kind === undefined) return value;
    state.changed = true;
    return rules.redacted;
  }
  if (Array.isArray(value)) {
    // an argv's option value, a pair's second item (see `serialize/paired-key`)
    return value.map((item, i) => {
      const named = kind === undefined && i > 0 ? arrayPairName(value.length, i, value[i - 1]) : undefined;
      const pair = named !== undefined && !isNameList(value[i - 1], item, (text) => isNameOfWords(text, (word) => rules.credentialOf(word) !== undefined)) ? named : undefined;
      return walk(item, pair === undefined ? kind : rules.credentialOf(pair), rules, state, depth + 1);
    });
  }
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const own = rules.credentialOf(key);
    // under a credential, every part is secret; an object's own keys decide elsewhere
    const next = own ?? (kind === undefined ? undefined : rules.inherited);
    const masked = walk(obj[key], next, rules, state, depth + 1);
    if (key === '__proto__') Object.defineProperty(out, key, { value: masked, enumerable: true, writable: true, configurable: true });
    else out[key] = masked;
  }
  return out;
}
