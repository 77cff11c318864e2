'use strict';
/**
 * A minimal RESP2 Redis connection with the surface of Bun's built-in `RedisClient`
 * (`send`, `connected`, `connect`, `close`, `duplicate`, `onconnect`/`onclose`/`onerror`),
 * so BullMQ's own `createBunRedisClient` adapter can drive a real Redis server with it.
 *
 * Why it exists: BullMQ 6 loads `ioredis` lazily as an optional peer, and this workspace
 * does not install it. Tests and the bench use this driver only when `ioredis` cannot be
 * resolved (see `redis.ts` / `bench/bullmq-bench.mjs`); everything above the socket
 * (Lua scripts, MULTI/EXEC, blocking BZPOPMIN) is BullMQ's own code on a real server.
 * Test support only: it is not part of the published package.
 */
const net = require('node:net');

const CRLF = '\r\n';

/** Encodes one command as a RESP array of bulk strings (Buffers are sent as they are). */
function encode(command, args) {
  const parts = [Buffer.from(`*${args.length + 1}${CRLF}$${Buffer.byteLength(command)}${CRLF}${command}${CRLF}`)];
  for (const arg of args) {
    const buf = Buffer.isBuffer(arg) ? arg : Buffer.from(arg === undefined || arg === null ? '' : String(arg));
    parts.push(Buffer.from(`$${buf.length}${CRLF}`), buf, Buffer.from(CRLF));
  }
  return Buffer.concat(parts);
}

/** Parses one RESP2 value from `buf` at `pos`; returns `[value, next]` or `undefined` when incomplete. */
function parse(buf, pos) {
  if (pos >= buf.length) return undefined;
  const end = buf.indexOf(CRLF, pos);
  if (end === -1) return undefined;
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('utf8', pos + 1, end);
  const next = end + 2;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new Error(line), next];
    case ':':
      return [Number(line), next];
    case '$': {
      const len = Number(line);
      if (len === -1) return [null, next];
      if (buf.length < next + len + 2) return undefined;
      return [buf.toString('utf8', next, next + len), next + len + 2];
    }
    case '*': {
      const count = Number(line);
      if (count === -1) return [null, next];
      const items = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parse(buf, at);
        if (!item) return undefined;
        items.push(item[0]);
        at = item[1];
      }
      return [items, at];
    }
    default:
      throw new Error(`unexpected RESP type byte ${JSON.stringify(type)}`);
  }
}

class RespClient {
  /** @param {{ host?: string, port?: number, db?: number, password?: string, username?: string }} options */
  constructor(options = {}) {
    this.options = { host: options.host ?? '127.0.0.1', port: options.port ?? 6379, db: options.db, password: options.password, username: options.username };
    this.connected = false;
    this.socket = undefined;
    this.pending = [];
    this.buffer = Buffer.alloc(0);
    this.onconnect = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
  }

  connect() {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ host: this.options.host, port: this.options.port });
      socket.setNoDelay(true);
      this.socket = socket;
      let opened = false;
      socket.on('connect', async () => {
        opened = true;
        this.connected = true;
        try {
          if (this.options.password) {
            const auth = this.options.username ? [this.options.username, this.options.password] : [this.options.password];
            await this.send('AUTH', auth);
          }
          if (this.options.db) await this.send('SELECT', [String(this.options.db)]);
        } catch (err) {
          reject(err);
          return;
        }
        resolve();
        if (this.onconnect) this.onconnect();
      });
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('error', (err) => {
        if (!opened) reject(err);
        if (this.onerror) this.onerror(err);
      });
      socket.on('close', () => {
        const wasConnected = this.connected;
        this.connected = false;
        this.failPending(new Error('Connection closed'));
        if (wasConnected && this.onclose) this.onclose();
      });
    });
  }

  receive(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let pos = 0;
    for (;;) {
      const parsed = parse(this.buffer, pos);
      if (!parsed) break;
      pos = parsed[1];
      const waiter = this.pending.shift();
      if (!waiter) continue;
      if (parsed[0] instanceof Error) waiter.reject(parsed[0]);
      else waiter.resolve(parsed[0]);
    }
    this.buffer = pos === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(pos);
  }

  failPending(err) {
    const pending = this.pending;
    this.pending = [];
    for (const waiter of pending) waiter.reject(err);
  }

  /** Sends one command; replies arrive in order, so concurrent calls pipeline. */
  send(command, args = []) {
    if (!this.connected || !this.socket) return Promise.reject(new Error('Connection closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(encode(command, args));
    });
  }

  close() {
    if (!this.socket) return;
    const socket = this.socket;
    this.socket = undefined;
    socket.destroy();
  }

  async duplicate() {
    return new RespClient(this.options);
  }
}

/** Parses `redis://[user:pass@]host:port[/db]` into connection options. */
function optionsFromUrl(url) {
  const u = new URL(url);
  const db = u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db: Number.isFinite(db) ? db : undefined,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
  };
}

module.exports = { RespClient, optionsFromUrl };
