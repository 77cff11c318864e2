/**
 * Secrets in URLs: the values of secret-like query parameters (`token`, `api_key`,
 * `X-Amz-Signature`, …, case-insensitive) and the user-info part (`https://user:pass@host`)
 * are masked wherever a URL appears (its fragment too) — `url.*`, `Referer`/`Location` headers, free text — and
 * in bare query strings (`url.query`) and `;`-separated pairs (connection strings). The rest of the URL stays readable. `code` is treated
 * as secret only in what looks like an OAuth callback (a `state` parameter or a
 * callback/oauth/authorize path), so a promo `code=SUMMER` stays readable elsewhere. A
 * parameter whose name the mask's key rules call a credential (`otp=`, `X-Auth-Token=`,
 * `client_secret=`, by word parts) is masked too, and one it calls PII (`customer_name=`) is
 * tokenized, decoded first, when it is a query parameter (after `?` or `&`, or in a bare query
 * string).
 */
import { SECRET_REDACTED } from '../../fields';

/** Query parameter names whose values are masked (case-insensitive). */
export const SECRET_QUERY_PARAMS = [
  'token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'key', 'secret', 'client_secret',
  'password', 'passwd', 'pwd', 'signature', 'sig', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
  'x-goog-signature', 'x-goog-credential', 'session', 'sessionid', 'sid', 'auth', 'jwt',
] as const;

const MASK = '****';
/** Marks that open a bracketed or typographically quoted value: `[ ( { “ „ ‘ ‚ « ‹`. */
const ENCLOSED_START: ReadonlySet<number> = new Set([91, 40, 123, 0x201c, 0x201e, 0x2018, 0x201a, 0xab, 0x2039]);
const OAUTH_HINT = /[?&]state=|callback|oauth|authorize/i;
// scheme://user[:password]@ — user-info ends at the last @ before any / ? # or space (a
// password may hold an unencoded @)
const USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/)([^\s/?#]+)@/gi;
// scheme://user:password@ whose password holds a raw / ? or # (`postgres://app:p#ss@db`): after
// `user:` (not a port: digits then / ? # or the end), to the last @ of the word, at most
// MAX_PASSWORD characters on
const RAW_USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/)[^\s/?#@:"'<>[\]]{0,64}:(?!\d{1,5}(?:[/?#\s"'<>,;]|$))[^\s"'<>]{0,256}@/gi;

// a parameter starts the string or follows ? & ; # (a fragment, as OAuth's implicit flow
// writes `#access_token=`) or white space; its value runs to the next & ; # white space or
// delimiter (query strings and connection strings both separate their pairs so)
// — but a `& ; # ,` that no blank, end or other `name=` follows is part of the value (a raw
// password: `DB_PASSWORD=Tr0ub4dor&3`; `ids=1,2`), and one that does ends it (`a=x,b=y`,
// `Password=x;User Id=sa`: a connection string's names may hold spaces)
const PARAM = /(^|[?&;#\s])([A-Za-z0-9_.[\]-]{1,64})=((?:[^&;#,\s"'<>]|[&;#,](?![A-Za-z0-9_.[\]-]{1,64}(?: [A-Za-z0-9_.[\]-]{1,64}){0,2}=|\s|$))*)/g;

/** A query value as its text: `+` is a space (form encoding), percent escapes decoded where they are valid. */
function decodedQueryValue(value: string): string {
  const plain = value.replace(/\+/g, ' ');
  if (plain.indexOf('%') === -1) return plain;
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain;
  }
}

/** Compiled once per mask format. */
export class UrlSecretMasker {
  private readonly params = PARAM;
  private readonly names: ReadonlySet<string>;

  /** `isSecretName`: the mask's key rules (a name they call a credential is masked too). */
  constructor(
    extraParams: readonly string[] = [],
    private readonly isSecretName: (name: string) => boolean = () => false,
    /** The token of a query parameter's decoded value when the key rules call its name PII (`undefined` otherwise). */
    private readonly piiValue: (name: string, value: string) => string | undefined = () => undefined,
  ) {
    this.names = new Set([...SECRET_QUERY_PARAMS, ...extraParams.map((n) => n.toLowerCase()), 'code']);
  }

  /** The text with URL secrets masked (the same string when there are none). */
  mask(text: string): string {
    let out = text;
    if (out.indexOf('=') !== -1) {
      // (whether the text is an OAuth callback is read once, at its first `code=`)
      let oauth: boolean | undefined;
      let spaced: boolean | undefined;
      const whole = out;
      this.params.lastIndex = 0;
      out = out.replace(this.params, (match: string, lead: string, name: string, value: string) => {
        if (value === '' || value === MASK) return match;
        const lower = name.toLowerCase();
        if (lower === 'code' ? !(oauth ??= OAUTH_HINT.test(whole)) : !this.names.has(lower) && !this.isSecretName(name)) {
          // a query parameter named as PII (`?customer_name=Jane%20Doe`): its value ends at the
          // next delimiter, so it is tokenized whole, as under that key
          if (!(lead === '?' || lead === '&' || (lead === '' && !(spaced ??= /\s/.test(whole))))) return match;
          const token = this.piiValue(name, decodedQueryValue(value));
          return token === undefined ? match : `${lead}${name}=${token}`;
        }
        // a bracketed, typographically quoted or escaped-quoted value (`password=(a b)`,
        // `password=\"a b\"`, whose `\` alone is matched here) is the pair masker's,
        // which reads it to its closing mark (a plain quote already ends the value here); one
        // masked by key before it became a query string (`otp=[REDACTED]`) is written as `****`
        if ((ENCLOSED_START.has(value.charCodeAt(0)) || value === '\\') && value !== SECRET_REDACTED && this.isSecretName(name)) return match;
        return `${lead}${name}=${MASK}`;
      });
    }
    if (out.indexOf('@') !== -1 && out.indexOf('://') !== -1) {
      RAW_USERINFO.lastIndex = 0;
      out = out.replace(RAW_USERINFO, (_m: string, scheme: string) => `${scheme}${MASK}@`);
      USERINFO.lastIndex = 0;
      out = out.replace(USERINFO, (_m: string, scheme: string) => `${scheme}${MASK}@`);
    }
    return out;
  }
}
