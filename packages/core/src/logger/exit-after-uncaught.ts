/**
 * The exit after an uncaught exception or unhandled rejection that a logger handles. winston
 * exits once its handling transports emit `finish`, which a transport that stays open never
 * does, so it waits its full 3 s and then exits with whatever is still queued lost. Here the
 * logger is flushed instead and the process exits as soon as the line is out.
 */
import type { Logger } from 'winston';
import { flushAndExit, type FlushOptions } from './flush-logs';

/** winston's `exitOnError`: whether to exit after logging an uncaught error. */
export type ExitOnError = boolean | ((error: Error) => boolean);

function shouldExit(exitOnError: ExitOnError, error: unknown): boolean {
  if (typeof exitOnError !== 'function') return exitOnError;
  try {
    return exitOnError(error as Error);
  } catch {
    return true;
  }
}

/**
 * The `exitOnError` to give winston for `logger`. winston asks it just before it logs the
 * error: when `exitOnError` says to exit, a flush of the logger starts (it runs after the line
 * is logged) and ends the process with code 1; winston itself is told not to exit.
 */
export function exitAfterFlush(logger: () => Logger, exitOnError: ExitOnError, options: FlushOptions = {}): (error: Error) => boolean {
  let exiting = false;
  return (error: Error): boolean => {
    if (!exiting && shouldExit(exitOnError, error)) {
      exiting = true;
      void flushAndExit(logger(), 1, options);
    }
    return false;
  };
}
