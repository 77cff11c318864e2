import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import projects, { sourceAliases } from './vitest.workspace.ts';

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // one test file per core: many files wait on sockets, Redis and child processes (vitest's
    // default leaves a core idle)
    maxWorkers: availableParallelism(),
  },
});
