// `npm run example`: the payments example end to end, on the local Redis.
// Starts the risk service, the payments API and the worker as three processes, sends a few
// requests (one without a traceparent, one unauthenticated, one that fails), waits for the
// jobs, prints every ECS line, then a summary read back from those lines: the traces and
// their spans (request → outbound call → job → child job), and `ecsctx check` on the output.
import { fork, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const require = createRequire(import.meta.url);
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const KEYSET = join(here, '.keys', 'token-keyset.json');
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const AUTH = { authorization: 'Bearer demo-token-4f1c9a2b7e' };
/** The customer data the requests carry: none of it may appear in clear in any line. */
export const PLANTED = ['Jane Doe', 'jane.doe@example.com', '+965 6666-7777', 'Omar Haddad', 'omar.h@example.org', '+1 (415) 555-0134'];

const say = (text = '') => process.stdout.write(text + '\n');

/** PING over a raw socket: true when Redis answers within the timeout. */
function redisAnswers(url, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const socket = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : 'PING\r\n'));
    socket.on('data', (data) => {
      if (data.toString().includes('+PONG')) done(true);
    });
  });
}

/** The token keyset the example's PII configuration reads, made with the CLI on first run. */
function ensureKeyset() {
  if (existsSync(KEYSET)) return false;
  mkdirSync(dirname(KEYSET), { recursive: true });
  execFileSync(process.execPath, [join(root, 'packages/core/dist/cli/main.js'), 'keyset', 'generate', '--out', KEYSET], { stdio: 'ignore' });
  return true;
}

/** Starts one service; collects its stdout lines; resolves with its ready message. */
function start(name, env, lines) {
  const child = fork(join(here, 'payments', `${name}.cjs`), [], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  const ready = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready: ${stderr.join('').trim().split('\n').pop()}`)));
  });
  return { name, child, ready, stderr };
}

function stop(service) {
  return new Promise((resolve) => {
    if (service.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 5000);
    service.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    service.child.send('shutdown');
  });
}

async function waitFor(predicate, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

function parse(lines) {
  const records = [];
  for (const line of lines) {
    try {
      const rec = JSON.parse(line);
      if (rec && typeof rec === 'object') records.push(rec);
    } catch {
      // not a JSON line: `ecsctx check` reports it
    }
  }
  return records;
}

/** Traces and their spans, read back from the lines themselves. */
export function summarize(records) {
  const traces = new Map();
  for (const rec of records) {
    const traceId = rec.trace?.id;
    const spanId = rec.span?.id;
    if (!traceId || !spanId) continue;
    const spans = traces.get(traceId) ?? new Map();
    traces.set(traceId, spans);
    // a span starts at its earliest line, or earlier when a line says how long it took
    const at = Date.parse(rec['@timestamp']);
    const start = typeof rec.event?.duration === 'number' ? at - rec.event.duration / 1e6 : at;
    const span = spans.get(spanId) ?? { spanId, start, service: rec.service?.name, events: [], job: rec.bullmq?.job?.name };
    span.start = Math.min(span.start, start);
    span.events.push(rec.message);
    spans.set(spanId, span);
  }
  return [...traces.entries()].map(([traceId, spans]) => ({
    traceId,
    spans: [...spans.values()].sort((a, b) => a.start - b.start),
  }));
}

function spanKind(span) {
  if (span.job) return `job ${span.job}`;
  if (span.events.includes('http_client_request_completed') || span.events.includes('http_client_request_failed')) return 'outbound call';
  return span.service === 'risk-api' ? 'request (the call)' : 'request';
}

async function main() {
  if (!(await redisAnswers(REDIS_URL))) {
    process.stderr.write(`Redis does not answer at ${REDIS_URL}: start it (redis-server --daemonize yes) or point REDIS_URL at one.\n`);
    process.exit(1);
  }
  const generated = ensureKeyset();
  const prefix = `payments-example-${process.pid}-${Date.now()}`;
  const baseEnv = {
    PATH: process.env.PATH,
    NODE_NO_WARNINGS: '1',
    PROJECT_NAME: 'payments-example',
    APP_VERSION: '1.0.0',
    PII_PROVIDER: 'file',
    PII_TOKEN_KEYSET_PATH: KEYSET,
    PII_ENV: 'example',
    REDIS_URL,
    EXAMPLE_QUEUE_PREFIX: prefix,
  };
  const lines = [];
  const services = [];
  let exitCode = 1;
  try {
    const risk = start('risk', { ...baseEnv, SERVICE_TYPE: 'risk-api' }, lines);
    services.push(risk);
    const { port: riskPort } = await risk.ready;
    const api = start('api', { ...baseEnv, SERVICE_TYPE: 'payments-api', RISK_URL: `http://127.0.0.1:${riskPort}` }, lines);
    const worker = start('worker', { ...baseEnv, SERVICE_TYPE: 'worker' }, lines);
    services.push(api, worker);
    const [{ port }] = await Promise.all([api.ready, worker.ready]);
    const base = `http://127.0.0.1:${port}`;
    const post = (path, body, headers = {}) =>
      fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    const responses = [];
    responses.push(await post('/payments', {
      order_id: 'ord-1001', amount: 250, currency: 'KWD', session_id: 'sess-7f3a',
      customer: { name: 'Jane Doe', email: 'jane.doe@example.com', phone: '+965 6666-7777' },
    }, { ...AUTH, traceparent: TRACEPARENT }));
    responses.push(await post('/payments', {
      order_id: 'ord-1002', amount: 1200, currency: 'USD', session_id: 'sess-91bc',
      customer: { name: 'Omar Haddad', email: 'omar.h@example.org', phone: '+1 (415) 555-0134' },
    }, AUTH)); // no traceparent: a new trace starts here
    responses.push(await post('/payments', { order_id: 'ord-1003', amount: 5, currency: 'KWD', customer: {} })); // no auth: 401
    responses.push(await post('/payments/ord-1001/refund', {}, AUTH)); // fails: 500
    responses.push(await fetch(`${base}/health`)); // skipped by the access log
    const statuses = responses.map((r) => r.status);

    const jobsDone = await waitFor(() => parse(lines).filter((r) => r.message === 'receipt_sent').length >= 2, 20_000);
    for (const s of services.reverse()) await stop(s);
    await waitFor(() => false, 100); // let the last lines drain

    // 1. the lines
    say(`# ${lines.length} lines from the risk service, the payments API and the worker${generated ? ` (token keyset generated at ${KEYSET})` : ''}\n`);
    for (const line of lines) say(line);

    // 2. the story they tell
    const records = parse(lines);
    const traces = summarize(records);
    say('\n# summary, read back from the lines');
    say(`responses: ${statuses.join(' ')} (two accepted payments, one unauthenticated, one failure, a health check)`);
    for (const trace of traces) {
      say(`\ntrace ${trace.traceId}${trace.traceId === TRACEPARENT.split('-')[1] ? ' (continued from the caller\'s traceparent)' : ''}`);
      for (const span of trace.spans) {
        say(`  ${new Date(span.start).toISOString().slice(11, 23)}  span ${span.spanId}  ${String(span.service).padEnd(13)} ${spanKind(span).padEnd(20)} ${span.events.join(' → ')}`);
      }
    }

    // 3. the setup check
    const sample = lines.join('\n') + '\n';
    writeFileSync(join(root, '.ecs-sample.ndjson'), sample);
    const { checkLogText, formatCheckReport } = require('@ecsctx/core/check');
    const report = checkLogText(sample);
    const leaked = PLANTED.filter((value) => sample.includes(value));
    say('\n# ecsctx check on this output');
    say(formatCheckReport(report, { quiet: true }).trim());
    say(leaked.length === 0 ? 'no customer value in clear' : `customer values in clear: ${leaked.join(', ')}`);

    const fullChain = traces.some((t) => t.spans.length >= 4 && t.spans.some((s) => s.job === 'send-receipt'));
    const errors = report.errors;
    exitCode = jobsDone && fullChain && errors === 0 && leaked.length === 0 ? 0 : 1;
    if (exitCode !== 0) say(`\nexample FAILED: jobs done ${jobsDone}, full chain ${fullChain}, check errors ${errors}, leaks ${leaked.length}`);
  } catch (error) {
    process.stderr.write(`example failed: ${error.message}\n`);
  } finally {
    for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await cleanRedis(prefix);
  }
  process.exit(exitCode);
}

/** Deletes this run's queue keys. */
async function cleanRedis(prefix) {
  const Redis = require('ioredis');
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // best effort
  } finally {
    redis.disconnect();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
