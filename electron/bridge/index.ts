/**
 * The web bridge (`orgport web`, and the browser tests): a loopback-only HTTP server that serves the
 * built renderer and carries the same API as Electron IPC over a WebSocket, so the same UI runs in any
 * browser. Every URL carries a random per-run secret; foreign `Host` and `Origin` headers are refused.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type { InvokeResult, PickedFile } from '../../shared/ipc.ts';
import { dataDir as defaultDataDir } from '../engine/data-dir.ts';
import {
  createAppCore,
  MemorySecretStore,
  type AppCoreOptions,
  type SandboxProvider,
} from '../engine/app/index.ts';
import { rendererCsp } from '../engine/app/csp.ts';
import { toApiError } from '../engine/app/dispatch.ts';
import { bridgeFileHandlers } from './file-handlers.ts';
import { ensureRendererBuilt } from './renderer-build.ts';
import { assertLoopbackHost, baseHeaders, checkRequest, LOOPBACK_HOST, newSecret } from './security.ts';
import { MAX_MESSAGE_BYTES, serveApiSocket } from './socket.ts';
import { contentType, injectWebClient, resolveAsset } from './static-files.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, receiveUpload, UploadError } from './upload.ts';

/** How to start the bridge. */
export interface WebBridgeOptions {
  /** TCP port; 0 or absent picks a free one. */
  readonly port?: number;
  /** Must be 127.0.0.1; anything else is refused (the bridge is never exposed to a network). */
  readonly host?: string;
  /** The data folder (jobs, settings, sandbox data); default the app's, `ORGPORT_HOME` overrides. */
  readonly dataDir?: string;
  /** A prebuilt renderer to serve as is; default `out/renderer`, built on demand from the sources. */
  readonly rendererDir?: string;
  /** Where saved files go (there is no save dialog in a browser); default `<dataDir>/exports`. */
  readonly saveFolder?: string;
  readonly maxUploadBytes?: number;
  /** Starts the sandbox behind the "Sandbox" profile; default the embedded one, persisted. */
  readonly startSandbox?: SandboxProvider;
  /** Registers the job kinds; default every kind this build has (tests may pass their own). */
  readonly registerJobs?: AppCoreOptions['registerJobs'];
  /** Progress lines for the console (never contains a token). */
  readonly log?: (line: string) => void;
  /**
   * How long after the last page closed (or lost its connection) running jobs are paused; a reload
   * reconnects well within it. Default 10 s.
   */
  readonly pauseJobsAfterMs?: number;
  /** A spreadsheet the page is handed once at start, as if the OS had opened it with Orgport. */
  readonly openFile?: string;
}

/** A running bridge. */
export interface WebBridge {
  /** Open this in a browser; it includes the per-run secret. */
  readonly url: string;
  readonly port: number;
  /** Stops running jobs resumably, closes every socket and the server. */
  close(): Promise<void>;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function packageVersion(): Promise<string> {
  try {
    const pkg: unknown = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * Builds `out/renderer` from the sources if it is missing or stale, and returns its folder. The bridge
 * does this itself on start; tests call it first so the build is not counted against one test.
 */
export function prepareRenderer(log: (line: string) => void = () => undefined): Promise<string> {
  return ensureRendererBuilt(
    { projectRoot: PROJECT_ROOT, outDir: path.join(PROJECT_ROOT, 'out', 'renderer') },
    log,
  );
}

/** Starts the web bridge. */
export async function startWebBridge(options: WebBridgeOptions = {}): Promise<WebBridge> {
  const host = options.host ?? LOOPBACK_HOST;
  assertLoopbackHost(host);
  const log = options.log ?? (() => undefined);
  const root = path.resolve(options.dataDir ?? defaultDataDir());
  const rendererDir =
    options.rendererDir ??
    (await ensureRendererBuilt(
      { projectRoot: PROJECT_ROOT, outDir: path.join(PROJECT_ROOT, 'out', 'renderer') },
      log,
    ));
  const saveFolder = path.resolve(options.saveFolder ?? path.join(root, 'exports'));
  const uploadDir = await mkdtemp(path.join(os.tmpdir(), 'orgport-uploads-'));
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;

  const core = await createAppCore({
    dataDir: root,
    secrets: new MemorySecretStore(),
    version: await packageVersion(),
    ...(options.startSandbox ? { startSandbox: options.startSandbox } : {}),
    ...(options.registerJobs ? { registerJobs: options.registerJobs } : {}),
  });
  const openFile = options.openFile ? { openFile: path.resolve(options.openFile) } : {};
  const handlers = core.handlers(bridgeFileHandlers({ saveFolder, openable: core.openable, ...openFile }), {
    saveMode: 'folder',
    saveFolder,
    canShowInFolder: false,
  });
  const indexHtml = injectWebClient(await readFile(path.join(rendererDir, 'index.html'), 'utf8'));

  const secret = newSecret();
  let port = 0;
  // Closing the page is quitting the app, as far as its user can tell: jobs left running would go on
  // unseen, so they are paused (in-flight requests finish and are journaled) once no page is open.
  const pages = new PageWatch(options.pauseJobsAfterMs ?? 10_000, () => core.pauseJobs());
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const server = createServer((request, response) => {
    void handleHttp(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  const handleHttp = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const isPost = request.method === 'POST';
    const verdict = checkRequest(
      { url: request.url ?? '/', host: request.headers.host, origin: request.headers.origin },
      { secret, port },
      { requireOrigin: isPost },
    );
    if (!verdict.ok) return send(response, verdict.status, verdict.message);
    const { route, query } = verdict;
    if (route === '') {
      response.writeHead(301, { ...baseHeaders(), location: `/${secret}/` }).end();
      return;
    }
    if (isPost && route === '/upload') return upload(request, response, query.get('name'));
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed.');
    if (route === '/download') return download(response, query.get('path'));
    if (route === '/' || route === '/index.html') {
      response.writeHead(200, {
        ...baseHeaders(),
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp(),
      });
      response.end(request.method === 'HEAD' ? undefined : indexHtml);
      return;
    }
    const file = resolveAsset(rendererDir, route);
    if (!file) return send(response, 404, 'Not found.');
    const stream = createReadStream(file);
    stream.on('error', () => send(response, 404, 'Not found.'));
    stream.on('open', () => {
      response.writeHead(200, { ...baseHeaders(), 'content-type': contentType(file) });
      if (request.method === 'HEAD') {
        stream.destroy();
        response.end();
      } else stream.pipe(response);
    });
  };

  const csp = (): string => rendererCsp([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);

  const upload = async (
    request: IncomingMessage,
    response: ServerResponse,
    name: string | null,
  ): Promise<void> => {
    let result: InvokeResult<PickedFile>;
    let status = 200;
    try {
      result = {
        ok: true,
        value: await receiveUpload(request, { dir: uploadDir, maxBytes: maxUploadBytes, name }),
      };
    } catch (error) {
      status = error instanceof UploadError ? error.status : 500;
      result = { ok: false, error: { kind: 'invalid_request', message: toApiError(error).message } };
      // Stop reading a body we refused, so a huge upload is not swallowed to the end.
      request.unpipe();
      response.setHeader('connection', 'close');
    }
    response.writeHead(status, { ...baseHeaders(), 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(result));
  };

  const download = async (response: ServerResponse, target: string | null): Promise<void> => {
    let file: string;
    try {
      file = await core.openable.check(target ?? '', 'file');
    } catch (error) {
      return send(response, 403, toApiError(error).message);
    }
    const name = path.basename(file);
    response.writeHead(200, {
      ...baseHeaders(),
      'content-type': contentType(file),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
    createReadStream(file).pipe(response);
  };

  server.on('upgrade', (request, socket, head) => {
    const verdict = checkRequest(
      { url: request.url ?? '/', host: request.headers.host, origin: request.headers.origin },
      { secret, port },
      { requireOrigin: true },
    );
    if (!verdict.ok || verdict.route !== '/ws') {
      socket.end(`HTTP/1.1 ${verdict.ok ? 404 : verdict.status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      pages.opened();
      ws.once('close', () => pages.closed());
      serveApiSocket(ws, handlers, core.events);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/${secret}/`,
    port,
    close: () => {
      closing ??= (async () => {
        pages.dispose();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await core.close();
        await rm(uploadDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** Counts the open pages (API sockets) and calls `onNoPage` once none has been open for `graceMs`. */
class PageWatch {
  private open = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly graceMs: number,
    private readonly onNoPage: () => void,
  ) {}

  opened(): void {
    this.open += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  closed(): void {
    this.open -= 1;
    if (this.open > 0 || this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.open === 0 && !this.disposed) this.onNoPage();
    }, this.graceMs);
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }
}

function send(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' });
  response.end(message);
}
