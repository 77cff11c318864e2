/**
 * Vitest setup for every project: after each test, every line written to a capture stream
 * must pass the shared ECS checker with no errors and no warnings.
 */
import { afterEach, expect } from 'vitest';
import { appendSample, takeCaptures } from './capture';
import { checkEcsLines } from './ecs-check';

afterEach(async () => {
  const captures = takeCaptures();
  for (const capture of captures) {
    if (capture.lines.length === 0) continue;
    const violations = await checkEcsLines(capture.lines);
    const shown = violations.slice(0, 5).map((v) => `line ${v.line}: ${v.path}: ${v.severity}: ${v.message}\n  ${capture.lines[v.line - 1]?.slice(0, 400)}`);
    expect(shown, 'ecs-check on the lines this test logged').toEqual([]);
    appendSample(capture.lines.slice(0, 50));
  }
});
