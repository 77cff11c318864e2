/**
 * A failing output stream (a full disk, a closed pipe) is reported as ECSCTX_OUTPUT_FAILED,
 * never left as an unhandled `error` event that would end the process.
 */
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { createEcsLogger, flushLogs, getDiagnosticCounts, resetDiagnostics, setDiagnosticHandler, type Diagnostic } from '@ecsctx/core';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

it('a stream whose writes fail: no unhandled error, the failure is reported, the logger keeps taking calls', async () => {
  const seen: Diagnostic[] = [];
  setDiagnosticHandler((d) => seen.push(d));
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    },
  });
  const logger = createEcsLogger({ stream });
  expect(stream.listenerCount('error')).toBeGreaterThan(0);
  expect(() => {
    logger.info('first');
    logger.info('second');
  }).not.toThrow();
  await flushLogs(logger, { timeoutMs: 500 });
  expect(() => logger.info('after')).not.toThrow();
  await new Promise((resolve) => setImmediate(resolve));
  expect(getDiagnosticCounts().get('ECSCTX_OUTPUT_FAILED')).toBeGreaterThanOrEqual(1);
  expect(seen.find((d) => d.code === 'ECSCTX_OUTPUT_FAILED')?.message).toContain('ENOSPC');
});
