/**
 * `bench/bullmq-instructions.mjs` is the callgrind harness behind
 * `bash bench/bullmq-instructions.sh` (a benchmark, not a test). This only proves it still
 * works on the real Redis: every variant drains what was filled, the producer adds, and
 * `clean` leaves no key under the run's prefix.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../core/test/support/built';
import { countKeysWithPrefix, REDIS_URL, uniquePrefix } from './support/redis';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(repoRoot, 'bench/bullmq-instructions.mjs');

function run(...args: string[]): void {
  // exits 0 only once every job was drained or added (each phase has a deadline)
  execFileSync(process.execPath, [script, ...args], { cwd: repoRoot, timeout: 60_000, env: { ...process.env, REDIS_URL, NODE_NO_WARNINGS: '1' } });
}

describe('bench/bullmq-instructions.mjs', () => {
  it('drains filled queues in every worker variant, produces, and cleans up', async () => {
    ensureBuilt();
    const prefix = uniquePrefix();
    try {
      for (const variant of ['plain', 'als', 'wrapped']) {
        run('fill', prefix, `q-${variant}-warm`, '1000');
        run('fill', prefix, `q-${variant}`, '20');
        run('drain', prefix, `q-${variant}`, variant, '20');
      }
      for (const variant of ['plain', 'wrapped']) run('produce', prefix, `p-${variant}`, variant, '20');
      expect(() => run('drain', prefix, 'q', 'other', '20')).toThrow();
    } finally {
      run('clean', prefix);
    }
    expect(await countKeysWithPrefix(prefix)).toBe(0);
  }, 200_000);
});
