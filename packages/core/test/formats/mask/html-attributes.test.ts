/**
 * HTML form controls in text (`html-attributes`): a control's value is judged under the
 * control's own name (`name`, else `id`), and is a password whatever its name when its `type`
 * is `password`; the attributes that name or describe the control stay. Other tags' attributes
 * are pairs like any. Linear on 1 MB: see linear-scans.
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CredentialKind, Sensitivity } from '../../../src/formats/mask/classify-key';
import { maskPairText, rules } from '../../support/pair-masker';
import { makeLogger, flush } from '../../support/logger';

const mask = (text: string): string => maskPairText(text, (v) => `<tok ${v.length}>`);

const controlName = fc.constantFrom('password', 'new_password', 'api_key', 'otp', 'email', 'customer_name', 'phone', 'quantity', 'color', 'page', 'sort', 'lang', 'q');
const value = fc.stringMatching(/^[A-Za-z0-9!#$%&*+.@_-]{4,24}$/).map((v) => `V${v}`);

describe('HTML form controls', () => {
  it('a password control loses its value; the control keeps its name, type and id', () => {
    expect(mask('<input type="password" name="pw" id="pw1" value="Tr0ub4dor&3">')).toBe('<input type="password" name="pw" id="pw1" value="[REDACTED]">');
    expect(mask("<input value='hunter22' name='password'/>")).toBe("<input value='[REDACTED]' name='password'/>");
    expect(mask('<meta name="csrf-token" content="a1b2c3d4e5">')).toBe('<meta name="csrf-token" content="[REDACTED]">');
    expect(mask('<input type="text" name="quantity" value="3">')).toBe('<input type="text" name="quantity" value="3">');
    expect(mask('<input required type=password autofocus name=pw value=S3cr3tPw disabled>')).toBe('<input required type=password autofocus name=pw value=[REDACTED] disabled>');
    // another tag's attributes are pairs under their own names
    expect(mask('<user name="Jane Doe" role="admin"/>')).toBe('<user name="<tok 8>" role="admin"/>');
  });

  test.prop([fc.constantFrom('input', 'INPUT', 'textarea', 'select', 'button', 'option', 'param', 'data'), controlName, fc.boolean(), value, fc.constantFrom('"', "'"), fc.boolean(), fc.boolean()], { numRuns: 300 })(
    'a control value is masked exactly when its type is password or its name is one the rules act on',
    (tag, name, password, v, q, valueFirst, closed) => {
      const attrs = [`name=${q}${name}${q}`, `value=${q}${v}${q}`, `type=${q}${password ? 'password' : 'text'}${q}`];
      if (valueFirst) attrs.reverse();
      const html = `<form><${tag} ${attrs.join(' ')}${closed ? ' /' : ''}></form>`;
      const out = mask(html);
      const cls = rules.classify(name);
      const acted = password || cls.credential !== CredentialKind.None || cls.sensitivity !== Sensitivity.None;
      if (acted) expect(out).not.toContain(v);
      else expect(out).toBe(html);
      expect(out).toContain(`name=${q}${name}${q}`);
    },
  );

  it('through a real logger: an HTML body logged as text', async () => {
    const { logger, capture } = makeLogger();
    logger.info('form posted', { html: '<form method="post"><input name="username" value="jane"><input type="password" name="pw" value="S3cr3t!pw"><input name="qty" value="2"></form>' });
    await flush(logger);
    const html = (capture.records()[0].extra as { html: string }).html;
    expect(html).not.toContain('S3cr3t!pw');
    expect(html).toContain('name="qty" value="2"');
    expect(html).toContain('name="pw"');
  });
});

describe('a tag that names its value (config files)', () => {
  test.prop([fc.constantFrom('add', 'property', 'entry', 'setting', 'param-value'), fc.constantFrom('key', 'name'), fc.constantFrom('ApiKey', 'DbPassword', 'client_secret', 'password', 'Token'), fc.stringMatching(/^[A-Za-z0-9!%*+@^_-]{8,24}$/).map((v) => `Zq${v}`), fc.boolean()], { numRuns: 200 })(
    'its value is judged under the name its key or name gives (`<add key="ApiKey" value="…"/>`)',
    (tag, attribute, name, secret, selfClosing) => {
      const text = `<config><${tag} ${attribute}="${name}" value="${secret}"${selfClosing ? ' /' : ''}><${tag} ${attribute}="Mode" value="production"${selfClosing ? ' /' : ''}></config>`;
      const masked = mask(text);
      expect(masked).not.toContain(secret);
      expect(masked).toContain(`${attribute}="${name}"`);
      expect(masked).toContain('value="production"');
    },
  );
});
