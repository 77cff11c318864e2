/**
 * Below the metadata roots (`error`, `client`, `url`, `bullmq`, …) the names of the fields ECS
 * or the library defines mean nothing to the key rules; a key they do not define there is the
 * caller's own data, and a nested `user` field set describes a person: the key rules apply.
 * The roots the library writes itself (`service`, `project`, `trace`, `span`)
 * are metadata roots like the others when a caller writes there; only a trace-context id as
 * the library writes it (16 or 32 hex digits) is kept whatever its digits look like.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { flush, makeLogger } from '../../support/logger';
import { cardLikeHexId, cardNumber, credentialPair, planted } from '../../support/secret-generators';

const root = fc.constantFrom('error', 'client', 'server', 'source', 'destination', 'host', 'event', 'log', 'bullmq', 'url', 'user_agent', 'service', 'project', 'trace', 'span', 'transaction');
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

  // (a caller's `transaction` is moved to `extra`, where the key rules apply)
  const libraryRoot = fc.constantFrom('service', 'project', 'trace', 'span', 'transaction');

  test.prop([libraryRoot, ownKey, planted], { numRuns: 150 })(
    'a caller value under a library root is scanned: no planted value in clear',
    async (rootKey, own, p) => {
      const { logger, capture } = makeLogger();
      // (`id` only where it is not a trace-context id: 16 hex digits there are kept by rule)
      const ids = rootKey === 'trace' || rootKey === 'span' ? {} : { id: p.text };
      logger.info('x', { [rootKey]: { [own]: `see ${p.text} now`, name: p.text, ...ids } });
      await flush(logger);
      const line = capture.lines[0];
      expect(p.clear.find((c) => c.length >= 6 && line.includes(c)), `${p.kind} ${p.text}: ${line}`).toBeUndefined();
    },
  );

  test.prop([libraryRoot, credentialPair], { numRuns: 60 })('a credential key or pair under a library root is masked', async (rootKey, pair) => {
    const { logger, capture } = makeLogger();
    logger.info('x', { [rootKey]: { client_secret: pair.clear[0], note: pair.text } });
    await flush(logger);
    expect(capture.lines[0]).not.toContain(pair.clear[0]);
  });

  test.prop([fc.constantFrom('trace', 'span'), fc.constantFrom(16, 32), fc.boolean()], { numRuns: 60 })(
    'a hex trace-context id is kept, even when its digits would read as a card or a phone',
    async (rootKey, length, digitsOnly) => {
      // decoys: a Luhn-valid card number and a phone-like run are both hex ids
      const id = digitsOnly ? '4111111111111111'.repeat(2).slice(0, length) : 'a1b2c3d4e5f60718293a4b5c6d7e8f90'.slice(0, length);
      const { logger, capture } = makeLogger();
      logger.info('x', { [rootKey]: { id } });
      await flush(logger);
      expect(capture.lines[0]).toContain(`"id":"${id}"`);
    },
  );

  // a caller's own trace-context ids (`extra.call.span`, `parentSpanId`) hold random hex too
  const traceIdKey = fc.constantFrom('span', 'trace', 'span_id', 'spanId', 'trace_id', 'traceId', 'parent_span_id', 'parentSpanId', 'SPAN_ID', 'root-trace-id');
  const parents = fc.constantFrom<string[]>([], ['call'], ['request', 'upstream'], ['items']);
  test.prop([traceIdKey, parents, fc.oneof(cardLikeHexId(16), cardLikeHexId(32))], { numRuns: 80 })(
    'a hex id under a caller key naming a trace or span id is kept, even when its digits read as a card',
    async (key, path, id) => {
      const { logger, capture } = makeLogger();
      let meta: Record<string, unknown> = { [key]: id };
      for (const p of [...path].reverse()) meta = { [p]: meta };
      logger.info('x', meta);
      await flush(logger);
      expect(capture.lines[0]).toContain(`"${id}"`);
    },
  );

  test.prop([traceIdKey, cardNumber, fc.constantFrom('order_id', 'ref', 'spanner', 'trace_note', 'span_ids_seen')], { numRuns: 80 })(
    'a card is masked under a trace-id key when it is not a hex id, and a hex id that reads as a card is masked under any other key',
    async (key, card, otherKey) => {
      const { logger, capture } = makeLogger();
      const asHexId = card.clear[1];
      logger.info('x', { [key]: `card ${card.text}`, [otherKey]: asHexId });
      await flush(logger);
      const line = capture.lines[0];
      expect(card.clear.find((c) => c.length >= 12 && line.includes(c)), `${card.text}: ${line}`).toBeUndefined();
    },
  );
});
