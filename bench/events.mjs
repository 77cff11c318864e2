// The three event kinds of the benchmark. Every call gets fresh PII values (no cache can
// flatter a runner) and a fresh object (winston mutates what it is given).
const FIRST = ['Jane', 'John', 'Amira', 'Omar', 'Li', 'Sofia', 'Noah', 'Mia', 'Yusuf', 'Elena'];
const LAST = ['Doe', 'Smith', 'Haddad', 'Chen', 'Garcia', 'Okafor', 'Novak', 'Rossi', 'Khan', 'Berg'];

function person(i) {
  const first = FIRST[i % FIRST.length];
  const last = LAST[(i * 7) % LAST.length];
  return {
    name: `${first} ${last} ${i}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
    phone: `+965 ${6000 + (i % 4000)}-${String(1000 + ((i * 13) % 9000))}`,
  };
}

/** A lower-case hex id of `length` digits that differs for every `i`. */
function hexId(i, length) {
  return (0x5eed0000 + i).toString(16).padStart(length, 'a');
}

/** tiny: a message and two scalar fields. */
export function tiny(i) {
  return { message: 'cache_hit', meta: { key: `user:${i}`, ttl_ms: 3000 } };
}

/**
 * typical: a ~1.3 KB request log as a handler writes it: headers (Authorization), a JSON body
 * with customer data, a response, and the request's own `user`, `trace` and `span` fields
 * (beside whatever the bound scope carries).
 */
export function typical(i) {
  const p = person(i);
  return {
    message: 'http_request_completed',
    meta: {
      user: { id: `u-${i % 5000}`, name: p.name, email: p.email },
      trace: { id: hexId(i, 32) },
      span: { id: hexId(i, 16) },
      http: {
        request: {
          method: 'POST',
          headers: {
            authorization: `Bearer eyJhbGciOiJIUzI1NiJ9.${i}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`,
            'content-type': 'application/json',
            'user-agent': 'checkout-web/4.2 (+https://example.com)',
            accept: 'application/json',
            'x-request-id': `req-${i}`,
          },
          body: {
            customer_name: p.name,
            email: p.email,
            amount: 100 + (i % 50),
            currency: 'KWD',
            items: [
              { sku: 'SKU-1001', qty: 1, price: 40 },
              { sku: 'SKU-2002', qty: 2, price: 30 },
              { sku: 'SKU-3003', qty: 1, price: 0 + (i % 7) },
            ],
            note: 'Leave at the door, ring twice',
          },
        },
        response: { status_code: 201, body: { id: `pay_${i}`, status: 'captured', amount: 100 + (i % 50) } },
      },
      url: { path: '/api/v1/payments', query: `attempt=${i % 3}` },
      event: { duration: 12_345_678 + i },
    },
  };
}

/** The people a large line names besides its billing and shipping contacts. */
const CONTACTS = 4;

/**
 * large: a ~4 KB webhook payload, ~130 nested keys, arrays, and 20+ PII values: names, emails
 * and phone numbers under their own keys, in an array of contacts, and in free text.
 */
export function large(i) {
  const p = person(2 * i);
  const q = person(2 * i + 1);
  const lines = [];
  for (let j = 0; j < 6; j++) {
    lines.push({ line_id: `${i}-${j}`, sku: `SKU-${j}00${i % 10}`, title: `Product number ${j}`, qty: j + 1, price: { amount: 10 * (j + 1), currency: 'KWD' }, tags: ['sale', 'summer', `batch-${j}`] });
  }
  const contacts = [];
  for (let j = 0; j < CONTACTS; j++) {
    const c = person(1_000_003 * (j + 1) + i);
    contacts.push({ role: j === 0 ? 'buyer' : 'recipient', name: c.name, email: c.email, phone: c.phone, verified: j % 2 === 0 });
  }
  return {
    message: 'webhook_received',
    meta: {
      payload: {
        id: `evt_${i}`,
        type: 'order.updated',
        created: 1732435200 + i,
        livemode: false,
        data: {
          order: {
            id: `ord_${i}`,
            status: 'paid',
            billing: { name: p.name, email: p.email, phone: p.phone, address: { line1: `${i} Gulf Road`, city: 'Kuwait City', country: 'KW' } },
            shipping: { name: q.name, phone: q.phone, address: { line1: `${i + 1} Salem St`, city: 'Hawalli', country: 'KW' }, method: 'express' },
            contacts,
            lines,
            totals: { subtotal: 210, tax: 0, shipping: 5, total: 215, currency: 'KWD' },
            notes: `Customer ${p.email} asked to call ${p.phone} before delivery; backup contact ${q.email}.`,
            metadata: { source: 'storefront', campaign: 'autumn', ab_bucket: i % 4, referrer: 'https://shop.example.com/cart?step=3' },
          },
        },
        request: { idempotency_key: `idem-${i}`, retries: 0 },
      },
    },
  };
}

export const EVENT_KINDS = { tiny, typical, large };

/** Credentials: pino's redact replaces them with a marker (ours redacts them too). */
export const CREDENTIAL_PATHS = ['http.request.headers.authorization'];

/** Personal data, as pino's redact needs the paths spelled out (the HMAC peer tokenizes these). */
export const PII_PATHS = [
  'user.name',
  'user.email',
  'http.request.body.customer_name',
  'http.request.body.email',
  'payload.data.order.billing.name',
  'payload.data.order.billing.email',
  'payload.data.order.billing.phone',
  'payload.data.order.billing.address',
  'payload.data.order.shipping.name',
  'payload.data.order.shipping.phone',
  'payload.data.order.shipping.address',
  'payload.data.order.contacts[*].name',
  'payload.data.order.contacts[*].email',
  'payload.data.order.contacts[*].phone',
  'payload.data.order.notes',
];

/** Every path pino's redact is given. */
export const REDACT_PATHS = [...CREDENTIAL_PATHS, ...PII_PATHS];
