/**
 * Real Redis for the BullMQ tests: `REDIS_URL` (default `redis://127.0.0.1:6379`), a key
 * prefix per test file run for isolation, and cleanup of every key under it.
 *
 * BullMQ 6 drives Redis through the optional peer `ioredis`. When it is not installed,
 * BullMQ's own Bun adapter is given a minimal RESP connection (`resp-client.cjs`) through
 * `RedisConnection.clientFactory`, BullMQ's documented driver hook: the server, the Lua
 * scripts and BullMQ's code are the real ones either way.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { RedisConnection, createBunRedisClient, type ConnectionOptions } from 'bullmq';

const require = createRequire(import.meta.url);

interface RespOptions {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
}
interface RespClient {
  connect(): Promise<void>;
  send(command: string, args?: readonly string[]): Promise<unknown>;
  close(): void;
}
interface RespModule {
  RespClient: new (options: RespOptions) => RespClient;
  optionsFromUrl(url: string): RespOptions;
}

const resp = require('./resp-client.cjs') as RespModule;

/** The Redis the tests use. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const target = resp.optionsFromUrl(REDIS_URL);

/** Which driver BullMQ uses in this run. */
export function installRedisDriver(): 'ioredis' | 'resp' {
  try {
    require.resolve('ioredis');
    return 'ioredis';
  } catch {
    RedisConnection.clientFactory = (opts) =>
      createBunRedisClient(
        new resp.RespClient({
          host: typeof opts.host === 'string' ? opts.host : target.host,
          port: typeof opts.port === 'number' ? opts.port : target.port,
          db: typeof opts.db === 'number' ? opts.db : target.db,
          username: typeof opts.username === 'string' ? opts.username : target.username,
          password: typeof opts.password === 'string' ? opts.password : target.password,
        }) as unknown as Parameters<typeof createBunRedisClient>[0],
      );
    return 'resp';
  }
}

/** Connection options for Queue / Worker / FlowProducer. */
export const connection: ConnectionOptions = {
  host: target.host,
  port: target.port,
  ...(target.db !== undefined ? { db: target.db } : {}),
  ...(target.username !== undefined ? { username: target.username } : {}),
  ...(target.password !== undefined ? { password: target.password } : {}),
  maxRetriesPerRequest: null,
};

/** A BullMQ key prefix unique to this run: `ecsctx-test-<pid>-<random>`. */
export function uniquePrefix(): string {
  return `ecsctx-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix:` (SCAN + UNLINK). Returns how many were deleted. */
export async function deleteKeysWithPrefix(prefix: string): Promise<number> {
  const client = new resp.RespClient(target);
  await client.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = (await client.send('SCAN', [cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000'])) as [string, string[]];
      cursor = next;
      if (keys.length > 0) deleted += (await client.send('UNLINK', keys)) as number;
    } while (cursor !== '0');
  } finally {
    client.close();
  }
  return deleted;
}

/** Counts keys under `prefix:`. */
export async function countKeysWithPrefix(prefix: string): Promise<number> {
  const client = new resp.RespClient(target);
  await client.connect();
  let count = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = (await client.send('SCAN', [cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000'])) as [string, string[]];
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
  } finally {
    client.close();
  }
  return count;
}

/** Anything with an async `close()`: queues, workers, flow producers. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Per-file Redis harness: a unique prefix, a list of what to close, and cleanup.
 * Call `track()` on every Queue/Worker/FlowProducer; `cleanup()` in `afterAll`.
 */
export function createRedisHarness(): {
  prefix: string;
  driver: 'ioredis' | 'resp';
  track<T extends Closable>(closable: T): T;
  cleanup(): Promise<void>;
} {
  const driver = installRedisDriver();
  const prefix = uniquePrefix();
  const open: Closable[] = [];
  return {
    prefix,
    driver,
    track<T extends Closable>(closable: T): T {
      open.push(closable);
      return closable;
    },
    async cleanup(): Promise<void> {
      // workers first, so nothing picks up jobs while queues close
      const closing = open.splice(0, open.length).reverse();
      for (const item of closing) await item.close();
      await deleteKeysWithPrefix(prefix);
    },
  };
}
