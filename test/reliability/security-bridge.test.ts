/**
 * Issue 8 part 6, the web bridge. Already covered elsewhere (not repeated here):
 * test/unit/bridge/security.test.ts (checkRequest's pure decisions, the secret's length, the base
 * headers), test/unit/bridge/bridge.test.ts (a 0.0.0.0 bind refused; no secret / a wrong one; one
 * foreign Host and Origin; `../../evil.csv` as upload name; one upload over the declared size; a
 * download of /etc/passwd), test/unit/bridge/static-files.test.ts (asset lookup, safeUploadName).
 * Added here, against a running bridge: every non-loopback bind; secrets that are nearly right;
 * Host and Origin look-alikes on pages, uploads, downloads and the socket; upload names with every
 * traversal form (`..`, absolute, drive letters, backslashes, NUL, URL-encoded once and twice) with a
 * check that nothing lands outside the upload folder, and Windows device names (`CON.csv`) defused; downloads that climb out of the jobs folder the
 * same ways; and uploads over the limit sent without a Content-Length (chunked), leaving nothing.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebBridge, type WebBridge } from '../../electron/bridge/index.ts';

const LIMIT = 1000;
let dir: string;
let data: string;
let bridge: WebBridge;
let secret: string;
let origin: string;
let report: string;
let uploadRoot: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-sec-bridge-'));
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer, { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<html><head></head></html>');
  data = path.join(dir, 'data');
  bridge = await startWebBridge({
    dataDir: data,
    rendererDir: renderer,
    maxUploadBytes: LIMIT,
    startSandbox: async () => {
      throw new Error('not used here');
    },
  });
  const url = new URL(bridge.url);
  secret = url.pathname.split('/')[1] ?? '';
  origin = url.origin;
  // A file the bridge may hand out (inside the jobs folder), and ones it must not.
  report = path.join(data, 'jobs', 'job-1', 'reports', 'report.csv');
  await mkdir(path.dirname(report), { recursive: true });
  await writeFile(report, 'id\n1\n');
  await writeFile(path.join(dir, 'outside.txt'), 'private');
  const probe = await http(`/${secret}/upload?name=probe.csv`, {
    method: 'POST',
    body: 'a',
    headers: { origin },
  });
  uploadRoot = path.dirname(path.dirname((JSON.parse(probe.body) as { value: { path: string } }).value.path));
});

afterAll(async () => {
  await bridge?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}

function http(
  pathname: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    chunks?: Buffer[];
  } = {},
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
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString() }));
      },
    );
    req.on('error', reject);
    if (options.chunks) {
      // No Content-Length: node sends the body chunked, so only the streamed count can stop it.
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else req.end(options.body);
  });
}

/** A raw request line and headers, for what node's client will not send (no Host, HTTP/1.0). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1', () => socket.end(text));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

function openSocket(url: string, headers: { origin?: string; host?: string }): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {
      ...(headers.origin ? { origin: headers.origin } : {}),
      headers: headers.host ? { host: headers.host } : {},
    });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
    ws.once('error', (error) => resolve(`error ${error.message}`));
  });
}

/** The names of every file in this bridge's upload folder (one sub-folder per upload). */
async function uploadsLeft(): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(uploadRoot)) {
    for (const name of await readdir(path.join(uploadRoot, sub))) out.push(name);
  }
  return out.sort();
}

describe('the web bridge refuses', () => {
  it('to listen on anything but 127.0.0.1', async () => {
    for (const host of ['0.0.0.0', '::', '::1', 'localhost', '127.0.0.2', '192.168.1.10', '', ' 127.0.0.1']) {
      await expect(
        startWebBridge({ host, dataDir: path.join(dir, 'x'), rendererDir: dir }),
        host,
      ).rejects.toThrow(/127\.0\.0\.1 only/);
    }
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
  });

  it('a missing or nearly right secret, on every route and the socket', async () => {
    const wrong = [
      '',
      secret.slice(0, -1),
      `${secret}x`,
      secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
      `%${secret.charCodeAt(0).toString(16)}${secret.slice(1)}`,
      `x/${secret}`,
    ];
    for (const s of wrong) {
      for (const route of ['/', '/index.html', '/download?path=' + encodeURIComponent(report)]) {
        // "//…" does not even parse as a path (400); every other spelling is refused for the secret.
        expect([400, 403], `${s}${route}`).toContain((await http(`/${s}${route}`)).status);
      }
      const up = await http(`/${s}/upload?name=a.csv`, { method: 'POST', body: 'x', headers: { origin } });
      expect(up.status).toBe(403);
      expect(await openSocket(`ws://127.0.0.1:${bridge.port}/${s}/ws`, { origin })).toBe('refused 403');
    }
    expect((await http(`/?secret=${secret}`)).status).toBe(403);
    // The right one works, so the refusals above are about the secret.
    expect((await http(`/${secret}/download?path=${encodeURIComponent(report)}`)).status).toBe(200);
    expect(await openSocket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, { origin })).toBe('open');
  });

  it('foreign and look-alike Host headers, and a request with none', async () => {
    const hosts = [
      'evil.example',
      `evil.example:${bridge.port}`,
      '127.0.0.1',
      `127.0.0.1:${bridge.port + 1}`,
      `localhost.evil.example:${bridge.port}`,
      `127.0.0.1.nip.io:${bridge.port}`,
      `[::1]:${bridge.port}`,
      `0.0.0.0:${bridge.port}`,
      `127.0.0.1:${bridge.port}@evil.example`,
    ];
    for (const host of hosts) {
      expect((await http(`/${secret}/`, { headers: { host } })).status, host).toBe(403);
      expect(await openSocket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, { origin, host }), host).toBe(
        'refused 403',
      );
    }
    expect(await raw(`GET /${secret}/ HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.\d 403/);
    expect((await http(`/${secret}/`, { headers: { host: `LOCALHOST:${bridge.port}` } })).status).toBe(200);
  });

  it('foreign, look-alike and null Origins on pages, uploads, downloads and the socket', async () => {
    const origins = [
      'http://evil.example',
      'null',
      `https://127.0.0.1:${bridge.port}`,
      `http://127.0.0.1:${bridge.port + 1}`,
      `http://127.0.0.1:${bridge.port}.evil.example`,
      `http://localhost.evil.example:${bridge.port}`,
      'file://',
    ];
    for (const o of origins) {
      expect((await http(`/${secret}/`, { headers: { origin: o } })).status, o).toBe(403);
      expect(
        (await http(`/${secret}/download?path=${encodeURIComponent(report)}`, { headers: { origin: o } }))
          .status,
      ).toBe(403);
      const up = await http(`/${secret}/upload?name=a.csv`, {
        method: 'POST',
        body: 'x',
        headers: { origin: o },
      });
      expect(up.status, o).toBe(403);
      expect(await openSocket(`ws://127.0.0.1:${bridge.port}/${secret}/ws`, { origin: o }), o).toBe(
        'refused 403',
      );
    }
  });

  it('upload names with a path in any form; nothing is written outside the upload folder', async () => {
    const names = [
      '../evil.csv',
      '../../../../tmp/evil.csv',
      '..\\..\\evil.csv',
      '/etc/cron.d/evil',
      '/tmp/evil.csv',
      'C:\\Windows\\evil.csv',
      'C:/evil.csv',
      'a/b.csv',
      'a\\b.csv',
      '..',
      '.',
      'evil.csv\0.txt',
      '\0',
      '',
      '   ',
    ];
    const send = (query: string) =>
      http(`/${secret}/upload?name=${query}`, { method: 'POST', body: 'id\n1\n', headers: { origin } });
    for (const name of names) {
      const reply = await send(encodeURIComponent(name));
      expect(reply.status, JSON.stringify(name)).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false });
    }
    // URL-encoded traversal arrives decoded once: "%2e%2e%2f" is "../" and is refused like it.
    expect((await send('%2e%2e%2fevil.csv')).status).toBe(400);
    expect((await send('%2E%2E%5Cevil.csv')).status).toBe(400);
    expect((await send('evil.csv%00.txt')).status).toBe(400);
    // Encoded twice it is only a strange name, kept literally inside the upload folder.
    const twice = await send('%252e%252e%252fodd.csv');
    expect(twice.status).toBe(200);
    const stored = JSON.parse(twice.body) as { value: { path: string; name: string } };
    expect(stored.value.name).toBe('%2e%2e%2fodd.csv');
    expect(path.dirname(path.dirname(stored.value.path))).toBe(uploadRoot);
    const storedName = async (name: string) =>
      (JSON.parse((await send(encodeURIComponent(name))).body) as { value: { name: string } }).value.name;
    expect(await storedName('.bashrc')).toBe('_bashrc');
    // Windows device names would open a device instead of a file there.
    expect(await storedName('CON.csv')).toBe('_CON.csv');
    expect(await storedName('nul')).toBe('_nul');
    expect(await storedName('console.csv')).toBe('console.csv');
    const left = await uploadsLeft();
    expect(left).toEqual(['%2e%2e%2fodd.csv', '_CON.csv', '_bashrc', '_nul', 'console.csv', 'probe.csv']);
    expect((await readdir(path.dirname(uploadRoot))).filter((n) => n.includes('evil'))).toEqual([]);
  });

  it('downloads outside what Orgport wrote, by any spelling of the path', async () => {
    const jobs = path.join(data, 'jobs');
    const targets = [
      path.join(dir, 'outside.txt'),
      path.join(data, 'settings.json'),
      `${jobs}/../settings.json`,
      `${jobs}/job-1/reports/../../../settings.json`,
      `${jobs}/job-1/reports/../../../../outside.txt`,
      `${jobs}\\..\\settings.json`,
      `${jobs}/%2e%2e/settings.json`,
      `${report}\0.png`,
      'jobs/job-1/reports/report.csv',
      './settings.json',
      '',
      jobs,
      `file://${report}`,
    ];
    for (const target of targets) {
      const reply = await http(`/${secret}/download?path=${encodeURIComponent(target)}`);
      expect(reply.status, JSON.stringify(target)).toBe(403);
      expect(reply.body).not.toContain('private');
    }
    // `..` sent URL-encoded in the query is decoded once and refused as the climb it is.
    expect((await http(`/${secret}/download?path=${jobs}/%2e%2e/settings.json`)).status).toBe(403);
    expect(
      (await http(`/${secret}/download?path=${jobs}/job-1/%2E%2E/%2E%2E/%2E%2E/outside.txt`)).status,
    ).toBe(403);
    const ok = await http(`/${secret}/download?path=${encodeURIComponent(report)}`);
    expect(ok).toEqual({ status: 200, body: 'id\n1\n' });
  });

  it('uploads over the limit, declared or streamed without a length, and keeps nothing of them', async () => {
    const before = await uploadsLeft();
    const declared = await http(`/${secret}/upload?name=big1.csv`, {
      method: 'POST',
      body: 'x'.repeat(LIMIT + 1),
      headers: { origin },
    });
    expect(declared.status).toBe(413);
    const chunked = await http(`/${secret}/upload?name=big2.csv`, {
      method: 'POST',
      headers: { origin },
      chunks: Array.from({ length: 8 }, () => Buffer.alloc(400, 0x61)),
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/larger than the limit/) },
    });
    const exact = await http(`/${secret}/upload?name=exact.csv`, {
      method: 'POST',
      body: 'y'.repeat(LIMIT),
      headers: { origin },
    });
    expect(exact.status).toBe(200);
    const after = await uploadsLeft();
    expect(after.filter((n) => !before.includes(n))).toEqual(['exact.csv']);
  });
});
