/**
 * `mask-hooks`, directly: what the hooks remember between strings. What they make of each
 * value is tested through the step (`mask-pii.test.ts`) and the detectors' own files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MaskRun } from '../../../src/formats/mask/mask-run';
import { configureMasking } from '../../../src/formats/mask/mask-config';
import type { PiiTokenizer } from '../../../src/pii/index';

const tokenizer: PiiTokenizer = { tokenize: (value, type) => `ptok:v1:${type}:${value.length}` };

/** A run with a stand-in keyset (the hooks' own behaviour is under test, not the keyset's), KW numbers recognized. */
function freshRun(): MaskRun {
  const run = new MaskRun({ env: {}, phoneRegions: ['KW'] });
  run.begin();
  run.hooks.tokenizer = tokenizer;
  return run;
}

/** What `string` gives for `text` under `key` (below the root), and whether it set `plain` to it. */
function masked(run: MaskRun, key: string, text: string): { out: string; plain: boolean } {
  const hooks = run.hooks;
  hooks.plain = undefined;
  const out = hooks.string(text, hooks.child(hooks.rootState, key));
  return { out, plain: hooks.plain === out };
}

afterEach(() => configureMasking({}));

describe('the mask hooks', () => {
  it('do not keep a long string alive after masking it (only short ones are remembered as needing no escape)', () => {
    const run = new MaskRun({ env: {} });
    run.begin();
    const long = 'x'.repeat(1 << 20);
    expect(run.hooks.string(long, run.hooks.rootState)).toBe(long);
    expect(run.hooks.plain).not.toBe(long);
    expect(run.hooks.string('short', run.hooks.rootState)).toBe('short');
    expect(run.hooks.plain).toBe('short');
  });
});

describe('texts the detectors found nothing in', () => {
  const keys = fc.constantFrom('note', 'status', 'email', 'phone', 'password', 'authorization', 'customer_name', 'trace_id', 'items');
  const texts = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.emailAddress(),
    fc.constantFrom('application/json', 'POST', 'Jane Doe', '+965 6000-1234', 'token=abc123def456', 'say "hi"', 'tab\there', '4111 1111 1111 1111', 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', 'x'.repeat(300)),
  );

  // texts of at most 40 characters never use up the phone finder's validations, the one place a
  // detector's answer hangs on what it saw before (it then finds more, never less: next test)
  it('are masked under any key exactly as a run that never saw them masks them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, texts), { minLength: 1, maxLength: 30 }), (calls) => {
        const warm = freshRun();
        for (const [, text] of calls) masked(warm, 'note', text); // every text seen under a neutral key first
        for (const [key, text] of calls) expect(masked(warm, key, text)).toEqual(masked(freshRun(), key, text));
      }),
      { numRuns: 200 },
    );
  });

  // near the longest remembered text, two-digit groups use up the phone finder's validations
  // (its cache is the one thing a detector remembers): a number after them is never let through
  it('never let a number through that a scan with another cache would find', () => {
    const filler = fc.array(fc.integer({ min: 70, max: 89 }), { minLength: 60, maxLength: 75 });
    fc.assert(
      fc.property(filler, keys, (groups, key) => {
        const text = `${groups.join(' ')} call 6000 1234`;
        const run = freshRun();
        for (let i = 0; i < 3; i++) {
          expect(masked(run, 'note', text).out).not.toContain('6000 1234');
          expect(masked(run, key, text).out).not.toContain('6000 1234');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('are judged again when configureMasking changes the rules', () => {
    const run = freshRun();
    const text = 'zorblat=hunter22';
    expect(masked(run, 'note', text).out).toBe(text); // `zorblat` means nothing to the default rules
    configureMasking({ secretKeys: ['zorblat'] });
    run.begin();
    expect(masked(run, 'note', text).out).not.toContain('hunter22');
  });
});
