/**
 * Where the mask's walk goes at a key (see `mask-state`): the root's metadata and skipped
 * keys, the key rules (credentials, sensitivity, parties, credential pairs), trace ids and
 * exempt paths, worked out from the key's class.
 */
import { CredentialKind, Sensitivity, type KeyClass, type KeyClassifier } from './classify-key';
import { PATTERN_ANCHOR_KEYS, stepAccepts, type PathStep } from './exempt-paths';
import { FLAT_PAIRS_STATE, isNeutral, ID_STATE, KEY_ID_STATE, MaskState, METADATA_STATE, NEUTRAL_STATE, SKIP_STATE, type Matcher } from './mask-state';
import { MASK_SKIPPED_ROOT_KEYS } from '../../fields';
import type { TypeNodes } from '../../serialize/ecs-leaf-types';
import { metadataChild, metadataFieldsOf } from './metadata-fields';

/** Root keys holding ECS metadata: scanned, but their fields' names mean nothing (see `metadata-fields` for the keys that turn the key rules back on). */
const KEY_RULES_OFF_ROOT_KEYS = new Set([
  'url', 'user_agent', 'event', 'error', 'log', 'bullmq', 'client', 'server', 'source', 'destination', 'host', 'service', 'project', 'trace', 'span',
]);
/** Roots whose `id` is a trace-context id: a hex id there is kept as it is (see {@link ID_STATE}). */
const TRACE_ID_ROOT_KEYS = ['trace', 'span'] as const;
const SKIPPED_ROOT_KEYS = new Set<string>(MASK_SKIPPED_ROOT_KEYS);
/** Keys whose states are remembered per state, and in all (keys are caller data): past the total, the memory starts again. */
const MAX_KEYS_PER_STATE = 256;
const MAX_REMEMBERED = 16_384;

/** The states of one mask's walk, for its key rules and exempt paths. */
export class KeyStates {
  /** The state of a line's root. */
  rootState: MaskState = new MaskState(true, false, true, Sensitivity.None, CredentialKind.None, false, []);
  private patterns: readonly (readonly PathStep[])[] = [];
  /** The states below each state's keys, worked out (see {@link child}); made anew when the rules change. */
  private children = new WeakMap<MaskState, Map<string, MaskState>>();
  /** How many states {@link children} holds. */
  private remembered = 0;
  /** Plain states below metadata fields, one per set of fields (a few dozen at most). */
  private readonly metadataStates = new Map<TypeNodes, MaskState>();
  /** The fields below `trace` and `span`, whose `id` is a trace-context id. */
  private readonly idParents = new Set(TRACE_ID_ROOT_KEYS.map((key) => metadataFieldsOf(key)));

  constructor(
    private classifier: KeyClassifier,
    /** What the key rules say of a key (the mask's entry for it). */
    private readonly classOf: (key: string) => KeyClass,
  ) {}

  /** Changes the key rules: every state is worked out again. */
  setClassifier(classifier: KeyClassifier): void {
    this.classifier = classifier;
    this.forget();
  }

  /** Changes the exempt paths: a new root state. */
  setPatterns(patterns: readonly (readonly PathStep[])[]): void {
    this.patterns = patterns;
    this.rootState = new MaskState(true, false, true, Sensitivity.None, CredentialKind.None, false, patterns.map((steps) => ({ steps, pos: 0 })));
    this.forget();
  }

  private forget(): void {
    this.children = new WeakMap();
    this.remembered = 0;
  }

  /**
   * The state below `key` (array items: `undefined`) of `state`. Worked out once per state and
   * key: the same paths come back line after line, and a walk that meets the same state can
   * reuse what it made (see `serialize/shared-records`).
   */
  child(state: MaskState, key: string | undefined): MaskState {
    if (key === undefined || state.skip) return this.childOf(state, key);
    let children = this.children.get(state);
    if (children === undefined) {
      children = new Map();
      this.children.set(state, children);
    }
    let child = children.get(key);
    if (child === undefined) {
      child = this.childOf(state, key);
      if (this.remembered >= MAX_REMEMBERED) this.forget();
      else if (children.size < MAX_KEYS_PER_STATE) {
        children.set(key, child);
        this.remembered++;
      }
    }
    return child;
  }

  /** The state below `key` (array items: `undefined`) of `state`, worked out. */
  private childOf(state: MaskState, key: string | undefined): MaskState {
    if (state.skip) return state;
    if ((key === 'rawHeaders' || key === 'rawTrailers') && isNeutral(state)) return FLAT_PAIRS_STATE; // Node's flat header lists
    let keyRules = state.keyRules;
    let metaFields = state.metaFields;
    if (state.root && key !== undefined) {
      if (SKIPPED_ROOT_KEYS.has(key)) return SKIP_STATE;
      if (KEY_RULES_OFF_ROOT_KEYS.has(key)) {
        keyRules = false;
        metaFields = metadataFieldsOf(key) ?? null;
      }
    } else if (!keyRules && key !== undefined && metaFields) {
      if (key === 'id' && this.idParents.has(metaFields)) return ID_STATE;
      // a key the metadata does not define is the caller's own data: the key rules apply
      const below = metadataChild(metaFields, key);
      if (below === undefined) keyRules = true;
      metaFields = below;
    }
    let sensitivity = state.sensitivity;
    let credential = state.credential;
    let exempt = state.exempt;
    let subtree = state.subtree;
    // below a sensitive key, at any depth, a name's or an address's part (`first`, `city`) is PII (see `MaskState.party`)
    const party = state.party || (keyRules && key !== undefined && state.sensitivity !== Sensitivity.None);
    let pairHead = key === undefined ? state.pairHead : undefined;
    let traceIdKey = false;
    if (key !== undefined) {
      // an object's own keys decide (inside an address, everything is sensitive); array items inherit the key that holds the array
      const cls = this.classBelow(state, key);
      pairHead = cls.pairHead;
      traceIdKey = keyRules && cls.traceId;
      // a credential's whole value is secret: the keys of an object under it name its parts
      if (cls.credential !== CredentialKind.None) credential = cls.credential;
      else if (credential === CredentialKind.PathSecret) credential = this.classifier.onlyQualifiers(cls) ? credential : CredentialKind.None;
      else if (credential !== CredentialKind.None) credential = CredentialKind.Secret;
      else if (state.pairHead !== undefined && this.classifier.completesPair(state.pairHead, cls)) credential = CredentialKind.PathSecret;
      else credential = CredentialKind.None;
      if (!keyRules) sensitivity = Sensitivity.None;
      else if (subtree) sensitivity = cls.sensitivity === Sensitivity.Phone ? Sensitivity.Phone : Sensitivity.Generic;
      else {
        sensitivity = cls.sensitivity === Sensitivity.None && cls.partyDetail && party ? Sensitivity.Generic : cls.sensitivity;
        if (cls.subtree) {
          subtree = true;
          if (sensitivity === Sensitivity.None) sensitivity = Sensitivity.Generic;
        }
      }
    }
    let credentialExempt = state.credentialExempt;
    let matchers = state.matchers;
    if (!exempt && (matchers.length > 0 || (key !== undefined && this.patterns.length > 0 && PATTERN_ANCHOR_KEYS.has(key)))) {
      const next: Matcher[] = [];
      for (let i = 0; i < matchers.length; i++) {
        const m = matchers[i];
        const step = m.steps[m.pos];
        if (stepAccepts(step, key)) {
          if (m.pos + 1 === m.steps.length) {
            exempt = true;
            // a credential stays masked unless the pattern names it itself (not `*` or a parent)
            if (step.kind === 'key' && credential !== CredentialKind.None) credentialExempt = true;
          } else next.push({ steps: m.steps, pos: m.pos + 1 });
        }
      }
      if (key !== undefined && PATTERN_ANCHOR_KEYS.has(key)) for (const steps of this.patterns) next.push({ steps, pos: 0 });
      matchers = exempt ? [] : next;
    }
    if (
      !state.root && (key === undefined || traceIdKey === (state === KEY_ID_STATE)) && keyRules === state.keyRules && sensitivity === state.sensitivity && credential === state.credential &&
      exempt === state.exempt && matchers === state.matchers && subtree === state.subtree && credentialExempt === state.credentialExempt &&
      pairHead === state.pairHead && metaFields === state.metaFields && party === state.party
    ) {
      return state;
    }
    // the common states are shared: most keys change nothing the mask cares about
    if (sensitivity === Sensitivity.None && credential === CredentialKind.None && !exempt && matchers.length === 0 && !subtree && pairHead === undefined && !party) {
      if (keyRules) return traceIdKey ? KEY_ID_STATE : NEUTRAL_STATE;
      if (metaFields === null) return METADATA_STATE;
      if (metaFields !== undefined) return this.metadataState(metaFields);
    }
    return new MaskState(false, false, keyRules, sensitivity, credential, exempt, matchers, subtree, credentialExempt, pairHead, metaFields, party);
  }

  /**
   * What the key rules say of `key` below `state`: a key nested under another is judged as
   * their compound when that is a safe key (`{ product: { name } }` is `product_name`; see
   * `KeyClass.pairHead`), else as itself.
   */
  private classBelow(state: MaskState, key: string): KeyClass {
    const own = this.classOf(key);
    return state.pairHead !== undefined && this.classifier.isSafeUnder(state.pairHead, own) ? this.classOf(`${state.pairHead}_${key}`) : own;
  }

  /** The shared plain state below the metadata fields `fields`. */
  private metadataState(fields: TypeNodes): MaskState {
    let state = this.metadataStates.get(fields);
    if (state === undefined) {
      state = new MaskState(false, false, false, Sensitivity.None, CredentialKind.None, false, [], false, false, undefined, fields);
      this.metadataStates.set(fields, state);
    }
    return state;
  }
}
