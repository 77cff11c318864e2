/**
 * The Python interop vectors, read from the in-repo copy `reference/vectors/pii-vectors.json`
 * (`test/reference/reference-copy.test.ts` keeps it equal to the upstream vectors where they sit beside the repository).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Absolute path of `pii-vectors.json`. */
export const PII_VECTORS_PATH = path.resolve(here, '../../../../reference/vectors/pii-vectors.json');

export interface KeysetDoc {
  schema_version: number;
  primary_kid: string;
  keys: Record<string, { alg: string; key_b64: string; created_at?: string }>;
}
export interface TokenVector {
  keyset: string;
  env: string;
  field_type: string;
  input: string;
  normalized: string;
  token: string;
}
export interface CiphertextVector {
  keyset: string;
  kid: string;
  env: string;
  field_type: string;
  plaintext: string;
  nonce_hex: string;
  ciphertext: string;
  produced_by: string;
}
export interface NegativeVector {
  name: string;
  keyset: string;
  env: string;
  field_type: string;
  ciphertext: string;
  expect: 'error';
  python_error: string;
  why: string;
}
export interface LenientVector {
  name: string;
  keyset: string;
  env: string;
  field_type: string;
  ciphertext: string;
  python_result: 'plaintext';
  plaintext: string;
  why: string;
}
export interface KeysetParsingVector {
  name: string;
  document: string;
  python_result: 'parsed' | 'error';
  python_error?: string;
  parsed?: {
    schema_version: number;
    primary_kid: string;
    keys: Record<string, { alg: string; created_at: string; key_hex: string }>;
    primary_resolves: boolean;
  };
}
export interface PiiVectors {
  counts: { tokens: number; ciphertexts: number; negative: number; lenient: number };
  keysets: Record<string, KeysetDoc>;
  normalization: { field_type: string; input: string; normalized: string }[];
  derived_keys: { keyset: string; env: string; field_type: string; context: string; derived_key_hex: string }[];
  tokens: TokenVector[];
  context_collisions: {
    keyset: string;
    members: (Omit<TokenVector, 'keyset'> & { derived_key_hex: string })[];
    tokens_equal: boolean;
  }[];
  ciphertexts: CiphertextVector[];
  ciphertexts_other_key_sizes: CiphertextVector[];
  negative: NegativeVector[];
  lenient: LenientVector[];
  keyset_parsing: KeysetParsingVector[];
  api_notes: ({ name: string } & Record<string, unknown>)[];
}

/** The parsed vector file. */
export const vectors: PiiVectors = JSON.parse(readFileSync(PII_VECTORS_PATH, 'utf8')) as PiiVectors;
