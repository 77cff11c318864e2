/**
 * The in-memory keyset: key ids, the primary id, and key material that never leaves this object
 * by accident. Key bytes are held as node:crypto `KeyObject`s in a private field; `toString`,
 * `JSON.stringify` and `util.inspect` show ids and sizes only.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

/** Where a keyset came from: the Python ecsctx JSON document, or a JWK Set (RFC 7517 §5). */
export type KeysetFormat = 'ecsctx' | 'jwk-set';

/** What may be known about one key without seeing its bytes. */
export interface KeyInfo {
  /** Key id, case-sensitive. */
  readonly kid: string;
  /** The `alg` recorded with the key (informative: never checked, as in Python). `''` when absent. */
  readonly alg: string;
  /** The `created_at` recorded with the key, `''` when absent. */
  readonly createdAt: string;
  /** Key length in bytes. */
  readonly length: number;
}

/** One key to put in a {@link Keyset}. */
export interface KeyInit {
  /** Key id. */
  readonly kid: string;
  /** Raw key bytes (copied). */
  readonly key: Uint8Array;
  /** Informative algorithm name, e.g. `HMAC-SHA-256` or `AES-256-GCM`. */
  readonly alg?: string;
  /** Informative ISO-8601 creation time. */
  readonly createdAt?: string;
}

/** Everything a {@link Keyset} is made of. */
export interface KeysetInit {
  /** Id of the key used for new tokens / new ciphertexts. May be absent from `keys` (then it cannot be used). */
  readonly primaryKid: string;
  /** The keys, in order. Later duplicates of a kid replace earlier ones. */
  readonly keys: readonly KeyInit[];
  /** `schema_version` of the document; default 1. */
  readonly schemaVersion?: number;
  /** Source format; default `ecsctx`. */
  readonly format?: KeysetFormat;
}

interface Entry {
  readonly info: KeyInfo;
  readonly key: KeyObject;
}

let readKey: (keyset: Keyset, kid: string) => KeyObject | undefined;

/**
 * A set of symmetric keys with a primary key id, as a token keyset (HMAC-SHA-256) or a reveal
 * keyset (AES-GCM). Immutable. Build one with `parseKeyset` or `new Keyset(init)`.
 */
export class Keyset {
  /** Source format. */
  readonly format: KeysetFormat;
  /** `schema_version` of the document (not checked, as in Python). */
  readonly schemaVersion: number;
  /** Id of the key used for new tokens / new ciphertexts. */
  readonly primaryKid: string;
  readonly #entries: ReadonlyMap<string, Entry>;

  static {
    readKey = (keyset, kid) => keyset.#entries.get(kid)?.key;
  }

  constructor(init: KeysetInit) {
    this.format = init.format ?? 'ecsctx';
    this.schemaVersion = init.schemaVersion ?? 1;
    this.primaryKid = init.primaryKid;
    const entries = new Map<string, Entry>();
    for (const key of init.keys) {
      const info: KeyInfo = Object.freeze({
        kid: key.kid,
        alg: key.alg ?? '',
        createdAt: key.createdAt ?? '',
        length: key.key.byteLength,
      });
      entries.set(key.kid, { info, key: createSecretKey(Buffer.from(key.key)) });
    }
    this.#entries = entries;
    Object.freeze(this);
  }

  /** Key ids, in document order. */
  get kids(): readonly string[] {
    return [...this.#entries.keys()];
  }

  /** Whether `primaryKid` names a key of this set (if not, the set cannot make tokens/ciphertexts). */
  get primaryResolves(): boolean {
    return this.#entries.has(this.primaryKid);
  }

  /** Whether the set holds a key with this id (case-sensitive). */
  has(kid: string): boolean {
    return this.#entries.has(kid);
  }

  /** Ids, algorithms, creation times and lengths of the keys, never their bytes. */
  describe(): readonly KeyInfo[] {
    return [...this.#entries.values()].map((entry) => entry.info);
  }

  /** A summary without key material (what `JSON.stringify` writes). */
  toJSON(): { format: KeysetFormat; schemaVersion: number; primaryKid: string; keys: readonly KeyInfo[] } {
    return { format: this.format, schemaVersion: this.schemaVersion, primaryKid: this.primaryKid, keys: this.describe() };
  }

  /** `Keyset(primary=<kid>, kids=[…])`: no key material. */
  toString(): string {
    return `Keyset(primary=${this.primaryKid}, kids=[${this.kids.join(', ')}])`;
  }

  /** `util.inspect` / `console.log` show the same summary as `toString`. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * The key for `kid` as a node:crypto `KeyObject`, for the crypto modules of this package only
 * (not part of the public API).
 */
export function keyObjectOf(keyset: Keyset, kid: string): KeyObject | undefined {
  return readKey(keyset, kid);
}

/** Whether `value` is a {@link Keyset} made by this copy of the package. */
export function isKeyset(value: unknown): value is Keyset {
  return value instanceof Keyset;
}
