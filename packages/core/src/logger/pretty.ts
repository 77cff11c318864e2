/**
 * Human-readable lines for development: the finished ECS line (already masked and tokenized)
 * rendered as `time LEVEL logger message key=value ...`, with the error's stack below it and
 * the remaining fields as compact JSON. Not for production: Elasticsearch needs the JSON line.
 */
import winston from 'winston';
import type { Format } from 'logform';
import { MESSAGE } from 'triple-beam';

/** Options of {@link prettyLines}. */
export interface PrettyOptions {
  /** ANSI colours (level, dimmed details); default `false`. */
  colors?: boolean;
}

const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const LEVEL_COLORS: Readonly<Record<string, string>> = {
  error: '\u001b[31m',
  warn: '\u001b[33m',
  warning: '\u001b[33m',
  info: '\u001b[32m',
  http: '\u001b[36m',
  verbose: '\u001b[36m',
  debug: '\u001b[34m',
  silly: '\u001b[35m',
};

type Json = Record<string, unknown>;

/** Fields every line has that a developer does not need to read on each line. */
const HIDDEN: readonly string[] = ['ecs.version', 'service', 'project'];

/** The context shown as `key=value`, in this order: [label, path]. */
const SHOWN: readonly (readonly [string, string])[] = [
  ['trace', 'trace.id'],
  ['span', 'span.id'],
  ['user', 'user.id'],
  ['session', 'session_id'],
  ['job', 'bullmq.job.name'],
  ['method', 'http.request.method'],
  ['path', 'url.path'],
  ['status', 'http.response.status_code'],
  ['took_ms', 'event.duration'],
];

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads and removes `path` (dotted, or a dotted root key such as `log.level`). */
function take(record: Json, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, path)) {
    const value = record[path];
    delete record[path];
    return value;
  }
  const parts = path.split('.');
  const parents: Json[] = [];
  let node: Json = record;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = node[parts[i]];
    if (!isObject(next)) return undefined;
    parents.push(node);
    node = next;
  }
  const last = parts[parts.length - 1];
  if (!Object.prototype.hasOwnProperty.call(node, last)) return undefined;
  const value = node[last];
  delete node[last];
  // drop the objects the removal emptied
  for (let i = parts.length - 2; i >= 0 && Object.keys(node).length === 0; i--) {
    delete parents[i][parts[i]];
    node = parents[i];
  }
  return value;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** `event.duration` is in nanoseconds; shown in milliseconds. */
function shownValue(label: string, value: unknown): string {
  if (label === 'took_ms' && typeof value === 'number') return String(Math.round(value / 1e4) / 100);
  return text(value);
}

/**
 * `line` (one ECS JSON line) as a readable line, or `line` unchanged when it is not a JSON
 * object. Never throws.
 */
export function prettyLine(line: string, options: PrettyOptions = {}): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (!isObject(record)) return line;
  const paint = (code: string, s: string): string => (options.colors ? `${code}${s}${RESET}` : s);
  const timestamp = take(record, '@timestamp');
  const level = text(take(record, 'log.level') ?? 'info');
  const logger = take(record, 'log.logger');
  const message = text(take(record, 'message') ?? '');
  for (const hidden of HIDDEN) take(record, hidden);
  const time = typeof timestamp === 'string' && timestamp.length >= 23 ? timestamp.slice(11, 23) : text(timestamp ?? '');
  const head = [
    paint(DIM, time),
    paint(LEVEL_COLORS[level] ?? '', level.toUpperCase().padEnd(5)),
    ...(logger === undefined ? [] : [paint(DIM, text(logger))]),
    paint(BOLD, message),
  ];
  const pairs: string[] = [];
  for (const [label, path] of SHOWN) {
    const value = take(record, path);
    if (value !== undefined) pairs.push(`${paint(DIM, `${label}=`)}${shownValue(label, value)}`);
  }
  const stack = take(record, 'error.stack_trace');
  const rest = Object.keys(record).length > 0 ? [paint(DIM, JSON.stringify(record))] : [];
  const out = [...head, ...pairs, ...rest].join(' ');
  return typeof stack === 'string' ? `${out}\n${paint(DIM, stack.replace(/^/gm, '    '))}` : out;
}

/**
 * A format that turns the rendered ECS line (`info[MESSAGE]`) into {@link prettyLine}'s
 * readable text. Put it after `ecsFormat()`: it reads the masked line, so masking and
 * tokenization apply as in production. `createEcsLogger({ pretty: true })` adds it.
 */
export function prettyLines(options: PrettyOptions = {}): Format {
  return winston.format((info) => {
    const line = (info as unknown as Record<symbol, unknown>)[MESSAGE];
    if (typeof line === 'string') (info as unknown as Record<symbol, unknown>)[MESSAGE] = prettyLine(line, options);
    return info;
  })();
}
