/**
 * Real Redis for the BullMQ tests: `REDIS_URL` (default `redis://127.0.0.1:6379`), a key
 * prefix per test file run for isolation, and cleanup of every key under it.
 *
 * BullMQ 6 drives Redis through its optional peer `ioredis` (a root devDependency here);
 * the cleanup uses ioredis too (SCAN + UNLINK under the run's prefix).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** The Redis the tests use. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Host, port, db and credentials of {@link REDIS_URL}. */
function targetFromUrl(url: string): { host: string; port: number; db?: number; username?: string; password?: string } {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

const target = targetFromUrl(REDIS_URL);

/** Connection options for Queue / Worker / FlowProducer (BullMQ makes its ioredis clients from them). */
export const connection: ConnectionOptions = { ...target, maxRetriesPerRequest: null };

/** A BullMQ key prefix unique to this run: `ecsctx-test-<pid>-<random>`. */
export function uniquePrefix(): string {
  return `ecsctx-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Calls `onKeys` with each SCAN batch of keys under `prefix:`, on a short-lived ioredis client. */
async function scanPrefix(prefix: string, onKeys: (client: Redis, keys: string[]) => Promise<void>): Promise<void> {
  const client = new Redis({ ...target, lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await onKeys(client, keys);
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

/** Deletes every key under `prefix:` (SCAN + UNLINK). Returns how many were deleted. */
export async function deleteKeysWithPrefix(prefix: string): Promise<number> {
  let deleted = 0;
  await scanPrefix(prefix, async (client, keys) => {
    deleted += await client.unlink(...keys);
  });
  return deleted;
}

/** Counts keys under `prefix:`. */
export async function countKeysWithPrefix(prefix: string): Promise<number> {
  let count = 0;
  await scanPrefix(prefix, async (_client, keys) => {
    count += keys.length;
  });
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
  track<T extends Closable>(closable: T): T;
  cleanup(): Promise<void>;
} {
  const prefix = uniquePrefix();
  const open: Closable[] = [];
  return {
    prefix,
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
