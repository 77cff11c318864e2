/**
 * docs/check.md documents every check the command runs, with the severity it reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '@ecsctx/core/check';
import { repoRoot } from '../support/capture';

describe('docs/check.md', () => {
  const text = readFileSync(join(repoRoot, 'docs', 'check.md'), 'utf8');

  it('has a row for every check, in report order', () => {
    const rows = [...text.matchAll(/^\| `([a-z-]+)` \| (error|warning|error \/ warning) \|/gm)].map((m) => m[1]);
    expect(rows).toEqual([...CHECK_IDS]);
  });
});
