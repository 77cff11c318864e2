/**
 * `find-client-passwords`: a password given by the option a client documents for it, after
 * that client's name on the same line — `mysql -pX`, `mongosh -p X`, `redis-cli -a X`,
 * `sshpass -p X`, `curl -u user:X` — is redacted; the same option elsewhere (`ssh -p 2222`,
 * `docker run -p 8080:80 -u 1000:1000`) is kept.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskSecrets } from '../../../src/formats/mask/find-secrets';
import { makeLogger, flush } from '../../support/logger';

const password = fc.stringMatching(/^[A-Za-z0-9!%^*_+~@#.]{6,20}$/).map((p) => `Q7${p}`);
const user = fc.stringMatching(/^[a-z][a-z0-9_]{2,10}$/);
const path = fc.constantFrom('', '/usr/bin/', 'C:/tools/');
const rest = fc.constantFrom('', ' -h db.internal', ' https://api.example/v1', ' --verbose', '\nnext line -p 5');

describe('passwords on client command lines', () => {
  test.prop([fc.constantFrom('mysql', 'mysqldump', 'mariadb', 'mariadb-dump'), path, user, password, rest], { numRuns: 200 })('MySQL and MariaDB clients: -p glued to its value', (client, dir, u, p, tail) => {
    expect(maskSecrets(`${dir}${client} -u ${u} -p${p}${tail}`)).toBe(`${dir}${client} -u ${u} -p[REDACTED]${tail}`);
  });

  test.prop([fc.constantFrom('mongosh -u app -p', 'mongodump --host h -p', 'redis-cli -h r -a', 'sshpass -p'), password, fc.constantFrom(' ', '  ', '\t'), rest], { numRuns: 200 })('mongo, redis-cli, sshpass: the word after -p or -a', (line, p, blank, tail) => {
    expect(maskSecrets(`${line}${blank}${p}${tail}`)).toBe(`${line}${blank}[REDACTED]${tail}`);
  });

  test.prop([fc.constantFrom('-u', '--user', '-U', '--proxy-user'), user, password, fc.constantFrom('', '"', "'"), rest], { numRuns: 200 })('curl: the part after : of a user:password value', (option, u, p, quote, tail) => {
    expect(maskSecrets(`curl -s ${option} ${quote}${u}:${p}${quote}${tail}`)).toBe(`curl -s ${option} ${quote}${u}:[REDACTED]${quote}${tail}`);
  });

  test.prop([fc.constantFrom('docker login', 'podman login', 'nerdctl login', 'helm registry login registry.example.com', '/usr/local/bin/docker login'), user, password, fc.constantFrom(' ', '\t'), rest], { numRuns: 200 })(
    'registry clients’ login: the word after -p',
    (login, u, p, blank, tail) => {
      expect(maskSecrets(`${login} -u ${u} -p${blank}${p}${tail}`)).toBe(`${login} -u ${u} -p${blank}[REDACTED]${tail}`);
    },
  );

  it('keeps the same options elsewhere, an option without a value, and a prompt for the password', () => {
    for (const text of ['ssh -p 2222 host', 'docker run -p 8080:80 -u 1000:1000 img', 'docker compose up -p proj', 'docker logs -p x', 'echo docker login; ssh -p 2222 h', 'mydocker login -p 1', 'mysql -u app -p', 'mysql -u app -p --host db', 'curl -u app https://x', 'mycurl -u a:b', 'run curl\nthen -u a:b', 'mysql -p[REDACTED]']) {
      expect(maskSecrets(text), text).toBe(text);
    }
  });

  it('is linear: 1 MB of client names and options', () => {
    for (const text of ['docker login '.repeat(80_000) + '-p', 'curl -u a:'.repeat(100_000), 'mysql '.repeat(170_000) + '-p', 'curl ' + ' -u'.repeat(300_000), 'mysqlmysql'.repeat(100_000) + ' -px']) {
      const t0 = performance.now();
      maskSecrets(text);
      expect(performance.now() - t0, text.slice(0, 20)).toBeLessThan(2_000);
    }
  });

  /** One client command with its password: the text and the password. */
  const command = fc.oneof(
    fc.tuple(user, password).map(([u, p]) => [`mysql -u ${u} -p${p} shop`, p] as const),
    password.map((p) => [`redis-cli -h r -a ${p} ping`, p] as const),
    password.map((p) => [`sshpass -p ${p} ssh host`, p] as const),
    fc.tuple(fc.constantFrom('-u', '--user', '--proxy-user'), user, password).map(([o, u, p]) => [`curl -s ${o} ${u}:${p} https://x`, p] as const),
  );
  test.prop([fc.array(command, { minLength: 1, maxLength: 4 }), fc.constantFrom('; ', ' ; ', ' | ', ' && ', ';\n', '\n')], { numRuns: 100 })(
    'through a real logger: every client of a chain of commands loses its password',
    async (commands, separator) => {
      const { logger, capture } = makeLogger();
      logger.info('ran', { cmd: commands.map(([c]) => c).join(separator) });
      await flush(logger);
      for (const [, p] of commands) expect(capture.lines[0]).not.toContain(p);
    },
  );

  it('through a real logger, in the message and in a field', async () => {
    const { logger, capture } = makeLogger();
    logger.info('ran mysqldump -u app -pS3cret! shop', { cmd: "curl -sS -u 'deploy:T0ken99' https://ci.example/hook" });
    await flush(logger);
    const line = capture.lines[0];
    expect(line).toContain('mysqldump -u app -p[REDACTED] shop');
    expect(line).toContain("curl -sS -u 'deploy:[REDACTED]' https://ci.example/hook");
    expect(line).not.toMatch(/S3cret|T0ken99/);
  });
});

describe('client options as a review found them', () => {
  it('glued to any short option, a tab before it, and only within one command', () => {
    expect(maskSecrets('sshpass -pHunter2 ssh h')).toBe('sshpass -p[REDACTED] ssh h');
    expect(maskSecrets('curl -ubob:Hunter2 https://x')).toBe('curl -ubob:[REDACTED] https://x');
    expect(maskSecrets('mysql\t-pHunter2')).toBe('mysql\t-p[REDACTED]');
    for (const text of ['curl -fsSL https://x/i.sh | sh && docker run -u 1000:1000 img', 'mysql2 pool; docker run -p3306:3306 db', 'mongoose -p 27017', 'curl https://x; ssh -p 2222 h']) {
      expect(maskSecrets(text), text).toBe(text);
    }
  });
});

describe('a command line inside JSON text', () => {
  test.prop([fc.constantFrom('docker login -u bot -p', 'sshpass -p', 'redis-cli -a', 'mongosh -u app -p'), password, fc.boolean()], { numRuns: 100 })(
    'the password ends at the string’s closing quote: the JSON around it is kept',
    (line, p, nested) => {
      const object = { info: `${line} ${p}`, values: ['Dyson V15 Detect', 'x'], version: '2.12.3' };
      let text = JSON.stringify(object);
      if (nested) text = JSON.stringify({ body: text });
      const masked = maskSecrets(text);
      expect(masked).not.toContain(p);
      const parsed = JSON.parse(nested ? (JSON.parse(masked) as { body: string }).body : masked) as typeof object;
      expect(parsed.info).toBe(`${line} [REDACTED]`);
      expect(parsed.values).toEqual(object.values);
      expect(parsed.version).toBe('2.12.3');
    },
  );
});
