// Instructions per line of one tiny line logged in a new logging scope each, for callgrind:
// what the first line of a request or a job costs beyond a line in a scope seen before. Run
// through bench/scope-instructions.sh, which takes the difference of two run lengths.
//
//   node bench/scope-instructions.mjs <variant> <lines>
//
// Variants (each line in a scope of its own, except `same` and `same-tick`):
//   same         every line in one scope (the reference: the scope's fields are rendered once);
//   same-tick    as `same`, each line in a millisecond of its own (the clock read by the log
//                call moves 1 ms a line), as in a service that logs as it works: how fast
//                lines run under callgrind no longer decides how many share a timestamp;
//   request      a request-like scope: a parsed traceparent, span, user id, client ip;
//   job-bare     a job-like scope without its identity: a new trace, a span;
//   job          a job-like scope: a new trace, a span, the `bullmq` identity under `extra`;
//   request-only, job-bare-only, job-only
//                the same scopes opened and closed without logging (the scope's creation alone).
//
// Uses the BUILT packages (npm run build first). 100 lines per event-loop turn.
import { createRequire } from 'node:module';
import { DiscardSink } from './sink.mjs';

const require = createRequire(import.meta.url);
const core = require('../packages/core/dist/index.js');
const { createEcsLogger, runWithLoggingContext, traceFromHeaders, newSpanId } = core;
// what @ecsctx/bullmq starts a job's trace with
const { newTraceContext } = require('../packages/core/dist/integration.js');

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const requestScope = () => ({
  trace: traceFromHeaders({ traceparent: TRACEPARENT }),
  context: { spanId: newSpanId(), ip: '127.0.0.1', userId: 'user-42' },
});
const jobBareScope = () => ({ trace: newTraceContext(), context: { spanId: newSpanId() } });
const jobScope = (i) => ({
  trace: newTraceContext(),
  context: { spanId: newSpanId(), extra: { bullmq: { job: { id: String(i), name: 'send', attempt: 1 }, queue: { name: 'emails' } } } },
});
const SCOPES = { request: requestScope, 'job-bare': jobBareScope, job: jobScope };
const VARIANTS = ['same', 'same-tick', ...Object.keys(SCOPES), ...Object.keys(SCOPES).map((name) => `${name}-only`)];

const [variant, countText] = process.argv.slice(2);
const count = Number(countText);
if (!VARIANTS.includes(variant) || !Number.isInteger(count) || count < 1) {
  console.error(`usage: node bench/scope-instructions.mjs <${VARIANTS.join('|')}> <lines>`);
  process.exit(2);
}

if (variant === 'same-tick') {
  let now = Date.now();
  Date.now = () => now++;
}

const sink = new DiscardSink();
const logger = createEcsLogger({ stream: sink, env: { PROJECT_NAME: 'bench', APP_VERSION: '1.0.0', NODE_ENV: 'production' } });
const log = () => logger.info('cache_hit', { key: 'user:42', ttl_ms: 3000 });
const nothing = () => undefined;
const only = variant.endsWith('-only');
const makeScope = SCOPES[only ? variant.slice(0, -'-only'.length) : variant];

function one(i) {
  if (makeScope === undefined) log();
  else runWithLoggingContext(only ? nothing : log, makeScope(i));
}

async function run(lines, offset) {
  for (let done = 0; done < lines; done += 100) {
    const end = Math.min(lines, done + 100);
    for (let i = done; i < end; i++) one(offset + i);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const body = async () => {
  await run(5_000, 0); // warm-up: JIT and inline caches settle
  await run(count, 1e6);
};
if (makeScope === undefined) await runWithLoggingContext(body, requestScope());
else await body();
await new Promise((resolve) => setImmediate(resolve));
// every line reached the sink (a line lost would flatter the count)
const expected = only ? 0 : 5_000 + count;
if (sink.count !== expected) {
  console.error(`expected ${expected} lines, the sink got ${sink.count}`);
  process.exit(1);
}
