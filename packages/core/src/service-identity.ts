/**
 * Who wrote a line: `service.name`, `service.type` and `service.environment`, resolved once
 * when a logger is created.
 *
 * - `service.name`: the `serviceName` option, else `SERVICE_TYPE` (the Python library's
 *   variable for it), else the application's package name, else `app`.
 * - `service.type`: the role of the code that wrote the line: the scope's type (a BullMQ job
 *   scope says `worker`), else the logger's `serviceType` option, else `SERVICE_TYPE`, else
 *   `app`. Left out when it equals `service.name` (it would add nothing).
 * - `service.environment`: the `environment` option, else `ENVIRONMENT`; none without either.
 *
 * A blank value (option, variable or scope type) counts as unset.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { envValue } from './env-vars';

/** The role written when nothing says otherwise (the Python library's default service type). */
export const DEFAULT_SERVICE_TYPE = 'app';

/**
 * A package name as a service name: a scoped name `@acme/billing` becomes `acme-billing`
 * (as the Elastic APM Node.js agent names the service, so its traces and these logs meet).
 */
export function serviceNameOfPackage(name: string): string {
  return name.startsWith('@') ? name.slice(1).replace('/', '-') : name;
}

/** The `name` of `dir/package.json`, or `undefined` (no file, not JSON, no string name). */
function packageNameIn(dir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const name = (parsed as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The name of the nearest `package.json` with a name, from `dir` up to the root. */
function nearestPackageName(dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const name = packageNameIn(current);
    if (name !== undefined) return name;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Where the application's `package.json` is looked for: the entry script's directory, or
 * the working directory when there is no entry script or it sits in `node_modules` (a
 * runner such as `tsx`, `pm2` or a test runner started the process).
 */
function applicationDirectory(entryScript: string | undefined, cwd: string): string {
  if (entryScript === undefined || entryScript === '') return cwd;
  const full = resolve(cwd, entryScript);
  if (full.split(sep).includes('node_modules')) return cwd;
  return dirname(full);
}

const cache = new Map<string, string | undefined>();

/**
 * The application's package name as a service name (see {@link serviceNameOfPackage}), or
 * `undefined`. Read once per start directory; never throws.
 */
export function applicationPackageName(entryScript: string | undefined = process.argv[1], cwd?: string): string | undefined {
  let dir: string;
  try {
    dir = applicationDirectory(entryScript, cwd ?? process.cwd());
  } catch {
    return undefined;
  }
  if (cache.has(dir)) return cache.get(dir);
  const found = nearestPackageName(dir);
  const name = found === undefined ? undefined : serviceNameOfPackage(found);
  cache.set(dir, name);
  return name;
}

/**
 * An option's text, trimmed, or `undefined` when it is not a string or is blank: an option
 * is read as its environment variable is (`serviceName: process.env.X ?? ''` means unset).
 */
export function optionText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

/** `service.name` as the module comment says: option, `SERVICE_TYPE`, package name, `app`. */
export function resolveServiceName(option: unknown, env: NodeJS.ProcessEnv): string {
  return optionText(option) ?? envValue(env, 'SERVICE_TYPE') ?? applicationPackageName() ?? DEFAULT_SERVICE_TYPE;
}
