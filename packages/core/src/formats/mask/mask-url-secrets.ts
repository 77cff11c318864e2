/**
 * Secrets in URLs: the values of secret-like query parameters (`token`, `api_key`,
 * `X-Amz-Signature`, …, case-insensitive) and the user-info part (`https://user:pass@host`)
 * are masked wherever a URL appears (its fragment too) — `url.*`, `Referer`/`Location` headers, free text — and
 * in bare query strings (`url.query`) and `;`-separated pairs (connection strings). The rest of the URL stays readable. `code` is treated
 * as secret only in what looks like an OAuth callback (a `state` parameter or a
 * callback/oauth/authorize path), so a promo `code=SUMMER` stays readable elsewhere. A
 * parameter whose name the mask's key rules call a credential (`otp=`, `X-Auth-Token=`,
 * `client_secret=`, by word parts) is masked too.
 */

/** Query parameter names whose values are masked (case-insensitive). */
export const SECRET_QUERY_PARAMS = [
  'token', 'access_token', 'refresh_token', 'id_token', 'api_key', 'apikey', 'key', 'secret', 'client_secret',
  'password', 'passwd', 'pwd', 'signature', 'sig', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
  'x-goog-signature', 'x-goog-credential', 'session', 'sessionid', 'sid', 'auth', 'jwt',
] as const;

const MASK = '****';
const OAUTH_HINT = /[?&]state=|callback|oauth|authorize/i;
// scheme://user[:password]@ — user-info ends at the last @ before any / ? # or space (a
// password may hold an unencoded @)
const USERINFO = /\b([a-z][a-z0-9+.-]{1,15}:\/\/)([^\s/?#]+)@/gi;

// a parameter starts the string or follows ? & ; # (a fragment, as OAuth's implicit flow
// writes `#access_token=`) or white space; its value runs to the next & ; # white space or
// delimiter (query strings and connection strings both separate their pairs so)
const PARAM = /(^|[?&;#\s])([A-Za-z0-9_.[\]-]{1,64})=([^&;#\s"'<>]*)/g;

/** Compiled once per mask format. */
export class UrlSecretMasker {
  private readonly params = PARAM;
  private readonly names: ReadonlySet<string>;

  /** `isSecretName`: the mask's key rules (a name they call a credential is masked too). */
  constructor(
    extraParams: readonly string[] = [],
    private readonly isSecretName: (name: string) => boolean = () => false,
  ) {
    this.names = new Set([...SECRET_QUERY_PARAMS, ...extraParams.map((n) => n.toLowerCase()), 'code']);
  }

  /** The text with URL secrets masked (the same string when there are none). */
  mask(text: string): string {
    let out = text;
    if (out.indexOf('=') !== -1) {
      const oauth = OAUTH_HINT.test(out);
      this.params.lastIndex = 0;
      out = out.replace(this.params, (match: string, lead: string, name: string, value: string) => {
        if (value === '' || value === MASK) return match;
        const lower = name.toLowerCase();
        if (lower === 'code' ? !oauth : !this.names.has(lower) && !this.isSecretName(name)) return match;
        return `${lead}${name}=${MASK}`;
      });
    }
    if (out.indexOf('@') !== -1 && out.indexOf('://') !== -1) {
      USERINFO.lastIndex = 0;
      out = out.replace(USERINFO, (_m: string, scheme: string) => `${scheme}${MASK}@`);
    }
    return out;
  }
}
