/**
 * A loopback proxy in front of the sandbox that can misbehave the way real gateways do: answer with an
 * error body that echoes the request's credentials back (a WAF page, a debugging proxy, a 401 that
 * quotes the token). Error texts from the server flow into row reasons, job errors, logs and reports,
 * so this is how the secrets test makes sure those paths redact what the server says, too.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One queued misbehaviour: the next `count` matching requests get `status` with an echoing body. */
export interface EchoFault {
  readonly status: number;
  /** `json` (default): a Pipedrive-shaped error; `garbage`: a body that is not JSON and starts with the token. */
  readonly body?: 'json' | 'garbage';
  count: number;
  readonly match: (method: string, path: string) => boolean;
}

/** A running proxy. */
export interface EchoProxy {
  readonly url: string;
  /** Queues a fault; requests that match no fault are passed through unchanged. */
  echo(fault: EchoFault): void;
  /** Drops every queued fault. */
  clear(): void;
  /** How many echoing answers were sent. */
  echoed(): number;
  close(): Promise<void>;
}

function echoBody(req: IncomingMessage, status: number, kind: 'json' | 'garbage'): string {
  const token = String(req.headers['x-api-token'] ?? '');
  if (kind === 'garbage') return `${token} <html><body>Proxy error for ${token}</body></html>`;
  const quoted = JSON.stringify(req.headers);
  const error = `Request refused for token ${token} (${encodeURIComponent(token)}); headers: ${quoted}`;
  return JSON.stringify({ success: false, error, error_info: `x-api-token: ${token}`, errorCode: status });
}

/** Starts the proxy on 127.0.0.1, forwarding to `target` (the sandbox's URL). */
export async function startEchoProxy(target: string): Promise<EchoProxy> {
  const upstream = new URL(target);
  const faults: EchoFault[] = [];
  let echoed = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const fault = faults.find((f) => f.count > 0 && f.match(req.method ?? 'GET', req.url ?? '/'));
    if (fault) {
      fault.count -= 1;
      echoed += 1;
      req.resume();
      res
        .writeHead(fault.status, { 'content-type': 'application/json' })
        .end(echoBody(req, fault.status, fault.body ?? 'json'));
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    echo: (fault) => void faults.push(fault),
    clear: () => void faults.splice(0),
    echoed: () => echoed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
