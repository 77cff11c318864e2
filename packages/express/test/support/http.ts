/** Real servers on 127.0.0.1:0 and real requests through node:http. */
import http, { type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Running {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

export async function listen(app: RequestListener, backlog = 511): Promise<Running> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  json(): any;
}

export interface RequestOptions {
  method?: string;
  /** Arrays are sent as repeated header lines. */
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  agent?: Agent;
}

export function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const [name, value] of Object.entries(options.headers ?? {})) if (value !== undefined) req.setHeader(name, value);
    req.end(options.body);
  });
}
