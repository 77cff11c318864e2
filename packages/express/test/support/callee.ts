/**
 * The downstream service of the trace-out tests: a plain node:http server (no ecsctx, no
 * OpenTelemetry) that records the trace headers of every request exactly as they arrived on
 * the wire (`req.rawHeaders`, so two `traceparent` lines are two entries, not one joined value).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the callee saw on one request. */
export interface Seen {
  readonly path: string;
  /** Every `traceparent` header line, in order (any case of the name). */
  readonly traceparent: string[];
  /** Every `tracestate` header line, in order. */
  readonly tracestate: string[];
}

export interface Callee {
  readonly url: string;
  readonly seen: Seen[];
  /** The requests whose path starts with `prefix`. */
  seenAt(prefix: string): Seen[];
  close(): Promise<void>;
}

export async function startCallee(): Promise<Callee> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const traceparent: string[] = [];
    const tracestate: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i].toLowerCase();
      if (name === 'traceparent') traceparent.push(req.rawHeaders[i + 1]);
      else if (name === 'tracestate') tracestate.push(req.rawHeaders[i + 1]);
    }
    seen.push({ path: req.url ?? '', traceparent, tracestate });
    req.resume().on('end', () => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    seenAt: (prefix) => seen.filter((s) => s.path.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
