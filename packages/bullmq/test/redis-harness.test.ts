/**
 * The test harness itself, on the real Redis: BullMQ connects through ioredis, and cleanup
 * deletes every key under the run's prefix (SCAN + UNLINK) and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { Queue, RedisConnection } from 'bullmq';
import { REDIS_URL, connection, countKeysWithPrefix, createRedisHarness } from './support/redis';

describe('the Redis harness', () => {
  it('deletes every key under its prefix on cleanup, and only those', async () => {
    const redis = createRedisHarness();
    const other = createRedisHarness();
    try {
      const queue = redis.track(new Queue('harness', { connection, prefix: redis.prefix }));
      const neighbour = other.track(new Queue('harness', { connection, prefix: other.prefix }));
      expect(RedisConnection.clientFactory).toBeUndefined(); // no driver hook: BullMQ loads ioredis itself
      await queue.addBulk(Array.from({ length: 1500 }, (_, i) => ({ name: 'k', data: { i } }))); // more than one SCAN page
      await neighbour.add('k', {});
      expect(await countKeysWithPrefix(redis.prefix)).toBeGreaterThan(1500);

      await redis.cleanup();
      expect(await countKeysWithPrefix(redis.prefix)).toBe(0);
      expect(await countKeysWithPrefix(other.prefix)).toBeGreaterThan(0);
      await other.cleanup();
      expect(await countKeysWithPrefix(other.prefix)).toBe(0);
    } finally {
      // cleanup is idempotent: a failed assertion must not leave keys behind
      await redis.cleanup();
      await other.cleanup();
    }
  });

  it('reads host, port and db from REDIS_URL', () => {
    const url = new URL(REDIS_URL);
    expect(connection).toMatchObject({ host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null });
  });
});
