/**
 * The line written when a step of the chain fails on a line (a value no rule foresaw): the
 * line is not lost. It keeps the time, the level, the message when it is a string, the
 * logger's name and says `labels.ecsctx_degraded: "failed"`; the fields are left out (they
 * are what failed). Counted as a degraded line of kind `failed`.
 */
import { LEVEL } from 'triple-beam';
import { CAPTURED_CALL } from './captured-call';
import type { Info } from './info-symbols';
import { ECS_VERSION } from '../fields';
import { EcsctxValidationError } from '../errors';
import { countDegradedLine } from '../degraded-lines';
import { UNREADABLE_MARKER } from '../serialize/markers';

/** Set on an info object standing for a line a step failed on. */
export const FAILED_LINE: unique symbol = Symbol.for('ecsctx.failed-line.v1') as never;

function readOr(info: Info, key: string | symbol): unknown {
  try {
    return info[key];
  } catch {
    return undefined;
  }
}

/** The info object handed on after a step failed on `info` (rethrows validation errors: `mode: 'error'`). */
export function failedInfo(info: Info, error: unknown): Info {
  if (error instanceof EcsctxValidationError) throw error;
  countDegradedLine('failed');
  const level = readOr(info, 'level');
  const message = readOr(info, 'message');
  const out: Info = { level, message: typeof message === 'string' ? message : UNREADABLE_MARKER };
  out[LEVEL] = readOr(info, LEVEL) ?? level;
  const call = readOr(info, CAPTURED_CALL);
  if (call !== undefined) out[CAPTURED_CALL] = call;
  out[FAILED_LINE] = true;
  return out;
}

/** The JSON line of a failed line. */
export function failedLineText(info: Info, time: number, loggerName: string | undefined): string {
  const level = readOr(info, LEVEL) ?? readOr(info, 'level');
  const message = readOr(info, 'message');
  const line: Record<string, unknown> = {
    '@timestamp': new Date(Number.isFinite(time) ? time : Date.now()).toISOString(),
    'log.level': typeof level === 'string' ? level : 'info',
    message: typeof message === 'string' ? message : UNREADABLE_MARKER,
    'ecs.version': ECS_VERSION,
  };
  if (loggerName !== undefined) line.log = { logger: loggerName };
  line.labels = { ecsctx_degraded: 'failed' };
  return JSON.stringify(line);
}
