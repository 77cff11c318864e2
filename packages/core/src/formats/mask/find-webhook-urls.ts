/**
 * Webhook URLs whose path is the credential: whoever holds the URL can post. After the
 * service's webhook route, the path is redacted; the host and route stay readable. Slack
 * (`hooks.slack.com/services/…`, `/workflows/…`, `/triggers/…`), Discord
 * (`discord.com/api/webhooks/<id>/<token>`), Microsoft Teams (`….webhook.office.com/webhookb2/…`),
 * Telegram bots (`api.telegram.org/bot<id>:<token>`) and Zapier (`hooks.zapier.com/hooks/catch/<id>/<secret>`).
 */
import { REDACTED, type SecretRange } from './secret-range';

/**
 * The routes, each followed by its secret: a token (`[A-Za-z0-9_-]`) after Discord, Telegram
 * and Zapier routes; a path (`/` and `@` too) after Slack and Teams routes.
 */
const WEBHOOK = new RegExp(
  [
    '(?<![A-Za-z0-9-])(?:',
    '(?:hooks\\.slack\\.com/(?:services|workflows|triggers)/|[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/)([A-Za-z0-9_@/-]+)',
    '|(?:discord(?:app)?\\.com/api/webhooks/\\d{1,20}/|api\\.telegram\\.org/bot\\d{1,12}:|hooks\\.zapier\\.com/hooks/catch/\\d{1,12}/)([A-Za-z0-9_-]+)',
    ')',
  ].join(''),
  'gi',
);
/** Fewest characters of a secret path or token (shorter is a route's own word). */
const MIN_SECRET = 8;

/** The hosts and routes, each with the offset of its first `.` (see {@link mayHoldWebhookUrl}). */
const HOST_HEADS: readonly (readonly [string, number])[] = ['hooks.slack.com/', 'discord.com/api/webhooks/', 'discordapp.com/api/webhooks/', 'api.telegram.org/bot', 'hooks.zapier.com/hooks/', 'webhook.office.com/webhookb2/'].map(
  (head) => [head, head.indexOf('.')] as const,
);

/** True when the `.` at `i` may be part of a webhook URL's host (see `textHints`). */
export function mayHoldWebhookUrl(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  // the last letter of `hooks`, `discord`, `discordapp`, `api`, `webhook`
  if (before !== 115 && before !== 100 && before !== 112 && before !== 105 && before !== 107) return false;
  for (const [head, dot] of HOST_HEADS) if (text.startsWith(head, i - dot)) return true;
  return false;
}

/** Appends the secret parts of the webhook URLs in `text` to `out`. */
export function findWebhookUrls(text: string, out: SecretRange[]): void {
  WEBHOOK.lastIndex = 0;
  for (let m = WEBHOOK.exec(text); m !== null; m = WEBHOOK.exec(text)) {
    const secret = m[1] ?? m[2] ?? '';
    let end = m.index + m[0].length;
    while (end > m.index && text.charCodeAt(end - 1) === 47) end--; // a trailing `/`
    const start = m.index + m[0].length - secret.length;
    if (end - start >= MIN_SECRET) out.push({ start, end, replacement: REDACTED, kind: 'vendor' });
  }
}
