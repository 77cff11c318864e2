/**
 * Runs fixtures/otel-service.cjs (the Express test service with the real OpenTelemetry Node
 * SDK) in a plain node child process, where the instrumentations' require hooks apply, and
 * talks to it: ECS lines come on its stdout, spans over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../../core/test/support/capture';

/** How the fixture sets OpenTelemetry up (see the fixture's header). */
export type OtelMode = 'full' | 'no-undici' | 'quiet-layers' | 'otel-off';

/** A span the in-memory exporter received. */
export interface SpanRecord {
  readonly name: string;
  /** `SpanKind`: 0 internal, 1 server, 2 client. */
  readonly kind: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
  readonly parentSpanId: string | undefined;
  readonly url: string | undefined;
}

export const SERVER = 1;
export const CLIENT = 2;

export interface OtelService {
  readonly url: string;
  /** Every ECS line the service wrote so far, as written. */
  readonly raw: string[];
  /** What the service wrote to stderr so far (its warnings: ecsctx's diagnostics). */
  stderr(): string;
  /** The parsed lines of one trace, waiting (bounded) until `predicate` holds for them. */
  linesOf(traceId: string, predicate: (lines: Record<string, any>[]) => boolean): Promise<Record<string, any>[]>;
  /** The spans the exporter received so far. */
  spans(): Promise<SpanRecord[]>;
  /**
   * The spans of one trace, asked again (bounded) until `ready` holds: a span is exported
   * when it ends, and some end on the response's `close`, after the client got the response.
   */
  spansOf(traceId: string, ready?: (spans: SpanRecord[]) => boolean): Promise<SpanRecord[]>;
  stop(): Promise<void>;
}

const fixture = join(repoRoot, 'packages/express/test/fixtures/otel-service.cjs');

/** The fixture requires the built packages (see core's test/support/built). */
export { ensureBuilt } from '../../../core/test/support/built';

/**
 * Express 4 is installed as the npm alias `express4`, which the express instrumentation's
 * require hook does not recognise (it matches the directory name `express`). A symlink named
 * `express`, loaded with --preserve-symlinks, makes it the module the hook patches.
 */
function express4AsExpress(): { module: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ecsctx-express4-'));
  mkdirSync(join(dir, 'node_modules'));
  const real = dirname(createRequire(fixture).resolve('express4/package.json'));
  symlinkSync(real, join(dir, 'node_modules', 'express'), 'dir');
  return { module: join(dir, 'node_modules', 'express'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startOtelService(mode: OtelMode, expressVersion: 'express5' | 'express4' = 'express5'): Promise<OtelService> {
  const alias = expressVersion === 'express4' ? express4AsExpress() : undefined;
  const child: ChildProcess = fork(fixture, [mode, alias?.module ?? 'express'], {
    cwd: repoRoot,
    silent: true,
    execArgv: alias ? ['--preserve-symlinks'] : [],
    env: {
      PATH: process.env.PATH,
      PROJECT_NAME: 'otel-express',
      // with --preserve-symlinks, Express 4's own dependencies resolve from the repository
      ...(alias ? { NODE_PATH: join(repoRoot, 'node_modules') } : {}),
    },
  });
  const raw: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('{')) raw.push(line);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { type: string; port?: number }) => m.type === 'ready' && resolve(m.port as number));
    child.once('exit', (code) => reject(new Error(`otel-service exited with ${code}:\n${stderr}`)));
  });
  const spans = (): Promise<SpanRecord[]> =>
    new Promise<SpanRecord[]>((resolve) => {
      const onMessage = (m: { type: string; spans?: SpanRecord[] }): void => {
        if (m.type !== 'spans') return;
        child.off('message', onMessage);
        resolve(m.spans as SpanRecord[]);
      };
      child.on('message', onMessage);
      child.send({ type: 'spans' });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    raw,
    stderr: () => stderr,
    async linesOf(traceId, predicate) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const lines = raw.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.trace?.id === traceId);
        if (predicate(lines)) return lines;
        if (Date.now() > deadline) throw new Error(`timed out waiting for the lines of trace ${traceId}; got ${lines.length}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    spans,
    async spansOf(traceId, ready = () => true) {
      const deadline = Date.now() + 3000;
      for (;;) {
        const found = (await spans()).filter((s) => s.traceId === traceId);
        if (ready(found) || Date.now() > deadline) return found;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'exit' });
        await exited;
      }
      alias?.cleanup();
    },
  };
}
