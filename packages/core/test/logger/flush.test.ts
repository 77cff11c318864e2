// No line lost at exit: a real process logs 20 000 lines and one more into a pipe read by a
// slow reader (another real process), then exits the documented ways; every line arrives.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import { flushLogs } from '@ecsctx/core';
import { repoRoot } from '../support/capture';
import { ensureBuilt } from '../support/built';
import { makeLogger } from '../support/logger';

const dir = join(repoRoot, '.tmp', 'flush');
const LINES = 20_000;

const PRODUCER = `
const core = require('@ecsctx/core');
const mode = process.argv[2];
const winston = require('winston');
const transports = mode === 'console' ? [new winston.transports.Console()] : undefined;
const logger = core.createEcsLogger({ name: 'producer', sync: mode === 'sync', transports });
if (mode === 'signal') core.handleExitSignals(logger);
for (let i = 0; i < ${LINES}; i++) logger.info('line', { i, order: { id: 'o-' + i, note: 'x'.repeat(80) } });
logger.error('exiting');
switch (mode) {
  case 'flushAndExit':
  case 'console': core.flushAndExit(logger, 1); break;
  case 'awaitFlush': core.flushLogs(logger).then((drained) => { process.stderr.write('drained ' + drained + '\\n'); process.exit(1); }); break;
  case 'sync': process.exit(1); break;
  case 'signal': process.kill(process.pid, 'SIGTERM'); break;
  case 'bare': process.exit(1); break;
}
`;

// reads nothing for 300 ms, then 16 KB at a time with a pause after each: a slow consumer
const SLOW_READER = `
let lines = 0, partial = false, started = false;
process.stdin.pause();
setTimeout(function read() {
  started = true;
  const chunk = process.stdin.read(16384);
  if (chunk !== null) {
    for (const byte of chunk) if (byte === 10) lines++;
    partial = chunk[chunk.length - 1] !== 10;
    return setTimeout(read, 1);
  }
  if (process.stdin.readableEnded) return;
  process.stdin.once('readable', read);
}, 300);
process.stdin.on('end', () => console.log(JSON.stringify({ lines, partial })));
`;

function runPiped(mode: string): { lines: number; partial: boolean; producerStatus: number; stderr: string } {
  const script = `node "${join(dir, 'producer.cjs')}" ${mode} | node "${join(dir, 'slow-reader.cjs')}"; echo "producer-status $\{PIPESTATUS[0]}" >&2`;
  const result = spawnSync('bash', ['-c', script], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH, PROJECT_NAME: 'flush' } });
  const counted = JSON.parse(result.stdout.trim()) as { lines: number; partial: boolean };
  return { ...counted, producerStatus: Number(/producer-status (\d+)/.exec(result.stderr)?.[1]), stderr: result.stderr };
}

beforeAll(() => {
  ensureBuilt();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'producer.cjs'), PRODUCER);
  writeFileSync(join(dir, 'slow-reader.cjs'), SLOW_READER);
}, 120_000);

describe('exiting with lines still queued for a slow reader', () => {
  it('process.exit() alone loses lines (the reason for the rest)', () => {
    const result = runPiped('bare');
    expect(result.producerStatus).toBe(1);
    expect(result.lines).toBeLessThan(LINES + 1);
  }, 60_000);

  it.each([
    ['flushAndExit', 1],
    ['console', 1],
    ['awaitFlush', 1],
    ['sync', 1],
    ['signal', 143],
  ])('%s: all 20 001 lines arrive, none cut, with the exit code asked for', (mode, status) => {
    const result = runPiped(mode);
    expect(result).toMatchObject({ lines: LINES + 1, partial: false, producerStatus: status });
    if (mode === 'awaitFlush') expect(result.stderr).toContain('drained true');
  }, 60_000);
});

describe('flushLogs', () => {
  it('resolves false after its timeout when a transport never drains, and never rejects', async () => {
    const stuck = new Writable({ highWaterMark: 1, write: () => undefined }); // never calls back
    const logger = winston.createLogger({ transports: [new winston.transports.Stream({ stream: stuck })] });
    logger.info('one');
    logger.info('two');
    const started = Date.now();
    await expect(flushLogs(logger, { timeoutMs: 100 })).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('resolves true at once when nothing is queued, and the logger stays usable', async () => {
    const { logger, capture } = makeLogger({}, { delayMs: 2 });
    for (let i = 0; i < 50; i++) logger.info('queued', { i });
    await expect(flushLogs(logger)).resolves.toBe(true);
    expect(capture.lines).toHaveLength(50);
    logger.info('after');
    await expect(flushLogs([logger])).resolves.toBe(true);
    expect(capture.lines).toHaveLength(51);
  });
});
