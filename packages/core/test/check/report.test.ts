/**
 * The programmatic API of `ecsctx check`: options checked at the boundary, the report's
 * counts and listing, its text rendering, and two properties over arbitrary input: the
 * checker never throws, and its report never repeats a value of the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EcsctxOptionsError } from '@ecsctx/core';
import { CHECK_IDS, checkLogLines, checkLogText, createLogChecker, formatCheckReport, formatFinding } from '@ecsctx/core/check';

const GOOD =
  '{"@timestamp":"2025-01-13T10:30:00.000Z","log.level":"info","message":"health_check","ecs.version":"1.12.0","service":{"name":"app","version":"1.0.0"},"trace":{"id":"0af7651916cd43dd8448eb211c80319c"},"span":{"id":"b7ad6b7169203331"}}';

describe('options', () => {
  it('rejects a bad maxFindings or an unknown check id when the run starts', () => {
    expect(() => createLogChecker({ maxFindings: -1 })).toThrow(EcsctxOptionsError);
    expect(() => createLogChecker({ maxFindings: 1.5 })).toThrow(EcsctxOptionsError);
    expect(() => createLogChecker({ skip: ['no-such-check' as never] })).toThrow(/unknown check "no-such-check"/);
    expect(() => checkLogText(42 as never)).toThrow(EcsctxOptionsError);
  });

  it('lists at most maxFindings findings but counts all of them', () => {
    const report = checkLogLines(['a', 'b', 'c', 'd'], { maxFindings: 2 });
    expect(report.findings.map((f) => f.line)).toEqual([1, 2]);
    expect(report).toMatchObject({ errors: 4, unlisted: 2, ok: false });
    expect(report.checks['not-json']).toEqual({ errors: 4, warnings: 0 });
  });

  it('runs no skipped check and says which were skipped', () => {
    const report = checkLogLines(['plain text'], { skip: ['not-json'] });
    expect(report).toMatchObject({ errors: 0, ok: true, skipped: ['not-json'], lines: 1 });
  });
});

describe('the run', () => {
  it('numbers lines per source and lists findings in input order', () => {
    const checker = createLogChecker();
    checker.checkLine(GOOD, 'a.log');
    checker.checkLine('oops', 'b.log');
    checker.checkLine('oops again', 'a.log');
    const report = checker.finish();
    expect(report.findings.map((f) => `${f.source}:${f.line}`)).toEqual(['a.log:2', 'b.log:1']);
  });

  it('gives the same report when finish() is called twice, and refuses lines after it', () => {
    const checker = createLogChecker();
    checker.checkLine('oops');
    expect(checker.finish()).toEqual(checker.finish());
    expect(() => checker.checkLine(GOOD)).toThrow(EcsctxOptionsError);
  });

  it('reports every check id, zeros included, and the ECS version', () => {
    const report = checkLogLines([GOOD]);
    expect(Object.keys(report.checks)).toEqual([...CHECK_IDS]);
    expect(report).toMatchObject({ ecsVersion: '1.12.0', lines: 1, errors: 0, warnings: 0, ok: true, findings: [], unlisted: 0, skipped: [] });
  });
});

describe('formatCheckReport', () => {
  it('prints one line per finding, then the summary with the counts of each check that found something', () => {
    const report = checkLogLines(['oops', GOOD.replace('"trace":{"id":"0af7651916cd43dd8448eb211c80319c"},', '')]);
    expect(formatCheckReport(report).split('\n')).toEqual([
      'line 1: error [not-json] the line is not JSON (plain text, e.g. from another process or a stack trace)',
      'line 2: warning [trace-id] trace.id is absent: fine on start-up and shutdown lines; a line logged while serving a request or running a job must have it',
      '',
      'ecsctx check: 2 lines, 1 error, 1 warning (ECS 1.12.0)',
      '  not-json          1 error',
      '  trace-id          1 warning',
    ]);
  });

  it('prints only the summary when quiet, and says when nothing was read or not everything is listed', () => {
    expect(formatCheckReport(checkLogLines(['x', 'y'], { maxFindings: 1 }), { quiet: true })).toBe('ecsctx check: 2 lines, 2 errors, no warnings (ECS 1.12.0)\n  not-json          2 errors');
    expect(formatCheckReport(checkLogLines(['x', 'y'], { maxFindings: 1 }))).toContain('1 more finding not listed');
    expect(formatCheckReport(checkLogLines([]))).toBe('ecsctx check: 0 lines, no errors, no warnings (ECS 1.12.0)\n  no log lines were read: nothing was checked');
  });

  it('names the source of a finding when there is one', () => {
    expect(formatFinding({ source: 'app.log', line: 3, check: 'pii', severity: 'error', path: 'message', message: 'm' })).toBe('app.log:3: error [pii] m');
  });
});

describe('properties', () => {
  it('never throws, whatever the lines, and its counts add up', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ extra: v, labels: v, http: v, 'a.b': v })))), (lines) => {
        const report = checkLogLines(lines);
        const total = Object.values(report.checks).reduce((n, c) => n + c.errors + c.warnings, 0);
        expect(total).toBe(report.errors + report.warnings);
        expect(report.findings.length + report.unlisted).toBe(total);
      }),
      { numRuns: 300 },
    );
  });

  it('never repeats a value of the input in its report', () => {
    const secret = fc.stringMatching(/^[A-Za-z]{12,20}$/).map((s) => `SECRET${s}`);
    fc.assert(
      fc.property(secret, fc.constantFrom('message', 'error', 'client', 'extra', 'trace'), (value, key) => {
        const line = JSON.parse(GOOD) as Record<string, unknown>;
        line[key] = key === 'client' ? { ip: value } : key === 'trace' ? { id: value } : `${value} mail ${value.toLowerCase()}@example.com`;
        const report = checkLogLines([JSON.stringify(line), value, `{"${value}":`]);
        expect(report.errors).toBeGreaterThan(0);
        expect(JSON.stringify(report) + formatCheckReport(report)).not.toContain(value);
      }),
      { numRuns: 100 },
    );
  });
});
