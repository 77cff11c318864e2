/**
 * `npm run bench` is a benchmark, not a timed test; its smoke mode runs here only to prove
 * it still works end to end (every runner, the step shares, OpenTelemetry, memory).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';
import { ensureBuilt } from '../support/built';

/** Runs a callgrind harness on a few iterations of each variant; it throws when one exits non-zero. */
function runEveryVariant(script: string, variants: readonly string[]): void {
  ensureBuilt();
  for (const variant of variants) {
    execFileSync(process.execPath, [join(repoRoot, script), variant, '50'], {
      cwd: repoRoot,
      timeout: 60_000,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
  }
}

describe('npm run bench --smoke', () => {
  it('runs every runner beside the peers and reports ratios', () => {
    ensureBuilt();
    const out = execFileSync(process.execPath, ['--expose-gc', join(repoRoot, 'bench/run.mjs'), '--smoke'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    for (const kind of ['tiny', 'typical', 'large']) expect(out).toContain(`### ${kind} events`);
    for (const runner of ['winston + format.json()', 'winston + @elastic/ecs-winston-format', 'pino + @elastic/ecs-pino-format', 'pino + ecs-pino-format + redact', 'ecsctx, PII from a file keyset', 'ecsctx, PII unconfigured (redaction)', 'ecsctx, PII + bound context + trace']) {
      expect(out).toContain(`| ${runner} |`);
    }
    expect(out).toContain('### Chain steps');
    expect(out).toContain('### OpenTelemetry lookup');
    expect(out).toContain('### Memory');
    const result = JSON.parse(readFileSync(join(repoRoot, 'bench/results/smoke.json'), 'utf8'));
    expect(result.table.tiny['winston + @elastic/ecs-winston-format'].ratio).toBe(1);
    expect(result.table.typical['ecsctx, PII from a file keyset'].median).toBeGreaterThan(0);
  }, 200_000);

  it('bench/express-instructions.mjs (the callgrind harness) serves its requests in every variant', () => {
    // it exits 0 only once every request was answered
    runEveryVariant('bench/express-instructions.mjs', ['bare', 'noop', 'als', 'als2', 'rtracer', 'context', 'access']);
  }, 200_000);

  it('bench/scope-instructions.mjs (the callgrind harness) writes every line in every variant', () => {
    // it exits 0 only when the sink got every line the variant logs
    runEveryVariant('bench/scope-instructions.mjs', ['same', 'same-tick', 'request', 'job-bare', 'job', 'request-only', 'job-bare-only', 'job-only']);
  }, 200_000);
});
