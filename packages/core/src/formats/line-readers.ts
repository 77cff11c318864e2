/**
 * Does anything after a logger's format read more of the info object than the rendered line?
 * winston's Console, Stream and File transports without a format of their own write
 * `info[MESSAGE]` and read `info[LEVEL]`; any other transport, a transport format, the
 * `log`/`logv` options, a Stream over an object-mode stream, a `data`, `readable` or `logged` listener
 * may read the fields.
 */
import winston, { type Logger } from 'winston';

const LINE_TRANSPORTS: ReadonlySet<unknown> = new Set<unknown>([winston.transports.Console, winston.transports.Stream, winston.transports.File]);

interface PipedState {
  pipes?: unknown;
}

function readsOnlyLine(target: unknown): boolean {
  const transport = target as { constructor?: unknown; format?: unknown; isObjectMode?: unknown; listenerCount?: (event: string) => number };
  return (
    LINE_TRANSPORTS.has(transport.constructor) &&
    transport.format === undefined &&
    // a Stream transport over an object-mode stream writes the info object itself
    transport.isObjectMode !== true &&
    // the `log`/`logv` options replace the transport's own writing
    !Object.prototype.hasOwnProperty.call(transport, 'log') &&
    !Object.prototype.hasOwnProperty.call(transport, 'logv') &&
    (typeof transport.listenerCount !== 'function' || transport.listenerCount('logged') === 0)
  );
}

/**
 * True when every stream piped from `logger` passes `accepts` and nothing else consumes its
 * output: no `data` listener beyond the one each pipe adds, no `readable` listener (a reader
 * calling `logger.read()` or iterating it).
 */
export function onlyPipedTo(logger: Logger, accepts: (target: unknown) => boolean): boolean {
  const state = (logger as unknown as { _readableState?: PipedState })._readableState;
  if (state === undefined) return false;
  const pipes = state.pipes;
  let count = 0;
  if (Array.isArray(pipes)) {
    for (let i = 0; i < pipes.length; i++) if (!accepts(pipes[i])) return false;
    count = pipes.length;
  } else if (pipes !== null && pipes !== undefined) {
    if (!accepts(pipes)) return false;
    count = 1;
  }
  return logger.listenerCount('data') === count && logger.listenerCount('readable') === 0;
}

/**
 * A check, cheap enough for every line, that only line-writing transports consume `logger`'s
 * output (transports added or removed later are seen on the next line).
 */
export function onlyLineReaders(logger: Logger): () => boolean {
  return () => onlyPipedTo(logger, readsOnlyLine);
}
