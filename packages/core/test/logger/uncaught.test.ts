// Uncaught exceptions and unhandled rejections: one clean ECS line each (error.*, the stack
// once, the scope's trace), accepted by `ecsctx check`, then the exit winston's exitOnError
// asks for, after the line is out.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import { checkLogLines } from '@ecsctx/core/check';
import { runWithLoggingContext, traceFromHeaders } from '@ecsctx/core';
import { repoRoot } from '../support/capture';
import { checkEcsLines } from '../support/ecs-check';
import { ensureBuilt } from '../support/built';
import { flush, makeLogger } from '../support/logger';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** Which of the handler's own keys show up anywhere in a line. */
function handlerLeftovers(record: Record<string, any>): string[] {
  const text = JSON.stringify({ ...record, error: undefined });
  return ['"os"', '"date"', '"exception"', '"rejection"', '"argv"', '"memoryUsage"', '"loadavg"', '"native"', '"stack"'].filter((k) => text.includes(k));
}

/** The logger's transport takes the handlers' lines; the process never exits from a test. */
const HANDLING = { handleExceptions: true, handleRejections: true, exitOnError: false } as const;

function unhandle(logger: winston.Logger): void {
  logger.exceptions.unhandle();
  logger.rejections.unhandle();
}

describe("winston's handler infos, logged as winston's handlers log them", () => {
  const thrownValues = fc.oneof(
    fc.string().map((m) => new Error(m)),
    fc.string().map((m) => Object.assign(new TypeError(m), { code: 'E_X', status: 500 })),
    fc.anything(),
  );

  it.each(['exception', 'rejection'] as const)('any thrown value becomes one line the checkers accept (%s)', async (kind) => {
    await fc.assert(
      fc.asyncProperty(thrownValues, async (thrown) => {
        const { logger, capture } = makeLogger(HANDLING);
        const handler = kind === 'exception' ? logger.exceptions : logger.rejections;
        const info = (handler as unknown as { getAllInfo(e: unknown): Record<string, unknown> }).getAllInfo(thrown);
        const before = JSON.stringify(Object.keys(info));
        runWithLoggingContext(() => logger.log(info as never), { trace: traceFromHeaders({ traceparent: TRACEPARENT }) });
        await flush(logger);
        expect(capture.lines).toHaveLength(1);
        const record = capture.records()[0];
        expect(record.message).toMatch(kind === 'exception' ? /^uncaughtException: / : /^unhandledRejection: /);
        expect(record.message).not.toContain('\n    at ');
        expect(record.trace).toEqual({ id: '0af7651916cd43dd8448eb211c80319c' });
        expect(typeof record.error.message).toBe('string');
        expect(handlerLeftovers(record)).toEqual([]);
        expect(JSON.stringify(Object.keys(info))).toBe(before); // winston's info is left alone
        expect(await checkEcsLines(capture.lines)).toEqual([]);
        expect(checkLogLines(capture.lines).errors).toBe(0);
        unhandle(logger);
      }),
      { numRuns: 60 },
    );
  });

  it('an Error keeps its type, message, code and stack once', async () => {
    const { logger, capture } = makeLogger(HANDLING);
    unhandle(logger);
    const error = Object.assign(new RangeError('out of range'), { code: 'E_RANGE' });
    logger.log(logger.exceptions.getAllInfo(error) as never);
    await flush(logger);
    const line = capture.lines[0];
    expect(capture.records()[0]).toMatchObject({ 'log.level': 'error', message: 'uncaughtException: out of range', error: { type: 'RangeError', message: 'out of range', code: 'E_RANGE' } });
    expect(line.split('at ').length - 1).toBe(error.stack!.split('at ').length - 1); // the stack once
  });

  it('a line that only looks partly like a handler info is logged as given (decoys survive)', async () => {
    const { logger, capture } = makeLogger();
    logger.error('job_failed', { exception: true, os: { platform: 'linux' }, date: 'today' });
    logger.error('report', { rejection: true, process: { pid: 1 }, os: { platform: 'x' }, date: 'd', error: new Error('e') });
    await flush(logger);
    const [first, second] = capture.records();
    expect(first).toMatchObject({ message: 'job_failed', extra: { exception: true, os: { platform: 'linux' }, date: 'today' } });
    expect(second.message).toBe('report');
    expect(second.extra).toMatchObject({ rejection: true, date: 'd' });
  });

  it("the handler's flag stays on the info, so winston still routes the line to the handlers only", async () => {
    const handled = makeLogger();
    const { logger, capture } = makeLogger({ exceptionHandlers: [new winston.transports.Stream({ stream: handled.capture.stream })], exitOnError: false });
    try {
      logger.info('ordinary');
      logger.log(logger.exceptions.getAllInfo(new Error('boom')) as never);
      await flush(logger);
      await flush(handled.logger);
      expect(capture.records().map((r) => r.message)).toEqual(['ordinary']);
      expect(handled.capture.records().map((r) => r.message)).toEqual(['uncaughtException: boom']);
    } finally {
      logger.exceptions.unhandle();
    }
  });
});

describe('a real process that dies of an uncaught error', () => {
  const dir = join(repoRoot, '.tmp', 'uncaught');

  beforeAll(() => {
    ensureBuilt();
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'crash.cjs'),
      `const core = require('@ecsctx/core');
const [kind, exitOnError] = process.argv.slice(2);
const logger = core.createEcsLogger({ name: 'crash', handleExceptions: true, handleRejections: true, exitOnError: exitOnError === 'exit' });
logger.info('started');
core.runWithLoggingContext(() => {
  core.bindLoggingContext({ sessionId: 'sess-9' });
  setTimeout(() => {
    const crashedAt = Date.now();
    process.on('exit', () => process.stderr.write('exit after ' + (Date.now() - crashedAt) + ' ms\\n'));
    const error = Object.assign(new Error('card declined for jane@example.com'), { code: 'E_CARD' });
    if (kind === 'rejection') Promise.reject(error); else throw error;
  }, 5);
}, { trace: core.traceFromHeaders({ traceparent: '${TRACEPARENT}' }) });
if (exitOnError !== 'exit') setTimeout(() => logger.info('still_running'), 200);
`,
    );
  }, 120_000);

  const run = (kind: string, exitOnError: string) =>
    spawnSync(process.execPath, [join(dir, 'crash.cjs'), kind, exitOnError], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH, PROJECT_NAME: 'shop' } });

  it.each(['exception', 'rejection'])('an uncaught %s: one clean error line in the scope, `ecsctx check` passes, exit 1 at once', async (kind) => {
    const result = run(kind, 'exit');
    expect(result.status).toBe(1);
    // winston alone waits 3 s for transports that never finish
    expect(Number(/exit after (\d+) ms/.exec(result.stderr)?.[1])).toBeLessThan(2000);
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    const record = JSON.parse(lines[1]);
    expect(record).toMatchObject({
      'log.level': 'error',
      message: `${kind === 'exception' ? 'uncaughtException' : 'unhandledRejection'}: card declined for [PII_REDACTED]`,
      trace: { id: '0af7651916cd43dd8448eb211c80319c' },
      session_id: 'sess-9',
      error: { type: 'Error', code: 'E_CARD' },
    });
    expect(record.extra).toBeUndefined();
    expect(lines[1]).not.toContain('jane@example.com');
    expect(await checkEcsLines(lines)).toEqual([]);
    const cli = spawnSync(process.execPath, [join(repoRoot, 'packages/core/dist/cli/main.js'), 'check'], { input: result.stdout, encoding: 'utf8' });
    expect(cli.stdout).toContain('no errors');
    expect(cli.status).toBe(0);
  });

  it('exitOnError: false logs the error and keeps running', () => {
    const result = run('exception', 'stay');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l).message)).toEqual([
      'started',
      'uncaughtException: card declined for [PII_REDACTED]',
      'still_running',
    ]);
  });
});
