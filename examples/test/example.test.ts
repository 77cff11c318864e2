/**
 * The README's first command, run exactly as written, against the test Redis: it must exit 0,
 * every line must pass the shared ECS checker, the request → outbound call → job → child job
 * lines must share one trace.id with four distinct span.ids, no planted customer value may
 * appear in clear, and the summary it prints must match the lines. With Redis at a closed
 * port it must say so in one clear line and exit non-zero.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../packages/core/test/support/capture';
import { checkEcsLines } from '../../packages/core/test/support/ecs-check';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const firstCommand = /```bash\n([^\n]+)\n/.exec(readme)![1];
const PLANTED = ['Jane Doe', 'jane.doe@example.com', '+965 6666-7777', 'Omar Haddad', 'omar.h@example.org', '+1 (415) 555-0134'];

function runFirstCommand(env: NodeJS.ProcessEnv) {
  return spawnSync('bash', ['-c', firstCommand], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("the README's first command", () => {
  it('is the example', () => {
    expect(firstCommand).toMatch(/^npm run example\b/);
  });

  it('runs the whole story end to end and exits 0', async () => {
    const result = runFirstCommand({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    expect(result.status, result.stderr).toBe(0);
    const out = result.stdout;
    const lines = out.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(20);
    expect(await checkEcsLines(lines)).toEqual([]);
    for (const value of PLANTED) expect(out).not.toContain(value);

    const records = lines.map((l) => JSON.parse(l));
    const caller = records.filter((r) => r.trace?.id === '4bf92f3577b34da6a3ce929d0e0e4736');
    const spanOf = (predicate: (r: any) => boolean) => caller.find(predicate)?.span.id;
    const request = spanOf((r) => r.message === 'payment_requested');
    const outbound = spanOf((r) => r.message === 'http_client_request_completed');
    const job = spanOf((r) => r.bullmq?.job?.name === 'capture-payment');
    const child = spanOf((r) => r.bullmq?.job?.name === 'send-receipt');
    expect(new Set([request, outbound, job, child]).size).toBe(4);
    expect([request, outbound, job, child].every((s) => /^[0-9a-f]{16}$/.test(s))).toBe(true);
    // the risk service saw the outbound call's span as its parent and logged under the same trace
    expect(caller.some((r) => r.service.name === 'risk-api' && r.message === 'risk_scored')).toBe(true);
    // user.id only after auth: the unauthenticated request's lines have none
    const rejected = records.find((r) => r.message === 'payment_rejected');
    expect(rejected.user).toBeUndefined();
    expect(caller.find((r) => r.message === 'payment_requested').user.id).toBe('u-1001');

    // the summary matches the lines
    const summary = out.slice(out.indexOf('# summary'));
    const traceIds = new Set(records.map((r) => r.trace?.id).filter(Boolean));
    for (const id of traceIds) expect(summary).toContain(`trace ${id}`);
    for (const span of [request, outbound, job, child]) expect(summary).toContain(`span ${span}`);
    expect(summary).toMatch(/ecsctx check: \d+ lines, no errors/);
  }, 120_000);

  it('says in one line that Redis does not answer, and exits non-zero', async () => {
    const port = await closedPort();
    const result = runFirstCommand({ REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.status).not.toBe(0);
    const problem = result.stderr.split('\n').filter((l) => l.includes('Redis'));
    expect(problem).toEqual([`Redis does not answer at redis://127.0.0.1:${port}: start it (redis-server --daemonize yes) or point REDIS_URL at one.`]);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);
});
