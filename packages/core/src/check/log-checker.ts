/**
 * A check run over a service's stdout: each line parsed once and given to the line checks,
 * the type checks and the PII scan; the cross-line checks (custom field types, `user.id` on
 * authenticated requests) carried over the whole run and decided at the end.
 */
import { EcsctxOptionsError } from '../errors';
import { DynamicMappings } from './dynamic-mapping';
import { CHECK_IDS, isCheckId, type CheckId, type LineFinding } from './findings';
import { checkLine } from './line-checks';
import { lineFields } from './line-fields';
import { scanLineForPii } from './pii-scan';
import { SecretKeyScanner } from './secret-keys';
import { resolveKeyRules, type KeyRules } from '../formats/mask/classify-key';
import { scanLineForSecrets } from './secret-values';
import { ReportBuilder, type CheckReport } from './report';
import { checkLineTypes } from './type-checks';
import { UserIdTracker } from './user-id-check';

/** Options of a check run. */
export interface CheckOptions {
  /** List at most this many findings (the counts stay complete). Default: all. */
  maxFindings?: number;
  /** Checks not to run (their counts stay zero). Default: none. */
  skip?: readonly CheckId[];
  /**
   * More credential key words or word pairs for the `secret` check, as the mask's
   * `secretKeys` (added to the built-in ones and to `PII_MASK_SECRET_KEYS`).
   */
  secretKeys?: readonly string[];
  /** More keys the `secret` check never reports, as the mask's `safeKeys` (added to `PII_MASK_SAFE_KEYS`). */
  safeKeys?: readonly string[];
}

interface ResolvedOptions {
  readonly maxFindings: number;
  readonly skip: ReadonlySet<CheckId>;
  readonly keyRules: KeyRules;
}

/** A check run fed line by line (what the CLI uses to stream large files). */
export interface LogChecker {
  /**
   * Checks one line (without its line break). `source` names the input it came from; lines
   * are numbered per source, blank lines included in the numbering but not checked.
   */
  checkLine(text: string, source?: string): void;
  /** Ends the run: decides the cross-line checks and returns the report. Call once. */
  finish(): CheckReport;
}

function resolveOptions(options: CheckOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new EcsctxOptionsError('check: options must be an object');
  const maxFindings = options.maxFindings ?? Infinity;
  if (typeof maxFindings !== 'number' || Number.isNaN(maxFindings) || maxFindings < 0 || (Number.isFinite(maxFindings) && !Number.isInteger(maxFindings))) {
    throw new EcsctxOptionsError('check: maxFindings must be a non-negative integer');
  }
  const skip = options.skip ?? [];
  if (!Array.isArray(skip)) throw new EcsctxOptionsError('check: skip must be an array of check ids');
  for (const id of skip) {
    if (typeof id !== 'string' || !isCheckId(id)) throw new EcsctxOptionsError(`check: unknown check ${JSON.stringify(id)} in skip (known: ${CHECK_IDS.join(', ')})`);
  }
  return {
    maxFindings,
    skip: new Set(skip),
    // the same credential keys as the mask: the built-in ones, the environment's and these
    keyRules: resolveKeyRules('check', { secretKeys: options.secretKeys, safeKeys: options.safeKeys }, process.env),
  };
}

function parseObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // the parser's message quotes the line; the report never repeats input
    return text.trimStart().startsWith('{') ? 'the line is not valid JSON (cut or malformed)' : 'the line is not JSON (plain text, e.g. from another process or a stack trace)';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `the line is JSON but ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not an object`;
  }
  return value as Record<string, unknown>;
}

/**
 * Starts a check run.
 *
 * @throws EcsctxOptionsError for a bad `maxFindings` or an unknown id in `skip`.
 * @example
 * const checker = createLogChecker({ maxFindings: 100 });
 * for (const line of text.split('\n')) checker.checkLine(line, 'app.log');
 * const report = checker.finish();
 */
export function createLogChecker(options: CheckOptions = {}): LogChecker {
  const { maxFindings, skip, keyRules } = resolveOptions(options);
  const builder = new ReportBuilder(maxFindings, CHECK_IDS.filter((id) => skip.has(id)));
  const dynamic = new DynamicMappings();
  const users = new UserIdTracker();
  const secrets = new SecretKeyScanner(keyRules);
  const lineNumbers = new Map<string | undefined, number>();
  const sourceOrder = new Map<string | undefined, number>();
  let lines = 0;
  let finished = false;

  const add = (found: LineFinding, source: string | undefined, line: number): void => {
    if (skip.has(found.check)) return;
    const finding = source === undefined ? { line, ...found } : { source, line, ...found };
    builder.add(finding, sourceOrder.get(source) as number);
  };

  return {
    checkLine(text: string, source?: string): void {
      if (finished) throw new EcsctxOptionsError('check: checkLine() after finish()');
      if (!sourceOrder.has(source)) sourceOrder.set(source, sourceOrder.size);
      const line = (lineNumbers.get(source) ?? 0) + 1;
      lineNumbers.set(source, line);
      const body = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (body.trim() === '') return;
      lines++;
      const parsed = parseObject(body);
      if (typeof parsed === 'string') {
        add({ check: 'not-json', severity: 'error', path: '$', message: parsed }, source, line);
        return;
      }
      const fields = lineFields(parsed);
      for (const found of checkLine(fields)) add(found, source, line);
      const where = source === undefined ? `line ${line}` : `${source} line ${line}`;
      for (const found of checkLineTypes(fields, dynamic, where)) add(found, source, line);
      if (!skip.has('pii')) for (const found of scanLineForPii(parsed)) add(found, source, line);
      if (!skip.has('secret')) for (const found of secrets.scan(parsed)) add(found, source, line);
      if (!skip.has('secret-value')) for (const found of scanLineForSecrets(parsed)) add(found, source, line);
      if (!skip.has('user-id')) users.observe(fields, source === undefined ? { line } : { source, line });
    },
    finish(): CheckReport {
      if (!finished) {
        finished = true;
        for (const found of users.finish()) {
          const { source, line, ...rest } = found;
          add(rest, source, line);
        }
      }
      return builder.build(lines);
    },
  };
}

/**
 * Checks a whole text (a service's stdout, NDJSON): lines split on `\n` or `\r\n`.
 *
 * @see seed README §17 (dry run: verifying your setup), §14 (ECS reserved fields)
 * @example
 * const report = checkLogText(readFileSync('app.log', 'utf8'));
 * if (!report.ok) console.error(formatCheckReport(report));
 */
export function checkLogText(text: string, options: CheckOptions = {}): CheckReport {
  if (typeof text !== 'string') throw new EcsctxOptionsError('checkLogText: text must be a string');
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return checkLogLines(
    lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)),
    options,
  );
}

/**
 * Checks lines (each one log record, without its line break), as one run.
 *
 * @example
 * const report = checkLogLines(capture.lines);
 * expect(report.errors).toBe(0);
 */
export function checkLogLines(lines: Iterable<string>, options: CheckOptions = {}): CheckReport {
  const checker = createLogChecker(options);
  for (const line of lines) checker.checkLine(line);
  return checker.finish();
}
