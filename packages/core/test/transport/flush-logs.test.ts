/**
 * `flushLogs` on a worker logger resolves once the worker has written every line logged so
 * far: the worker transport says itself when it is done (its `flush()`), and flushLogs waits
 * for it as it waits for any stream's buffer.
 */
import { afterAll, expect, it } from 'vitest';
import type { Logger } from 'winston';
import { builtCore, tempLines } from './support';

const files = tempLines();
afterAll(() => files.cleanup());

it('resolves true only after the worker wrote every line logged before it', async () => {
  const core = builtCore();
  const logger: Logger = core.createEcsWorkerLogger({ destination: files.file, env: { PROJECT_NAME: 'p' } });
  for (let i = 0; i < 2_000; i++) logger.info('flush_me', { i, note: 'x'.repeat(200) });
  expect(await core.flushLogs(logger)).toBe(true);
  const lines = files.lines();
  expect(lines).toHaveLength(2_000);
  expect(JSON.parse(lines[1_999]).extra.i).toBe(1_999);
  (logger.transports[0] as unknown as { close(): void }).close();
}, 60_000);
