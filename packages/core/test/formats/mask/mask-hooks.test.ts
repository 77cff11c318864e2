/**
 * `mask-hooks`, directly: what the hooks remember between strings. What they make of each
 * value is tested through the step (`mask-pii.test.ts`) and the detectors' own files.
 */
import { describe, expect, it } from 'vitest';
import { MaskRun } from '../../../src/formats/mask/mask-run';

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
