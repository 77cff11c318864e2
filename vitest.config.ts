import { defineConfig } from 'vitest/config';
import projects, { sourceAliases } from './vitest.workspace.ts';

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
