/**
 * Keysets from HashiCorp Vault: AppRole login, KV v2 reads, periodic refresh.
 *
 * - Login: `POST /v1/auth/approle/login` with `role_id`/`secret_id` read from files (re-read at
 *   every login, so a rotated secret_id on disk is picked up). The client token is sent as
 *   `X-Vault-Token`; a new login happens before `auth.lease_duration` runs out, and once more
 *   when Vault answers 403 (token revoked or expired early).
 * - Read: `GET /v1/<path>` with the configured KV v2 path (`secret/data/platform/pii/token-keyset`);
 *   the keyset is the secret's `keyset` key, as a JSON string or an object.
 * - Refresh every `refreshMs` on an unref'd timer; on failure the last good keysets stay and the
 *   failure is reported once through the diagnostics channel.
 *
 * No message this module produces contains the Vault token, the secret_id or key material.
 *
 * @see https://developer.hashicorp.com/vault/api-docs/auth/approle#login-with-approle
 * @see https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2#read-secret-version
 */
import { readFile } from 'node:fs/promises';
import { reportDiagnostic } from '../../diagnostics';
import { PiiError } from '../../errors';
import { assertUsableKeyset, type KeysetRole } from '../keyset-checks';
import type { Keyset } from '../keyset';
import { parseKeyset, type KeysetSource } from '../parse-keyset';
import type { PiiAccess } from '../state';
import type { KeysetProvider, KeysetSnapshot } from './provider';
import { vaultRequest, VaultTransportError, type VaultHttpOptions, type VaultResponse } from './vault-http';

/** Diagnostic code: a periodic Vault refresh failed; the last good keysets are kept. */
const DIAG_VAULT_REFRESH_FAILED = 'ECSCTX_PII_VAULT_REFRESH_FAILED';

/** Vault login path for AppRole. */
const APPROLE_LOGIN_PATH = '/v1/auth/approle/login';

/** Log in again when less than this share of the token's lease is left. */
const RELOGIN_LEASE_FRACTION = 0.2;

/** Where and how the Vault provider reads. */
export interface VaultProviderOptions {
  /** Vault base URL. */
  readonly addr: string;
  /** File holding the AppRole role_id. */
  readonly roleIdPath: string;
  /** File holding the AppRole secret_id. */
  readonly secretIdPath: string;
  /** KV v2 API path of the token keyset, e.g. `secret/data/platform/pii/token-keyset`. */
  readonly tokenKeysetPath: string;
  /** KV v2 API path of the reveal keyset; read only with access `full`. */
  readonly revealKeysetPath?: string;
  /** PEM file of the CA that signed Vault's certificate. */
  readonly caCertPath?: string;
  /** Deadline of one HTTP request, ms. */
  readonly timeoutMs: number;
  /** Interval between refreshes, ms. */
  readonly refreshMs: number;
  /** Access mode: the reveal keyset is read only for `full`. */
  readonly access: PiiAccess;
}

interface Token {
  readonly value: string;
  /** Time after which a new login is made (before the lease ends); Infinity for non-expiring tokens. */
  readonly renewAt: number;
}

class VaultFailure extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function apiPath(kvPath: string): string {
  return '/v1/' + kvPath.replace(/^\/+/, '').replace(/^v1\//, '');
}

/** Vault's `{"errors": [...]}` joined, bounded. */
function vaultErrors(response: VaultResponse): string {
  const errors = isObject(response.body) && Array.isArray(response.body.errors) ? response.body.errors : [];
  const text = errors.filter((e): e is string => typeof e === 'string').join('; ');
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}

class VaultKeysetProvider implements KeysetProvider {
  readonly name = 'vault' as const;
  readonly #options: VaultProviderOptions;
  readonly #http: VaultHttpOptions;
  #token: Token | undefined;
  #secrets: string[] = [];
  #snapshot: KeysetSnapshot | undefined;
  #sources = new Map<KeysetRole, string>();
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
  #closed = false;
  #failing = false;

  constructor(options: VaultProviderOptions, ca: Buffer | undefined) {
    this.#options = options;
    this.#http = { addr: options.addr, timeoutMs: options.timeoutMs, ...(ca ? { ca } : {}) };
  }

  current(): KeysetSnapshot {
    return this.#snapshot as KeysetSnapshot;
  }

  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#token = undefined;
  }

  /** First load; throws a PiiError saying why nothing could be loaded. */
  async start(): Promise<void> {
    try {
      this.#snapshot = await this.#fetchAll();
    } catch (error) {
      this.close();
      throw new PiiError(
        error instanceof PiiError ? error.code : 'ERR_ECSCTX_PII_KEYSET_UNAVAILABLE',
        `cannot load PII keysets from Vault at ${this.#options.addr}: ${this.#reason(error)}`,
      );
    }
    this.#timer = setInterval(() => void this.refreshNow(), this.#options.refreshMs);
    this.#timer.unref();
  }

  /** One refresh (what the timer does). Never rejects; a failure keeps the last good keysets. */
  refreshNow(): Promise<void> {
    this.#refreshing ??= this.#fetchAll()
      .then((snapshot) => {
        if (this.#closed) return;
        this.#snapshot = snapshot;
        this.#failing = false;
      })
      .catch((error: unknown) => {
        // One report per outage: the first failure says why; later ones until a success stay quiet.
        if (this.#closed || this.#failing) return;
        this.#failing = true;
        reportDiagnostic(
          DIAG_VAULT_REFRESH_FAILED,
          `PII keyset refresh from Vault at ${this.#options.addr} failed (${this.#reason(error)}); keeping the last good keysets`,
        );
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  #reason(error: unknown): string {
    let text =
      error instanceof VaultFailure || error instanceof VaultTransportError || error instanceof PiiError
        ? error.message
        : 'unexpected failure';
    // Defence in depth: a server that echoes credentials must not get them into a message.
    for (const secret of this.#secrets) if (secret.length >= 4) text = text.split(secret).join('[REDACTED]');
    return text;
  }

  async #fetchAll(): Promise<KeysetSnapshot> {
    const token = await this.#readKeyset('token', this.#options.tokenKeysetPath);
    const revealPath = this.#options.access === 'full' ? this.#options.revealKeysetPath : undefined;
    const reveal = revealPath === undefined ? undefined : await this.#readKeyset('reveal', revealPath);
    const previous = this.#snapshot;
    if (previous !== undefined && previous.token === token && previous.reveal === reveal) return previous;
    return { token, reveal };
  }

  async #readKeyset(role: KeysetRole, kvPath: string): Promise<Keyset> {
    const path = apiPath(kvPath);
    let response = await vaultRequest(this.#http, { method: 'GET', path, token: await this.#currentToken() });
    if (response.status === 403) {
      // Revoked or expired before its lease said: log in once more.
      this.#token = undefined;
      response = await vaultRequest(this.#http, { method: 'GET', path, token: await this.#currentToken() });
    }
    if (response.status !== 200) {
      const errors = vaultErrors(response);
      const what = response.status === 404 ? 'not found' : `HTTP ${response.status}`;
      throw new VaultFailure(`reading the ${role} keyset at ${path}: ${what}${errors ? ` (${errors})` : ''}`);
    }
    const body = response.body;
    const data = isObject(body) && isObject(body.data) && isObject(body.data.data) ? body.data.data : undefined;
    if (data === undefined) throw new VaultFailure(`reading the ${role} keyset at ${path}: not a KV v2 response`);
    const raw = data.keyset;
    if (typeof raw !== 'string' && !isObject(raw)) {
      throw new VaultFailure(`the secret at ${path} has no 'keyset' key (a JSON string or object)`);
    }
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const existing = this.#snapshot?.[role];
    if (existing !== undefined && this.#sources.get(role) === text) return existing;
    let keyset: Keyset;
    try {
      keyset = parseKeyset(raw as KeysetSource);
      assertUsableKeyset(keyset, role);
    } catch (error) {
      throw new PiiError((error as PiiError).code, `the ${role} keyset at ${path}: ${(error as PiiError).message}`);
    }
    this.#sources.set(role, text);
    return keyset;
  }

  async #currentToken(): Promise<string> {
    if (this.#token === undefined || Date.now() >= this.#token.renewAt) this.#token = await this.#login();
    return this.#token.value;
  }

  async #login(): Promise<Token> {
    const [roleId, secretId] = await Promise.all([
      this.#readCredential('PII_VAULT_ROLE_ID_PATH', this.#options.roleIdPath),
      this.#readCredential('PII_VAULT_SECRET_ID_PATH', this.#options.secretIdPath),
    ]);
    this.#secrets = [secretId];
    const startedAt = Date.now();
    const response = await vaultRequest(this.#http, {
      method: 'POST',
      path: APPROLE_LOGIN_PATH,
      body: { role_id: roleId, secret_id: secretId },
    });
    if (response.status !== 200) {
      const errors = vaultErrors(response);
      throw new VaultFailure(`AppRole login: HTTP ${response.status}${errors ? ` (${errors})` : ''}`);
    }
    const auth = isObject(response.body) && isObject(response.body.auth) ? response.body.auth : undefined;
    const value = auth?.client_token;
    if (typeof value !== 'string' || value === '') throw new VaultFailure('AppRole login: no auth.client_token in the response');
    this.#secrets = [secretId, value];
    const lease = typeof auth?.lease_duration === 'number' && auth.lease_duration > 0 ? auth.lease_duration : 0;
    const renewAt = lease === 0 ? Infinity : startedAt + lease * 1000 * (1 - RELOGIN_LEASE_FRACTION);
    return { value, renewAt };
  }

  async #readCredential(variable: string, path: string): Promise<string> {
    let text: string;
    try {
      text = (await readFile(path, 'utf8')).trim();
    } catch (error) {
      throw new VaultFailure(`cannot read ${variable} file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (text === '') throw new VaultFailure(`${variable} file ${path} is empty`);
    return text;
  }
}

/**
 * Opens the Vault provider: logs in, reads the keysets (the reveal keyset only with access
 * `full`), and starts the refresh timer.
 *
 * @throws PiiError `ERR_ECSCTX_PII_KEYSET_UNAVAILABLE` (or the keyset's own code when a keyset is
 *   invalid) when nothing could be loaded.
 */
export async function openVaultProvider(
  options: VaultProviderOptions,
): Promise<KeysetProvider & { refreshNow(): Promise<void> }> {
  let ca: Buffer | undefined;
  if (options.caCertPath !== undefined) {
    try {
      ca = await readFile(options.caCertPath);
    } catch (error) {
      throw new PiiError(
        'ERR_ECSCTX_PII_PROVIDER_FAILED',
        `cannot read PII_VAULT_CACERT_PATH file ${options.caCertPath} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  const provider = new VaultKeysetProvider(options, ca);
  await provider.start();
  return provider;
}
