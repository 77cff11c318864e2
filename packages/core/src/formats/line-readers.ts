/**
 * Does anything after a logger's format read more of the info object than the rendered line?
 * winston's Console, Stream and File transports without a format of their own write
 * `info[MESSAGE]` and read `info[LEVEL]`; any other transport, a transport format, the
 * `log`/`logv` options, a Stream over an object-mode stream, a `data` or `logged` listener
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
 * A check, cheap enough for every line, that only line-writing transports consume `logger`'s
 * output (transports added or removed later are seen on the next line).
 */
export function onlyLineReaders(logger: Logger): () => boolean {
  return () => {
    const state = (logger as unknown as { _readableState?: PipedState })._readableState;
    if (state === undefined) return false;
    const pipes = state.pipes;
    let count = 0;
    if (Array.isArray(pipes)) {
      for (let i = 0; i < pipes.length; i++) if (!readsOnlyLine(pipes[i])) return false;
      count = pipes.length;
    } else if (pipes !== null && pipes !== undefined) {
      if (!readsOnlyLine(pipes)) return false;
      count = 1;
    }
    // piping adds one `data` listener per destination; any other listener reads the fields
    return logger.listenerCount('data') === count;
  };
}
