/**
 * The one list of test projects (the design card names this file). vitest 4 no longer
 * reads it by itself: `vitest.config.ts` passes it as `test.projects`.
 */
import { fileURLToPath } from 'node:url';

const src = (pkg: string, entry = 'index.ts'): string => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url));

/**
 * Tests import the packages by name; these aliases resolve the names to source. A subpath
 * comes before its package: an alias also matches the names that start with it and a `/`.
 */
export const sourceAliases = {
  '@ecsctx/core/trace': src('core', 'trace/index.ts'),
  '@ecsctx/core/fields': src('core', 'field-tables.ts'),
  '@ecsctx/core/check': src('core', 'check/index.ts'),
  '@ecsctx/core/integration': src('core', 'integration.ts'),
  '@ecsctx/core': src('core'),
  '@ecsctx/express': src('express'),
  '@ecsctx/bullmq': src('bullmq'),
};

const project = (name: string) => ({
  extends: true as const,
  test: {
    name,
    root: fileURLToPath(new URL(`./packages/${name}`, import.meta.url)),
    include: ['test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./packages/core/test/support/ecs-setup.ts', import.meta.url))],
  },
});

/** The end-to-end example (the README's first command), run as a user would. */
const examples = {
  extends: true as const,
  test: {
    name: 'examples',
    root: fileURLToPath(new URL('./examples', import.meta.url)),
    include: ['test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./packages/core/test/support/ecs-setup.ts', import.meta.url))],
  },
};

export default [project('core'), project('express'), project('bullmq'), examples];
