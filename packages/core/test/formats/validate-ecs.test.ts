/**
 * The validate step reports the placement violations the namespace step found: a diagnostic
 * once per distinct violation (never per line), or an error in mode 'error' (for tests).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EcsctxValidationError, resetDiagnostics, setDiagnosticHandler, type Diagnostic } from '@ecsctx/core';
import { makeLogger, flush } from '../support/logger';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

describe('validation', () => {
  it('warns once per distinct violation, never per line', async () => {
    const seen: Diagnostic[] = [];
    setDiagnosticHandler((d) => seen.push(d));
    const { logger, capture } = makeLogger();
    for (let i = 0; i < 5; i++) logger.error('failure', { error: 'timeout', user: 'bob' });
    await flush(logger);
    expect(capture.lines).toHaveLength(5);
    expect(seen.map((d) => d.message)).toEqual([
      "ECS conflict: 'error' is a reserved field and should be a nested object, got string. Use 'error.xxx' structure instead.",
      "ECS conflict: 'user' is a reserved field and should be a nested object, got string. Use 'user.xxx' structure instead.",
    ]);
  });

  it("mode 'error' turns violations into errors (for tests)", () => {
    const { logger } = makeLogger({ validation: 'error' });
    expect(() => logger.info('bad', { log: 'x' })).toThrow(EcsctxValidationError);
    expect(() => logger.info('good', { error: { message: 'fine' } })).not.toThrow();
  });
});
