/**
 * `ecsctx check`: the seed's dry run (§17) as a command. Reads a service's stdout (files, or
 * stdin) and reports what would go wrong in Elasticsearch or in an investigation: lines that
 * are not JSON, missing `trace.id`/`span.id`/`service.name`, `user.id` missing on
 * authenticated requests, `ecs.version`, reserved fields written flat, ECS type conflicts and
 * PII in clear. Exit code 1 when anything is an error.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CHECK_DESCRIPTIONS, CHECK_IDS, isCheckId, type CheckId } from '../../check/findings';
import { createLogChecker, type LogChecker } from '../../check/log-checker';
import { formatCheckReport } from '../../check/report';
import { parseCommandArgs, stringOption } from '../args';
import { CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, writeLine, type CliIo } from '../io';

/** Subcommand name. */
export const name = 'check';
/** One-line summary. */
export const summary = "check a service's stdout: ECS 1.12.0 fields, trace/span/user ids, types, PII in clear";

/** Findings listed by default in text output (the counts are always complete). */
const DEFAULT_MAX_FINDINGS = 100;

/** The name findings from stdin carry. */
const STDIN_SOURCE = '<stdin>';

const width = Math.max(...CHECK_IDS.map((id) => id.length));

/** Help text. */
export const usage = `Usage: ecsctx check [options] [FILE...]

Checks log lines (one JSON object per line, as a service writes them to stdout) and reports
what is missing or wrong, then a summary. With no FILE, or FILE '-', reads stdin:

  docker logs my-api 2>&1 | npx ecsctx check
  npx ecsctx check --json app.log worker.log > report.json

Checks (errors fail the run; warnings do not, unless --strict):
${CHECK_IDS.map((id) => `  ${id.padEnd(width)}  ${CHECK_DESCRIPTIONS[id]}`).join('\n')}

Exit status: 0 no errors, 1 errors (or warnings with --strict, or no lines at all), 2 usage
error or unreadable file. Reports never repeat a value from the input.

Options:
  --json              print one JSON report (the CheckReport of the library API)
  -q, --quiet         print only the summary (with --json: no findings list)
  --strict            exit 1 on warnings too
  --max-findings N    list at most N findings (default ${DEFAULT_MAX_FINDINGS} in text, all with --json)
  --skip IDS          comma-separated checks not to run, e.g. --skip user-id,trace-id
  -h, --help          show this help`;

function maxFindingsOption(value: string | undefined, json: boolean): number {
  if (value === undefined) return json ? Infinity : DEFAULT_MAX_FINDINGS;
  if (!/^\d+$/.test(value)) throw new CliUsageError('--max-findings must be a non-negative integer');
  return Number(value);
}

function skipOption(value: string | undefined): CheckId[] {
  if (value === undefined) return [];
  const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const id of ids) {
    if (!isCheckId(id)) throw new CliUsageError(`--skip: unknown check ${JSON.stringify(id)} (known: ${CHECK_IDS.join(', ')})`);
  }
  return ids as CheckId[];
}

/** An input opened before any reading starts, so a bad path fails fast with exit code 2. */
type Input = { readonly source: string; readonly handle: FileHandle | undefined };

async function openInputs(paths: readonly string[]): Promise<Input[] | string> {
  const inputs: Input[] = [];
  let stdinSeen = false;
  for (const path of paths.length === 0 ? ['-'] : paths) {
    if (path === '-') {
      if (stdinSeen) return "'-' (stdin) given more than once";
      stdinSeen = true;
      inputs.push({ source: STDIN_SOURCE, handle: undefined });
      continue;
    }
    try {
      if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      inputs.push({ source: path, handle: await open(path, 'r') });
    } catch (error) {
      for (const input of inputs) await input.handle?.close();
      const code = (error as NodeJS.ErrnoException).code;
      return `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable')}`;
    }
  }
  return inputs;
}

async function feed(input: Input, io: CliIo, checker: LogChecker): Promise<void> {
  if (input.handle === undefined && io.stdin.isTTY) writeLine(io.stderr, 'Reading log lines from stdin (Ctrl-D to end).');
  const stream = input.handle === undefined ? io.stdin : input.handle.createReadStream({ encoding: 'utf8' });
  const reader = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of reader) checker.checkLine(line, input.source);
  } finally {
    reader.close();
    await input.handle?.close();
  }
}

/** Runs `ecsctx check`. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs(
    args,
    {
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      strict: { type: 'boolean' },
      'max-findings': { type: 'string' },
      skip: { type: 'string' },
    },
    true,
  );
  if (parsed.values.help) {
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  const json = parsed.values.json === true;
  const quiet = parsed.values.quiet === true;
  const requested = maxFindingsOption(stringOption(parsed, 'max-findings'), json);
  const maxFindings = quiet ? 0 : requested;
  const skip = skipOption(stringOption(parsed, 'skip'));

  const inputs = await openInputs(parsed.positionals);
  if (typeof inputs === 'string') {
    writeLine(io.stderr, `ecsctx check: ${inputs}`);
    return EXIT_USAGE;
  }
  const checker = createLogChecker({ maxFindings, skip });
  for (let i = 0; i < inputs.length; i++) {
    try {
      await feed(inputs[i], io, checker);
    } catch (error) {
      for (const rest of inputs.slice(i + 1)) await rest.handle?.close();
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code !== 'string') throw error; // not a read failure: main() reports it
      writeLine(io.stderr, `ecsctx check: cannot read ${inputs[i].source}: ${code}`);
      return EXIT_USAGE;
    }
  }
  const report = checker.finish();
  writeLine(io.stdout, json ? JSON.stringify(report) : formatCheckReport(report, { quiet }));
  const failed = !report.ok || report.lines === 0 || (parsed.values.strict === true && report.warnings > 0);
  return failed ? EXIT_FAILURE : EXIT_OK;
}
