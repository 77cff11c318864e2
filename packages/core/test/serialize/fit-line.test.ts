/**
 * `src/serialize/fit-line.ts` directly: `renderWithin` is `JSON.stringify(line)` when it fits;
 * a longer line is shrunk within `maxBytes` (strings first, then the largest optional fields,
 * named in `labels.ecsctx_truncated`, then the message), and `onShrink` is told by how much.
 */
import { describe, expect, it, vi } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { renderWithin } from '../../src/serialize/fit-line';

/** The fields a shrunk line keeps whole (fit-line's KEPT). */
const KEPT = ['@timestamp', 'log.level', 'message', 'ecs.version', 'trace', 'span', 'service', 'labels', 'log'];

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('renderWithin', () => {
  it('gives JSON.stringify of a line that fits, without calling onShrink', () => {
    const onShrink = vi.fn();
    const line = { '@timestamp': 't', message: 'é'.repeat(50), n: 1 };
    expect(renderWithin(line, 200, onShrink)).toBe(JSON.stringify(line));
    expect(onShrink).not.toHaveBeenCalled();
  });

  it('counts bytes, not characters', () => {
    const onShrink = vi.fn();
    const line = { message: 'é'.repeat(100) };
    const text = JSON.stringify(line);
    expect(text.length).toBe(114);
    renderWithin(line, 150, onShrink);
    expect(onShrink).toHaveBeenCalledWith(bytes(text) - 150);
  });

  it('cuts strings first, keeping every field, and leaves the line given alone', () => {
    const onShrink = vi.fn();
    const line = { message: 'm', extra: { note: 'x'.repeat(5000) } };
    const before = structuredClone(line);
    const text = renderWithin(line, 2000, onShrink);
    expect(JSON.parse(text)).toEqual({ message: 'm', extra: { note: 'x'.repeat(1024) + '…[truncated 3976 chars]' } });
    expect(onShrink).toHaveBeenCalledTimes(1);
    expect(onShrink).toHaveBeenCalledWith(bytes(JSON.stringify(line)) - 2000);
    expect(line).toEqual(before);
  });

  it('then drops the largest optional fields and names them; kept fields stay', () => {
    const big = (n: number): string[] => Array.from({ length: n }, (_, i) => `v${i}`);
    const line = { '@timestamp': 't', 'log.level': 'info', message: 'm', 'ecs.version': '1.12.0', service: { name: 's' }, labels: { team: 'a' }, a: big(300), b: big(200), c: 'small' };
    const text = renderWithin(line, 1000, () => {});
    const out = JSON.parse(text);
    expect(bytes(text)).toBeLessThanOrEqual(1000);
    expect(out.a).toBeUndefined();
    expect(out.b).toBeUndefined();
    expect(out.c).toBe('small');
    expect(out.service).toEqual({ name: 's' });
    expect(out.labels.team).toBe('a');
    expect(out.labels.ecsctx_truncated).toBe(`line over 1000 bytes (${bytes(JSON.stringify(line))}): dropped a, b`);
  });

  it('writes a __proto__ key of a shrunk line as data', () => {
    const line = JSON.parse(`{"message":"m","__proto__":{"s":"${'y'.repeat(3000)}"}}`) as Record<string, unknown>;
    const text = renderWithin(line, 2000, () => {});
    expect(text.startsWith('{"message":"m","__proto__":{"s":"yyyy')).toBe(true);
    expect(JSON.parse(text).__proto__.s).toBe('y'.repeat(1024) + '…[truncated 1976 chars]');
  });

  test.prop(
    [
      fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !KEPT.includes(k)), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
      fc.string(),
      fc.integer({ min: 300, max: 3000 }),
    ],
    { numRuns: 200 },
  )('its output is at most maxBytes and parses (optional fields of any size)', (fields, message, maxBytes) => {
    const line = { '@timestamp': '2025-11-25T03:16:14.001Z', 'log.level': 'info', message, ...fields };
    const text = renderWithin(line, maxBytes, () => {});
    expect(bytes(text)).toBeLessThanOrEqual(maxBytes);
    expect(() => JSON.parse(text)).not.toThrow();
  });
});
