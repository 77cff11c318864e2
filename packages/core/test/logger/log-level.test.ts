// LOG_LEVEL and the level option: any case, the names other libraries use, and a clear
// start-up error for anything else (winston would silently drop every line).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { createEcsLogger, EcsctxOptionsError, resolveLogLevel } from '@ecsctx/core';
import { createCapture } from '../support/capture';
import { flush } from '../support/logger';

const NPM = winston.config.npm.levels;
const SYSLOG = winston.config.syslog.levels;
const ALIASES = ['warning', 'critical', 'crit', 'fatal', 'emerg', 'emergency', 'alert', 'panic', 'trace', 'all', 'err', 'information', 'informational', 'dbg'];

/** `name` with each letter's case chosen by `flips`, and spaces around it. */
const anyCase = (name: string) =>
  fc.tuple(fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }), fc.constantFrom('', ' ', '\t', '  ')).map(
    ([flips, pad]) => pad + [...name].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join('') + pad,
  );

describe('resolveLogLevel', () => {
  it('takes every name of the level set in any case, with spaces around it', () => {
    for (const levels of [NPM, SYSLOG]) {
      fc.assert(fc.property(fc.constantFrom(...Object.keys(levels)).chain((name) => anyCase(name).map((v) => [name, v] as const)), ([name, value]) => {
        expect(resolveLogLevel(value, levels)).toBe(name);
      }));
    }
  });

  it("reads Python's and other libraries' names as the nearest level in the same direction", () => {
    expect(resolveLogLevel('WARNING', NPM)).toBe('warn');
    expect(resolveLogLevel('Critical', NPM)).toBe('error'); // npm levels: error is the most severe
    expect(resolveLogLevel('fatal', NPM)).toBe('error');
    expect(resolveLogLevel('trace', NPM)).toBe('silly'); // the most verbose
    expect(resolveLogLevel('critical', SYSLOG)).toBe('crit');
    expect(resolveLogLevel('fatal', SYSLOG)).toBe('crit');
    expect(resolveLogLevel('warn', SYSLOG)).toBe('warning');
    expect(resolveLogLevel('trace', SYSLOG)).toBe('debug');
    expect(resolveLogLevel('err', NPM)).toBe('error');
  });

  it('for any level set, reads the severe names as its most severe level and trace as its most verbose', () => {
    const levelSet = fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 })
      .map((names) => Object.fromEntries(names.map((n, i) => [n, i])));
    const severe = ['critical', 'fatal', 'emerg', 'emergency', 'alert', 'panic'];
    fc.assert(fc.property(levelSet, fc.constantFrom(...severe, 'trace'), (levels, alias) => {
      const names = Object.keys(levels);
      if (names.some((n) => ['crit', 'critical', 'fatal', alias].includes(n))) return; // a same-meaning level wins
      expect(resolveLogLevel(alias, levels)).toBe(alias === 'trace' ? names[names.length - 1] : names[0]);
    }));
  });

  it('names no alias in the error that the level set would not take', () => {
    expect(() => resolveLogLevel('loud', { high: 0, low: 1 })).toThrow(/use one of high, low \(any case\), or critical, fatal, trace$/);
  });

  it('throws EcsctxOptionsError naming the value and the accepted names for anything else', () => {
    const known = new Set([...Object.keys(NPM), ...ALIASES]);
    fc.assert(fc.property(fc.string({ maxLength: 30 }).filter((s) => !known.has(s.trim().toLowerCase())), (value) => {
      let thrown: unknown;
      try {
        resolveLogLevel(value, NPM);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EcsctxOptionsError);
      expect((thrown as EcsctxOptionsError).code).toBe('ERR_ECSCTX_OPTIONS_INVALID');
      expect((thrown as Error).message).toContain('LOG_LEVEL');
      expect((thrown as Error).message).toContain('error, warn, info, http, verbose, debug, silly');
    }));
  });
});

describe('createEcsLogger and LOG_LEVEL', () => {
  const messagesAt = async (env: Record<string, string>, options: { level?: string } = {}): Promise<string[]> => {
    const capture = createCapture();
    const logger = createEcsLogger({ env: { PROJECT_NAME: 'shop', ...env }, stream: capture.stream, ...options });
    for (const level of Object.keys(NPM)) logger.log(level, `at_${level}`);
    await flush(logger);
    return capture.records().map((r) => r.message as string);
  };

  it.each([
    ['INFO', ['at_error', 'at_warn', 'at_info']],
    ['Debug', ['at_error', 'at_warn', 'at_info', 'at_http', 'at_verbose', 'at_debug']],
    ['WARNING', ['at_error', 'at_warn']],
    ['critical', ['at_error']],
    ['FATAL', ['at_error']],
    ['trace', Object.keys(NPM).map((l) => `at_${l}`)],
  ])('LOG_LEVEL=%s writes the lines at and above it', async (value, expected) => {
    expect(await messagesAt({ LOG_LEVEL: value })).toEqual(expected);
  });

  it('the level option is read the same way and wins over LOG_LEVEL', async () => {
    expect(await messagesAt({ LOG_LEVEL: 'debug' }, { level: 'Warning' })).toEqual(['at_error', 'at_warn']);
  });

  it('an unknown LOG_LEVEL or level option fails at start-up with a clear message', () => {
    expect(() => createEcsLogger({ env: { LOG_LEVEL: 'verbos' } })).toThrow(/LOG_LEVEL "verbos" is not a log level/);
    expect(() => createEcsLogger({ env: {}, level: 'loud' })).toThrow(EcsctxOptionsError);
  });

  it('an empty LOG_LEVEL means the default, info', async () => {
    expect(await messagesAt({ LOG_LEVEL: '  ' })).toEqual(['at_error', 'at_warn', 'at_info']);
  });
});
