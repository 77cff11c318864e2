/**
 * The harness side of the W3C Trace Context test suite (github w3c/trace-context, test/), in
 * our own code: it sends one request with exact header lines to a test service (raw HTTP/1.1
 * over a socket, so repeated lines, any name casing, empty values and whitespace reach the
 * service as written), and reads the trace context of the service's callbacks the way the
 * suite does: exactly one `traceparent`, valid version 00; every `tracestate` line combined,
 * each member valid (Level 2 key grammar), the first of a repeated key kept.
 */
import net from 'node:net';
import { expect } from 'vitest';
import type { Callee, Seen } from './callee';

/** One header line: name and value, sent as written. */
export type HeaderLine = readonly [name: string, value: string];

/** The trace context of one callback, read as the suite reads it. */
export interface Callback {
  readonly traceId: string;
  readonly parentId: string;
  readonly flags: number;
  /** Members by key, the first of a repeated key kept, in order. */
  readonly state: ReadonlyMap<string, string>;
  /** `key=value` members joined with `,`. */
  readonly stateText: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const MEMBER = /^([0-9a-z][_0-9a-z\-*/@]{0,255})=([\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e])$/;

/** Reads one callback's headers; fails the test when they are not what a harness can read. */
export function readCallback(seen: Seen): Callback {
  expect(seen.traceparent, 'exactly one traceparent header').toHaveLength(1);
  const match = TRACEPARENT.exec(seen.traceparent[0]);
  expect(match, `a version-00 traceparent, got ${seen.traceparent[0]}`).not.toBeNull();
  const [, traceId, parentId, flags] = match!;
  expect(traceId).not.toMatch(/^0+$/);
  expect(parentId).not.toMatch(/^0+$/);
  const state = new Map<string, string>();
  for (const line of seen.tracestate) {
    for (const member of line.split(/[ \t]*,[ \t]*/)) {
      if (member === '') continue;
      const m = MEMBER.exec(member);
      expect(m, `a valid tracestate member, got ${JSON.stringify(member)}`).not.toBeNull();
      if (!state.has(m![1])) state.set(m![1], m![2]);
    }
  }
  const stateText = [...state].map(([k, v]) => `${k}=${v}`).join(',');
  return { traceId, parentId, flags: parseInt(flags, 16), state, stateText };
}

/** Sends `POST /test` with `lines` and `body` over a raw socket; resolves with the status code. */
function rawPost(serviceUrl: string, lines: readonly HeaderLine[], body: string): Promise<number> {
  const { hostname, port } = new URL(serviceUrl);
  const head = [
    'POST /test HTTP/1.1',
    `Host: ${hostname}:${port}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...lines.map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? 0)));
    socket.write(`${head}\r\n\r\n${body}`);
  });
}

let scope = 0;

/**
 * Sends one request with `lines` to the test service, asking it to call the callee back
 * `callbacks` times, and reads each callback as the suite does.
 */
export async function exchange(serviceUrl: string, callee: Callee, lines: readonly HeaderLine[], callbacks = 1): Promise<Callback[]> {
  const prefix = `/w3c-${++scope}`;
  const calls = Array.from({ length: callbacks }, (_, i) => ({ url: `${callee.url}${prefix}.${i}`, arguments: [] }));
  expect(await rawPost(serviceUrl, lines, JSON.stringify(calls))).toBe(200);
  const seen = callee.seenAt(`${prefix}.`);
  expect(seen, 'the test service called the harness back').toHaveLength(callbacks);
  return seen.map(readCallback);
}
