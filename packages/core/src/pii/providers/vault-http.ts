/**
 * A minimal JSON-over-HTTP(S) client for Vault's HTTP API: one request, a deadline for the whole
 * exchange, an optional private CA, bounded response size. Nothing here knows about keysets.
 *
 * @see https://developer.hashicorp.com/vault/api-docs
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Largest response body read from Vault. */
const MAX_VAULT_RESPONSE_BYTES = 1024 * 1024;

/** How to reach Vault. */
export interface VaultHttpOptions {
  /** Base URL, e.g. `https://vault.example.com:8200`. */
  readonly addr: string;
  /** PEM CA certificate(s) trusted for https (replaces the system CAs, like `VAULT_CACERT`). */
  readonly ca?: string | Buffer;
  /** Deadline for one request (connect, send, receive), ms. */
  readonly timeoutMs: number;
}

/** One request. */
export interface VaultRequest {
  readonly method: 'GET' | 'POST';
  /** API path starting with `/v1/`. */
  readonly path: string;
  /** Sent as `X-Vault-Token`. */
  readonly token?: string;
  /** JSON body. */
  readonly body?: unknown;
}

/** A response: status and parsed JSON body (`undefined` when empty or not JSON). */
export interface VaultResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A transport failure (refused, reset, TLS, timeout, oversized body). Its message has no secrets. */
export class VaultTransportError extends Error {
  override readonly name = 'VaultTransportError';
}

function describeError(error: unknown): string {
  const err = error as NodeJS.ErrnoException | undefined;
  if (err?.code === 'ECONNREFUSED') return 'connection refused';
  if (typeof err?.code === 'string') return err.code + (err.message ? `: ${err.message}` : '');
  return err?.message ?? 'request failed';
}

/**
 * Sends one request to Vault and resolves with the status and JSON body, whatever the status.
 *
 * @throws VaultTransportError when no complete response arrived within the deadline.
 */
export function vaultRequest(options: VaultHttpOptions, call: VaultRequest): Promise<VaultResponse> {
  const url = new URL(call.path, options.addr.endsWith('/') ? options.addr : options.addr + '/');
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') {
    return Promise.reject(new VaultTransportError(`unsupported Vault address scheme ${url.protocol}`));
  }
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), 'utf8');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (call.token !== undefined) headers['x-vault-token'] = call.token;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise<VaultResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: VaultResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response as VaultResponse);
    };
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_VAULT_RESPONSE_BYTES) {
          finish(new VaultTransportError(`response larger than ${MAX_VAULT_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish(new VaultTransportError(describeError(error))));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        finish(undefined, { status: res.statusCode ?? 0, body });
      });
    };
    const requestOptions = {
      method: call.method,
      headers,
      // A fresh connection per request: refreshes are minutes apart, and a pooled keep-alive socket
      // the server has since closed would fail the next request with ECONNRESET.
      agent: false,
      ...(https && options.ca !== undefined ? { ca: options.ca } : {}),
    };
    const req = https ? httpsRequest(url, requestOptions, onResponse) : httpRequest(url, requestOptions, onResponse);
    const deadline = setTimeout(
      () => finish(new VaultTransportError(`timed out after ${options.timeoutMs / 1000}s`)),
      options.timeoutMs,
    );
    req.on('error', (error) => finish(new VaultTransportError(describeError(error))));
    req.end(payload);
  });
}
