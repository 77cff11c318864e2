/**
 * Secrets given to well-known commands by position or by an option of their own
 * (`positional-passwords`, and the families of `find-client-passwords`): `htpasswd -b`'s last
 * argument, what `echo`/`printf` pipes into a `--password-stdin` command, `gh secret set
 * --body`, `openssl -k`/`-K`, keytool's and jarsigner's `-storepass`/`-keypass`. The same
 * words elsewhere, shell variables and prompts are kept.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { maskSecrets } from '../../../src/formats/mask/find-secrets';
import { makeLogger, flush } from '../../support/logger';

const password = fc.stringMatching(/^[A-Za-z0-9!%^*_+~@.]{6,20}$/).map((p) => `Q7${p}`);
const user = fc.stringMatching(/^[a-z][a-z0-9_]{2,10}$/);
const rest = fc.constantFrom('', ' && echo done', '\nnext line', '; ls');

describe('passwords taken by position', () => {
  test.prop([fc.constantFrom('-b', '-bc', '-bB', '-cb', '-b -C 10', '-b -c'), fc.constantFrom('.htpasswd', '/etc/nginx/.htpasswd'), user, password, rest], { numRuns: 200 })(
    'htpasswd in batch mode: the last argument after the file and the user',
    (flags, file, u, p, tail) => {
      expect(maskSecrets(`htpasswd ${flags} ${file} ${u} ${p}${tail}`)).toBe(`htpasswd ${flags} ${file} ${u} [REDACTED]${tail}`);
    },
  );

  test.prop([fc.constantFrom('-nb', '-nbB', '-bn'), user, password, rest], { numRuns: 100 })('htpasswd -n (no file): the argument after the user', (flags, u, p, tail) => {
    expect(maskSecrets(`htpasswd ${flags} ${u} ${p}${tail}`)).toBe(`htpasswd ${flags} ${u} [REDACTED]${tail}`);
  });

  test.prop([fc.constantFrom('echo', 'echo -n', 'printf "%s"', "printf '%s\\n'"), fc.constantFrom('', '"', "'"), password, fc.constantFrom('docker login -u bob', 'helm registry login r.example --username bob', 'oras login r.example -u bob', 'podman login'), fc.constantFrom(' --password-stdin', ' --password-stdin r.example')], { numRuns: 200 })(
    'what echo or printf pipes into a command reading its password from stdin',
    (writer, quote, p, reader, option) => {
      const text = `${writer} ${quote}${p}${quote} | ${reader}${option}`;
      expect(maskSecrets(text)).toBe(`${writer} ${quote}[REDACTED]${quote} | ${reader}${option}`);
    },
  );

  test.prop([fc.constantFrom('echo', 'echo -n', 'printf "%s"'), fc.constantFrom('', '"', "'"), password, fc.constantFrom('|', ' |', '| '), fc.constantFrom('docker login -u bob', 'podman login'), fc.constantFrom('', 'cd /srv && ')], { numRuns: 150 })(
    'a pipe with no blank on one side or both is a pipe too (`echo X|docker login … --password-stdin`)',
    (writer, quote, p, pipe, reader, before) => {
      const text = `${before}${writer} ${quote}${p}${quote}${pipe}${reader} --password-stdin`;
      expect(maskSecrets(text)).toBe(`${before}${writer} ${quote}[REDACTED]${quote}${pipe}${reader} --password-stdin`);
    },
  );

  it('keeps a shell variable, another writer, a prompt, and the same flags elsewhere', () => {
    for (const text of [
      'echo $TOKEN | docker login -u bob --password-stdin',
      'echo "${CR_PAT}" | docker login ghcr.io -u bob --password-stdin',
      'aws ecr get-login-password | docker login --password-stdin 1.dkr.ecr.aws',
      'cat ~/pw.txt | docker login --password-stdin',
      'docker login --password-stdin < pw.txt',
      'echo hello; docker login --password-stdin',
      'echo $TOKEN|docker login --password-stdin',
      'cat pw.txt|docker login --password-stdin',
      "grep -E 'a|b' f; docker login --password-stdin",
      'htpasswd -c .htpasswd bob',
      'htpasswd -v .htpasswd bob',
      'ls -b a b c',
    ]) {
      expect(maskSecrets(text), text).toBe(text);
    }
  });
});

describe('secrets given by the options those commands document', () => {
  test.prop([fc.constantFrom('keytool -importcert -keystore a.jks', 'keytool -genkeypair -alias k', 'jarsigner -keystore a.jks'), fc.constantFrom('-storepass', '-keypass', '-srcstorepass', '-deststorepass', '-srckeypass', '-destkeypass'), password, fc.constantFrom('', ' -noprompt', ' app.jar k')], { numRuns: 200 })(
    'keytool and jarsigner: the keystore and key passwords',
    (command, option, p, tail) => {
      expect(maskSecrets(`${command} ${option} ${p}${tail}`)).toBe(`${command} ${option} [REDACTED]${tail}`);
    },
  );

  test.prop([fc.constantFrom('-k', '-K'), password], { numRuns: 100 })('openssl enc: -k (a password) and -K (a key), never glued', (option, p) => {
    expect(maskSecrets(`openssl enc -aes-256-cbc -salt ${option} ${p} -in a.txt`)).toBe(`openssl enc -aes-256-cbc -salt ${option} [REDACTED] -in a.txt`);
  });

  test.prop([fc.constantFrom('--body ', '-b ', '-b', '--body='), password, fc.constantFrom('', ' --repo o/r', ' -e prod')], { numRuns: 200 })('gh secret set: the body', (option, p, tail) => {
    expect(maskSecrets(`gh secret set DEPLOY_KEY ${option}${p}${tail}`)).toBe(`gh secret set DEPLOY_KEY ${option}[REDACTED]${tail}`);
  });

  it('keeps their other options, and the same options after other commands', () => {
    for (const text of ['openssl req -keyform PEM -key k.pem', 'openssl genrsa -out k.pem 2048', 'gh secret list --repo o/r', 'gh pr create --body "fixes #1"', 'keytool -list -keystore a.jks', 'mytool -storepass x', 'curl -k https://x']) {
      expect(maskSecrets(text), text).toBe(text);
    }
  });

  it('through a real logger', async () => {
    const { logger, capture } = makeLogger();
    logger.info('ran htpasswd -bc .htpasswd bob S3cret-Pw1', { cmd: 'echo "T0kenValue9" | docker login -u bob --password-stdin ghcr.io', ks: 'keytool -importcert -storepass Ch4ngeMe! -keystore a.jks' });
    logger.info('gh secret set TOKEN --body Sup3rS3cret; openssl enc -k Pa55word -in a');
    await flush(logger);
    expect(capture.lines.join('\n')).not.toMatch(/S3cret-Pw1|T0kenValue9|Ch4ngeMe|Sup3rS3cret|Pa55word/);
  });
});
