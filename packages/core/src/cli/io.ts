/**
 * What a CLI command gets to work with, and how it ends: the streams and environment (so tests
 * run commands in-process), exit codes, and the usage error.
 */
import { EcsctxError } from '../errors';

/** Streams and environment of one CLI run. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Environment for `initPii()`; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Success. */
export const EXIT_OK = 0;
/** The command ran and failed (bad keyset, PII not configured, a value that cannot be revealed). */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

/** A command-line mistake: exit code {@link EXIT_USAGE}. */
export class CliUsageError extends EcsctxError {
  constructor(message: string) {
    super('ERR_ECSCTX_CLI_USAGE', message);
  }
}

/** One CLI subcommand (`cli/commands/<name>.ts` exports these four). */
export interface CliCommand {
  /** The word after `ecsctx`. */
  readonly name: string;
  /** One line for `ecsctx --help`. */
  readonly summary: string;
  /** Full help text for `ecsctx <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the name; resolves with the exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Writes `text` plus a newline. */
export function writeLine(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text + '\n');
}
