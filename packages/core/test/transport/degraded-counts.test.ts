/**
 * The lines a render worker writes degraded are counted where the logging thread reads
 * `degradedLineCounts()`, once per kind per line, as a synchronous logger counts them.
 */
import { afterAll, expect, it } from 'vitest';
import type { Logger } from 'winston';
import { builtCore, tempLines } from './support';

const files = tempLines();
afterAll(() => files.cleanup());

it('counts the lines a render worker writes, where the logging thread reads them', async () => {
  const core = builtCore();
  const logger: Logger = core.createEcsWorkerLogger({ destination: files.file, env: { PROJECT_NAME: 'p' } });
  core.resetDegradedLineCounts();
  logger.info('long', { note: 'x'.repeat(100_000), other: 'y'.repeat(100_000) }); // two cuts, one line
  logger.info('misfit', { 'http.response.status_code': 'abc', 'event.outcome': 'maybe' });
  logger.info('clean', { order_id: 'o-1' });
  const transport = logger.transports[0] as unknown as { flush(): Promise<unknown>; close(): void };
  await transport.flush();
  transport.close();
  expect(files.lines()).toHaveLength(3);
  expect(core.degradedLineCounts()).toMatchObject({ cut: 1, type_misfit: 1, unreadable: 0, failed: 0 });
}, 60_000);
