/**
 * Values nobody listed, in places nobody listed, through a real preset logger: Unicode
 * emails, phone numbers of every country libphonenumber-js knows (in several formats and
 * digit scripts), payment cards of several brands and JWTs, planted at random depth in the
 * message, fields, nested bodies, URL query values, labels, bound context, error messages
 * and error properties — with a token keyset and without one. A planted value in clear (or
 * its digits) fails; decoys (ids, amounts, epochs, UUIDs, IPs, dates, versions, query
 * parameters, ports) must survive: fewer than 0.5% damaged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, resetPii, runWithLoggingContext } from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';
import { referenceDir } from '../support/capture';
import { decoy, planted, type Planted } from '../support/secret-generators';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };

type Place = 'message' | 'field' | 'nested' | 'url' | 'labels' | 'context' | 'error-message' | 'error-property' | 'array' | 'key' | 'symbol';
const PLACES: readonly Place[] = ['message', 'field', 'nested', 'url', 'labels', 'context', 'error-message', 'error-property', 'array', 'key', 'symbol'];

/** Free text around a value: words, or nothing. */
const around = fc.tuple(fc.constantFrom('', 'call ', 'contact: ', 'see ', '(', 'id=', 'paid with '), fc.constantFrom('', ' now', ', thanks', ').', ' ok'));

/** Neutral key names (no sensitive word: the value must be found by the detectors). */
const neutralKey = fc.constantFrom('note', 'detail', 'info', 'text', 'body', 'data', 'payload_part', 'comment', 'status_text');

function nest(depth: number, key: string, value: unknown): unknown {
  let out: unknown = value;
  for (let i = 0; i < depth; i++) out = { [`${key}${i}`]: out };
  return out;
}

/** Logs `text` at `place` and returns the line. */
async function logAt(place: Place, text: string, depth: number, key: string): Promise<string> {
  const { logger, capture } = makeLogger();
  switch (place) {
    case 'message':
      logger.info(text);
      break;
    case 'field':
      logger.info('event', { [key]: text });
      break;
    case 'nested':
      logger.info('event', { payload: nest(depth, key, text) });
      break;
    case 'key':
      logger.info('event', { payload: nest(depth, key, { [text]: 'v' }) });
      break;
    case 'symbol':
      // a Symbol's description is written as `Symbol(…)`: text like any
      logger.info('event', { payload: nest(depth, key, [Symbol(text)]) });
      break;
    case 'array':
      logger.info('event', { payload: { items: ['a', nest(depth, key, [text])] } });
      break;
    case 'url':
      logger.info('event', { url: { full: `https://shop.example/p/x?${key}=${encodeURIComponent(text)}&page=2` }, link: `see https://a.example/q?v=${text}&x=1` });
      break;
    case 'labels':
      runWithLoggingContext(() => logger.info('event'), { context: { labels: { [key]: text } } });
      break;
    case 'context':
      runWithLoggingContext(() => logger.info('event'), { context: { extra: { [key]: nest(depth, key, text) as Record<string, unknown> } } });
      break;
    case 'error-message':
      logger.error('failed', { error: new Error(`cannot charge ${text}`) });
      break;
    case 'error-property': {
      const err = Object.assign(new Error('failed'), { [key]: text, response: nest(depth, key, text) });
      logger.error(err);
      break;
    }
  }
  await flush(logger);
  expect(capture.lines.length).toBe(1);
  return capture.lines[0];
}

function leaked(line: string, p: Planted): string | undefined {
  // JSON escapes nothing in these values but `"` and `\`, which they do not hold
  return p.clear.find((c) => c.length >= 6 && line.includes(c));
}

describe.each([
  ['with a token keyset', true],
  ['without a keyset', false],
])('planted values never appear in clear %s', (_name, keyset) => {
  afterAll(() => resetPii());

  it('anywhere, at any depth', async () => {
    if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    else resetPii();
    await fc.assert(
      fc.asyncProperty(planted, around, fc.constantFrom(...PLACES), fc.integer({ min: 0, max: 5 }), neutralKey, async (p, [before, after], place, depth, key) => {
        const line = await logAt(place, `${before}${p.text}${after}`, depth, key);
        const clear = leaked(line, p);
        expect(clear, `${p.kind} ${JSON.stringify(p.text)} at ${place}: ${line}`).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('decoys survive (< 0.5% damaged)', async () => {
    if (keyset) await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
    else resetPii();
    const samples = fc.sample(fc.tuple(decoy, fc.constantFrom(...PLACES), fc.integer({ min: 0, max: 4 }), neutralKey, around), { numRuns: 1000, seed: 42 });
    const damaged: string[] = [];
    for (const [d, place, depth, key, [before, after]] of samples) {
      // a URL-encoded decoy is not written as it was given; a key with dots is a path
      if (place === 'url' || place === 'key') continue;
      const line = await logAt(place, `${before}${d}${after}`, depth, key);
      if (!line.includes(d)) damaged.push(`${d} at ${place}`);
    }
    expect(damaged.length / samples.length, damaged.slice(0, 20).join('\n')).toBeLessThan(0.005);
  }, 120_000);
});
