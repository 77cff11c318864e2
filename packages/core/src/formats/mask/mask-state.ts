/**
 * Where the mask's walk is, as far as the mask cares (see `mask-hooks`): the shared states most
 * keys map to, and the one class.
 */
import { CredentialKind, Sensitivity } from './classify-key';
import type { PathStep } from './exempt-paths';
import type { TypeNodes } from '../../serialize/ecs-leaf-types';

/** One exempt-path pattern and how far along it the walk is. */
export interface Matcher {
  readonly steps: readonly PathStep[];
  readonly pos: number;
}

/** Where the walk is, as far as the mask cares. Shared between siblings; never mutated. */
export class MaskState {
  constructor(
    readonly root: boolean,
    readonly skip: boolean,
    readonly keyRules: boolean,
    readonly sensitivity: Sensitivity,
    readonly credential: CredentialKind,
    readonly exempt: boolean,
    readonly matchers: readonly Matcher[],
    /** Inside an address-like object: every leaf is sensitive. */
    readonly subtree: boolean = false,
    /** Below a credential key that an exempt path names itself: credentials are left readable. */
    readonly credentialExempt: boolean = false,
    /** The last word of the key above when it begins a credential pair (`signing` → `key`) or a safe key (`product` → `name`). */
    readonly pairHead: string | undefined = undefined,
    /**
     * Below a metadata root (key rules off): the fields defined here (see `metadata-fields`),
     * `null` below a defined leaf; `undefined` elsewhere.
     */
    readonly metaFields: TypeNodes | null | undefined = undefined,
    /** Below a sensitive key (`billing`, `customer`), at any depth: a name's or an address's part (`first`, `city`) is PII. */
    readonly party: boolean = false,
  ) {}
}

export const SKIP_STATE = new MaskState(false, true, false, Sensitivity.None, CredentialKind.None, true, []);
/** Below the root, nothing special: key rules on. */
export const NEUTRAL_STATE = new MaskState(false, false, true, Sensitivity.None, CredentialKind.None, false, []);
/** Node's `rawHeaders` and `rawTrailers`: like {@link NEUTRAL_STATE}, and a flat list of names and values (see `serialize/paired-key`). */
export const FLAT_PAIRS_STATE = new MaskState(false, false, true, Sensitivity.None, CredentialKind.None, false, []);
/** Below an ECS metadata field-set: scanned, key names mean nothing. */
export const METADATA_STATE = new MaskState(false, false, false, Sensitivity.None, CredentialKind.None, false, [], false, false, undefined, null);
/** A trace or span `id` (see `mask-hooks`): like {@link METADATA_STATE}, and a hex id is kept. */
export const ID_STATE = new MaskState(false, false, false, Sensitivity.None, CredentialKind.None, false, [], false, false, undefined, null);
/** Below a caller's key naming a trace or span id (`span_id`): like {@link NEUTRAL_STATE}, and a hex id is kept. */
export const KEY_ID_STATE = new MaskState(false, false, true, Sensitivity.None, CredentialKind.None, false, []);

/** True when `state` asks nothing of a value (below it, key rules alone decide). */
export function isNeutral(state: MaskState): boolean {
  return !state.skip && state.keyRules && state.sensitivity === Sensitivity.None && state.credential === CredentialKind.None && !state.exempt && state.matchers.length === 0 && !state.subtree && !state.party;
}
