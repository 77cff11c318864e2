// Readable lines for development: level, time, message and the main context on one line,
// rendered from the finished (masked) ECS line; never on in production unless forced.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bindLoggingContext,
  createEcsLogger,
  EcsctxOptionsError,
  getDiagnosticCounts,
  prettyLine,
  resetDiagnostics,
  runWithLoggingContext,
  traceFromHeaders,
  type EcsLoggerOptions,
} from '@ecsctx/core';
import { flush } from '../support/logger';

afterEach(() => resetDiagnostics());

const ESC = '\u001b[';

/** A real logger writing to a plain stream (not a capture: these lines are not ECS). */
async function writtenBy(options: EcsLoggerOptions, log: (logger: ReturnType<typeof createEcsLogger>) => void, tty = false): Promise<string> {
  const chunks: string[] = [];
  const stream = Object.assign(new Writable({ write: (c, _e, cb) => (chunks.push(c.toString()), cb()) }), { isTTY: tty });
  const logger = createEcsLogger({ name: 'payments.api', ...options, env: { PROJECT_NAME: 'shop', ...options.env }, stream });
  log(logger);
  await flush(logger);
  return chunks.join('');
}

describe('createEcsLogger({ pretty: true })', () => {
  it('writes time, level, logger, message and the context, with the masked values', async () => {
    const text = await writtenBy({ pretty: true }, (logger) =>
      runWithLoggingContext(
        () => {
          bindLoggingContext({ userId: 'u-1', sessionId: 'sess-7' });
          logger.warn('payment_declined', { customer: { email: 'jane@example.com', phone: '+965 6666 7777' }, amount: 250 });
        },
        { trace: traceFromHeaders({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }) },
      ),
    );
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  payments\.api payment_declined trace=4bf92f3577b34da6a3ce929d0e0e4736 user=u-1 session=sess-7 \{.*"amount":250.*\}\n$/);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('6666');
    expect(text).toContain('[PII_REDACTED]');
    expect(text).not.toContain(ESC); // not a terminal: no colours
  });

  it("shows an error's stack under the line and colours the level on a terminal", async () => {
    const text = await writtenBy({ pretty: true, env: {} }, (logger) => logger.error('capture_failed', { error: new TypeError('bad card') }), true);
    const [first, ...stack] = text.trimEnd().split('\n');
    expect(first).toContain(`${ESC}31mERROR`);
    expect(first).toContain('capture_failed');
    expect(stack[0]).toContain('TypeError: bad card');
    expect(stack.every((l) => l.includes('    '))).toBe(true);
  });

  it('NO_COLOR turns colours off on a terminal, FORCE_COLOR on elsewhere, the option wins', async () => {
    const log = (logger: ReturnType<typeof createEcsLogger>) => logger.info('x');
    expect(await writtenBy({ pretty: true, env: { NO_COLOR: '1' } }, log, true)).not.toContain(ESC);
    expect(await writtenBy({ pretty: true, env: { FORCE_COLOR: '1' } }, log, false)).toContain(ESC);
    expect(await writtenBy({ pretty: true, colors: false, env: { FORCE_COLOR: '1' } }, log, true)).not.toContain(ESC);
  });

  it('ECSCTX_PRETTY=1 asks for it; the option wins over the variable; a bad value fails at start-up', async () => {
    const log = (logger: ReturnType<typeof createEcsLogger>) => logger.info('x');
    expect(await writtenBy({ env: { ECSCTX_PRETTY: 'TRUE' } }, log)).toMatch(/ INFO  payments\.api x\n$/);
    expect(await writtenBy({ pretty: false, env: { ECSCTX_PRETTY: '1' } }, log)).toMatch(/^\{"@timestamp"/);
    expect(() => createEcsLogger({ env: { ECSCTX_PRETTY: 'sometimes' } })).toThrow(EcsctxOptionsError);
  });

  it('is refused under NODE_ENV=production (ECS JSON, one diagnostic) unless forced', async () => {
    const log = (logger: ReturnType<typeof createEcsLogger>) => logger.info('x');
    expect(await writtenBy({ pretty: true, env: { NODE_ENV: 'production' } }, log)).toMatch(/^\{"@timestamp"/);
    expect(await writtenBy({ env: { NODE_ENV: 'Production', ECSCTX_PRETTY: '1' } }, log)).toMatch(/^\{"@timestamp"/);
    expect(getDiagnosticCounts().get('ECSCTX_PRETTY_REFUSED')).toBe(2);
    expect(await writtenBy({ pretty: 'force', env: { NODE_ENV: 'production' } }, log)).toMatch(/ INFO  payments\.api x\n$/);
    expect(await writtenBy({ env: { NODE_ENV: 'production', ECSCTX_PRETTY: 'force' } }, log)).toMatch(/ INFO  payments\.api x\n$/);
  });
});

describe('prettyLine', () => {
  it('never throws and never loses a field: every leaf value of the line is in the text', () => {
    // the fields it shows in a form of its own (time, level, ms) or hides on purpose
    const own = new Set(['log', 'message', 'trace', 'span', 'event', 'ecs', 'service', 'project', 'error']);
    const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !own.has(k.split('.')[0]) && !k.startsWith('@'));
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const record = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf)));
    fc.assert(
      fc.property(record, (fields) => {
        const line = JSON.stringify({ '@timestamp': '2026-11-24T09:00:00.000Z', 'log.level': 'info', message: 'm', ...fields });
        const text = prettyLine(line);
        const leaves = (value: unknown): unknown[] => (value !== null && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value]);
        for (const value of leaves(fields)) {
          if (typeof value === 'string' && value !== '') expect(text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1))).toBe(true);
        }
      }),
    );
  });

  it('leaves a line that is not a JSON object as it is', () => {
    for (const line of ['not json', '[1,2]', '"text"', '']) expect(prettyLine(line)).toBe(line);
  });
});
