import { request } from 'node:http';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebBridge, type WebBridge } from '../../../electron/bridge/index.ts';

let dir: string;
let bridge: WebBridge;
let secret: string;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-bridge-'));
  const renderer = path.join(dir, 'renderer');
  await rm(renderer, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(path.join(renderer, 'assets'), { recursive: true }));
  await writeFile(
    path.join(renderer, 'index.html'),
    '<html><head><script type="module" src="./assets/app.js"></script></head></html>',
  );
  await writeFile(path.join(renderer, 'web-client.js'), '// client');
  await writeFile(path.join(renderer, 'assets', 'app.js'), '// app');
  bridge = await startWebBridge({
    dataDir: path.join(dir, 'data'),
    rendererDir: renderer,
    maxUploadBytes: 1000,
    startSandbox: async () => {
      throw new Error('not used here');
    },
  });
  const url = new URL(bridge.url);
  secret = url.pathname.split('/')[1] ?? '';
  origin = url.origin;
});

afterAll(async () => {
  await bridge.close();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path: pathname,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function socket(url: string, socketOrigin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, socketOrigin === undefined ? {} : { origin: socketOrigin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  id: number,
  channel: string,
  args?: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as { t: string; id: number; result: never };
      if (message.t === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, channel, args }));
  });
}

describe('the web bridge', () => {
  it('serves the page with the secret, the client injected and a strict CSP', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[\w-]{32}\/$/);
    const page = await http(`/${secret}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('./web-client.js');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect((await http(`/${secret}/assets/app.js`)).status).toBe(200);
    expect((await http(`/${secret}`)).status).toBe(301);
  });

  it('refuses requests without the secret, with a foreign Host, or a foreign Origin', async () => {
    expect((await http('/')).status).toBe(403);
    expect((await http('/assets/app.js')).status).toBe(403);
    expect((await http(`/${secret}x/`)).status).toBe(403);
    expect((await http(`/${secret}/`, { headers: { host: `evil.example:${bridge.port}` } })).status).toBe(
      403,
    );
    expect((await http(`/${secret}/`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('does not serve files outside the build', async () => {
    // URL parsing turns %2e%2e into "..", which drops the secret segment: refused before any lookup.
    expect((await http(`/${secret}/%2e%2e/%2e%2e/data/settings.json`)).status).toBe(403);
    expect((await http(`/${secret}/assets/..%5c..%5cindex.html`)).status).toBe(404);
    expect((await http(`/${secret}/download?path=${encodeURIComponent('/etc/passwd')}`)).status).toBe(403);
  });

  it('carries the API over the socket, validated like Electron IPC', async () => {
    const ws = await socket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, origin);
    const info = await call(ws, 1, 'app/info');
    expect(info).toMatchObject({
      ok: true,
      value: { tokenStorage: 'memory', saveMode: 'folder', canShowInFolder: false },
    });
    const bad = await call(ws, 2, 'connection/activate', { profileId: 42 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(bad.error?.message).toMatch(/^Invalid request to "connection\/activate": profileId: /);
    const notConnected = await call(ws, 3, 'fields/list');
    expect(notConnected).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    ws.close();
  });

  it('refuses sockets without the secret or from a foreign or missing Origin', async () => {
    await expect(socket(`ws://127.0.0.1:${bridge.port}/ws`, origin)).rejects.toThrow(/refused 403/);
    await expect(socket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, 'http://evil.example')).rejects.toThrow(
      /refused 403/,
    );
    await expect(socket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`)).rejects.toThrow(/refused 403/);
  });

  it('closes a socket that sends something other than a call', async () => {
    const ws = await socket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"t":"invoke","id":"x"}');
    expect(await closed).toBe(1008);
  });

  it('stores uploads under a safe name and refuses traversal, oversize and foreign pages', async () => {
    const up = (name: string, body: string, headers: Record<string, string> = { origin }) =>
      http(`/${secret}/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body, headers });
    const okReply = await up('orgs.csv', 'id,name\n1,A\n');
    expect(okReply.status).toBe(200);
    const picked = JSON.parse(okReply.body) as {
      ok: true;
      value: { path: string; name: string; size: number };
    };
    expect(picked.value).toMatchObject({ name: 'orgs.csv', size: 12 });
    expect(path.basename(picked.value.path)).toBe('orgs.csv');

    const traversal = await up('../../evil.csv', 'x');
    expect(traversal.status).toBe(400);
    expect(JSON.parse(traversal.body)).toMatchObject({
      ok: false,
      error: { message: 'The file name must not contain a path.' },
    });

    const big = await up('big.csv', 'x'.repeat(5000));
    expect(big.status).toBe(413);
    const uploads = path.dirname(path.dirname(picked.value.path));
    // Only the first upload's folder is left: refused uploads leave nothing behind.
    expect(await readdir(uploads)).toHaveLength(1);

    expect((await up('orgs.csv', 'x', {})).status).toBe(403);
    expect((await up('orgs.csv', 'x', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('refuses to listen on anything but the loopback address', async () => {
    await expect(
      startWebBridge({ host: '0.0.0.0', dataDir: path.join(dir, 'x'), rendererDir: dir }),
    ).rejects.toThrow(/127\.0\.0\.1 only/);
  });
});
