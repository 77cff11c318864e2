/** A real preset logger writing to a capture stream (every captured line is ECS-checked after each test). */
import { afterEach } from 'vitest';
import { createEcsLogger, setDiagnosticHandler, resetDiagnostics, type Diagnostic } from '@ecsctx/core';
import type { Logger } from 'winston';
import { createCapture, type Capture } from '../../../core/test/support/capture';

export interface Logs {
  readonly logger: Logger;
  readonly capture: Capture;
  /** Parsed lines so far. */
  records(): Record<string, any>[];
  /** Waits (polling, bounded) until `predicate` holds for the parsed lines; returns them. */
  until(predicate: (lines: Record<string, any>[]) => boolean, timeoutMs?: number): Promise<Record<string, any>[]>;
}

export function makeLogs(): Logs {
  const capture = createCapture();
  const logger = createEcsLogger({ stream: capture.stream, level: 'debug', env: { PROJECT_NAME: 'shopfront', APP_VERSION: '1.3.0' } });
  const records = (): Record<string, any>[] => capture.records();
  return {
    logger,
    capture,
    records,
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lines = records();
        if (predicate(lines)) return lines;
        if (Date.now() > deadline) throw new Error(`timed out waiting for log lines; got ${lines.length}:\n${capture.lines.slice(-5).join('\n')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

/** Lines with this message. */
export function withMessage(lines: Record<string, any>[], message: string): Record<string, any>[] {
  return lines.filter((l) => l.message === message);
}

/** Collects diagnostics for the current test file (reset after each test). */
export function collectDiagnostics(): Diagnostic[] {
  const seen: Diagnostic[] = [];
  setDiagnosticHandler((d) => seen.push(d));
  afterEach(() => {
    seen.length = 0;
    resetDiagnostics();
  });
  return seen;
}

export const HEX32 = /^[0-9a-f]{32}$/;
export const HEX16 = /^[0-9a-f]{16}$/;
