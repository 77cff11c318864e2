/**
 * The subcommands of `ecsctx`, in help order. To add one, write `commands/<name>.ts` exporting
 * `name`, `summary`, `usage` and `run(args, io)`, and list it here.
 */
import * as check from './commands/check';
import * as keyset from './commands/keyset';
import * as reveal from './commands/reveal';
import * as tokenize from './commands/tokenize';
import type { CliCommand } from './io';

/** Every subcommand. */
export const COMMANDS: readonly CliCommand[] = [keyset, tokenize, reveal, check];
