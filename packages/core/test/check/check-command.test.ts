/**
 * `ecsctx check` as a command: in-process through `run(args, io)` with real streams, and
 * once as the built binary in a child process (after `tsc -b packages/core`).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, usage } from '../../src/cli/commands/check';
import type { CliIo } from '../../src/cli/io';
import { makeTempDir } from '../support/pii-files';
import { repoRoot } from '../support/capture';
import { CHECK_IDS, type CheckReport } from '@ecsctx/core/check';

const GOOD =
  '{"@timestamp":"2025-01-13T10:30:00.000Z","log.level":"info","message":"health_check","ecs.version":"1.12.0","service":{"name":"app","version":"1.0.0"},"trace":{"id":"0af7651916cd43dd8448eb211c80319c"},"span":{"id":"b7ad6b7169203331"}}';
const NO_SPAN = GOOD.replace(',"span":{"id":"b7ad6b7169203331"}', '');
const BAD = GOOD.replace('"health_check"', '"mail jane@example.org"');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function check(args: string[], stdin?: string): Promise<Result> {
  const out = sink();
  const err = sink();
  const input = new PassThrough();
  if (stdin !== undefined) input.end(stdin);
  else input.end();
  const io: CliIo = { stdin: input, stdout: out.stream, stderr: err.stream, env: {} };
  const code = await run(args, io);
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out.text(), stderr: err.text() };
}

let dir: string;
let cleanup: () => void;
let goodFile: string;
let badFile: string;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('ecsctx-check-'));
  goodFile = join(dir, 'good.log');
  badFile = join(dir, 'bad.log');
  writeFileSync(goodFile, `${GOOD}\n${GOOD}\n`);
  writeFileSync(badFile, `starting up...\n${BAD}\n${NO_SPAN}\n`);
});
afterAll(() => cleanup());

describe('ecsctx check (in-process)', () => {
  it('exits 0 on good lines from stdin and prints the summary', async () => {
    const result = await check([], `${GOOD}\n${GOOD}\n`);
    expect(result).toEqual({ code: 0, stdout: 'ecsctx check: 2 lines, no errors, no warnings (ECS 1.12.0)\n', stderr: '' });
  });

  it("reads stdin for '-' too", async () => {
    expect((await check(['-'], `${GOOD}\n`)).code).toBe(0);
  });

  it('exits 1 on errors and lists each finding with its file and line', async () => {
    const result = await check([badFile]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `${badFile}:1: error [not-json] the line is not JSON (plain text, e.g. from another process or a stack trace)`,
      `${badFile}:2: error [pii] message holds an email address in clear: it must be tokenized (ptok:v1:…) or redacted; is the mask in the chain?`,
      `${badFile}:3: warning [span-id] span.id is absent: fine on start-up and shutdown lines; a line logged while serving a request or running a job must have it`,
    ]);
    expect(lines.slice(4)).toEqual(['ecsctx check: 3 lines, 2 errors, 1 warning (ECS 1.12.0)', '  not-json          1 error', '  span-id           1 warning', '  pii               1 error']);
    expect(result.stdout).not.toContain('jane');
  });

  it('exits 0 with warnings only, and 1 with --strict', async () => {
    expect((await check([], `${NO_SPAN}\n`)).code).toBe(0);
    expect((await check(['--strict'], `${NO_SPAN}\n`)).code).toBe(1);
  });

  it('exits 1 when there is no line at all', async () => {
    const result = await check([], '\n\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no log lines were read');
  });

  it('checks several inputs as one run, stdin among them', async () => {
    const result = await check([goodFile, '-', badFile, '--quiet'], `${GOOD}\n`);
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe('ecsctx check: 6 lines, 2 errors, 1 warning (ECS 1.12.0)');
  });

  it('prints the CheckReport as one JSON document with --json', async () => {
    const result = await check(['--json', badFile]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as CheckReport;
    expect(Object.keys(report)).toEqual(['ecsVersion', 'lines', 'errors', 'warnings', 'ok', 'checks', 'skipped', 'findings', 'unlisted']);
    expect(report).toMatchObject({ ecsVersion: '1.12.0', lines: 3, errors: 2, warnings: 1, ok: false, unlisted: 0 });
    expect(Object.keys(report.checks)).toEqual([...CHECK_IDS]);
    expect(report.findings[0]).toEqual({
      source: badFile,
      line: 1,
      check: 'not-json',
      severity: 'error',
      path: '$',
      message: 'the line is not JSON (plain text, e.g. from another process or a stack trace)',
    });
  });

  it('drops the findings list with --json --quiet, and caps it with --max-findings', async () => {
    const quiet = JSON.parse((await check(['--json', '-q', badFile])).stdout) as CheckReport;
    expect(quiet).toMatchObject({ findings: [], unlisted: 3, errors: 2 });
    const capped = await check(['--max-findings', '1', badFile]);
    expect(capped.stdout).toContain('2 more findings not listed');
  });

  it('runs without the checks named by --skip', async () => {
    const result = await check(['--skip', 'not-json,pii', badFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('skipped: not-json, pii');
  });

  it.each([
    [['--max-findings', 'ten'], /--max-findings must be a non-negative integer/],
    [['--skip', 'everything'], /unknown check "everything"/],
    [['--colour'], /Unknown option '--colour'/],
  ])('throws a usage error for %j', async (args, message) => {
    await expect(check(args, '')).rejects.toThrow(message);
  });

  it('exits 2 for an unreadable input, before reading anything', async () => {
    const missing = await check([goodFile, join(dir, 'missing.log')]);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `ecsctx check: cannot read ${join(dir, 'missing.log')}: no such file\n` });
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    expect((await check([sub])).stderr).toBe(`ecsctx check: cannot read ${sub}: is a directory\n`);
    expect((await check(['-', '-'], '')).stderr).toBe("ecsctx check: '-' (stdin) given more than once\n");
  });

  it('prints its help, listing every check', async () => {
    const result = await check(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(usage + '\n');
    for (const id of CHECK_IDS) expect(usage).toContain(`  ${id} `);
  });
});

const DIST = join(repoRoot, 'packages', 'core', 'dist');
const built = existsSync(join(DIST, 'cli', 'commands', 'check.js'));

/**
 * `ecsctx check …` through the built `main` dispatcher. Until `cli/registry.ts` lists the
 * command, the child adds the built command module to the registry's list before dispatching.
 */
function spawnCheck(args: string[], stdin: string): Promise<Result> {
  const registry = createRequire(import.meta.url)(join(DIST, 'cli', 'registry.js')) as { COMMANDS: { name: string }[] };
  const wired = registry.COMMANDS.some((c) => c.name === 'check');
  const cli = join(DIST, 'cli');
  const argv = wired
    ? [join(cli, 'main.js'), 'check', ...args]
    : [
        '-e',
        `require(${JSON.stringify(join(cli, 'registry.js'))}).COMMANDS.push(require(${JSON.stringify(join(cli, 'commands', 'check.js'))}));` +
          `require(${JSON.stringify(join(cli, 'main.js'))}).main(['check', ...process.argv.slice(1)], process).then((c) => { process.exitCode = c; })`,
        '--',
        ...args,
      ];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, argv, { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

describe.skipIf(!built)('the built ecsctx check (packages/core/dist)', () => {
  it('reads a pipe, exits 1 on errors and 0 on good lines', async () => {
    const bad = await spawnCheck(['--json'], `${BAD}\nplain text\n`);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ lines: 2, errors: 2, ok: false });
    const good = await spawnCheck([goodFile], '');
    expect(good).toEqual({ code: 0, stdout: 'ecsctx check: 2 lines, no errors, no warnings (ECS 1.12.0)\n', stderr: '' });
  });

  it('exits 2 with a usage message for a bad option or a missing file', async () => {
    const usage = await spawnCheck(['--max-findings', 'many'], '');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("ecsctx check: --max-findings must be a non-negative integer\nRun 'ecsctx check --help' for usage.\n");
    const missing = await spawnCheck([join(dir, 'nope.log')], '');
    expect(missing).toEqual({ code: 2, stdout: '', stderr: `ecsctx check: cannot read ${join(dir, 'nope.log')}: no such file\n` });
  });
});
