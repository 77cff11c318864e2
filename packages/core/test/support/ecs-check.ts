/**
 * The independent ECS checker from `reference/ecs/ecs-check.mjs`, loaded from there.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { referenceDir } from './capture';

export interface Violation {
  line: number;
  path: string;
  severity: 'error' | 'warning';
  message: string;
}

interface CheckerModule {
  createChecker(opts?: { crossLine?: boolean }): { check(text: string, line?: number): Violation[] };
}

let modulePromise: Promise<CheckerModule> | undefined;

function loadChecker(): Promise<CheckerModule> {
  modulePromise ??= import(pathToFileURL(join(referenceDir, 'ecs', 'ecs-check.mjs')).href) as Promise<CheckerModule>;
  return modulePromise;
}

/** Checks lines as one run (cross-line dynamic mapping on): every violation, errors and warnings. */
export async function checkEcsLines(lines: readonly string[]): Promise<Violation[]> {
  const mod = await loadChecker();
  const checker = mod.createChecker({ crossLine: true });
  const out: Violation[] = [];
  lines.forEach((line, i) => out.push(...checker.check(line, i + 1)));
  return out;
}
