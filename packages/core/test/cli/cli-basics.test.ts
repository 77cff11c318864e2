// `ecsctx --version`, `ecsctx <command> --help` for every command, and the exit codes the
// help text and docs/check.md promise: 0 success, 1 failure, 2 usage error.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/registry';
import { repoRoot } from '../support/capture';
import { ensureBuilt } from '../support/built';
import { runCli } from './cli-io';

const version = (JSON.parse(readFileSync(join(repoRoot, 'packages/core/package.json'), 'utf8')) as { version: string }).version;
const GOOD_LINE = '{"@timestamp":"2026-11-24T09:00:00.000Z","log.level":"info","message":"started","ecs.version":"1.12.0","service":{"name":"app"}}';

describe('ecsctx --version', () => {
  it.each(['--version', '-v', '-V', 'version'])('%s prints the package version and exits 0', async (flag) => {
    expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('the built binary prints it too', () => {
    ensureBuilt();
    const out = execFileSync(process.execPath, [join(repoRoot, 'packages/core/dist/cli/main.js'), '--version'], { encoding: 'utf8' });
    expect(out).toBe(`${version}\n`);
  });
});

describe('ecsctx <command> --help', () => {
  beforeAll(() => expect(COMMANDS.length).toBeGreaterThan(3));

  it.each(COMMANDS.map((c) => [c.name]))('%s: --help, -h and `help <command>` print its usage on stdout and exit 0', async (name) => {
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name]]) {
      const result = await runCli(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage:\\s+ecsctx ${name}`));
      expect(result.stderr).toBe('');
    }
  });

  it('the main help lists every command, --version and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name}`);
    expect(result.stdout).toContain('ecsctx --version');
    expect(result.stdout).toContain('Exit status: 0 success; 1 the command failed (check: errors found); 2 usage error.');
  });
});

describe('exit codes', () => {
  it.each([
    ['no command (usage on stderr)', [], 2],
    ['an unknown command', ['nope'], 2],
    ['help for an unknown command', ['help', 'nope'], 2],
    ['an unknown option', ['check', '--bogus'], 2],
    ['an input file that cannot be read', ['check', join(repoRoot, '.tmp', 'no-such-file.log')], 2],
  ])('%s: 2', async (_what, argv, code) => {
    const result = await runCli(argv as string[]);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toBe('');
  });

  it('check: 0 with no errors, 1 with errors', async () => {
    expect((await runCli(['check', '-q'], { stdin: `${GOOD_LINE}\n` })).code).toBe(0);
    expect((await runCli(['check', '-q'], { stdin: 'not json\n' })).code).toBe(1);
  });
});
