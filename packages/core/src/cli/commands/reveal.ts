/**
 * `ecsctx reveal`: decrypts `penc:v1:` values with the reveal keyset (needs `PII_ACCESS=full`).
 */
import { reveal } from '../../pii/operations';
import { fieldTypeOption, parseCommandArgs } from '../args';
import { EXIT_FAILURE, EXIT_OK, writeLine, type CliIo } from '../io';
import { withPiiFromEnv } from '../pii-session';
import { readValues } from '../read-values';

/** Subcommand name. */
export const name = 'reveal';
/** One-line summary. */
export const summary = 'decrypt penc:v1 values (needs PII_ACCESS=full and a reveal keyset)';
/** Help text. */
export const usage = `Usage: ecsctx reveal [--type T] [CIPHERTEXT...]

Prints the plaintext of each penc:v1 value, one per line, in order. Without CIPHERTEXT arguments,
reads them from stdin, one per line (whitespace around a line is ignored). Needs PII_ACCESS=full
and the reveal keyset (PII_REVEAL_KEYSET_PATH or PII_VAULT_REVEAL_KEYSET_PATH).

A value that cannot be revealed is reported on stderr by its position (never echoed) and the
command exits with 1 after the others are printed; its output line is left empty.

Options:
  --type T    the field type given to protect() (default generic); it is authenticated, so
              it must match exactly.
  -h, --help  show this help`;

/** Runs `ecsctx reveal`. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(args, { type: { type: 'string' } }, true);
  if (parsed.values.help) {
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  const fieldType = fieldTypeOption(parsed);
  const fromStdin = parsed.positionals.length === 0;
  return withPiiFromEnv(io, async () => {
    // Configured first, so a misconfiguration is reported before anyone types values.
    const values = await readValues(parsed.positionals, io);
    let failed = 0;
    values.forEach((value, index) => {
      try {
        writeLine(io.stdout, reveal(fromStdin ? value.trim() : value, fieldType));
      } catch (error) {
        // The first access-denied or not-configured error applies to all values: stop there.
        if ((error as { code?: string }).code === 'ERR_ECSCTX_PII_ACCESS_DENIED') throw error;
        failed++;
        writeLine(io.stdout, '');
        writeLine(io.stderr, `ecsctx reveal: value ${index + 1}: ${(error as Error).message}`);
      }
    });
    return failed === 0 ? EXIT_OK : EXIT_FAILURE;
  });
}
