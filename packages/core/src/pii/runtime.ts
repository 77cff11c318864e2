/**
 * A configured PII engine: a provider's current keysets plus the access mode and env, with the
 * token / protect / reveal operations. This object is what the shared global state holds.
 */
import { PiiAccessDeniedError } from '../errors';
import { openValue, sealValue } from './cipher';
import type { Keyset } from './keyset';
import type { KeysetProvider } from './providers/provider';
import type { PiiAccess, PiiKeysetStatus, PiiRuntime, PiiStatus } from './state';
import { createTokenizer, type PiiTokenizer } from './token';

class ProviderRuntime implements PiiRuntime {
  readonly provider: KeysetProvider['name'];
  readonly #source: KeysetProvider;
  #tokenKeyset: Keyset | undefined;
  #tokenizer: PiiTokenizer | undefined;

  constructor(
    source: KeysetProvider,
    readonly access: PiiAccess,
    readonly env: string,
  ) {
    this.provider = source.name;
    this.#source = source;
  }

  tokenizer(): PiiTokenizer | undefined {
    const keyset = this.#source.current().token;
    if (keyset !== this.#tokenKeyset) {
      // A reload installed a new keyset: derive a new tokenizer (and sub-key cache) once.
      this.#tokenKeyset = keyset;
      try {
        this.#tokenizer = createTokenizer(keyset, this.env);
      } catch {
        this.#tokenizer = undefined;
      }
    }
    return this.#tokenizer;
  }

  tokenize(value: string, fieldType: string): string {
    const tokenizer = this.tokenizer();
    // Providers only install usable keysets, so this rethrows createTokenizer's reason if ever reached.
    return (tokenizer ?? createTokenizer(this.#source.current().token, this.env)).tokenize(value, fieldType);
  }

  protect(value: string, fieldType: string, nonce?: Uint8Array): string {
    return sealValue(this.#revealKeyset('protect'), this.env, fieldType, value, nonce);
  }

  reveal(ciphertext: string, fieldType: string): string {
    return openValue(this.#revealKeyset('reveal'), this.env, fieldType, ciphertext);
  }

  status(): PiiStatus {
    const { token, reveal } = this.#source.current();
    const describe = (keyset: Keyset): PiiKeysetStatus => ({ primaryKid: keyset.primaryKid, kids: keyset.kids });
    return {
      provider: this.provider,
      access: this.access,
      env: this.env,
      tokenKeyset: describe(token),
      revealKeyset: this.access === 'full' && reveal !== undefined ? describe(reveal) : undefined,
    };
  }

  close(): void {
    this.#source.close();
    this.#tokenKeyset = undefined;
    this.#tokenizer = undefined;
  }

  toString(): string {
    return `PiiRuntime(provider=${this.provider}, access=${this.access}, env=${this.env})`;
  }

  #revealKeyset(operation: 'protect' | 'reveal'): Keyset {
    const keyset = this.access === 'full' ? this.#source.current().reveal : undefined;
    if (keyset === undefined) {
      throw new PiiAccessDeniedError(
        `${operation}() requires PII_ACCESS=full and a reveal keyset. Current access mode is '${this.access}'.`,
      );
    }
    return keyset;
  }
}

/** Wraps a started provider into the runtime the global state holds. */
export function createRuntime(source: KeysetProvider, access: PiiAccess, env: string): PiiRuntime {
  return new ProviderRuntime(source, access, env);
}
