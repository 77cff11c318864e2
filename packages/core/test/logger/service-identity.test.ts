/**
 * `service.name`, `service.type` and `service.environment`: one precedence each (option,
 * environment variable, the application's package, default), read once at logger creation.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { applicationPackageName, serviceNameOfPackage } from '../../src/service-identity';
import { flush, makeLogger } from '../support/logger';

const root = mkdtempSync(join(tmpdir(), 'ecsctx-identity-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A fresh directory tree under the temporary root. */
function freshDir(): string {
  const dir = join(root, String(dirs++));
  mkdirSync(dir, { recursive: true });
  return dir;
}

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
/** npm package names, scoped or not. */
const packageName = fc.oneof(segment, fc.tuple(segment, segment).map(([s, n]) => `@${s}/${n}`));
/** Environment values, including blanks and characters nobody listed. */
const envText = fc.string({ minLength: 0, maxLength: 40 });

/** A value as the library reads it: trimmed, blank meaning unset. */
function present(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

async function serviceOf(options: Parameters<typeof makeLogger>[0]): Promise<Record<string, string>> {
  const { logger, capture } = makeLogger(options);
  logger.info('identity');
  await flush(logger);
  return capture.records()[0].service;
}

describe('the application package name', () => {
  test.prop([packageName, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })], { numRuns: 40 })(
    'is the nearest package.json with a name above the entry script; nameless ones are passed over',
    (name, depth, nameless) => {
      const app = freshDir();
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
      let dir = app;
      for (let i = 0; i < depth; i++) {
        dir = join(dir, `d${i}`);
        mkdirSync(dir);
        // a dist/package.json that only says the module type, or one that is not JSON
        if (i < nameless) writeFileSync(join(dir, 'package.json'), i % 2 === 0 ? '{"type":"commonjs"}' : '{ not json');
      }
      const script = join(dir, 'server.js');
      expect(applicationPackageName(script, '/')).toBe(name.startsWith('@') ? name.slice(1).replace('/', '-') : name);
    },
  );

  test.prop([packageName, packageName], { numRuns: 20 })('is looked for from the working directory when the entry script is in node_modules', (app, tool) => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: app }));
    const bin = join(cwd, 'node_modules', 'tool', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(cwd, 'node_modules', 'tool', 'package.json'), JSON.stringify({ name: tool }));
    expect(applicationPackageName(join(bin, 'cli.js'), cwd)).toBe(serviceNameOfPackage(app));
    expect(applicationPackageName(undefined, cwd)).toBe(serviceNameOfPackage(app));
  });

  it('a scoped name keeps its scope, without @ and /', () => {
    expect(serviceNameOfPackage('@acme/billing')).toBe('acme-billing');
    expect(serviceNameOfPackage('billing')).toBe('billing');
  });

  it('is the resolved name of a logger with no option and no SERVICE_TYPE', async () => {
    const service = await serviceOf({});
    expect(service.name).toBe(applicationPackageName() ?? 'app');
    expect(service.name).not.toBe('app'); // this repository has a package.json
  });
});

describe('precedence', () => {
  test.prop([envText, envText, envText, fc.option(envText, { nil: undefined })], { numRuns: 60 })(
    'serviceName option > SERVICE_TYPE > package; environment option > ENVIRONMENT; blank is unset; type omitted when it equals the name',
    async (optionName, envType, envEnvironment, optionEnvironment) => {
      const env = { APP_VERSION: '2.0.0', SERVICE_TYPE: envType, ENVIRONMENT: envEnvironment };
      const trimmedType = present(envType);
      const expectedName = trimmedType ?? applicationPackageName() ?? 'app';
      const expectedType = trimmedType ?? 'app';
      const expectedEnvironment = (optionEnvironment === undefined ? undefined : present(optionEnvironment)) ?? present(envEnvironment);

      const fromEnv = await serviceOf({ env, ...(optionEnvironment === undefined ? {} : { environment: optionEnvironment }) });
      const wanted: Record<string, string> = { name: expectedName };
      if (expectedType !== expectedName) wanted.type = expectedType;
      wanted.version = '2.0.0';
      if (expectedEnvironment !== undefined) wanted.environment = expectedEnvironment;
      expect(fromEnv).toEqual(wanted);
      expect(Object.keys(fromEnv)).toEqual(Object.keys(wanted));

      const fromOption = await serviceOf({ env, serviceName: optionName });
      expect(fromOption.name).toBe(present(optionName) ?? expectedName);
      const inScope = await serviceOf({ env, serviceType: optionName });
      expect(inScope.type ?? inScope.name).toBe(present(optionName) ?? expectedType);
    },
  );

  it('ENVIRONMENT is service.environment (ECS 1.12), Python data-stream namespace values included', async () => {
    expect(await serviceOf({ env: { ENVIRONMENT: 'production', APP_VERSION: '1.0.0' }, serviceName: 'billing' })).toEqual({
      name: 'billing',
      type: 'app',
      version: '1.0.0',
      environment: 'production',
    });
  });
});

describe('in a process of its own', () => {
  it("names the service after the entry script's package, on the logging thread and the render worker alike", async () => {
    const { runScript, tempLines } = await import('../transport/support');
    const files = tempLines();
    try {
      writeFileSync(join(files.dir, 'package.json'), JSON.stringify({ name: '@acme/billing', version: '3.1.0' }));
      const script = `
const core = require(CORE);
const fileLogger = core.createEcsWorkerLogger({ destination: ${JSON.stringify(files.file)}, name: 'worker-thread' });
const stdoutLogger = core.createEcsLogger({ name: 'sync', sync: true });
core.runWithLoggingContext(() => { fileLogger.info('job_line'); stdoutLogger.info('job_line'); }, { serviceType: 'worker' });
fileLogger.info('http_line');
stdoutLogger.info('http_line');
core.flushAndExit(fileLogger, 0);
`;
      const run = await runScript(files.dir, script, { SERVICE_TYPE: '', ENVIRONMENT: 'staging', APP_VERSION: '3.1.0' });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const lines of [files.lines(), run.stdout.split('\n').filter(Boolean)]) {
        const services = lines.map((l) => JSON.parse(l).service);
        expect(services).toEqual([
          { name: 'acme-billing', type: 'worker', version: '3.1.0', environment: 'staging' },
          { name: 'acme-billing', type: 'app', version: '3.1.0', environment: 'staging' },
        ]);
      }
    } finally {
      files.cleanup();
    }
  }, 60_000);
});
