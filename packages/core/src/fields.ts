/**
 * Field placement as data: the one source of truth for where a key ends up in a line.
 * The docs' Core Rules table is generated from these constants.
 */

/** The ECS version every line declares in `ecs.version`. */
export const ECS_VERSION = '1.12.0';

/** A row of the Core Rules table. */
export interface PlacementRule {
  readonly category: string;
  readonly keys: readonly string[];
  readonly placement: string;
  readonly notes: string;
}

/** ECS field-sets kept at the root as nested objects (seed §4). */
export const ECS_ROOT_FIELD_SETS = [
  'http', 'url', 'event', 'span', 'user', 'user_agent', 'client', 'trace', 'service', 'error', 'log',
] as const;
/** Custom namespaces kept at the root (`bullmq` carries a job's identity). */
export const CUSTOM_NAMESPACES = ['payment', 'project', 'bullmq'] as const;
/** Sanctioned flat scalars kept at the root. */
const FLAT_ROOT_SCALARS = ['merchant_id', 'session_id', 'view'] as const;
/** Containers kept at the root and walked by the PII mask. */
const PAYLOAD_CONTAINERS = ['payload', 'headers'] as const;
/** The staging key renamed to `event` (an object) or `event.original` (a scalar). */
export const ECS_EVENT_STAGING_KEY = 'ecs_event';
/** Where every key that is not allowlisted goes. */
export const EXTRA_KEY = 'extra';

/** The Core Rules table (seed §4), as rows. */
export const PLACEMENT_RULES: readonly PlacementRule[] = [
  { category: 'ECS field-sets', keys: ECS_ROOT_FIELD_SETS, placement: 'root (nested objects)', notes: 'must be objects; a string given for `error` becomes `error.message`, any other scalar moves to `extra.<key>` with a warning' },
  { category: 'Custom namespaces', keys: CUSTOM_NAMESPACES, placement: 'root (nested objects)', notes: '`payment.orn`, `project.name`, `bullmq.job.id`' },
  { category: 'Sanctioned flat scalars', keys: FLAT_ROOT_SCALARS, placement: 'root', notes: 'kept flat' },
  { category: 'Labels', keys: ['labels'], placement: 'root (flat object)', notes: 'always strings (numbers and booleans as text, objects as JSON); `.`, `*`, `\\` in keys become `_`' },
  { category: 'Payload containers', keys: PAYLOAD_CONTAINERS, placement: 'root', notes: 'walked by the PII mask' },
  { category: 'Line fields', keys: ['message', '@timestamp', 'log.level', 'ecs.version', 'log.logger'], placement: 'root', notes: 'written by the `ecs` format; caller values for `@timestamp`, `ecs` move to `extra`' },
  { category: 'ECS event staging', keys: [ECS_EVENT_STAGING_KEY], placement: 'root, renamed to `event`', notes: 'an object merges into `event`; a scalar becomes `event.original`' },
  { category: 'Everything else', keys: ['*'], placement: '`extra.*`', notes: 'wrapped by `namespace`; add root keys with `rootFields` or `ECSCTX_ROOT_FIELDS`' },
];

/** Keys that stay at the root before any configured extra root fields are added. */
export const DEFAULT_ROOT_KEYS: readonly string[] = [
  ...ECS_ROOT_FIELD_SETS,
  ...CUSTOM_NAMESPACES,
  ...FLAT_ROOT_SCALARS,
  ...PAYLOAD_CONTAINERS,
  'labels',
  'message',
  EXTRA_KEY,
];

/**
 * ECS field-sets that must always be objects (seed §14). A flat value for one of them is a
 * mapping conflict in Elasticsearch; the validator warns about it.
 */
export const RESERVED_OBJECT_FIELDS = [
  'client', 'user', 'host', 'span', 'trace', 'source', 'destination', 'server', 'event', 'error', 'log',
  'http', 'url', 'service', 'file', 'process', 'network', 'observer', 'organization', 'cloud', 'container',
  'agent', 'ecs', 'rule', 'threat',
] as const;

const LABEL_KEY_UNSAFE = /[.*\\]/;
const LABEL_KEY_UNSAFE_ALL = /[.*\\]/g;

/** A label key as the ECS logging spec wants it: `.`, `*` and `\` replaced by `_`. */
export function sanitizeLabelKey(key: string): string {
  if (key.trim() === '') return '_';
  return LABEL_KEY_UNSAFE.test(key) ? key.replace(LABEL_KEY_UNSAFE_ALL, '_') : key;
}

/**
 * A label value as ECS keeps it: a string (`labels.*` is a keyword field). Numbers and
 * booleans become their text, BigInt its decimal string, objects and arrays their JSON
 * text (`String()` when that fails); `null`/`undefined` drop the label.
 */
export function labelValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
    case 'number':
    case 'bigint':
      return String(value);
    case 'undefined':
    case 'function':
      return undefined;
    case 'symbol':
      return value.toString();
    default:
      if (value === null) return undefined;
      try {
        const text = JSON.stringify(value);
        return typeof text === 'string' ? text : String(value);
      } catch {
        try {
          return String(value);
        } catch {
          return '[unserializable]';
        }
      }
  }
}

/**
 * Words that make a key sensitive: a string under such a key is tokenized whole (seed §13).
 * Matched by word part, not substring: a part equal to the word, or a compound part ending
 * with a word of 4+ letters (`firstname`, `emailaddress`) or beginning with one of 5+ letters
 * (`phonenumber`, `customers`); `hotel_id` and `telemetry` hold no `tel`.
 */
export const SENSITIVE_KEY_PARTS = [
  'name', 'payer', 'billing', 'shipping', 'customer', 'cardholder', 'email', 'phone', 'mobile', 'tel',
  'contact', 'sender', 'recipient', 'beneficiary', 'address', 'addr', 'udf',
  // identity documents, birth dates, bank accounts, street addresses, names in other languages
  'ssn', 'passport', 'dob', 'birth', 'iban', 'street', 'postal', 'postcode', 'zip', 'zipcode', 'fname', 'lname',
  'nombre', 'apellido',
  // national identity numbers spelled in two words (`social_security_number`, `taxId`)
  'socialsecurity', 'taxid', 'nationalid', 'driverlicense', 'driverslicense',
  // bank accounts and national numbers (`account_number`, `sort_code`, `msisdn`), and the
  // people a payment names (`payee`, `account_holder`)
  'accountnumber', 'acctnumber', 'accountno', 'acctno', 'routingnumber', 'sortcode', 'bankaccount', 'msisdn', 'nationalinsurance', 'aadhaar',
  // national identity numbers by their own names (UK, Spain, Poland, Netherlands, Brazil, Mexico, Singapore)
  'nino', 'dni', 'pesel', 'bsn', 'cpf', 'curp', 'nric', 'licensenumber',
  'payee', 'accountholder',
  // the parties of an order or a shipment (`bill_to`, `ship_to`, `sold_to`, `buyer`, `consignee`)
  'billto', 'shipto', 'soldto', 'buyer', 'consignee',
] as const;

/**
 * Words that name a person by the role they play: a key whose last word part is one (or its
 * plural, or the last two parts spell one: `policy_holder`) holds that person, and a string
 * under it is tokenized (`assignee: 'Jane Doe'`, `passengers: ['…']`). Only as the last part:
 * what a key says about the person is kept (`assignee_id`, `employee_role`, `reviewers_url`),
 * and so is a number under such a key (`patients: 42` counts them, `reviewer: 1234` is an id).
 */
export const PERSON_ROLE_WORDS = [
  'person', 'patient', 'passenger', 'traveler', 'traveller', 'applicant', 'employee', 'attendee',
  'assignee', 'approver', 'reviewer', 'requester', 'requestor', 'signer', 'signatory', 'guarantor',
  'borrower', 'policyholder',
] as const;

/**
 * PII words whose values are numbers by nature (an SSN, a passport, a bank account, a postal
 * code, a birth date, a phone): in text, after such a name and `:` or `=`, a bare number
 * (`ssn: 078-05-1120`, `zip=90210`, `passport: X1234567`) is tokenized like a quoted value,
 * since where a number ends is clear; after the name and a blank, one of 4 or more digits
 * (`ssn 078051120`, `dob 1990-04-12`). Matched as {@link SENSITIVE_KEY_PARTS} are.
 */
export const NUMBERED_PII_WORDS = [
  'ssn', 'passport', 'dob', 'birth', 'iban', 'postal', 'postcode', 'zip', 'zipcode', 'socialsecurity', 'taxid', 'nationalid',
  'driverlicense', 'driverslicense', 'accountnumber', 'acctnumber', 'accountno', 'acctno', 'routingnumber', 'sortcode', 'bankaccount', 'msisdn',
  'nationalinsurance', 'aadhaar', 'nino', 'dni', 'pesel', 'bsn', 'cpf', 'curp', 'nric', 'licensenumber', 'phone', 'mobile', 'tel',
] as const;

/**
 * Word parts that make a key a measure or an attribute of PII rather than PII, anywhere after
 * its first word: `email_count`, `name_length` and `shipping_cost_usd` hold numbers about
 * people, `email_template`, `phone_type`, `shipping_method` and `address_status` what kind of
 * value it is, not the people (an email or phone number in the value is still found by the scan).
 */
export const PII_MEASURE_WORDS = [
  'count', 'counts', 'total', 'length', 'len', 'size', 'sent', 'attempts', 'retries',
  'template', 'provider', 'status', 'type', 'method', 'format', 'verified', 'enabled',
  // what a party is charged: `shipping_cost`, `billing_amount`, `customer_fee`
  'cost', 'costs', 'fee', 'fees', 'amount', 'price', 'tax', 'currency',
  // how a party is served or grouped: `billing_cycle`, `customer_tier`, `shipping_carrier`
  'cycle', 'period', 'tier', 'segment', 'carrier', 'plan', 'frequency', 'interval',
  // units and statistics: `postal_service_latency_ms`, `phone_calls_per_min`
  'ms', 'secs', 'seconds', 'bytes', 'pct', 'percent', 'ratio', 'rate', 'min', 'max', 'avg', 'latency', 'duration',
] as const;

/**
 * Last word parts that name a part of a person's name or postal address (`first`, `line1`,
 * `city`): a string under one is PII at any depth below a sensitive key (`customer.first`,
 * `billing.line1`, `shipping[0].town`, `customer.profile.city`); elsewhere it stays
 * (`geo.city_name` is the client's location, `error.line` a line of code, `page.first` a cursor).
 */
export const PARTY_DETAIL_WORDS = [
  'first', 'middle', 'last', 'given', 'family',
  'line', 'city', 'town', 'locality', 'county', 'province', 'suburb', 'district', 'neighborhood', 'neighbourhood',
  'apartment', 'apt', 'building',
] as const;

/**
 * Keys that contain a sensitive part but are safe (seed §13), compared by word parts
 * (`customer_id`, `customerId` and `Customer-ID` are the same key). A safe key is neither
 * tokenized nor masked as a credential.
 */
export const SAFE_KEYS = [
  'gateway_name', 'vendor_name', 'module_name', 'func_name', 'task_name', 'service_name', 'app_name',
  'project_name', 'class_name', 'method_name', 'view_name', 'username', 'site_name', 'domain_name',
  'bank_name', 'display_name', 'install_name', 'installation_name', 'event_name', 'customer_id', 'id', 'pk',
  // ECS and library fields that are names of things, not of people
  'logger', 'hostname', 'queue_name', 'job_name', 'file_name', 'filename', 'pathname',
  // what a catalog, a plan or a system names (`product_name: 'Widget'`, `plan_name: 'Pro'`)
  'product_name', 'plan_name', 'item_name', 'sku_name', 'category_name', 'feature_name', 'brand_name', 'model_name',
  'host_name', 'device_name', 'table_name', 'column_name', 'field_name', 'index_name', 'bucket_name', 'topic_name',
  'stream_name', 'team_name', 'role_name', 'group_name', 'plugin_name', 'package_name', 'library_name', 'env_name',
  // network addresses, written as ECS writes `client.ip` (a postal address is another key)
  'ip_address', 'ip_addr', 'remote_addr', 'remote_address', 'local_addr', 'local_address', 'mac_address', 'mac_addr',
  'server_address', 'host_address', 'peer_address', 'bind_address', 'listen_address', 'proxy_address', 'gateway_address',
] as const;

/** Keys whose values are credentials: masked keeping the scheme and, when long enough, 4 + 4 characters. */
export const AUTH_KEYS = ['authorization', 'proxy-authorization', 'api-key', 'x-api-key', 'api_key', 'apikey'] as const;

/**
 * Credential words: a key whose last word part is one of these (see {@link SECRET_KEY_QUALIFIERS})
 * names a credential, and its value is masked whole as {@link SECRET_REDACTED}. Matched by word
 * part (`db_password`, `clientSecret`, `X-Auth-Token`), never by substring (`secretary`, `pinned`),
 * except the long words of {@link SECRET_KEY_WORD_ENDINGS} at the end of a run-together part.
 * A key ending in `id` names an identifier, not a credential (`session_id`, `api_key_id`).
 */
export const SECRET_KEY_WORDS = [
  'password', 'passwd', 'pwd', 'pw', 'pword', 'pswd', 'psw', 'pwrd', 'pass', 'passphrase', 'passcode', 'secret', 'token', 'bearer', 'jwt',
  'apikey', 'privatekey', 'secretkey', 'accesskey', 'signingkey', 'clientsecret', 'accesstoken', 'refreshtoken',
  'idtoken', 'authtoken', 'sessiontoken', 'sessionkey', 'auth', 'authorization', 'credential', 'credentials', 'creds',
  'otp', 'totp', 'hotp', 'mfa', '2fa', 'pin', 'cvv', 'cvc', 'cvn', 'csc', 'pan', 'cardnumber',
  'session', 'sessionid', 'sessid', 'phpsessid', 'jsessionid', 'sid', 'cookie', 'cookies', 'csrf', 'xsrf', 'dsn', 'salt',
  'signature', 'hmac', 'privkey', 'mnemonic',
  // "password" in other languages
  'passwort', 'kennwort', 'contraseña', 'contrasena', 'senha', 'wachtwoord', 'motdepasse',
  'пароль', 'hasło', 'haslo', 'heslo', 'jelszó', 'jelszo', 'lösenord', 'losenord', 'passord', 'adgangskode',
  'salasana', 'şifre', 'sifre', 'parolă', '密码', '密碼', '口令', 'パスワード', '비밀번호', 'סיסמה', 'סיסמא',
  // plurals hold several (not `tokens`: `prompt_tokens`, `max_tokens` count them)
  'passwords', 'secrets', 'apikeys', 'jwts',
] as const;

/**
 * Credential words that also name a credential at the end of a run-together word part
 * (`PGPASSWORD`, `adminpassword`, `GITHUBTOKEN`, `appsecret`: environment variables and names
 * written without separators; `用户密码`, `ログインパスワード`: scripts that write no spaces). Shorter words (`pass`, `pin`, `key`) end too many others
 * (`bypass`, `spin`, `monkey`).
 */
export const SECRET_KEY_WORD_ENDINGS = ['password', 'passwd', 'passphrase', 'token', 'secret', 'apikey', '密码', '密碼', '口令', 'パスワード', '비밀번호'] as const;

/** Credential word pairs (two adjacent word parts ending the key): `api_key`, `privateKey`, `card-number`. */
export const SECRET_KEY_PAIRS = [
  'api key', 'private key', 'secret key', 'signing key', 'access key', 'encryption key', 'master key', 'session key',
  'connection string', 'security code', 'verification code', 'auth code', 'mfa code', 'card verification',
  'card number', 'card no', 'cc number', 'api keys', 'private keys', 'secret keys', 'access keys', 'signing keys',
  'ssh key', 'hmac key', 'auth key', 'client key', 'app key', 'license key', 'account key', 'shared key', 'decryption key',
  'crypto key', 'recovery key', 'stripe key', 'seed phrase', 'recovery code', 'backup code', 'recovery codes', 'backup codes',
  'conn str', 'conn string', 'pass word', 'subscription key', 'functions key', 'function key', 'tls key',
  // "password" in two words: French `mot_de_passe`, Arabic `كلمة_المرور`
  'de passe', 'كلمة المرور',
  // codes that prove who someone is or let them in (not `promo_code`, `error_code`, `country_code`)
  'reset code', 'authorization code', 'confirmation code', 'otp code', 'sms code', 'login code', 'access code',
  'activation code',
] as const;

/**
 * Words that may follow a credential word and leave it a credential (`password_hash`,
 * `token_value`, `cvv2`, `password_confirmation`); any other last word makes the key name
 * something else (`token_count`, `password_policy`, `session_id`).
 */
export const SECRET_KEY_QUALIFIERS = [
  'value', 'hash', 'hashed', 'digest', 'encrypted', 'enc', 'raw', 'plain', 'plaintext', 'cleartext', 'b64', 'base64',
  'hex', 'str', 'string', 'text', 'data', 'input', 'field', 'confirm', 'confirmation', 'again', 'repeat', 'retype',
  'verify', 'new', 'old', 'current', 'previous', 'prev', 'header', 'param', 'pem', 'der', 'jwk',
  // the word for the credential's written form: `pin_code`, `pin_number`, `pass_phrase`, `recovery_codes`
  'code', 'codes', 'number', 'no', 'phrase',
  // Rails' `secret_key_base`
  'base',
  // prose that names the value after a colon: `password is: hunter2`, `token was: abc`
  'is', 'was',
  // a digest's algorithm (digits are dropped from a part): `hmac_sha256`, `X-Shopify-Hmac-Sha256`, `signature_md5`
  'sha', 'md',
] as const;

/** What replaces the value of a credential key (a secret has no correlation value: never tokenized). */
export const SECRET_REDACTED = '[REDACTED]';

/** Keys whose values are cookies: every cookie value is masked, names and attributes kept. */
export const COOKIE_KEYS = ['cookie', 'set-cookie'] as const;

/** Sensitive-key parts that mean a phone number (a numeric value under them is tokenized too). */
export const PHONE_KEY_PARTS = ['phone', 'mobile', 'tel'] as const;

/** What replaces PII when no usable token keyset is loaded. */
export const PII_REDACTED = '[PII_REDACTED]';

/** Root fields the mask does not scan: values the library itself writes and checks (a caller's are moved to `extra`). */
export const MASK_SKIPPED_ROOT_KEYS = ['level', 'ecs', '@timestamp'] as const;
