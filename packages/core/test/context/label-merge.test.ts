/**
 * Successive binds deep-merge `labels` as they do `extra` (docs/context.md; the Python README's
 * "Deep Merge Behavior": "Successive calls merge into existing context, not replace"). A label
 * is written as a string, an object as its JSON text: an object bound under a key that held an
 * object merges with it, and the label is the merged object's text.
 */
import { describe, expect, it, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { bindLoggingContext, getLoggingContext, runWithLoggingContext, withLoggingContext } from '@ecsctx/core';
import { flush, makeLogger } from '../support/logger';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The merge the docs describe, written independently: objects merge key by key, anything else replaces. */
function merged(a: unknown, b: unknown): unknown {
  if (!isObject(a) || !isObject(b)) return b;
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? merged(a[k], v) : v;
  return out;
}

const key = fc.constantFrom('x', 'y', 'grp', 'n', 'deep', 'a_b');
const leaf = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }));
const tree: fc.Arbitrary<Json> = fc.letrec<{ node: Json; value: unknown }>((tie) => ({
  node: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('node')),
})).node;

describe('labels deep-merge across binds', () => {
  it("keeps both: labels { grp: { x: 1 } } then labels { grp: { y: 2 } }", () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ labels: { grp: { x: 1 }, env: 'prod' } });
      bindLoggingContext({ labels: { grp: { y: 2 } } });
      expect(getLoggingContext()?.labels).toEqual({ grp: '{"x":1,"y":2}', env: 'prod' });
    });
  });

  test('any sequence of object binds under one key gives the JSON text of their deep merge; other keys are untouched', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 4 }), (objects, decoy) => {
        runWithLoggingContext(() => {
          bindLoggingContext({ labels: { decoy } });
          for (const o of objects) bindLoggingContext({ labels: { grp: o } });
          const expected = objects.reduce<unknown>((acc, o) => merged(acc, o), undefined);
          expect(JSON.parse(getLoggingContext()!.labels.grp)).toEqual(expected);
          expect(getLoggingContext()!.labels.decoy).toBe(decoy);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a scalar replaces an object label, and an object after a scalar starts afresh', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ labels: { grp: { x: 1 } } });
      bindLoggingContext({ labels: { grp: 'flat' } });
      expect(getLoggingContext()?.labels.grp).toBe('flat');
      bindLoggingContext({ labels: { grp: { y: 2 } } });
      expect(getLoggingContext()?.labels.grp).toBe('{"y":2}');
      bindLoggingContext({ labels: { grp: null } });
      expect(getLoggingContext()?.labels.grp).toBe('{"y":2}');
    });
  });

  it("keeps nothing of the caller's objects: changing them after the bind changes no later merge", () => {
    runWithLoggingContext(() => {
      const mine = { x: 1, list: [1, 2] };
      bindLoggingContext({ labels: { grp: mine } });
      mine.x = 99;
      mine.list.push(3);
      bindLoggingContext({ labels: { grp: { y: 2 } } });
      expect(getLoggingContext()?.labels.grp).toBe('{"x":1,"list":[1,2],"y":2}');
    });
  });

  it('merges inside a child scope without touching the outer one', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ labels: { grp: { x: 1 } } });
      withLoggingContext({ labels: { grp: { y: 2 } } }, () => {
        expect(getLoggingContext()?.labels.grp).toBe('{"x":1,"y":2}');
      });
      expect(getLoggingContext()?.labels.grp).toBe('{"x":1}');
    });
  });

  it('writes the merged label on the line', async () => {
    const { logger, capture } = makeLogger({ env: { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0' } });
    runWithLoggingContext(() => {
      bindLoggingContext({ labels: { grp: { x: 1 } } });
      bindLoggingContext({ labels: { grp: { y: 2 } } });
      logger.info('labelled');
    });
    await flush(logger);
    expect(capture.records()[0].labels).toEqual({ grp: '{"x":1,"y":2}' });
  });
});
