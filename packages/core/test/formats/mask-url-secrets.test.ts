/**
 * A secret-named parameter's value is masked wherever `name=value` pairs appear: query
 * strings, URL fragments (`#access_token=`, OAuth's implicit flow) and `;`-separated
 * connection strings. A pair's value runs to the next `&`, `;`, `#` or white space, so the
 * pairs beside it stay readable.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { UrlSecretMasker } from '../../src/formats/mask/mask-url-secrets';

const masker = new UrlSecretMasker();
const secretName = fc.constantFrom('password', 'Password', 'PWD', 'token', 'access_token', 'client_secret', 'api_key');
const plainName = fc.constantFrom('Server', 'Database', 'page', 'sort', 'User Id', 'state', 'lang');
const value = fc.stringMatching(/^[A-Za-z0-9_.~+/-]{4,24}$/);

describe('URL and pair secrets', () => {
  it('masks pairs after a ; and in a fragment', () => {
    expect(masker.mask('Server=db;Database=app;Password=hunter2pass;User Id=sa;')).toBe('Server=db;Database=app;Password=****;User Id=sa;');
    expect(masker.mask('a=1;password=x1')).toBe('a=1;password=****');
    expect(masker.mask('https://app.example.com/cb#access_token=abc123&state=xyz')).toBe('https://app.example.com/cb#access_token=****&state=xyz');
  });

  test.prop([fc.array(fc.tuple(fc.boolean(), value), { minLength: 1, maxLength: 6 }), fc.constantFrom(';', '&', '; '), secretName, plainName, fc.constantFrom('', 'https://h.example/p?', 'https://h.example/p#')])(
    'every secret pair is masked and every other pair kept, whatever the separator',
    (pairs, separator, secret, plain, prefix) => {
      const parts = pairs.map(([isSecret, v]) => `${isSecret ? secret : plain}=${v}`);
      const out = masker.mask(prefix + parts.join(separator));
      const expected = pairs.map(([isSecret, v]) => `${isSecret ? secret : plain}=${isSecret ? '****' : v}`);
      expect(out).toBe(prefix + expected.join(separator));
    },
  );
});
