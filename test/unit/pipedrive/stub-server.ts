/**
 * A tiny scripted HTTP server on 127.0.0.1 for client tests: each request is recorded and answered by
 * the test's handler, which can also drop the connection to imitate a lost response.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface StubRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What a handler gets: the request, the response, and helpers. */
export interface StubContext {
  req: StubRequest;
  res: ServerResponse;
  /** How many requests arrived before this one. */
  index: number;
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Destroys the socket without answering: the client sees a reset after sending. */
  drop(): void;
}

/** A running stub. */
export interface Stub {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

/** Starts a stub whose `handler` answers every request. */
export async function startStub(handler: (ctx: StubContext) => void | Promise<void>): Promise<Stub> {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: StubRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.length;
      requests.push(recorded);
      const ctx: StubContext = {
        req: recorded,
        res,
        index,
        json(status, body, headers = {}) {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        },
        drop() {
          req.socket.destroy();
        },
      };
      void Promise.resolve(handler(ctx)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Burst headers as Pipedrive sends them. */
export function rateHeaders(limit: number, remaining: number, reset = 2): Record<string, string> {
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(reset),
  };
}

/** A Pipedrive success envelope. */
export function ok(data: unknown, additional: unknown = null): unknown {
  return { success: true, data, additional_data: additional };
}

/** A Pipedrive error envelope. */
export function fail(error: string): unknown {
  return {
    success: false,
    error,
    error_info: 'Please check developers.pipedrive.com',
    data: null,
    additional_data: null,
  };
}
