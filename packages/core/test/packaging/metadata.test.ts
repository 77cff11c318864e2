// What a reviewer reads before adopting the packages: the licence, where the code lives and
// where to report bugs and vulnerabilities, and README links that work on the npm page
// (which shows the package README away from the repository: relative links break there).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/capture';

/** The one repository URL the packages and their READMEs name. */
const REPO = 'https://github.com/ecsctx/ecsctx-node';
const PACKAGES = ['core', 'express', 'bullmq'] as const;

interface Manifest {
  name: string;
  license?: string;
  homepage?: string;
  repository?: { type?: string; url?: string; directory?: string };
  bugs?: { url?: string };
  files?: string[];
}

const manifest = (pkg: string): Manifest => JSON.parse(readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8')) as Manifest;

/** Every link target of a Markdown text: `[text](target)` and `<https://...>`. */
function links(markdown: string): string[] {
  return [...[...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]), ...[...markdown.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((m) => m[1])];
}

describe.each(PACKAGES)('@ecsctx/%s', (pkg) => {
  it('has the MIT licence its package.json declares, at the package root and the repository root', () => {
    expect(manifest(pkg).license).toBe('MIT');
    const text = readFileSync(join(repoRoot, 'packages', pkg, 'LICENSE'), 'utf8');
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    expect(readFileSync(join(repoRoot, 'LICENSE'), 'utf8')).toBe(text);
  });

  it('names its repository, folder, issue tracker and home page, all in the one repository', () => {
    const m = manifest(pkg);
    expect(m.repository).toEqual({ type: 'git', url: `git+${REPO}.git`, directory: `packages/${pkg}` });
    expect(m.bugs).toEqual({ url: `${REPO}/issues` });
    expect(m.homepage).toBe(`${REPO}/tree/main/packages/${pkg}#readme`);
    expect(m.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
  });

  it('README links are absolute and those into the repository name files that exist', () => {
    const targets = links(readFileSync(join(repoRoot, 'packages', pkg, 'README.md'), 'utf8'));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(target, target).toMatch(/^(https?:\/\/|#)/);
      const inRepo = new RegExp(`^${REPO}/(?:blob|tree)/main/([^#?]+)`).exec(target);
      if (target.startsWith('https://github.com/ecsctx/')) expect(inRepo, target).not.toBeNull();
      if (inRepo) expect(existsSync(join(repoRoot, inRepo[1])), target).toBe(true);
    }
  });
});

describe('the security contact', () => {
  it('docs/security.md says to open a private security advisory on the repository', () => {
    const text = readFileSync(join(repoRoot, 'docs', 'security.md'), 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain('open a private security advisory on the repository');
    expect(text).toContain(`${REPO}/security/advisories/new`);
  });
});
