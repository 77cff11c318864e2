/**
 * A scope's fields are compiled once, on its first line, and every later line of the scope
 * reuses them; a bind makes a new scope context and so a new compilation. Lines of
 * interleaved scopes each carry their own scope's fields, below the call's own.
 */
import { AsyncResource } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bindLoggingContext, configureMasking, configurePii, resetPii, runWithLoggingContext, tokenize, withLoggingContext } from '@ecsctx/core';
import { scopeFieldsOf } from '../../src/formats/scope-fields';
import { captureCall } from '../../src/formats/captured-call';
import { flush, makeLogger } from '../support/logger';

describe('scope fields', () => {
  it('are compiled once per scope context and again after a bind', () => {
    runWithLoggingContext(() => {
      bindLoggingContext({ userId: 7, ip: '10.0.0.1', labels: { tenant: 'acme' } });
      const first = scopeFieldsOf(captureCall());
      expect(scopeFieldsOf(captureCall())).toBe(first);
      expect(first.keys).toEqual(['user', 'client', 'labels']);
      expect(first.values[0]).toEqual({ id: '7' });
      expect(Object.isFrozen(first.values[0])).toBe(true);
      bindLoggingContext({ sessionId: 's-1' });
      const rebound = scopeFieldsOf(captureCall());
      expect(rebound).not.toBe(first);
      expect(rebound.keys).toEqual(['user', 'client', 'session_id', 'labels']);
    });
  });

  it('write a bound span id that is no hex id through the walk (cut like any string)', async () => {
    const { logger, capture } = makeLogger({ limits: { maxStringLength: 64 } });
    await withLoggingContext({ spanId: 'x'.repeat(500) }, async () => logger.info('long'));
    await flush(logger);
    const [line] = capture.records();
    expect(String((line.span as Record<string, unknown>).id).length).toBeLessThan(200);
  });

  it('outside any scope give nothing', () => {
    expect(scopeFieldsOf(captureCall()).keys).toEqual([]);
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 30 })], { numRuns: 40 })(
    'interleaved scopes: each line carries its own scope, under the call’s own fields',
    async (steps) => {
      const { logger, capture } = makeLogger();
      const scopes = [0, 1, 2, 3].map((n) =>
        runWithLoggingContext(() => {
          bindLoggingContext({ userId: `user-${n}`, extra: { shard: n } });
          // a function that logs inside this scope, whenever it is called
          return AsyncResource.bind((own: string) =>
            new Promise<void>((resolve) =>
              setImmediate(() => {
                logger.info('step', own === '' ? {} : { user: { name: own } });
                resolve();
              }),
            ),
          );
        }),
      );
      await Promise.all(steps.map(([n, own]) => scopes[n](own)));
      await flush(logger);
      const lines = capture.records();
      expect(lines).toHaveLength(steps.length);
      // lines may be written in any order across scopes; each is matched to a step by its own fields
      const seen = lines.map((line) => {
        const user = line.user as Record<string, unknown>;
        const n = Number(String(user.id).slice('user-'.length));
        expect((line.extra as Record<string, unknown> | undefined)?.shard ?? line.shard).toBe(n);
        return [n, user.name === undefined ? '' : 'named'];
      });
      expect(seen.sort()).toEqual(steps.map(([n, own]) => [n, own === '' ? '' : 'named']).sort());
    },
  );

  it('a call’s own field beside a scope field of the same root keeps both', async () => {
    const { logger, capture } = makeLogger();
    await withLoggingContext({ userId: 'u-1' }, async () => {
      logger.info('one', { user: { roles: ['admin'] } });
      logger.info('two');
    });
    await flush(logger);
    const [one, two] = capture.records();
    expect(one.user).toEqual({ id: 'u-1', roles: ['admin'] });
    expect(two.user).toEqual({ id: 'u-1' });
  });
});

/** A token keyset document with a fresh random key. */
function tokenKeyset(kid: string): Record<string, unknown> {
  return { schema_version: 1, primary_kid: kid, keys: { [kid]: { alg: 'HMAC-SHA-256', key_b64: randomBytes(32).toString('base64url'), created_at: '2026-01-01T00:00:00Z' } } };
}

/** A line without its time (two lines of one call differ only there). */
function timeless(line: Record<string, unknown>): Record<string, unknown> {
  const { '@timestamp': _time, ...rest } = line;
  return rest;
}

describe('a scope’s flat records, masked once per scope', () => {
  afterEach(() => {
    configureMasking({});
    resetPii();
  });

  it('give every line of the scope what the first line got, until the keyset or the key rules change', async () => {
    await configurePii({ provider: 'static', tokenKeyset: tokenKeyset('k1') as never, env: 'prod' });
    const { logger, capture } = makeLogger();
    const lines = async (n: number): Promise<Record<string, unknown>[]> => {
      const seen = capture.lines.length;
      for (let i = 0; i < n; i++) logger.info('step');
      await flush(logger);
      return capture.records().slice(seen);
    };
    await withLoggingContext({ userId: 'u-1', extra: { contact: { email: 'jane@example.com', pin_note: 'kept' } }, labels: { tenant: 'acme' } }, async () => {
      const first = await lines(3);
      const contact = (first[0].extra as Record<string, Record<string, unknown>>).contact;
      expect(contact).toEqual({ email: tokenize('jane@example.com', 'email'), pin_note: 'kept' });
      expect(first.map(timeless)).toEqual([timeless(first[0]), timeless(first[0]), timeless(first[0])]);

      await configurePii({ provider: 'static', tokenKeyset: tokenKeyset('k2') as never, env: 'prod' });
      const [rotated] = await lines(1);
      expect((rotated.extra as Record<string, Record<string, unknown>>).contact.email).toBe(tokenize('jane@example.com', 'email'));
      expect((rotated.extra as Record<string, Record<string, unknown>>).contact.email).not.toBe(contact.email);

      configureMasking({ secretKeys: ['pin_note'] });
      const [masked] = await lines(1);
      expect((masked.extra as Record<string, Record<string, unknown>>).contact.pin_note).toBe('[REDACTED]');

      resetPii();
      const [redacted] = await lines(1);
      expect((redacted.extra as Record<string, Record<string, unknown>>).contact.email).toBe('[PII_REDACTED]');
    });
  });

  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.emailAddress(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('+965 5555 1234', '4111 1111 1111 1111', 'Bearer abc.def.ghi', 'a.b'));
  const record = fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('email', 'password', 'token', 'phone', 'name', 'id', 'ip', '__proto__', 'a.b')), scalar, { maxKeys: 5 });

  test.prop([fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), record, { maxKeys: 3 }), record, fc.option(fc.string({ maxLength: 16 }), { nil: undefined })], { numRuns: 60 })(
    'the scope’s later lines are the lines a fresh scope writes first',
    async (extra, labels, ip) => {
      await configurePii({ provider: 'static', tokenKeyset: tokenKeyset('k1') as never, env: 'prod' });
      const { logger, capture } = makeLogger();
      const context = { userId: 'u-7', ip, extra, labels };
      await withLoggingContext(context, async () => {
        for (let i = 0; i < 3; i++) logger.info('again', { n: 1 });
      });
      await withLoggingContext(context, async () => logger.info('again', { n: 1 }));
      await flush(logger);
      const lines = capture.records().map(timeless);
      expect(lines).toHaveLength(4);
      expect(lines[1]).toEqual(lines[3]);
      expect(lines[2]).toEqual(lines[3]);
      expect(lines[0]).toEqual(lines[3]);
    },
  );
});

describe('a scope whose extra holds a Proxy', () => {
  it('writes every line in full, the Proxy as a marker, on the second line as on the first', async () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const trapping = new Proxy(
      { a: 1 },
      {
        isExtensible: () => {
          throw new Error('trap');
        },
      },
    );
    for (const cart of [revoked, trapping]) {
      const { logger, capture } = makeLogger();
      await withLoggingContext({ sessionId: 's-1', extra: { tenant: 't-1', cart } }, async () => {
        for (let i = 0; i < 3; i++) logger.info('step', { order_id: `o-${i}` });
      });
      await flush(logger);
      const lines = capture.records();
      expect(lines).toHaveLength(3);
      lines.forEach((line, i) => {
        expect(line.labels?.ecsctx_degraded).not.toBe('failed');
        expect(line.session_id).toBe('s-1');
        expect((line.extra as Record<string, unknown>).tenant).toBe('t-1');
        expect((line.extra as Record<string, unknown>).order_id).toBe(`o-${i}`);
      });
      expect(timeless(lines[1])).toEqual({ ...timeless(lines[0]), extra: { ...(lines[0].extra as object), order_id: 'o-1' } });
    }
  });
});

