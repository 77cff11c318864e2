// The loggers compared by the benchmark, all writing to the same kind of discarding sink.
import { mkdtempSync, writeFileSync } from 'node:fs';
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

const { createEcsLogger, configurePii, resetPii, runWithLoggingContext, bindLoggingContext, traceFromHeaders, newSpanId } = core;

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

/**
 * Each runner: `name`, `make(sink)` → `log(event)`, optional async `before()` (outside the
 * timed region) and `wrap(fn)` (runs the timed loop inside a scope).
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
      wrap: (fn) =>
        runWithLoggingContext(
          () => {
            bindLoggingContext({ userId: 42, ip: '192.0.2.10', sessionId: 'sess-1', extra: { merchant_id: 'acme', shop: { store_id: 's1' } }, labels: { region: 'eu' } });
            return fn();
          },
          { trace: traceFromHeaders({ traceparent: TRACEPARENT }), context: { spanId: newSpanId() } },
        ),
      make: (sink) => {
        const l = createEcsLogger({ stream: sink, name: 'bench', env: { PROJECT_NAME: 'bench' } });
        return (e) => l.info(e.message, e.meta);
      },
    },
  ];
}
