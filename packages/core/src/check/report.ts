/**
 * The result of a check run, and its two renderings: the text a person reads (findings, then
 * a summary with per-check counts) and the JSON a machine reads (the report itself).
 */
import { ECS_VERSION } from '../fields';
import { CHECK_IDS, type CheckFinding, type CheckId } from './findings';

/** Errors and warnings of one check. */
export interface CheckCounts {
  readonly errors: number;
  readonly warnings: number;
}

/** What a check run found. `JSON.stringify(report)` is the `--json` output of `ecsctx check`. */
export interface CheckReport {
  /** The ECS version the lines were checked against (`1.12.0`). */
  readonly ecsVersion: string;
  /** Non-blank lines checked. */
  readonly lines: number;
  /** Findings with severity `error`, all of them (also those not listed). */
  readonly errors: number;
  /** Findings with severity `warning`, all of them. */
  readonly warnings: number;
  /** No errors. */
  readonly ok: boolean;
  /** Counts per check, every check listed (zeros included, skipped ones too). */
  readonly checks: Readonly<Record<CheckId, CheckCounts>>;
  /** Checks that were not run. */
  readonly skipped: readonly CheckId[];
  /** The listed findings, in input order (at most `maxFindings`). */
  readonly findings: readonly CheckFinding[];
  /** Findings counted but not listed because of `maxFindings`. */
  readonly unlisted: number;
}

/** Options of {@link formatCheckReport}. */
export interface FormatReportOptions {
  /** Only the summary, no findings. Default `false`. */
  quiet?: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function counts(c: CheckCounts): string {
  const parts: string[] = [];
  if (c.errors > 0) parts.push(plural(c.errors, 'error'));
  if (c.warnings > 0) parts.push(plural(c.warnings, 'warning'));
  return parts.join(', ');
}

/** One finding as a line: `app.log:3: error [trace-id] trace.id is not 32 lowercase hex…`. */
export function formatFinding(finding: CheckFinding): string {
  const where = finding.source === undefined ? `line ${finding.line}` : `${finding.source}:${finding.line}`;
  return `${where}: ${finding.severity} [${finding.check}] ${finding.message}`;
}

/**
 * The report as text: one line per listed finding (unless `quiet`), then the summary:
 * lines read, errors, warnings, and the counts of every check that found something.
 *
 * @example
 * const report = checkLogText(stdoutOfTheService);
 * process.stderr.write(formatCheckReport(report, { quiet: report.ok }) + '\n');
 */
export function formatCheckReport(report: CheckReport, options: FormatReportOptions = {}): string {
  const out: string[] = [];
  if (options.quiet !== true) for (const finding of report.findings) out.push(formatFinding(finding));
  const head = `ecsctx check: ${plural(report.lines, 'line')}, ${report.errors === 0 ? 'no errors' : plural(report.errors, 'error')}, ${
    report.warnings === 0 ? 'no warnings' : plural(report.warnings, 'warning')
  } (ECS ${report.ecsVersion})`;
  if (out.length > 0) out.push('');
  out.push(head);
  const width = Math.max(...CHECK_IDS.map((id) => id.length));
  for (const id of CHECK_IDS) {
    const c = report.checks[id];
    if (c.errors + c.warnings > 0) out.push(`  ${id.padEnd(width)}  ${counts(c)}`);
  }
  if (report.skipped.length > 0) out.push(`  skipped: ${report.skipped.join(', ')}`);
  if (report.unlisted > 0 && options.quiet !== true) {
    out.push(`  ${plural(report.unlisted, 'more finding')} not listed (raise --max-findings to see them)`);
  }
  if (report.lines === 0) out.push('  no log lines were read: nothing was checked');
  return out.join('\n');
}

/** Builds the counts of a run; `add` one finding at a time, `build` once. */
export class ReportBuilder {
  private readonly counts = new Map<CheckId, { errors: number; warnings: number }>(CHECK_IDS.map((id) => [id, { errors: 0, warnings: 0 }]));
  private readonly listed: { finding: CheckFinding; order: number }[] = [];
  private errors = 0;
  private warnings = 0;
  private unlisted = 0;

  constructor(
    private readonly maxFindings: number,
    private readonly skipped: readonly CheckId[],
  ) {}

  /** Counts a finding, and lists it while there is room. `order` is its input's position. */
  add(finding: CheckFinding, order: number): void {
    const c = this.counts.get(finding.check) as { errors: number; warnings: number };
    if (finding.severity === 'error') {
      c.errors++;
      this.errors++;
    } else {
      c.warnings++;
      this.warnings++;
    }
    if (this.listed.length < this.maxFindings) this.listed.push({ finding, order });
    else this.unlisted++;
  }

  /** The report of everything added. */
  build(lines: number): CheckReport {
    const listed = [...this.listed].sort((a, b) => a.order - b.order || a.finding.line - b.finding.line);
    const checks = {} as Record<CheckId, CheckCounts>;
    for (const id of CHECK_IDS) checks[id] = { ...(this.counts.get(id) as CheckCounts) };
    return {
      ecsVersion: ECS_VERSION,
      lines,
      errors: this.errors,
      warnings: this.warnings,
      ok: this.errors === 0,
      checks,
      skipped: [...this.skipped],
      findings: listed.map((l) => l.finding),
      unlisted: this.unlisted,
    };
  }
}
