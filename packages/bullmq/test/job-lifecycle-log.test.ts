/**
 * The lifecycle lines of one attempt, with a real logger: how each way an attempt ends is
 * logged, and that logging can never change the job's outcome.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { resetDiagnostics, setDiagnosticHandler, type Diagnostic } from '@ecsctx/core';
import { BULLMQ_DIAGNOSTICS, JOB_LIFECYCLE_MESSAGES, LOG_CONTEXT_KEY, withLogContext, type JobLogger } from '@ecsctx/bullmq';
import { flush, makeLogger } from '../../core/test/support/logger';

afterEach(() => {
  setDiagnosticHandler(undefined);
  resetDiagnostics();
});

const job = (attemptsMade: number, attempts: number) => ({
  id: '7',
  name: 'charge',
  queueName: 'payments',
  attemptsMade,
  opts: { attempts, [LOG_CONTEXT_KEY]: { v: 1, context: { sessionId: 'sess-1' } } },
});

describe('lifecycle lines', () => {
  it('log an UnrecoverableError as failed even with attempts left', async () => {
    const { logger, capture } = makeLogger();
    const run = withLogContext(() => {
      throw new UnrecoverableError('card blocked');
    }, { logger });
    await expect(run(job(0, 5))).rejects.toThrow('card blocked');
    await flush(logger);
    const last = capture.records().at(-1);
    expect(last?.message).toBe(JOB_LIFECYCLE_MESSAGES.failed);
    expect(last?.error).toMatchObject({ type: 'UnrecoverableError', message: 'card blocked' });
    expect(last?.session_id).toBe('sess-1');
  });

  it('log a thrown non-Error as an error message, not as a flat error field', async () => {
    const { logger, capture } = makeLogger();
    const run = withLogContext(() => Promise.reject('plain string'), { logger });
    await expect(run(job(0, 1))).rejects.toBe('plain string');
    await flush(logger);
    expect(capture.records().at(-1)?.error).toEqual({ message: 'plain string' });
  });

  it('never change the outcome when the logger throws, and report it once', async () => {
    const diagnostics: Diagnostic[] = [];
    setDiagnosticHandler((d) => diagnostics.push(d));
    const broken: JobLogger = {
      info: () => {
        throw new Error('disk full');
      },
      warn: () => undefined,
      error: () => undefined,
    };
    await expect(withLogContext(async () => 'ok', { logger: broken })(job(0, 1))).resolves.toBe('ok');
    await expect(withLogContext(async () => 'again', { logger: broken })(job(0, 1))).resolves.toBe('again');
    expect(diagnostics.map((d) => d.code)).toEqual([BULLMQ_DIAGNOSTICS.lifecycleLogFailed]);
  });
});
