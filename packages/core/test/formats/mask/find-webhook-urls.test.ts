/**
 * Webhook URLs (`find-webhook-urls`): the path after a service's webhook route is the
 * credential and is redacted wherever the URL appears (a field, a message, a sentence); the
 * scheme, host and route stay, and other URLs of the same hosts keep their paths.
 * Linear on 1 MB: see linear-scans.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { makeLogger, flush } from '../../support/logger';

const token = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{${min},${max}}$`)).filter((t) => /[0-9A-Z]/.test(t));
const digits = fc.stringMatching(/^[1-9][0-9]{5,18}$/);
const upper = (n: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[A-Z0-9]{${n}}$`));

/**
 * A webhook URL: its head (route, and the id some routes carry) and the secret after it. An
 * id of 13 to 19 digits may pass the card check and be masked: only the route is asserted.
 */
const webhook = fc.oneof(
  fc.tuple(upper(10), upper(10), fc.stringMatching(/^[A-Za-z0-9]{24}$/)).map(([t, b, s]) => ({ route: 'https://hooks.slack.com/services/', head: 'https://hooks.slack.com/services/', secret: `T${t}/B${b}/${s}`, tail: '' })),
  fc.tuple(digits, token(60, 68)).map(([id, s]) => ({ route: 'https://discord.com/api/webhooks/', head: `https://discord.com/api/webhooks/${id}/`, secret: s, tail: '' })),
  fc.tuple(digits, token(35, 35)).map(([id, s]) => ({ route: 'https://api.telegram.org/bot', head: `https://api.telegram.org/bot${id.slice(0, 10)}:`, secret: `AA${s}`, tail: '/sendMessage' })),
  fc.tuple(fc.stringMatching(/^[0-9]{7}$/), fc.stringMatching(/^[a-z0-9]{7}$/)).map(([id, s]) => ({ route: 'https://hooks.zapier.com/hooks/catch/', head: `https://hooks.zapier.com/hooks/catch/${id}/`, secret: `${s}x9`, tail: '/' })),
  fc.uuid().map((g) => ({ route: 'https://contoso.webhook.office.com/webhookb2/', head: 'https://contoso.webhook.office.com/webhookb2/', secret: `${g}@${g}/IncomingWebhook/0123456789abcdef/${g}`, tail: '' })),
);
/** URLs of the same hosts that are no webhook: they stay whole. */
const DECOYS = [
  'https://discord.com/channels/123456789012345678/987654321098765432',
  'https://api.slack.com/methods/chat.postMessage',
  'https://hooks.slack.com/',
  'https://api.telegram.org/file/bot',
  'https://learn.microsoft.com/office/webhooks',
];

async function logged(meta: Record<string, unknown>, message = 'posted'): Promise<string> {
  const { logger, capture } = makeLogger();
  logger.info(message, meta);
  await flush(logger);
  return capture.lines[0] as string;
}

describe('webhook URLs', () => {
  test.prop([webhook, fc.constantFrom('field', 'message', 'sentence')], { numRuns: 60 })('lose their secret path, keep host and route, in a field, a message or a sentence', async ({ route, head, secret, tail }, place) => {
    const url = `${head}${secret}${tail}`;
    const line = place === 'field' ? await logged({ target: url }) : place === 'message' ? await logged({}, url) : await logged({ note: `posting to ${url}, then done.` });
    expect(line).not.toContain(secret);
    for (const part of secret.split(/[/@]/).filter((p) => p.length >= 12)) expect(line).not.toContain(part);
    expect(line).toContain(route);
  });

  it('other URLs of the same hosts keep their paths', async () => {
    const line = await logged({ links: DECOYS.join(' ') });
    for (const url of DECOYS) expect(line).toContain(url);
  });
});
