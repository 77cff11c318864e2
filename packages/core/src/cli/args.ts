/**
 * Command-line parsing for the subcommands: node:util `parseArgs`, strict, with its errors
 * turned into usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options (`string` or `boolean` values) and positionals. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against `options` (every command also gets `--help`/`-h`).
 *
 * @throws CliUsageError for unknown options, missing option values, or unexpected positionals.
 */
export function parseCommandArgs(args: readonly string[], options: Options, allowPositionals: boolean): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

/** The string value of option `name`, or `undefined`. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The value of option `name`, which must be one of `choices`. */
export function choiceOption<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(parsed, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliUsageError(`--${name} must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** `--type`: a non-empty field type, `generic` by default. */
export function fieldTypeOption(parsed: ParsedArgs): string {
  const value = stringOption(parsed, 'type');
  if (value === '') throw new CliUsageError('--type must not be empty');
  return value ?? 'generic';
}
