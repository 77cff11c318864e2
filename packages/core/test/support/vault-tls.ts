/**
 * A private CA and a server certificate for 127.0.0.1, made with the `openssl` CLI into a temp
 * dir at test time (nothing is committed). `undefined` when openssl is not available.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface VaultTlsFiles {
  /** PEM of the private CA (what PII_VAULT_CACERT_PATH points to). */
  readonly caPath: string;
  readonly key: Buffer;
  readonly cert: Buffer;
  readonly cleanup: () => void;
}

export function makeVaultTls(): VaultTlsFiles | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecsctx-vault-tls-'));
  const at = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  try {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.crt'), '-days', '2', '-subj', '/CN=ecsctx test CA');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1');
    writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
    openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.crt'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('server.crt'), '-days', '2', '-extfile', at('san.ext'));
    return {
      caPath: at('ca.crt'),
      key: readFileSync(at('server.key')),
      cert: readFileSync(at('server.crt')),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}
