/**
 * The caps of the walk match Elasticsearch's: any depth and any width give one line within
 * `limits.maxLineBytes`, with markers for what was cut, and every cap is an option.
 */
import { describe, expect, it } from 'vitest';
import { getDiagnosticCounts } from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';

async function logOnce(meta: Record<string, unknown>, message = 'security'): Promise<{ line: string; record: Record<string, any> }> {
  const { logger, capture } = makeLogger();
  logger.info(message, meta);
  await flush(logger);
  return { line: capture.lines[0], record: capture.records()[0] };
}

describe('limits that match Elasticsearch', () => {
  it('a 10 000-deep object and a 100 000-key object give one line within the caps', async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const wide: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) wide[`k${i}`] = i;
    const { logger, capture } = makeLogger();
    logger.info('deep', { deep });
    logger.info('wide', { wide });
    await flush(logger);
    expect(capture.lines).toHaveLength(2);
    for (const line of capture.lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(16_383);
    const wideRec = capture.records()[1];
    expect(Object.keys(wideRec.extra.wide).length).toBeLessThanOrEqual(201);
    expect(wideRec.extra.wide['…']).toMatch(/more keys/);
    expect(capture.lines[0]).toContain('nested deeper than 16');
  });

  it('shrinks a line over maxLineBytes and says what it dropped', async () => {
    const before = getDiagnosticCounts().get('ECSCTX_LIMIT_LINE_BYTES') ?? 0;
    const items = Array.from({ length: 150 }, (_, i) => ({ sku: `SKU-${i}`, title: 'x'.repeat(100) }));
    const { line, record } = await logOnce({ payload: { items }, other: 'y'.repeat(5000) });
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(16_383);
    expect(record.message).toBe('security');
    expect(getDiagnosticCounts().get('ECSCTX_LIMIT_LINE_BYTES')).toBe(before + 1);
  });

  it('limits are options', async () => {
    const { logger, capture } = makeLogger({ limits: { maxStringLength: 10, maxDepth: 3 } });
    logger.info('small', { text: 'abcdefghijklmnop', a: { b: { c: { d: 1 } } } });
    await flush(logger);
    const rec = capture.records()[0];
    expect(rec.extra.text).toBe('abcdefghij…[truncated 6 chars]');
    expect(rec.extra.a.b).toBe('[Object: nested deeper than 3]');
  });
});
