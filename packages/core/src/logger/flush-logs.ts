/**
 * Draining a logger before the process exits. `process.exit()` ends the process at once: a
 * line still queued in winston, in a transport or in `process.stdout` (whose writes to a pipe
 * are asynchronous) is lost. `flushLogs` waits until every line logged so far has left all of
 * them; `flushAndExit` and `handleExitSignals` build on it.
 */
import { constants } from 'node:os';
import type { Logger } from 'winston';

/** Options of {@link flushLogs}. */
export interface FlushOptions {
  /** Give up after this many milliseconds (default 10 000): a stuck reader must not hang the exit. */
  timeoutMs?: number;
}

/** Default of {@link FlushOptions.timeoutMs}. */
const DEFAULT_FLUSH_TIMEOUT_MS = 10_000;

const POLL_MS = 5;

interface Buffered {
  readonly destroyed?: boolean;
  readonly writableLength?: number;
  readonly readableLength?: number;
}

function pending(stream: Buffered): boolean {
  try {
    if (stream.destroyed === true) return false;
    return (stream.writableLength ?? 0) > 0 || (stream.readableLength ?? 0) > 0;
  } catch {
    return false;
  }
}

function isStream(value: unknown): value is Buffered {
  return value !== null && typeof value === 'object' && ('writableLength' in value || 'readableLength' in value);
}

/**
 * Every buffer a line passes through on its way out of `logger`: the logger itself, each
 * transport, the stream a Stream or File transport writes to, and the process's stdout and
 * stderr (where the Console transport writes).
 */
function buffersOf(logger: Logger): Buffered[] {
  const out: Buffered[] = [logger as unknown as Buffered];
  let transports: readonly unknown[] = [];
  try {
    transports = logger.transports ?? [];
  } catch {
    transports = [];
  }
  for (const transport of transports) {
    if (isStream(transport)) out.push(transport);
    const inner = transport as { _stream?: unknown; _dest?: unknown };
    if (isStream(inner._stream)) out.push(inner._stream);
    if (isStream(inner._dest)) out.push(inner._dest);
  }
  out.push(process.stdout as unknown as Buffered, process.stderr as unknown as Buffered);
  return out;
}

/**
 * Resolves when every line `logger` (or each of `loggers`) was given so far has been handed
 * to the operating system: winston's queue, each transport's buffer and the streams they
 * write to (stdout included) are empty. Resolves `true` then, `false` if `timeoutMs` passed
 * first. Never rejects; the logger stays usable.
 *
 * @example
 * logger.error('cannot start', { error });
 * await flushLogs(logger);
 * process.exit(1);
 */
export async function flushLogs(logger: Logger | readonly Logger[], options: FlushOptions = {}): Promise<boolean> {
  const loggers = Array.isArray(logger) ? (logger as readonly Logger[]) : [logger as Logger];
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS);
  // winston hands a line on in a later tick: look again after the current ones ran
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!(await buffersDrained(loggers, deadline))) return false;
  // a transport that writes elsewhere (the worker transport) says itself when it is done
  const flushes = loggers.flatMap(flushingTransports).map(startFlush);
  if (flushes.length > 0 && !(await beforeDeadline(Promise.all(flushes), deadline))) return false;
  return buffersDrained(loggers, deadline);
}

/** Waits until no buffer of `loggers` holds a line; false when `deadline` came first. */
async function buffersDrained(loggers: readonly Logger[], deadline: number): Promise<boolean> {
  for (;;) {
    const waiting = loggers.flatMap(buffersOf).some(pending);
    if (!waiting) return true;
    if (Date.now() >= deadline) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A transport that resolves `flush()` once it wrote every line it was given (as the worker transport does). */
interface FlushingTransport {
  flush(): unknown;
}

function flushingTransports(logger: Logger): FlushingTransport[] {
  try {
    return (logger.transports ?? []).filter((t): t is typeof t & FlushingTransport => typeof (t as Partial<FlushingTransport>).flush === 'function');
  } catch {
    return [];
  }
}

function startFlush(transport: FlushingTransport): Promise<unknown> {
  try {
    return Promise.resolve(transport.flush()).catch(() => undefined);
  } catch {
    return Promise.resolve();
  }
}

/** True when `work` settles before `deadline`. */
async function beforeDeadline(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Flushes `logger` (see {@link flushLogs}), then ends the process with `code` (default
 * `process.exitCode`, else 0). Use it wherever you would call `process.exit()`.
 *
 * @example
 * main().catch(async (error) => {
 *   logger.error('job_failed', { error });
 *   await flushAndExit(logger, 1);
 * });
 */
export async function flushAndExit(logger: Logger | readonly Logger[], code?: number, options: FlushOptions = {}): Promise<never> {
  await flushLogs(logger, options);
  const exitCode = code ?? (typeof process.exitCode === 'number' ? process.exitCode : 0);
  return process.exit(exitCode);
}

/** Options of {@link handleExitSignals}. */
export interface ExitSignalOptions extends FlushOptions {
  /** The signals to handle; default `['SIGTERM', 'SIGINT']`. */
  signals?: readonly NodeJS.Signals[];
}

/**
 * Opt-in: on each of `signals` (default SIGTERM and SIGINT), flush `logger` and exit with
 * the conventional code `128 + signal number` (143 for SIGTERM). Installing a handler stops
 * Node's default of dying on the signal at once, so use this only where nothing else has
 * to run at shutdown; a service that closes servers or workers first calls
 * {@link flushAndExit} at the end of its own handler instead. Returns a function that
 * removes the handlers.
 */
export function handleExitSignals(logger: Logger | readonly Logger[], options: ExitSignalOptions = {}): () => void {
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  let exiting = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (exiting) return;
    exiting = true;
    const number = (constants.signals as Record<string, number | undefined>)[signal] ?? 15;
    void flushAndExit(logger, 128 + number, options);
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.removeListener(signal, handler);
  };
}
