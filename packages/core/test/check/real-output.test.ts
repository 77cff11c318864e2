/**
 * `ecsctx check` on what the library really writes: quiet on correct set-ups, and the
 * `user.id` heuristic catching a real Express app that binds the user before authenticating.
 */
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, expressContext } from '@ecsctx/express';
import { checkLogLines, type CheckReport } from '@ecsctx/core/check';
import { flush, makeLogger } from '../support/logger';
import { GOOD_TOKEN, configureTestPii, libraryOutput, resetTestPii, type LibraryOutput } from './library-output';

let output: LibraryOutput;

beforeAll(async () => {
  output = await libraryOutput();
});

function summary(report: CheckReport): string[] {
  return report.findings.map((f) => `${f.line} ${f.severity} ${f.check}`);
}

describe('real output of the library', () => {
  it('raises no error on the core preset, only the absent-id warnings of its start-up and shutdown lines', () => {
    const report = checkLogLines(output.core);
    expect(report.lines).toBe(output.core.length);
    expect(report.errors).toBe(0);
    const last = output.core.length;
    expect(summary(report)).toEqual(['1 warning trace-id', '1 warning span-id', `${last} warning trace-id`, `${last} warning span-id`]);
  });

  it('raises nothing on an Express app: authenticated, anonymous, refused and failing requests, traced fetch', () => {
    expect(output.express.length).toBeGreaterThanOrEqual(14);
    expect(summary(checkLogLines(output.express))).toEqual([]);
  });

  it('raises nothing on BullMQ job scopes: restored context, retries, a scheduled job', () => {
    expect(output.bullmq.length).toBeGreaterThanOrEqual(9);
    expect(summary(checkLogLines(output.bullmq))).toEqual([]);
  });

  it('raises nothing on all three as one run (no custom field changes type between them)', () => {
    const report = checkLogLines([...output.core, ...output.express, ...output.bullmq]);
    expect(report.errors).toBe(0);
    expect(report.checks['mapping-conflict']).toEqual({ errors: 0, warnings: 0 });
  });
});

describe('the user.id heuristic on a real Express app', () => {
  afterAll(() => resetTestPii());

  it('warns for each authenticated request when the user binding runs before authentication', async () => {
    await configureTestPii();
    const { logger, capture } = makeLogger({ name: 'orders.http' });
    const app = express();
    // the mistake the seed warns about (§7): context first, authentication after it
    app.use(expressContext({ getUserId: (req) => (req as Request & { user?: { id: number } }).user?.id, orderCheck: 'off' }));
    app.use(accessLog({ logger }));
    app.use((req: Request, _res: Response, next: NextFunction) => {
      if (req.headers.authorization === GOOD_TOKEN) (req as Request & { user?: { id: number } }).user = { id: 42 };
      next();
    });
    app.get('/me', (_req: Request, res: Response) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/me`, { headers: { authorization: GOOD_TOKEN } }).then((r) => r.text());
      await fetch(`${base}/me`).then((r) => r.text());
      await fetch(`${base}/me`, { headers: { authorization: GOOD_TOKEN } }).then((r) => r.text());
      for (let i = 0; i < 200 && capture.lines.length < 6; i++) await new Promise((r) => setTimeout(r, 5));
      await flush(logger);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const report = checkLogLines(capture.lines);
    expect(summary(report)).toEqual(['1 warning user-id', '5 warning user-id']);
    expect(report.findings[0].message).toContain('http.request.headers.authorization');
  });
});
