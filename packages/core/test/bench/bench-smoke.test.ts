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
    for (const sink of ['bytes', 'strings']) {
      for (const kind of ['tiny', 'typical', 'large']) {
        const modes = sink === 'bytes' ? ['steady', 'paced', 'burst'] : ['steady', 'burst'];
        for (const mode of modes) expect(out).toMatch(new RegExp(`#### ${kind} lines, ${mode} .*, sink taking ${sink}`));
      }
    }
    expect(out).toContain('### Headline: sink taking bytes');
    const runners = ['winston + format.json()', 'winston + @elastic/ecs-winston-format', 'pino + @elastic/ecs-pino-format', 'pino + ecs-pino-format + redact', 'pino + ecs-pino-format + redact + HMAC censor', 'ecsctx, PII from a file keyset', 'ecsctx, PII unconfigured (redaction)', 'ecsctx, PII + bound context + trace', 'ecsctx on a worker thread, PII from a file keyset', 'ecsctx on a worker thread, PII + bound context + trace'];
    for (const runner of runners) expect(out).toContain(`| ${runner} |`);
    expect(out).toContain('### Cold start');
    expect(out).toContain('### Chain steps');
    expect(out).toContain('### OpenTelemetry lookup');
    expect(out).toContain('### Memory');
    const result = JSON.parse(readFileSync(join(repoRoot, 'bench/results/smoke.json'), 'utf8'));
    expect(result.table.tiny['winston + @elastic/ecs-winston-format'].ratio).toBe(1);
    expect(result.table.typical['ecsctx, PII from a file keyset'].median).toBeGreaterThan(0);
    // every runner wrote its lines, and the two that tokenize wrote tokens on the lines that carry PII
    for (const kind of ['tiny', 'typical', 'large']) {
      for (const runner of runners) expect(result.content[kind][runner].lines).toBe(20);
    }
    for (const runner of ['pino + ecs-pino-format + redact + HMAC censor', 'ecsctx, PII from a file keyset', 'ecsctx on a worker thread, PII from a file keyset']) {
      expect(result.content.typical[runner].tokens).toBeGreaterThanOrEqual(4);
      expect(result.content.large[runner].tokens).toBeGreaterThanOrEqual(20);
    }
    // ratios are taken per repetition: the peers' own ratio is exactly 1 in every one
    const steady = result.summaries.bytes.steady.large['pino + ecs-pino-format + redact + HMAC censor'].vsHmac;
    expect([steady.min, steady.max]).toEqual([1, 1]);
  }, 200_000);

  it('bench/express-instructions.mjs (the callgrind harness) serves its requests in every variant', () => {
    // it exits 0 only once every request was answered
    runEveryVariant('bench/express-instructions.mjs', ['bare', 'noop', 'als', 'als2', 'rtracer', 'context', 'access', 'access1-worker']);
  }, 200_000);

  it('bench/scope-instructions.mjs (the callgrind harness) writes every line in every variant', () => {
    // it exits 0 only when the sink got every line the variant logs
    runEveryVariant('bench/scope-instructions.mjs', ['same', 'same-tick', 'request', 'job-bare', 'job', 'request-only', 'job-bare-only', 'job-only']);
  }, 200_000);
});
