/**
 * Below the metadata roots (`error`, `client`, `url`, `bullmq`, …) the names of the fields ECS
 * or the library defines mean nothing to the key rules; a key they do not define there is the
 * caller's own data, and a nested `user` field set describes a person: the key rules apply.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { flush, makeLogger } from '../support/logger';

const root = fc.constantFrom('error', 'client', 'server', 'source', 'destination', 'host', 'event', 'log', 'bullmq', 'url', 'user_agent');
const ownKey = fc.constantFrom('cause', 'details', 'context', 'data', 'order');

describe('key rules below metadata roots', () => {
  test.prop([root, ownKey, fc.constantFrom('customer_name', 'fullName', 'first_name')], { numRuns: 40 })(
    'a name under a key the metadata does not define is masked; the metadata fields are not',
    async (rootKey, own, nameKey) => {
      const { logger, capture } = makeLogger();
      logger.info('x', { [rootKey]: { [own]: { [nameKey]: 'Jane Doe' } } });
      await flush(logger);
      expect(JSON.stringify(capture.records()[0])).not.toContain('Jane Doe');
    },
  );

  it('masks the nested user field set and an error cause, keeps url.* and error.type', async () => {
    const { logger, capture } = makeLogger();
    logger.info('x', { client: { user: { full_name: 'Jane Doe', id: 'u-1' } }, url: { path: '/orders', domain: 'shop.example' }, error: { type: 'DbError', cause: { customer_name: 'Jane Doe' } } });
    logger.error('y', { error: new Error('outer', { cause: { customer_name: 'Jane Doe' } }) });
    await flush(logger);
    const [one, two] = capture.records();
    expect(JSON.stringify([one, two])).not.toContain('Jane Doe');
    expect(one.client.user.id).toBe('u-1');
    expect(one.url).toEqual({ path: '/orders', domain: 'shop.example' });
    expect(one.error.type).toBe('DbError');
    expect(two.error.stack_trace).toContain('Caused by: (see error.cause)');
  });
});
