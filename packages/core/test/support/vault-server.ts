/**
 * A small, real HTTP(S) server speaking the part of HashiCorp Vault's documented HTTP API the
 * PII Vault provider uses, for tests (no Vault binary can be installed here):
 *
 * - `POST /v1/auth/approle/login` (AppRole): `{role_id, secret_id}` → `{auth: {client_token,
 *   lease_duration, renewable, policies, …}}`; a wrong pair → 400 `{"errors":["invalid role or secret ID"]}`.
 * - `GET /v1/<mount>/data/<path>` (KV v2 read): needs `X-Vault-Token`; a missing, unknown, revoked
 *   or expired token → 403 `{"errors":["permission denied"]}`; an unknown path → 404 `{"errors":[]}`;
 *   otherwise `{data: {data: {...}, metadata: {version, created_time, …}}}`.
 *
 * Fault controls: `goDown()`/`comeUp()` (connection refused, same port), `delayMs` (slow
 * responses), `expireTokens()` (tokens answer 403 before their lease ends), `setSecret()`
 * (rotation), `failNextReads`, and a request log.
 *
 * @see https://developer.hashicorp.com/vault/api-docs/auth/approle#login-with-approle
 * @see https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-version
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** TLS material for an https fake Vault. */
export interface FakeVaultTls {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
}

/** How to start the fake. */
export interface FakeVaultOptions {
  readonly roleId: string;
  readonly secretId: string;
  /** Lease of issued tokens, seconds (`auth.lease_duration`). Default 3600. */
  readonly tokenTtlSeconds?: number;
  /** Initial secrets: KV v2 API path without `/v1/` (e.g. `secret/data/platform/pii/token-keyset`) → data. */
  readonly secrets?: Readonly<Record<string, Record<string, unknown>>>;
  /** Serve https with this certificate. */
  readonly tls?: FakeVaultTls;
}

/** One request seen by the fake. */
export interface FakeVaultRequest {
  readonly method: string;
  readonly path: string;
  readonly token: string | undefined;
  readonly status: number;
  readonly body: unknown;
}

interface Secret {
  data: Record<string, unknown>;
  version: number;
  createdTime: string;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

/** The running fake Vault. */
export class FakeVault {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request, in order. */
  readonly requests: FakeVaultRequest[] = [];
  /** Delay before answering any request, ms (simulates a slow Vault). */
  delayMs = 0;
  /** Answer this many next KV reads with 500 `{"errors":["internal error"]}`. */
  failNextReads = 0;
  /** Lease of tokens issued from now on, seconds. */
  tokenTtlSeconds: number;
  /** The AppRole credentials accepted from now on. */
  roleId: string;
  secretId: string;

  readonly #server: Server;
  readonly #port: number;
  readonly #secrets = new Map<string, Secret>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #sockets = new Set<Socket>();
  #up = true;

  private constructor(server: Server, options: FakeVaultOptions, port: number, protocol: string) {
    this.#server = server;
    this.#port = port;
    this.url = `${protocol}://127.0.0.1:${port}`;
    this.roleId = options.roleId;
    this.secretId = options.secretId;
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
    for (const [path, data] of Object.entries(options.secrets ?? {})) this.setSecret(path, data);
  }

  /** Starts a fake on 127.0.0.1 and a free port. */
  static async start(options: FakeVaultOptions): Promise<FakeVault> {
    let vault: FakeVault | undefined;
    const handler = (req: IncomingMessage, res: ServerResponse): void => void vault?.handle(req, res);
    const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    vault = new FakeVault(server, options, port, options.tls ? 'https' : 'http');
    server.on('connection', (socket: Socket) => vault?.track(socket));
    return vault;
  }

  /** @internal */
  track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  /** Writes (or rotates) a KV v2 secret; bumps its version. */
  setSecret(path: string, data: Record<string, unknown>): void {
    const previous = this.#secrets.get(path);
    this.#secrets.set(path, { data: structuredClone(data), version: (previous?.version ?? 0) + 1, createdTime: new Date().toISOString() });
  }

  /** Deletes a secret (reads then get 404). */
  deleteSecret(path: string): void {
    this.#secrets.delete(path);
  }

  /** Makes every token issued so far answer 403, as if its lease had ended or it was revoked. */
  expireTokens(): void {
    for (const token of this.#tokens.values()) token.revoked = true;
  }

  /** Number of successful AppRole logins. */
  get logins(): number {
    return this.requests.filter((r) => r.path === '/v1/auth/approle/login' && r.status === 200).length;
  }

  /** Requests answered with `status`. */
  answered(status: number): FakeVaultRequest[] {
    return this.requests.filter((r) => r.status === status);
  }

  /** Stops listening and drops open connections: clients get "connection refused". */
  async goDown(): Promise<void> {
    if (!this.#up) return;
    this.#up = false;
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async comeUp(): Promise<void> {
    if (this.#up) return;
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#up = true;
  }

  /** Stops the fake for good. */
  async close(): Promise<void> {
    await this.goDown();
  }

  /** @internal */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (res.destroyed) return;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const tokenHeader = req.headers['x-vault-token'];
    const token = typeof tokenHeader === 'string' ? tokenHeader : undefined;
    let body: unknown;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    const [status, answer] = this.#route(req.method ?? 'GET', path, token, body);
    this.requests.push({ method: req.method ?? 'GET', path, token, status, body });
    const text = JSON.stringify(answer);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  #route(method: string, path: string, token: string | undefined, body: unknown): [number, unknown] {
    if (path === '/v1/auth/approle/login') {
      if (method !== 'POST' && method !== 'PUT') return [405, { errors: [] }];
      const { role_id: roleId, secret_id: secretId } = (body ?? {}) as { role_id?: unknown; secret_id?: unknown };
      if (typeof roleId !== 'string' || roleId === '') return [400, { errors: ['missing role_id'] }];
      if (roleId !== this.roleId || secretId !== this.secretId) return [400, { errors: ['invalid role or secret ID'] }];
      const clientToken = 'hvs.' + randomBytes(18).toString('base64url');
      this.#tokens.set(clientToken, { expiresAt: Date.now() + this.tokenTtlSeconds * 1000, revoked: false });
      return [
        200,
        {
          request_id: randomUUID(),
          lease_id: '',
          renewable: false,
          lease_duration: 0,
          data: null,
          wrap_info: null,
          warnings: null,
          auth: {
            client_token: clientToken,
            accessor: randomBytes(12).toString('base64url'),
            policies: ['default', 'pii-read'],
            token_policies: ['default', 'pii-read'],
            metadata: { role_name: 'pii' },
            lease_duration: this.tokenTtlSeconds,
            renewable: true,
            entity_id: randomUUID(),
            token_type: 'service',
            orphan: true,
            mfa_requirement: null,
            num_uses: 0,
          },
        },
      ];
    }
    const kv = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(path);
    if (kv === null) return [404, { errors: [] }];
    if (method !== 'GET') return [405, { errors: [] }];
    const issued = token === undefined ? undefined : this.#tokens.get(token);
    if (issued === undefined || issued.revoked || Date.now() >= issued.expiresAt) return [403, { errors: ['permission denied'] }];
    if (this.failNextReads > 0) {
      this.failNextReads--;
      return [500, { errors: ['internal error'] }];
    }
    const secret = this.#secrets.get(path.slice('/v1/'.length));
    if (secret === undefined) return [404, { errors: [] }];
    return [
      200,
      {
        request_id: randomUUID(),
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data: {
          data: structuredClone(secret.data),
          metadata: { created_time: secret.createdTime, custom_metadata: null, deletion_time: '', destroyed: false, version: secret.version },
        },
        wrap_info: null,
        warnings: null,
        auth: null,
        mount_type: 'kv',
      },
    ];
  }
}
