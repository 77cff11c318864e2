/**
 * The pair masker (`find-secret-pairs`) with the default key rules, for tests that read its
 * output directly: a token is written `<length>` so a test can see what was replaced.
 */
import { PairName, maskPairs, pairNameOf } from '../../src/formats/mask/find-secret-pairs';
import { KeyClassifier } from '../../src/formats/mask/classify-key';

/** The default key rules. */
export const rules = new KeyClassifier();

/** What the default key rules say of a name's value in text. */
export const nameKind = (name: string): PairName => pairNameOf(rules.classify(name));

/** `text` through the pair masker; a PII value becomes `tokenize(value)` (default `<length>`). */
export function maskPairText(text: string, tokenize: (value: string) => string = (v) => `<${v.length}>`): string {
  return maskPairs(text, nameKind, tokenize);
}
