/**
 * The worker transport when the worker falls behind (its buffer is bounded: a log call waits
 * for room, or drops the line and counts it), when the worker is gone (the logging thread
 * writes what it left and renders from then on), and its start-up errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Logger } from 'winston';
import { builtCore, tempLines, type Core } from './support';
import { captureDiagnostics } from '../support/pii-files';

let core: Core;
const files = tempLines();
beforeAll(() => {
  core = builtCore();
});
afterAll(() => files.cleanup());

type Transport = import('../../src/index').EcsWorkerTransport;
const transportOf = (logger: Logger): Transport => logger.transports[0] as Transport;
/** A line of ~2 KB, numbered. */
const fields = (n: number) => ({ n, note: 'x'.repeat(2_000), contact: { email: `u${n}@example.com` } });
const numbers = (lines: readonly string[]): number[] => lines.map((l) => (JSON.parse(l) as { extra: { n: number } }).extra.n);

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('EcsWorkerTransport with a full buffer', () => {
  it("whenFull: 'drop' drops lines instead of growing, counts them, reports it, and keeps the order of the rest", async () => {
    const diagnostics = captureDiagnostics();
    const file = `${files.dir}/drop.ndjson`;
    const logger = core.createEcsWorkerLogger({ destination: file, bufferBytes: 256 * 1024, whenFull: 'drop', env: {} });
    // logged before the worker reads anything: the buffer holds ~100 such lines
    for (let n = 0; n < 2_000; n++) logger.info('line', fields(n));
    const transport = transportOf(logger);
    await transport.flush();
    transport.close();
    diagnostics.restore();
    const stats = transport.stats();
    const written = numbers(lines(file));
    expect(stats.dropped).toBeGreaterThan(1_000);
    expect(written.length + stats.dropped).toBe(2_000);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(diagnostics.list.some((d) => d.code === 'ECSCTX_TRANSPORT_DROPPED')).toBe(true);
  }, 60_000);

  it("whenFull: 'wait' (the default) blocks the log call until there is room: nothing is lost", async () => {
    const file = `${files.dir}/wait.ndjson`;
    const logger = core.createEcsWorkerLogger({ destination: file, bufferBytes: 256 * 1024, env: {} });
    for (let n = 0; n < 2_000; n++) logger.info('line', fields(n));
    const transport = transportOf(logger);
    await transport.flush();
    transport.close();
    const stats = transport.stats();
    expect(stats.dropped).toBe(0);
    expect(stats.waitedMs).toBeGreaterThan(0);
    expect(numbers(lines(file))).toEqual(Array.from({ length: 2_000 }, (_, n) => n));
    expect(lines(file).join('\n')).not.toMatch(/u\d+@example\.com/);
  }, 60_000);
});

describe('EcsWorkerTransport when its worker is gone', () => {
  it('writes the lines the worker left, then renders on the logging thread, masked as before', async () => {
    const file = `${files.dir}/gone.ndjson`;
    const logger = core.createEcsWorkerLogger({ destination: file, env: {} });
    const transport = transportOf(logger);
    await transport.ready();
    for (let n = 0; n < 300; n++) logger.info('line', fields(n));
    const worker = (transport as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await worker.terminate(); // possibly in the middle of a batch
    await new Promise((resolve) => setImmediate(resolve));
    for (let n = 300; n < 600; n++) logger.info('line', fields(n));
    await transport.flush();
    const written = numbers(lines(file));
    // every line is there (a batch the worker wrote but had not released may appear twice)
    expect(new Set(written)).toEqual(new Set(Array.from({ length: 600 }, (_, n) => n)));
    expect(written.slice(-300)).toEqual(Array.from({ length: 300 }, (_, n) => 300 + n));
    expect(transport.stats().renderedHere).toBeGreaterThanOrEqual(300);
    expect(lines(file).join('\n')).not.toMatch(/u\d+@example\.com/);
  }, 60_000);
});

describe('EcsWorkerTransport start-up', () => {
  it('throws a clear error for options that cannot reach the worker or make no sense', () => {
    expect(() => core.createEcsWorkerTransport({ whenFull: 'never' as never })).toThrow(core.EcsctxOptionsError);
    expect(() => core.createEcsWorkerTransport({ bufferBytes: 1024 })).toThrow(/bufferBytes/);
    expect(() => core.createEcsWorkerTransport({ destination: 1.5 })).toThrow(/destination/);
    expect(() => core.createEcsWorkerTransport({ defaultFields: { f: () => 1 } })).toThrow(/plain data/);
  });
});
