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

describe('an element named by an attribute (Android resources, Java properties XML, .NET and Spring config)', () => {
  it('an element whose naming attribute holds a credential name is that credential; the name stays', () => {
    expect(mask('<string name="api_key">sk_live_4eC39HqLyjWDarjtT1zdp7dc</string>')).toBe('<string name="api_key">[REDACTED]</string>');
    expect(mask('<entry key="db.password">S3cret!</entry>')).toBe('<entry key="db.password">[REDACTED]</entry>');
    expect(mask('<param name="secret">x9</param>')).toBe('<param name="secret">[REDACTED]</param>');
    expect(mask('<setting name="ApiToken" serializeAs="String"><value>abc123</value></setting>')).toBe('<setting name="ApiToken" serializeAs="String"><value>[REDACTED]</value></setting>');
    expect(mask('<property name="password"><![CDATA[two words]]></property>')).toBe('<property name="password"><![CDATA[[REDACTED]]]></property>');
    expect(mask('<textarea name="password">hunter22</textarea>')).toBe('<textarea name="password">[REDACTED]</textarea>');
    expect(mask('<item property="client_secret">\n  s3cr3t\n</item>')).toBe('<item property="client_secret">\n  [REDACTED]\n</item>');
    expect(mask('<ns:entry key="token">abc</ns:entry>')).toBe('<ns:entry key="token">[REDACTED]</ns:entry>');
    // blank text, then a child: the child's text (`<b>` here as `<value>` in .NET settings)
    expect(mask('<string name="api_key"> <b>abc</b> more</string>')).toBe('<string name="api_key"> <b>[REDACTED]</b> more</string>');
    // a line cut short: the text to its end
    expect(mask('<string name="api_key">abc123')).toBe('<string name="api_key">[REDACTED]');
    // the empty element's `value` (existing rule) and an element with both
    expect(mask('<add key="ConnectionString" value="Server=db;User Id=sa;Password=x1" />')).toBe('<add key="ConnectionString" value="[REDACTED]" />');
    expect(mask('<property name="password" value="hunter22"/>')).toBe('<property name="password" value="[REDACTED]"/>');
  });

  it('decoys: a name the key rules do not call a credential, a control with no content, a tag that ends another element', () => {
    for (const text of [
      '<string name="app_name">My App</string>',
      '<entry key="timeout">30</entry>',
      '<input name="password" type="password">',
      '<input name="password"> Forgot it?',
      '<label for="password">Password</label>',
      '<string name="token_count">12</string>',
      '<entry key="password_policy">min 8</entry>',
      '<div id="password-hint">Use 8 characters</div>',
      '<add key="ApiKey" value="[REDACTED]"/> and then some words',
      '<string name="api_key"></string><string name="title">Hello</string>',
    ]) {
      // (another tag's `name` stays a pair under `name`, as before: only the content matters here)
      expect(mask(text).replace(/name="<tok \d+>"/g, 'name=""')).toBe(text.replace(/(<(?:string|entry) name=)"[^"]*"/g, '$1""'));
    }
    // `author` is no PII key (as `{ author: … }` is not): a meta tag's content under it stays
    expect(mask('<meta name="author" content="Jane Doe">')).toBe('<meta name="author" content="Jane Doe">');
    // a person's name in a tag that names nothing is still a pair under `name`
    expect(mask('<user name="Jane Doe">hello</user>')).toBe('<user name="<tok 8>">hello</user>');
  });

  const tag = fc.constantFrom('string', 'entry', 'param', 'setting', 'property', 'item', 'wsse:Entry', 'Value');
  const attribute = fc.constantFrom('name', 'key', 'property', 'id');
  const word = fc.constantFrom('password', 'secret', 'token', 'api key', 'client secret', 'passphrase', 'pin', 'app name', 'timeout', 'title', 'token count', 'color', 'label', 'session id', 'name', 'email');
  const qualifier = fc.constantFrom('', 'db', 'smtp', 'stripe', 'new', 'admin');
  const spelling = fc.constantFrom<(words: string[]) => string>(
    (w) => w.join('_'),
    (w) => w.join('.'),
    (w) => w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join(''),
    (w) => w.map((x) => x[0].toUpperCase() + x.slice(1)).join(''),
    (w) => w.join('_').toUpperCase(),
  );
  const keyName = fc.tuple(qualifier, word, spelling).map(([q, w, spell]) => spell([...(q === '' ? [] : [q]), ...w.split(' ')]));
  const secret = fc.stringMatching(/^[A-Za-z0-9!#$%*+@^_-]{6,24}$/).map((v) => `Zq${v}`);
  const place = fc.constantFrom<(t: string, attr: string, name: string, v: string) => string>(
    (t, a, n, v) => `<${t} ${a}="${n}">${v}</${t}>`,
    (t, a, n, v) => `<${t} ${a}='${n}' translatable="false">\n    ${v}\n  </${t}>`,
    (t, a, n, v) => `<${t} ${a}="${n}"><![CDATA[${v} and more]]></${t}>`,
    (t, a, n, v) => `<${t} ${a}="${n}"><value>${v}</value></${t}>`,
  );
  const decoys = '<string name="app_name">My App</string><entry key="timeout">30</entry><input name="password" type="password">';

  test.prop([tag, attribute, keyName, secret, place], { numRuns: 400 })(
    'the content is masked exactly when the key rules call the naming value a credential; the naming value and the decoys stay',
    (t, attr, name, v, placed) => {
      const text = `<resources>${placed(t, attr, name, v)}${decoys}</resources>`;
      const out = mask(text);
      const credential = rules.classify(name).credential !== CredentialKind.None;
      expect(out.includes(v)).toBe(!credential);
      // the naming value is a key: it stays as written
      if (credential) expect(out).toMatch(new RegExp(`${attr}=["']${name.replace(/\./g, '\\.')}["']`));
      expect(out).toContain('My App</string><entry key="timeout">30</entry><input name="password" type="password">');
    },
  );

  it('through a real logger: an Android resources file and a .NET config logged as text', async () => {
    const { logger, capture } = makeLogger();
    const resources = '<resources><string name="app_name">My App</string><string name="google_maps_api_key">Zq9kTr4Vb7Mn2Lp0</string><string name="stripe_secret">whatever-01</string></resources>';
    const config = '<appSettings><add key="Mode" value="production"/><add key="ApiToken"><value>Zq7hUk2Wl9Bx</value></add></appSettings>';
    logger.info('config loaded', { resources, config });
    await flush(logger);
    const extra = capture.records()[0].extra as { resources: string; config: string };
    expect(extra.resources).not.toMatch(/Zq9kTr4Vb7Mn2Lp0|whatever-01/);
    expect(extra.resources).toContain('>My App</string><string name="google_maps_api_key">[REDACTED]</string><string name="stripe_secret">[REDACTED]</string>');
    expect(extra.config).toBe('<appSettings><add key="Mode" value="production"/><add key="ApiToken"><value>[REDACTED]</value></add></appSettings>');
  });
});

describe('a naming element names the element after it', () => {
  const credentialName = fc.constantFrom('password', 'api_key', 'fs.s3a.secret.key', 'db.password', 'clientSecret', 'AUTH_TOKEN', 'secret');
  const plainName = fc.constantFrom('CFBundleName', 'dfs.replication', 'timeout', 'fs.defaultFS', 'token_count', 'region');
  const form = fc.constantFrom(['key', 'string'], ['key', 'value'], ['name', 'value'], ['param-name', 'param-value'], ['td', 'td'], ['th', 'td'], ['dt', 'dd']);
  const value = fc.stringMatching(/^[A-Za-z0-9!@%^*]{6,20}$/);
  test.prop([form, credentialName, value, fc.constantFrom('', '\n  ', ' ')], { numRuns: 200 })(
    "its value is masked when the naming element's text is a credential's name (plist, Hadoop, servlet config)",
    ([naming, holder], name, secret, gap) => {
      const text = `<property><${naming}>${name}</${naming}>${gap}<${holder}>${secret}</${holder}></property>`;
      const out = mask(text);
      expect(out).not.toContain(`>${secret}<`);
      expect(out).toContain(`<${naming}>${name}</${naming}>`);
    },
  );
  test.prop([fc.constantFrom(['key', 'string'], ['key', 'value']), plainName, value], { numRuns: 100 })('any other name keeps the value', ([naming, holder], name, kept) => {
    const text = `<dict><${naming}>${name}</${naming}><${holder}>${kept}</${holder}></dict>`;
    expect(mask(text)).toBe(text);
  });
});

describe('attributes with a namespace prefix or blanks around `=`', () => {
  it('are read by their local name', () => {
    expect(mask('<meta-data android:name="com.google.android.geo.API_KEY" android:value="letmein123"/>')).not.toContain('letmein123');
    expect(mask('<string name = "api_key">letmein</string>')).not.toContain('letmein');
    expect(mask('<x:string x:name="db.password">letmein</x:string>')).not.toContain('letmein');
  });

  test.prop([fc.constantFrom('', 'android:', 'x:', 'tools:'), fc.constantFrom('=', ' = ', ' =', '= '), fc.constantFrom('timeout', 'app_name', 'region')], { numRuns: 60 })('a naming value that is no credential keeps its value', (prefix, eq, name) => {
    const text = `<meta-data ${prefix}name${eq}"${name}" ${prefix}value${eq}"v12345"/>`;
    expect(mask(text)).toContain('v12345');
  });
});
