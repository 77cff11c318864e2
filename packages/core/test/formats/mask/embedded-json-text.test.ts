/**
 * A string field that holds JSON text (a request body logged as `JSON.stringify(body)`) is
 * masked as its parts would be: a string inside it is read unescaped, so a secret written in
 * it (`<entry key="db.password">x</entry>`, `password x`, `mysql -px`) is found as in any
 * text, whatever escaping the JSON added.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurePii, createEcsLogger, resetPii } from '@ecsctx/core';
import { lineSink } from '../../support/hostile';
import { referenceDir } from '../../support/capture';
import { decoy, planted } from '../../support/secret-generators';

const vectors = JSON.parse(readFileSync(join(referenceDir, 'vectors', 'chain-cases.json'), 'utf8')) as { keysets: Record<string, unknown> };
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  await configurePii({ provider: 'static', tokenKeyset: vectors.keysets['chain-public'] as never, env: 'prod' });
});
afterAll(() => resetPii());

async function lineOf(log: (logger: ReturnType<typeof createEcsLogger>) => void): Promise<string> {
  const { stream, lines } = lineSink();
  const logger = createEcsLogger({ stream, env: { PROJECT_NAME: 'shop' } });
  log(logger);
  await tick();
  expect(lines).toHaveLength(1);
  return lines[0];
}

const fieldName = fc.constantFrom('note', 'xml', 'detail', 'cmd', 'description');

test.prop([planted, fieldName, fc.constantFrom('field', 'message', 'nested')], { numRuns: 200 })(
  "a secret in a string of JSON text is masked whatever the JSON's escaping",
  async (value, name, where) => {
    const inner = where === 'nested' ? JSON.stringify({ wrapper: JSON.stringify({ [name]: value.text }) }) : JSON.stringify({ id: 7, [name]: value.text });
    const line = await lineOf((logger) => (where === 'message' ? logger.info(inner) : logger.info('webhook_received', { body: inner })));
    const record = JSON.parse(line) as { message: string; extra?: { body?: string } };
    const written = where === 'message' ? record.message : String(record.extra?.body);
    for (const clear of value.clear) expect(written).not.toContain(clear);
  },
);

test.prop([decoy, fieldName], { numRuns: 150 })('a string of JSON text that holds no secret keeps its text', async (text, name) => {
  const body = JSON.stringify({ id: 7, [name]: text, ok: true });
  const line = await lineOf((logger) => logger.info('webhook_received', { body }));
  expect((JSON.parse(line) as { extra: { body: string } }).extra.body).toBe(body);
});

it('an XML element named by a credential attribute, inside JSON text', async () => {
  const body = JSON.stringify({ xml: '<entry key="db.password">Hunter22x</entry>', n: 1 });
  const line = await lineOf((logger) => logger.info('config_loaded', { body }));
  expect(line).not.toContain('Hunter22x');
  expect(line).toContain('[REDACTED]');
});
