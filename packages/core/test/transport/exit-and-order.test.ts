/**
 * The worker transport in real processes: every line is written, in order, however the
 * process ends (process.exit(), the end of the event loop, an uncaught exception), to a file
 * or to stdout as a pipe; lines rendered on the logging thread keep their place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runScript, tempLines } from './support';

const files = tempLines();
afterAll(() => files.cleanup());

/** A script that logs `count` lines (every 7th carries an Error, so it is rendered on the logging thread), then ends with `ending`. */
function script(destination: string, count: number, ending: string): string {
  return `
const core = require(CORE);
const logger = core.createEcsWorkerLogger({ destination: ${destination}, name: 'exit', env: { PROJECT_NAME: 'p' } });
for (let i = 0; i < ${count}; i++) {
  const fields = { n: i, user: { email: 'user' + i + '@example.com' }, items: [i, i + 1] };
  if (i % 7 === 0) fields.err = new Error('e' + i);
  logger.info('line', fields);
}
${ending}
`;
}

/** The `n` of each line, in the order written, and the lines that are not JSON. */
function numbers(lines: readonly string[]): number[] {
  return lines.map((l) => (JSON.parse(l) as { extra: { n: number } }).extra.n);
}

const expectAllInOrder = (lines: readonly string[], count: number): void => {
  expect(numbers(lines)).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(lines.join('\n')).not.toMatch(/user\d+@example\.com/);
};

describe('createEcsWorkerLogger in a process of its own', () => {
  it('writes every line, in order, when the process calls process.exit() right after logging', async () => {
    const file = `${files.dir}/exit.ndjson`;
    const run = await runScript(files.dir, script(JSON.stringify(file), 20_000, 'process.exit(0);'));
    expect(run.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expectAllInOrder(readFileSync(file, 'utf8').split('\n').filter(Boolean), 20_000);
  }, 90_000);

  it('writes every line when the event loop simply runs out of work', async () => {
    const file = `${files.dir}/natural.ndjson`;
    const run = await runScript(files.dir, script(JSON.stringify(file), 5_000, ''));
    expect(run.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expectAllInOrder(readFileSync(file, 'utf8').split('\n').filter(Boolean), 5_000);
  }, 60_000);

  it('writes every line logged before an uncaught exception ends the process', async () => {
    const file = `${files.dir}/crash.ndjson`;
    const run = await runScript(files.dir, script(JSON.stringify(file), 5_000, "setImmediate(() => { throw new Error('crash'); });"));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('crash');
    const { readFileSync } = await import('node:fs');
    expectAllInOrder(readFileSync(file, 'utf8').split('\n').filter(Boolean), 5_000);
  }, 60_000);

  it('writes to stdout (file descriptor 1) as a pipe, every line in order', async () => {
    const run = await runScript(files.dir, script('1', 10_000, 'process.exit(0);'));
    expect(run.code).toBe(0);
    expectAllInOrder(run.stdout.split('\n').filter(Boolean), 10_000);
  }, 60_000);

  it('keeps the order across scopes, and with lines rendered on the logging thread between them', async () => {
    const file = `${files.dir}/scopes.ndjson`;
    const run = await runScript(
      files.dir,
      `
const core = require(CORE);
const logger = core.createEcsWorkerLogger({ destination: ${JSON.stringify(file)}, name: 'scopes', env: { PROJECT_NAME: 'p' } });
let n = 0;
for (let s = 0; s < 300; s++) {
  core.runWithLoggingContext(() => {
    core.bindLoggingContext({ userId: s, extra: { tenant: 't' + (s % 5) } });
    for (let i = 0; i < 10; i++) logger.info('line', { n: n++, when: i === 3 ? new Date(0) : 'now' });
  }, { context: { spanId: (s + 0x1000).toString(16).padStart(16, '0') } });
}
process.exit(0);
`,
    );
    expect(run.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { user: { id: string }; extra: { n: number; tenant: string } });
    expect(records.map((r) => r.extra.n)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    // each line carries its own scope's fields, not a neighbour's
    for (const r of records) {
      const s = Math.floor(r.extra.n / 10);
      expect(r.user.id).toBe(String(s));
      expect(r.extra.tenant).toBe(`t${s % 5}`);
    }
  }, 60_000);
});
