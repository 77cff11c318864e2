/**
 * One mask's compiled options (`MaskOptions`, the environment, `configureMasking`) and its
 * per-line set-up, shared by the `mask` format and `MaskedJsonWriter`.
 */
import { KeyClassifier, resolveKeyRules, type KeyRules } from './classify-key';
import { compileExemptPath, type PathStep } from './exempt-paths';
import { phoneRules } from './find-phones';
import { UrlSecretMasker } from './mask-url-secrets';
import { maskingState } from './mask-config';
import { MaskHooks } from './mask-hooks';
import { parseCsv } from '../../env-vars';
import type { SanitizeLimits } from '../../serialize/sanitize-limits';
import { resolveLimits } from '../../serialize/sanitize-limits';
import { getPiiTokenizer } from '../../pii/index';
import { reportDiagnostic } from '../../diagnostics';

/** Options of {@link maskPii}. */
export interface MaskOptions extends KeyRules {
  /** More query parameter names whose values are masked in URLs (besides `SECRET_QUERY_PARAMS`). */
  secretQueryParams?: readonly string[];
  /** Paths not tokenized by key (added to `PII_MASK_EXEMPT_PATHS` and `configureMasking`). */
  exemptPaths?: readonly string[];
  /**
   * Regions (ISO 3166 alpha-2, e.g. `['US', 'GB']`) whose national phone numbers are found in
   * free text without a `+` (added to `PII_MASK_PHONE_REGIONS`; default `US`).
   */
  phoneRegions?: readonly string[];
  /** Caps applied by the walk. */
  limits?: Partial<SanitizeLimits>;
  /** The environment to read instead of `process.env` (tests). */
  env?: NodeJS.ProcessEnv;
}

/**
 * One mask's compiled options and per-line set-up, shared by the `mask` format and the
 * preset's line writer: `begin()` before a line, `end()` after it.
 */
export class MaskRun {
  /** The hooks the sanitizing walk calls. */
  readonly hooks: MaskHooks;
  /** Caps of the walk. */
  readonly limits: SanitizeLimits;
  private readonly ownPatterns: readonly (readonly PathStep[])[];
  private readonly ownRules: Required<KeyRules>;
  private seenVersion = -1;

  constructor(options: MaskOptions = {}) {
    const env = options.env ?? process.env;
    this.limits = resolveLimits(options.limits);
    const ownPaths = [...(options.exemptPaths ?? []), ...parseCsv(env.PII_MASK_EXEMPT_PATHS)];
    this.ownPatterns = ownPaths.map(compileExemptPath);
    const ownRules = resolveKeyRules('mask', options, env);
    this.ownRules = ownRules;
    const regions = [...(options.phoneRegions ?? []), ...parseCsv(env.PII_MASK_PHONE_REGIONS)];
    // validates the lists now (start-up), not on the first line
    const hooks: MaskHooks = new MaskHooks(
      new KeyClassifier(ownRules),
      new UrlSecretMasker(options.secretQueryParams, (name) => hooks.isCredentialKey(name), (name, value) => hooks.queryPiiValue(name, value)),
      phoneRules(regions),
    );
    this.hooks = hooks;
  }

  /** The version of the process-wide masking settings the hooks follow (see `configureMasking`). */
  get maskingVersion(): number {
    return this.seenVersion;
  }

  /** Picks up process-wide changes (exempt paths, the token keyset) for the next line. */
  begin(): void {
    const shared = maskingState();
    if (shared.version !== this.seenVersion) {
      this.seenVersion = shared.version;
      this.hooks.setPatterns([...this.ownPatterns, ...shared.exemptPaths.map(compileExemptPath)]);
      const own = this.ownRules;
      const more = shared.keyRules;
      this.hooks.setClassifier(
        new KeyClassifier({
          secretKeys: [...own.secretKeys, ...(more.secretKeys ?? [])],
          safeKeys: [...own.safeKeys, ...(more.safeKeys ?? [])],
          sensitiveKeyParts: [...own.sensitiveKeyParts, ...(more.sensitiveKeyParts ?? [])],
        }),
      );
    }
    this.hooks.tokenizer = getPiiTokenizer();
    this.hooks.redactions = 0;
  }

  /** Reports what the line needed (redactions for want of a keyset). */
  end(): void {
    if (this.hooks.redactions > 0) {
      reportDiagnostic('ECSCTX_PII_REDACTED', 'PII was redacted as [PII_REDACTED]: no token keyset is loaded (configure PII_PROVIDER or call configurePii())');
    }
  }
}

