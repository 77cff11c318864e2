/**
 * The render worker's output batch writes exactly the lines it was given, each with its
 * newline, in order, as UTF-8, whatever their sizes, and starts empty after each write.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineBatch } from '../../src/transport/line-batch';
import { tempLines } from './support';

const files = tempLines();
afterAll(() => files.cleanup());

/** Writes `batches` through one LineBatch into a fresh file and returns the file's bytes. */
function writtenBytes(batches: readonly (readonly string[])[]): Buffer {
  const file = join(files.dir, `batch-${Math.random().toString(36).slice(2)}.ndjson`);
  const fd = openSync(file, 'w');
  const batch = new LineBatch();
  try {
    for (const lines of batches) {
      for (const line of lines) batch.add(line);
      batch.writeTo(fd);
    }
  } finally {
    closeSync(fd);
  }
  return readFileSync(file);
}

/** The file's text (see {@link writtenBytes}). */
const written = (batches: readonly (readonly string[])[]): string => writtenBytes(batches).toString('utf8');

describe('LineBatch', () => {
  it('writes every line of every batch once, in order, in UTF-8', () => {
    const line = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('é', '😀', '\u0000', 'ي'));
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 20 }), { maxLength: 5 }), (batches) => {
        expect(written(batches)).toBe(batches.flat().map((l) => l + '\n').join(''));
      }),
      { numRuns: 100 },
    );
  });

  it('writes the bytes Buffer.from gives, lone surrogates and all', () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit }), { maxLength: 10 }), { maxLength: 4 }), (batches) => {
        const expected = Buffer.concat(batches.flat().map((l) => Buffer.from(l + '\n', 'utf8')));
        expect(writtenBytes(batches).equals(expected)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('grows past its starting size for a batch of large lines, and keeps working after', () => {
    const big = 'a'.repeat(700_000) + '€'.repeat(200_000);
    const batches = [[big, 'x', big], ['after'], [big]];
    expect(written(batches)).toBe(batches.flat().map((l) => l + '\n').join(''));
  });

  it('writes nothing for an empty batch', () => {
    expect(written([[], []])).toBe('');
  });
});
