/**
 * `mask`: no customer data reaches the line in clear. One walk over the whole line (it is
 * also the sanitizing walk, see `serialize/sanitize`; the rules are `mask/mask-hooks`):
 *
 * - credentials (`Authorization`, `Proxy-Authorization`, `Api-Key`, `X-Api-Key`, `api_key`,
 *   `apikey`, any case) are masked keeping the scheme; cookies keep only their names;
 * - every other value under a key that names a credential (`password`, `clientSecret`,
 *   `X-Auth-Token`, `cvv2`…, decided by word parts: `classify-key`) becomes `[REDACTED]`:
 *   strings, numbers and every leaf of an array or object under it; an exempt path leaves it
 *   readable only when the pattern names that key itself;
 * - a string under a sensitive key (`customer_name`, `email`, `billing`…, not a safe key such
 *   as `customer_id`, not an exempted path) is tokenized whole, and so are the strings of an
 *   array under such a key (an object under it is judged by its own keys); the token type is
 *   `email`/`phone` when the whole value is one, else `generic`;
 * - every other string, the message, `extra`, labels and context fields included, is scanned
 *   for email addresses and phone numbers, which are tokenized in place;
 * - secrets in URLs (secret-like query parameters, user-info) are masked, the rest of the URL stays;
 * - values that are already tokens are left alone.
 *
 * Tokens are `ptok:v1:…` when a token keyset is loaded; otherwise every such value becomes
 * `[PII_REDACTED]`: PII is never passed through.
 */
import { format, type Format } from 'logform';
import { carrySymbols, SANITIZED, type Info } from './info-symbols';
import { MaskRun, type MaskOptions } from './mask/mask-run';
import { sanitizeRecord, sanitizeValue } from '../serialize/sanitize';
import { MASK_FAILED_MARKER } from '../serialize/markers';
import { newSanitizeReport } from '../serialize/sanitize-report';
import { reportSanitizeCuts } from '../serialize/report-cuts';
import { FAILED_LINE, failedInfo } from './failed-line';

export type { MaskOptions } from './mask/mask-run';

/** Creates the `mask` format. */
export function maskPii(options: MaskOptions = {}): Format {
  const run = new MaskRun(options);
  const transform = (info: Info): Info => {
    // a line a step failed on (this one or one before) keeps its message: masked all the same
    if (info[FAILED_LINE] === true) return maskFailedMessage(info);
    try {
      return maskLine(info);
    } catch (error) {
      return maskFailedMessage(failedInfo(info, error));
    }
  };
  /** The message of a failed line (the library's own object, see `failed-line`), masked; withheld when the mask fails on it too. */
  const maskFailedMessage = (failed: Info): Info => {
    const message = failed.message;
    if (typeof message !== 'string') return failed;
    try {
      run.begin();
      const hooks = run.hooks;
      failed.message = sanitizeValue(message, run.limits, newSanitizeReport(), hooks, hooks.child(hooks.rootState, 'message'));
    } catch {
      failed.message = MASK_FAILED_MARKER;
    } finally {
      run.end();
    }
    return failed;
  };
  const maskLine = (info: Info): Info => {
    run.begin();
    const report = newSanitizeReport();
    const fields = sanitizeRecord(info, run.limits, report, run.hooks, run.hooks.rootState) as Info;
    carrySymbols(info, fields);
    fields[SANITIZED] = true;
    reportSanitizeCuts(report);
    run.end();
    return fields;
  };
  return format((info) => transform(info as unknown as Info) as never)();
}
