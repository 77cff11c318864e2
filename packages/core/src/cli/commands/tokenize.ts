/**
 * `ecsctx tokenize`: prints the token of each value, as a service configured with the same
 * `PII_*` variables would make it.
 */
import { tokenize } from '../../pii/operations';
import { fieldTypeOption, parseCommandArgs } from '../args';
import { EXIT_OK, writeLine, type CliIo } from '../io';
import { withPiiFromEnv } from '../pii-session';
import { readValues } from '../read-values';

/** Subcommand name. */
export const name = 'tokenize';
/** One-line summary. */
export const summary = 'print the ptok:v1 token of each value (PII_* variables configure the keys)';
/** Help text. */
export const usage = `Usage: ecsctx tokenize [--type email|phone|generic|<type>] [VALUE...]

Prints one token per value, in order. Without VALUE arguments, reads values from stdin, one per
line. Keys and env come from the PII_* environment variables (PII_PROVIDER, PII_ENV,
PII_TOKEN_KEYSET_PATH or PII_VAULT_*), exactly as initPii() reads them in a service.

Options:
  --type T    field type: email and phone are normalized first; any other name (default
              generic) only has surrounding whitespace stripped. Case-sensitive.
  -h, --help  show this help`;

/** Runs `ecsctx tokenize`. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { type: { type: 'string' } }, true);
  if (parsed.values.help) {
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  const fieldType = fieldTypeOption(parsed);
  return withPiiFromEnv(io, async () => {
    // Configured first, so a misconfiguration is reported before anyone types values.
    const values = await readValues(parsed.positionals, io);
    for (const value of values) writeLine(io.stdout, tokenize(value, fieldType));
    return EXIT_OK;
  });
}
