// The loggers compared by the benchmark, all writing to the same kind of discarding sink.
import { mkdtempSync, writeFileSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHmac } from 'node:crypto';
import winston from 'winston';
import pino from 'pino';
import { ecsFormat as elasticWinstonFormat } from '@elastic/ecs-winston-format';
import { ecsFormat as elasticPinoFormat } from '@elastic/ecs-pino-format';
import core from '@ecsctx/core';
import { REDACT_PATHS } from './events.mjs';

/** The prefix of the HMAC peer's tokens (ours start with core's TOKEN_PREFIX). */
export const PEER_TOKEN_PREFIX = 'hmac:v1:';

const { createEcsLogger, createEcsWorkerLogger, configurePii, resetPii, runWithLoggingContext, bindLoggingContext, traceFromHeaders, newSpanId } = core;

/** A token keyset file, written once per run (the "PII configured from a file keyset" runner). */
export function writeKeysetFile() {
  const dir = mkdtempSync(join(tmpdir(), 'ecsctx-bench-'));
  const file = join(dir, 'token-keyset.json');
  const keyset = {
    schema_version: 1,
    primary_kid: 'bench-1',
    keys: { 'bench-1': { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() } },
  };
  writeFileSync(file, JSON.stringify(keyset), { mode: 0o600 });
  return file;
}

function winstonLogger(format, sink) {
  return winston.createLogger({ level: 'info', format, transports: [new winston.transports.Stream({ stream: sink })] });
}

/**
 * What a pino team would write to get tokens instead of a marker: a `redact` censor that keys
 * an HMAC-SHA256 (node:crypto's createHmac) per redacted value, credentials still redacted.
 */
function hmacCensor() {
  const key = randomBytes(32);
  return (value, path) => {
    if (path[path.length - 1] === 'authorization') return '[REDACTED]';
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return PEER_TOKEN_PREFIX + createHmac('sha256', key).update(text).digest('base64url');
  };
}

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** Runs `fn` in a request-like scope with a bound context and a trace (the bound-context runners). */
function inBoundScope(fn) {
  return runWithLoggingContext(
    () => {
      bindLoggingContext({ userId: 42, ip: '192.0.2.10', sessionId: 'sess-1', extra: { merchant_id: 'acme', shop: { store_id: 's1' } }, labels: { region: 'eu' } });
      return fn();
    },
    { trace: traceFromHeaders({ traceparent: TRACEPARENT }), context: { spanId: newSpanId() } },
  );
}

/**
 * A runner whose lines are rendered on a worker thread (createEcsWorkerLogger), writing to
 * /dev/null. One logger per runner, made once (a service starts its worker once); the run
 * waits for the worker to have written every line, and the time the logging thread spent
 * blocked waiting for room in the buffer counts as event-loop time.
 */
function workerRunner(name, keysetFile, wrap) {
  const pii = { provider: 'file', tokenKeysetPath: keysetFile, env: 'bench' };
  let logger;
  const transport = () => logger.transports[0];
  const make = (destination) => createEcsWorkerLogger({ destination, name: 'bench', env: { PROJECT_NAME: 'bench' }, pii });
  return {
    name,
    ours: true,
    worker: true,
    wrap,
    before: () => configurePii(pii),
    make: () => {
      logger ??= make(openSync('/dev/null', 'w'));
      return (e) => logger.info(e.message, e.meta);
    },
    prepare: () => transport().ready(),
    settle: () => transport().flush(),
    blockedUs: () => (logger ? transport().stats().waitedMs * 1000 : 0),
    capture: async (_kind, makeEvent, lines) => {
      const dir = mkdtempSync(join(tmpdir(), 'ecsctx-bench-worker-'));
      const file = join(dir, 'lines.ndjson');
      const probe = make(file);
      const loop = () => {
        for (let i = 0; i < lines; i++) {
          const e = makeEvent(7_000_000 + i);
          probe.info(e.message, e.meta);
        }
      };
      if (wrap) wrap(loop);
      else loop();
      await probe.transports[0].flush();
      probe.close();
      const text = readFileSync(file, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      return text.split('\n').filter(Boolean).map((l) => l + '\n');
    },
  };
}

/**
 * Each runner: `name`, `make(sink)` → `log(event)`, optional async `before()` (outside the
 * timed region) and `wrap(fn)` (runs the timed loop inside a scope); a worker runner also has
 * `prepare()`, `settle()`, `blockedUs()` and `capture()` (see workerRunner).
 */
export function createRunners(keysetFile) {
  const piiOn = () => configurePii({ provider: 'file', tokenKeysetPath: keysetFile, env: 'bench' });
  const piiOff = async () => resetPii();
  return [
    {
      name: 'winston + format.json()',
      make: (sink) => {
        const l = winstonLogger(winston.format.json(), sink);
        return (e) => l.info(e.message, e.meta);
      },
    },
    {
      name: 'winston + @elastic/ecs-winston-format',
      baseline: true,
      make: (sink) => {
        const l = winstonLogger(elasticWinstonFormat(), sink);
        return (e) => l.info(e.message, e.meta);
      },
    },
    {
      name: 'pino + @elastic/ecs-pino-format',
      make: (sink) => {
        const l = pino({ ...elasticPinoFormat(), level: 'info' }, sink);
        return (e) => l.info(e.meta, e.message);
      },
    },
    {
      name: 'pino + ecs-pino-format + redact',
      make: (sink) => {
        const l = pino({ ...elasticPinoFormat(), level: 'info', redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }, sink);
        return (e) => l.info(e.meta, e.message);
      },
    },
    {
      name: 'pino + ecs-pino-format + redact + HMAC censor',
      equalWork: true,
      make: (sink) => {
        const l = pino({ ...elasticPinoFormat(), level: 'info', redact: { paths: REDACT_PATHS, censor: hmacCensor() } }, sink);
        return (e) => l.info(e.meta, e.message);
      },
    },
    {
      name: 'ecsctx, PII from a file keyset',
      ours: true,
      before: piiOn,
      make: (sink) => {
        const l = createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
        return (e) => l.info(e.message, e.meta);
      },
    },
    {
      name: 'ecsctx, PII unconfigured (redaction)',
      ours: true,
      before: piiOff,
      make: (sink) => {
        const l = createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
        return (e) => l.info(e.message, e.meta);
      },
    },
    {
      name: 'ecsctx, PII + bound context + trace',
      ours: true,
      before: piiOn,
      wrap: inBoundScope,
      make: (sink) => {
        const l = createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
        return (e) => l.info(e.message, e.meta);
      },
    },
    workerRunner('ecsctx on a worker thread, PII from a file keyset', keysetFile),
    workerRunner('ecsctx on a worker thread, PII + bound context + trace', keysetFile, inBoundScope),
  ];
}
