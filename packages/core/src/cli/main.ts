#!/usr/bin/env node
/**
 * `ecsctx`: the command-line tool of @ecsctx/core. Dispatches `ecsctx <command> ...` to the
 * command modules listed in `registry.ts`.
 *
 * Exit codes: 0 success, 1 failure (the command ran and failed, or `check` found errors),
 * 2 usage error (unknown command or option, missing argument, unreadable input file).
 */
import { EcsctxError } from '../errors';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, writeLine, type CliIo } from './io';
import { COMMANDS } from './registry';
import { packageVersion } from './version';

/** `ecsctx --help`. */
function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: ecsctx <command> [options]',
    '       ecsctx --version',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'ecsctx <command> --help' (or 'ecsctx help <command>') for a command's options.",
    'Exit status: 0 success; 1 the command failed (check: errors found); 2 usage error.',
    'PII commands read the same PII_* environment variables as initPii() in a service:',
    'PII_PROVIDER, PII_ACCESS, PII_ENV, PII_TOKEN_KEYSET_PATH, PII_REVEAL_KEYSET_PATH, PII_VAULT_*.',
  ].join('\n');
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and resolves with the exit
 * code. Never rejects: failures are written to `io.stderr`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    writeLine(io.stdout, packageVersion());
    return EXIT_OK;
  }
  if (name === 'help' && args.length > 0) return main([args[0], '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, mainUsage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    writeLine(io.stderr, `ecsctx: unknown command ${JSON.stringify(name)}. Run 'ecsctx --help' for the list.`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      writeLine(io.stderr, `ecsctx ${name}: ${error.message}\nRun 'ecsctx ${name} --help' for usage.`);
      return EXIT_USAGE;
    }
    const message = error instanceof EcsctxError ? error.message : describeUnexpected(error);
    writeLine(io.stderr, `ecsctx ${name}: ${message}`);
    return EXIT_FAILURE;
  }
}

function describeUnexpected(error: unknown): string {
  const err = error as NodeJS.ErrnoException | undefined;
  // File-system errors name the path and the reason; nothing else is echoed.
  if (err && typeof err.code === 'string' && typeof err.message === 'string') return err.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : 'unexpected failure';
}

if (require.main === module) {
  void main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
