/**
 * `src/serialize/fit-line.ts` directly: `renderWithin` is `JSON.stringify(line)` when it fits;
 * a longer line is shrunk within `maxBytes` (strings first, then the largest optional fields,
 * then the leaves of the kept objects, all named in `labels.ecsctx_truncated`, then
 * `log.level` and the message), and `onShrink` is told by how much. Random lines check the
 * cap, the line fields, and that each `…[truncated N chars]` counts what was cut from the
 * string given.
 */
import { describe, expect, it, vi } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { MIN_LINE_BYTES, renderWithin } from '../../src/serialize/fit-line';

/** The fields a shrunk line keeps whole (fit-line's KEPT). */
const KEPT = ['@timestamp', 'log.level', 'message', 'ecs.version', 'trace', 'span', 'service', 'labels', 'log'];

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const TIMESTAMP = '2025-11-25T03:16:14.001Z';
const MARKER = /^([\s\S]*)…\[truncated (\d+) chars\]$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function head(message: string): Record<string, unknown> {
  return { '@timestamp': TIMESTAMP, 'log.level': 'info', message, 'ecs.version': '1.12.0' };
}

/** `out` is `given`, or a prefix of it with a marker counting the characters cut, and has no lone surrogate. */
function expectCutFrom(out: unknown, given: unknown, path = ''): void {
  expect(typeof out, path).toBe('string');
  expect(LONE_SURROGATE.test(out as string), path).toBe(false);
  if (out === given) return;
  const m = MARKER.exec(out as string);
  expect(m, path).not.toBeNull();
  expect(typeof given, path).toBe('string');
  expect((given as string).startsWith(m![1]), path).toBe(true);
  expect(Number(m![2]), path).toBe((given as string).length - m![1].length);
}

/** Every value of `out` is at the same path of `given`, as it was or (a string) cut with a marker. */
function expectEachStringFrom(out: unknown, given: unknown, path: string): void {
  if (typeof out === 'string') return expectCutFrom(out, given, path);
  if (out === null || typeof out !== 'object') return void expect(out, path).toEqual(given);
  expect(given !== null && typeof given === 'object', path).toBe(true);
  for (const [key, value] of Object.entries(out)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (at === 'labels.ecsctx_truncated') continue;
    const givenValue = at === 'labels' && !Object.hasOwn(given as object, key) ? {} : (given as Record<string, unknown>)[key];
    expect(givenValue, at).not.toBe(undefined);
    expectEachStringFrom(value, givenValue, at);
  }
}

/** Short text of any code point (control characters, astral ones), or a long run of one character. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom('x', 'é', '€', '😀', 'a😀', '"', '\n', '\u0001'), fc.integer({ min: 100, max: 6000 }))
    .map(([c, n]) => c.repeat(n)),
);
const key = fc.string({ unit: 'binary', maxLength: 30 });
const labelsArb = fc.oneof(
  fc.dictionary(key, text, { maxKeys: 12 }),
  fc.dictionary(key, fc.string({ unit: 'binary', maxLength: 64 }), { minKeys: 100, maxKeys: 400 }),
);
const hexId = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
const keptArb = fc.record(
  {
    log: fc.record({ logger: text, origin: fc.record({ file: fc.record({ name: text, line: fc.nat() }), function: text }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    service: fc.record({ name: text, node: fc.record({ name: text }) }, { requiredKeys: [] }),
    trace: fc.record({ id: hexId(32) }),
    span: fc.record({ id: hexId(16) }),
    labels: labelsArb,
    error: fc.record({ type: text, message: text, stack_trace: text }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const optionalArb = fc.dictionary(
  fc.string({ maxLength: 6 }).filter((k) => !KEPT.includes(k) && k !== 'error'),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), text, fc.array(text, { maxLength: 5 }), fc.dictionary(key, text, { maxKeys: 5 })),
  { maxKeys: 8 },
);
/** Lines as the renderer writes them: the line fields first, then kept and optional fields. */
const lineArb = fc
  .tuple(fc.oneof(fc.constantFrom('info', 'error'), text), text, keptArb, optionalArb)
  .map(([level, message, kept, optional]): Record<string, unknown> => ({ ...head(message), 'log.level': level, ...kept, ...optional }));

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
  it('counts in each marker the characters cut from the string given, however many cuts it took', () => {
    const line = { message: 'm', extra: { note: 'x'.repeat(5000), more: 'y'.repeat(5000) } };
    const out = JSON.parse(renderWithin(line, 1500, () => {}));
    expect(out.extra.note).toBe('x'.repeat(256) + '…[truncated 4744 chars]');
    expect(out.extra.more).toBe('y'.repeat(256) + '…[truncated 4744 chars]');
  });

  it('never cuts a surrogate pair in half', () => {
    const note = 'a' + '😀'.repeat(2000);
    const out = JSON.parse(renderWithin({ message: 'm', extra: { note } }, 4000, () => {}));
    expect(out.extra.note).toBe('a' + '😀'.repeat(511) + `…[truncated ${note.length - 1023} chars]`);
  });

  it('cuts huge log.logger and service.name with the rest and keeps them', () => {
    const line = { ...head('m'), log: { logger: 'x'.repeat(100_000) }, service: { name: '€'.repeat(100_000) } };
    const text = renderWithin(line, MIN_LINE_BYTES, () => {});
    const out = JSON.parse(text);
    expect(bytes(text)).toBeLessThanOrEqual(MIN_LINE_BYTES);
    expect(out.log.logger).toBe('x'.repeat(64) + '…[truncated 99936 chars]');
    expect(out.service.name).toBe('€'.repeat(64) + '…[truncated 99936 chars]');
  });

  it('drops the largest labels when the kept fields alone are too long, and says so in a string', () => {
    const labels = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`label_${i}`, 'é'.repeat(64)]));
    const line = { ...head('m'), trace: { id: 'a'.repeat(32) }, labels: { ...labels, team: 'core' } };
    const text = renderWithin(line, MIN_LINE_BYTES, () => {});
    const out = JSON.parse(text);
    expect(bytes(text)).toBeLessThanOrEqual(MIN_LINE_BYTES);
    expect(out.trace.id).toBe('a'.repeat(32));
    expect(out.labels.team).toBe('core');
    expect(Object.values(out.labels).every((v) => typeof v === 'string')).toBe(true);
    expect(out.labels.ecsctx_truncated).toMatch(/^line over 1024 bytes \(\d+\): dropped (labels\.label_\d+, )+and \d+ more$/);
  });

  it('cuts a multibyte message to the bytes left once only the line fields remain', () => {
    const message = '😀'.repeat(50) + 'é'.repeat(10_000);
    const labels = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const line = { ...head(message), 'log.level': '\u0001'.repeat(200), labels };
    const text = renderWithin(line, MIN_LINE_BYTES, () => {});
    const out = JSON.parse(text);
    expect(bytes(text)).toBeLessThanOrEqual(MIN_LINE_BYTES);
    expectCutFrom(out.message, message);
    expectCutFrom(out['log.level'], line['log.level']);
  });

  it('cuts the message to the bytes left, counting from the message given (a cap below the floor shows the step)', () => {
    const message = '\u0001'.repeat(5000);
    const line = { ...head(message), service: { name: 's' }, extra: { a: 'x'.repeat(5000) } };
    const text = renderWithin(line, 400, () => {});
    expect(bytes(text)).toBeLessThanOrEqual(400);
    const out = JSON.parse(text);
    expect(out.message).toMatch(/^\u0001{10,63}…\[truncated \d+ chars\]$/);
    expectCutFrom(out.message, message);
    expect(out.labels.ecsctx_truncated).toBe(`line over 400 bytes (${bytes(JSON.stringify(line))}): dropped extra, service.name`);
  });

  it('keeps error.type when the rest of error goes', () => {
    const frames = Array.from({ length: 200 }, (_, i) => `at f${i} (file.js:1:1)`);
    const line = { ...head('m'), error: { type: 'TypeError', message: 'x'.repeat(3000), frames } };
    const out = JSON.parse(renderWithin(line, MIN_LINE_BYTES, () => {}));
    expect(out.error).toEqual({ type: 'TypeError', message: 'x'.repeat(64) + '…[truncated 2936 chars]' });
    expect(out.labels.ecsctx_truncated).toMatch(/: dropped error\.frames$/);
  });

  test.prop([lineArb, fc.integer({ min: MIN_LINE_BYTES, max: 20_000 })], { numRuns: 300 })(
    'any line, any maxBytes from the floor: within the cap, valid JSON, line fields kept, each marker counts what it cut',
    (line, maxBytes) => {
      const before = structuredClone(line);
      const text = renderWithin(line, maxBytes, () => {});
      expect(line).toEqual(before);
      const whole = JSON.stringify(line);
      if (bytes(whole) <= maxBytes) {
        expect(text).toBe(whole);
        return;
      }
      expect(bytes(text)).toBeLessThanOrEqual(maxBytes);
      const out = JSON.parse(text) as Record<string, unknown>;
      expect(out['@timestamp']).toBe(TIMESTAMP);
      expect(out['ecs.version']).toBe('1.12.0');
      expect(typeof out['log.level']).toBe('string');
      expect(typeof out.message).toBe('string');
      const labels = (out.labels ?? {}) as Record<string, unknown>;
      expect(Object.values(labels).every((v) => typeof v === 'string')).toBe(true);
      expectEachStringFrom(out, JSON.parse(whole), ''); // as JSON writes it: -0 is 0
    },
  );

  test.prop([lineArb.filter((line) => bytes(JSON.stringify(line)) <= 40_000)], { numRuns: 100 })(
    'decoys: a line within the cap is written byte for byte as JSON.stringify writes it',
    (line) => {
      const onShrink = vi.fn();
      const whole = JSON.stringify(line);
      expect(renderWithin(line, bytes(whole), onShrink)).toBe(whole);
      expect(onShrink).not.toHaveBeenCalled();
    },
  );
});
