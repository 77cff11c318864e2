/**
 * `ecsctx keyset generate|rotate`: makes and rotates keyset files. Prints key ids, never keys.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Keyset, keyObjectOf, type KeyInit, type KeysetFormat } from '../../pii/keyset';
import { parseKeyset } from '../../pii/parse-keyset';
import { choiceOption, parseCommandArgs, stringOption, type ParsedArgs } from '../args';
import { CliUsageError, EXIT_OK, writeLine, type CliIo } from '../io';
import { KEYSET_FILE_MODE, writeKeysetFile } from '../keyset-file';

/** Subcommand name. */
export const name = 'keyset';
/** One-line summary. */
export const summary = 'generate a new keyset file, or rotate one (new primary key, old keys kept)';
/** Help text. */
export const usage = `Usage:
  ecsctx keyset generate --out FILE [--kind token|reveal] [--kid KID] [--format ecsctx|jwk-set] [--force]
  ecsctx keyset rotate --in FILE [--out FILE] [--kid KID] [--kind token|reveal] [--force]

generate  writes a keyset with one fresh random 32-byte key as its primary key.
rotate    adds a fresh random 32-byte key as the new primary key and keeps every old key, so
          ciphertexts made with old kids still reveal. Writes back to --in unless --out is given.
          Tokens are made with the primary key only: after rotating a TOKEN keyset, new tokens
          differ from old ones for the same value.

Files are written with mode 0600, atomically when replaced. Key material is never printed.

Options:
  --out FILE     file to write (generate: must not exist unless --force)
  --in FILE      keyset file to rotate (ecsctx JSON keyset or JWK Set)
  --kind K       token (HMAC-SHA-256, default for generate) or reveal (AES-256-GCM);
                 rotate infers it from the keys' alg
  --kid KID      id of the new key (letters, digits, . _ -; default <tk|rk>-<yyyymmdd>-<random>)
  --format F     ecsctx (default; the Python keyset format) or jwk-set (first key is primary)
  --force        replace an existing --out file
  -h, --help     show this help`;

type Kind = 'token' | 'reveal';

const ALG: Record<Kind, string> = { token: 'HMAC-SHA-256', reveal: 'AES-256-GCM' };
const JWK_ALG: Record<Kind, string> = { token: 'HS256', reveal: 'A256GCM' };
const KID = /^[A-Za-z0-9._-]{1,64}$/;
/** Length of every key the CLI makes. */
const NEW_KEY_BYTES = 32;

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function newKid(parsed: ParsedArgs, kind: Kind, taken: readonly string[]): string {
  const given = stringOption(parsed, 'kid');
  if (given !== undefined) {
    if (!KID.test(given)) throw new CliUsageError('--kid must be 1-64 letters, digits, ".", "_" or "-"');
    if (taken.includes(given)) throw new CliUsageError(`--kid ${given} is already in the keyset`);
    return given;
  }
  const day = isoSeconds(new Date()).slice(0, 10).replace(/-/g, '');
  return `${kind === 'token' ? 'tk' : 'rk'}-${day}-${randomBytes(3).toString('hex')}`;
}

function newKey(kid: string, kind: Kind, format: KeysetFormat): KeyInit {
  return {
    kid,
    key: randomBytes(NEW_KEY_BYTES),
    alg: format === 'jwk-set' ? JWK_ALG[kind] : ALG[kind],
    createdAt: format === 'jwk-set' ? '' : isoSeconds(new Date()),
  };
}

function kindOf(keyset: Keyset): Kind | undefined {
  const algs = keyset.describe().map((key) => key.alg.toUpperCase());
  if (algs.length > 0 && algs.every((alg) => alg.includes('GCM'))) return 'reveal';
  if (algs.length > 0 && algs.every((alg) => alg.includes('HMAC') || /^HS\d+$/.test(alg))) return 'token';
  return undefined;
}

function report(io: CliIo, verb: string, kind: Kind, file: string, keyset: Keyset): void {
  writeLine(
    io.stdout,
    `${verb} ${kind} keyset ${file}: primary kid ${keyset.primaryKid}; kids ${keyset.kids.join(', ')} ` +
      `(mode ${KEYSET_FILE_MODE.toString(8).padStart(4, '0')})`,
  );
}

function generate(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs(
    args,
    { out: { type: 'string' }, kind: { type: 'string' }, kid: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' } },
    false,
  );
  if (parsed.values.help) {
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  const out = stringOption(parsed, 'out');
  if (!out) throw new CliUsageError('keyset generate needs --out FILE');
  const kind = choiceOption<Kind>(parsed, 'kind', ['token', 'reveal'], 'token');
  const format = choiceOption<KeysetFormat>(parsed, 'format', ['ecsctx', 'jwk-set'], 'ecsctx');
  const kid = newKid(parsed, kind, []);
  const keyset = new Keyset({ format, primaryKid: kid, keys: [newKey(kid, kind, format)] });
  writeKeysetFile(out, keyset, parsed.values.force === true);
  report(io, 'Wrote', kind, out, keyset);
  return EXIT_OK;
}

function rotate(args: readonly string[], io: CliIo): number {
  const parsed = parseCommandArgs(
    args,
    { in: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string' }, kid: { type: 'string' }, force: { type: 'boolean' } },
    false,
  );
  if (parsed.values.help) {
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  const input = stringOption(parsed, 'in');
  if (!input) throw new CliUsageError('keyset rotate needs --in FILE');
  const out = stringOption(parsed, 'out') ?? input;
  const current = parseKeyset(readFileSync(input));
  const kind = stringOption(parsed, 'kind') === undefined ? kindOf(current) : choiceOption<Kind>(parsed, 'kind', ['token', 'reveal'], 'token');
  if (kind === undefined) throw new CliUsageError(`cannot tell whether ${input} is a token or a reveal keyset from its alg values; pass --kind`);
  const kid = newKid(parsed, kind, current.kids);
  const old: KeyInit[] = current.describe().map((info) => ({
    kid: info.kid,
    key: (keyObjectOf(current, info.kid) as NonNullable<ReturnType<typeof keyObjectOf>>).export(),
    alg: info.alg,
    createdAt: info.createdAt,
  }));
  const added = newKey(kid, kind, current.format);
  // JWK Sets have no primary field: the first key is the primary.
  const keys = current.format === 'jwk-set' ? [added, ...old] : [...old, added];
  const rotated = new Keyset({ format: current.format, schemaVersion: current.schemaVersion, primaryKid: kid, keys });
  writeKeysetFile(out, rotated, out === input || parsed.values.force === true);
  report(io, 'Rotated', kind, out, rotated);
  if (kind === 'token') {
    writeLine(io.stderr, 'Note: tokens use the primary key only; tokens made from now on differ from earlier ones for the same value.');
  }
  return EXIT_OK;
}

/** Runs `ecsctx keyset <generate|rotate>`. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    if (action === undefined) throw new CliUsageError('keyset needs an action: generate or rotate');
    writeLine(io.stdout, usage);
    return EXIT_OK;
  }
  if (action === 'generate') return generate(rest, io);
  if (action === 'rotate') return rotate(rest, io);
  throw new CliUsageError(`unknown keyset action ${JSON.stringify(action)} (expected generate or rotate)`);
}
