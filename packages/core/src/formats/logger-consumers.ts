/**
 * Who consumes a logger's output: the streams piped from it (its transports), and any other
 * reader of the stream (a `data` or `readable` listener).
 */
import type { Logger } from 'winston';

interface PipedState {
  pipes?: unknown;
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
