/**
 * The values a command works on: its positionals, or else one per line of stdin.
 */
import { createInterface } from 'node:readline';
import { writeLine, type CliIo } from './io';

/**
 * Positional values when there are any; otherwise stdin split into lines (`\n` or `\r\n`), the
 * final empty line after a trailing newline dropped.
 */
export async function readValues(positionals: readonly string[], io: CliIo): Promise<string[]> {
  if (positionals.length > 0) return [...positionals];
  if (io.stdin.isTTY) writeLine(io.stderr, 'Reading values from stdin, one per line (Ctrl-D to end).');
  const lines: string[] = [];
  const reader = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of reader) lines.push(line);
  return lines;
}
