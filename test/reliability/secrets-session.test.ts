/**
 * Issue 8 part 5: the API token is stored only through safeStorage. A whole session runs with a
 * real-looking token on a "real" (pipedrive-kind) connection pointed at the sandbox — the desktop app
 * core with a fake safeStorage, the CLI in-process and as a child process, the web bridge — and then
 * every file the session wrote, every message it printed and every API answer it gave is searched for
 * the token in any common encoding. Only the safeStorage ciphertext may hold it, encrypted.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { InvokeResult, JobDetail } from '../../shared/ipc.ts';
import type { JobSummary } from '../../shared/jobs.ts';
import { startWebBridge } from '../../electron/bridge/index.ts';
import { main, type CliIo } from '../../electron/cli/main.ts';
import { createAppCore, dispatchInvoke, type AppCore } from '../../electron/engine/app/index.ts';
import { startSandbox, type RunningSandbox } from '../../electron/engine/sandbox/index.ts';
import { createDesktopSecretStore, TOKENS_FILE } from '../../electron/main/secret-store.ts';
import { startEchoProxy, type EchoProxy } from './secrets-proxy.ts';
import { fakeSafeStorage, noFiles } from './secrets-fixtures.ts';
import { findLeaks, leakForms, scanFolder, type Leak } from './secrets-scan.ts';

/** Shaped like a Pipedrive API token (40 hex digits); made up, valid only for this sandbox. */
const TOKEN = 'c0ffee4a9d2b7e1f53a8c6d0e2b4f6a81d3c5e7f';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let sandbox: RunningSandbox;
/** Everything goes through it; it can answer with error bodies that quote the token back. */
let proxy: EchoProxy;
let tmp: string;
let home: string;
/** Everything the session said: CLI output, API answers, bridge log lines, the bridge URL. */
const said: Array<{ where: string; text: string }> = [];

const safeStorage = fakeSafeStorage();

async function openDesktopCore(): Promise<AppCore> {
  return createAppCore({
    dataDir: home,
    // The real desktop wiring (electron/main/secret-store.ts) with a stand-in for safeStorage.
    secrets: createDesktopSecretStore(safeStorage as never, home, 'linux'),
    version: 'test',
    restoreLastConnection: false,
    startSandbox: async () => {
      throw new Error('the built-in sandbox is not used in this session');
    },
  });
}

async function call<T>(core: AppCore, channel: string, args?: unknown): Promise<InvokeResult<T>> {
  const handlers = core.handlers(noFiles, { saveMode: 'dialog', saveFolder: null, canShowInFolder: true });
  const result = (await dispatchInvoke(handlers, channel, args)) as InvokeResult<T>;
  said.push({ where: `app ${channel}`, text: JSON.stringify(result) });
  return result;
}

function value<T>(result: InvokeResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function finished(core: AppCore, jobId: string): Promise<JobDetail> {
  for (;;) {
    const detail = value(await call<JobDetail>(core, 'job/get', { jobId }));
    const state = detail.summary.state;
    if (state !== 'queued' && state !== 'running') return detail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function cliEnv(): NodeJS.ProcessEnv {
  return { ORGPORT_HOME: home, PIPEDRIVE_API_TOKEN: TOKEN, PIPEDRIVE_BASE_URL: proxy.url };
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = cliEnv()) {
  const io: CliIo & { stdout: string; stderr: string } = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    stderrIsTty: false,
    env,
    interrupted: new Promise<void>(() => undefined),
  };
  const code = await main(argv, io);
  said.push({ where: `cli ${argv[0]} stdout`, text: io.stdout });
  said.push({ where: `cli ${argv[0]} stderr`, text: io.stderr });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'orgport-secrets-'));
  home = path.join(tmp, 'home');
  await mkdir(path.join(home, 'exports'), { recursive: true });
  // Only this token is accepted, as by a real company; every other gets 401.
  sandbox = await startSandbox({ organizations: 80, seed: 11, burst: 10_000, tokens: [TOKEN] });
  proxy = await startEchoProxy(sandbox.url);
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('a whole session with a real-looking token', () => {
  it('never writes, prints or answers with the token; only safeStorage holds it, encrypted', async () => {
    // ---- Desktop app: save the connection, use it, restart. -----------------------------------
    let core = await openDesktopCore();
    // ---- Misuse first, before anything has registered the token for redaction: pasted into the ----
    // base URL (user-info, query, path) it is refused, and no message echoes it.
    const pasted = [
      `http://me:${TOKEN}@127.0.0.1:9`,
      `${proxy.url}/?token=${TOKEN}`,
      `${proxy.url}/${TOKEN}`,
      `me:${TOKEN}@acme.pipedrive.com`,
    ];
    for (const baseUrl of pasted) {
      const refusedCli = await cli(['fields', '--base-url', baseUrl]);
      expect(refusedCli.code, baseUrl).toBe(2);
    }
    for (const baseUrl of pasted) {
      for (const draft of [
        { name: 'Pasted', kind: 'pipedrive', baseUrl },
        { name: 'Pasted', kind: 'pipedrive', baseUrl, token: TOKEN },
      ]) {
        const refusedSave = await call(core, 'connection/save', draft);
        expect(refusedSave.ok, baseUrl).toBe(false);
        await call(core, 'connection/test', { draft });
      }
    }

    expect(value(await call<{ tokenStorage: string }>(core, 'app/info')).tokenStorage).toBe('encrypted');
    const profile = value(
      await call<{ id: string; hasToken: boolean }>(core, 'connection/save', {
        name: 'Acme Ltd',
        kind: 'pipedrive',
        baseUrl: proxy.url,
        token: TOKEN,
      }),
    );
    expect(profile.hasToken).toBe(true);
    expect(value(await call<{ ok: boolean }>(core, 'connection/test', { profileId: profile.id })).ok).toBe(
      true,
    );
    value(await call(core, 'connection/activate', { profileId: profile.id }));
    const appXlsx = path.join(home, 'exports', 'app-orgs.xlsx');
    const started = value(
      await call<JobSummary>(core, 'job/start', { kind: 'export', spec: { out: appXlsx, format: 'xlsx' } }),
    );
    expect((await finished(core, started.id)).summary.state).toBe('done');
    await core.close();

    // A restart finds the token again through safeStorage: it was stored, encrypted, nowhere else.
    core = await openDesktopCore();
    const listed = value(await call<Array<{ id: string; hasToken: boolean }>>(core, 'connection/list'));
    expect(listed.find((p) => p.id === profile.id)?.hasToken).toBe(true);
    const blob = JSON.parse(await readFile(path.join(home, TOKENS_FILE), 'utf8')) as Record<string, string>;
    expect(safeStorage.decryptString(Buffer.from(blob[profile.id] ?? '', 'base64'))).toBe(TOKEN);
    if (process.platform !== 'win32') expect((await stat(path.join(home, TOKENS_FILE))).mode & 0o077).toBe(0);
    value(await call(core, 'connection/activate', { profileId: profile.id }));
    // Two 503s whose bodies quote the token: retried, and their text must not reach the log.
    proxy.echo({
      status: 503,
      count: 2,
      match: (method, url) => method === 'GET' && url.includes('organizations'),
    });
    const appCsv = path.join(home, 'exports', 'app-orgs.csv');
    const csvJob = value(
      await call<JobSummary>(core, 'job/start', { kind: 'export', spec: { out: appCsv, format: 'csv' } }),
    );
    expect((await finished(core, csvJob.id)).summary.state).toBe('done');

    // ---- CLI: an import with row errors and faults, exports, a delete, all with --json. --------
    const csv = ['Name,Credit score,Owner'];
    for (let i = 1; i <= 30; i++)
      csv.push(`Secret test org ${i},${i % 7 === 0 ? 'lots' : i * 3},Maria Müller`);
    await writeFile(path.join(tmp, 'orgs.csv'), csv.join('\n') + '\n');
    await writeFile(
      path.join(tmp, 'map.json'),
      JSON.stringify({
        version: 1,
        columns: { Name: 'name', 'Credit score': 'Credit score', Owner: 'owner_id' },
      }),
    );
    // Deterministic faults, so errors and retries happen on every run and no row is given up on.
    const isPost = (method: string) => method === 'POST';
    sandbox.control.injectFault({ kind: 'serverError', count: 3, match: isPost });
    sandbox.control.injectFault({ kind: 'drop', count: 1, match: isPost });
    sandbox.control.injectFault({ kind: 'lostResponse', count: 1, match: isPost });
    // One create refused with a 400 whose message quotes the token: that row's reason is the server's text.
    proxy.echo({ status: 400, count: 1, match: (method) => method === 'POST' });
    const imported = await cli([
      'import',
      path.join(tmp, 'orgs.csv'),
      '--mapping',
      path.join(tmp, 'map.json'),
      '--mode',
      'create',
      '--json',
    ]);
    sandbox.control.clearFaults();
    expect(imported.code, imported.stderr).toBe(1);
    const importSummary = JSON.parse(imported.stdout) as {
      counts: Record<string, number>;
      reports: Array<{ path: string }>;
    };
    expect(importSummary.counts).toMatchObject({ created: 25, failed: 5 });
    const faulted = sandbox.control.requestLog.filter((e) => e.method === 'POST' && e.outcome !== 'ok');
    expect(faulted.length).toBe(5);
    for (const report of importSummary.reports) await stat(report.path);

    const cliXlsx = path.join(home, 'exports', 'cli-orgs.xlsx');
    const exported = await cli(['export', '--out', cliXlsx, '--json', '--token', TOKEN]);
    expect(exported.code, exported.stderr).toBe(0);
    const created = sandbox.control.organizations().filter((o) => o.name.startsWith('Secret test org'));
    const ids = created.slice(0, 5).map((o) => o.id);
    const deleted = await cli(['delete', '--ids', ids.join(','), '--yes', '--json']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const deleteSummary = JSON.parse(deleted.stdout) as { reports: Array<{ label: string; path: string }> };
    expect(deleteSummary.reports.length).toBeGreaterThanOrEqual(2);
    expect((await cli(['jobs', '--json'])).code).toBe(0);
    // Every place that asks for a token says where it goes: nowhere on disk (CLI), memory (browser).
    expect((await cli(['import', '--help'])).stdout).toMatch(/never saves the token/);
    expect((await cli(['web', '--help'])).stdout).toMatch(/kept in memory only/);

    // ---- The CLI as a child process, its stdout and stderr kept in the data folder. ------------
    const child = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          path.join(ROOT, 'bin', 'orgport.mjs'),
          'export',
          '--out',
          path.join(home, 'exports', 'child.csv'),
          '--json',
        ],
        { env: { ...process.env, ...cliEnv() }, timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 99) : 0, stdout, stderr }),
      );
    });
    await mkdir(path.join(home, 'cli-child'), { recursive: true });
    await writeFile(path.join(home, 'cli-child', 'stdout.txt'), child.stdout);
    await writeFile(path.join(home, 'cli-child', 'stderr.txt'), child.stderr);
    expect(child.code, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ state: 'done' });

    // ---- A job that crashes on an answer that is not JSON and quotes the token. ----------------
    proxy.echo({
      status: 200,
      body: 'garbage',
      count: 50,
      match: (method, url) => method === 'GET' && url.includes('organizationFields'),
    });
    const crashJob = value(
      await call<JobSummary>(core, 'job/start', {
        kind: 'export',
        spec: { out: path.join(home, 'exports', 'crash.csv'), format: 'csv' },
      }),
    );
    const crashed = await finished(core, crashJob.id);
    expect(crashed.summary).toMatchObject({ state: 'failed', error: { kind: 'unexpected' } });
    proxy.clear();

    // ---- The token is revoked: jobs stop with "unauthorized", in the app and in the CLI. ------
    sandbox.control.setOptions({ tokens: ['a-different-token'] });
    const refusedJob = value(
      await call<JobSummary>(core, 'job/start', {
        kind: 'export',
        spec: { out: path.join(home, 'exports', 'refused.xlsx'), format: 'xlsx' },
      }),
    );
    const refused = await finished(core, refusedJob.id);
    expect(refused.summary).toMatchObject({ state: 'stopped', stopReason: 'unauthorized' });
    // The CLI's refusal comes from a gateway that quotes the token in its 401 body.
    sandbox.control.setOptions({ tokens: [TOKEN] });
    proxy.echo({ status: 401, count: 1_000, match: () => true });
    const refusedCli = await cli(['export', '--out', path.join(home, 'exports', 'refused.csv'), '--json']);
    expect(refusedCli.code).toBe(3);
    expect(refusedCli.stderr).toMatch(/token|unauthori[sz]ed|401/i);
    expect((await cli(['resume', '--json'])).code).toBe(3);
    await core.close();
    expect(proxy.echoed()).toBeGreaterThanOrEqual(5);
    proxy.clear();

    // ---- The web bridge: its URL, and a token entered in the page kept in memory only. --------
    const renderer = path.join(tmp, 'renderer');
    await mkdir(renderer, { recursive: true });
    await writeFile(path.join(renderer, 'index.html'), '<html><head></head></html>');
    const bridge = await startWebBridge({
      dataDir: home,
      rendererDir: renderer,
      startSandbox: async () => {
        throw new Error('not used');
      },
      log: (line) => said.push({ where: 'bridge log', text: line }),
    });
    said.push({ where: 'bridge url', text: bridge.url });
    try {
      const ws = new WebSocket(`${bridge.url}ws`.replace('http:', 'ws:'), {
        origin: new URL(bridge.url).origin,
      });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let next = 0;
      const rpc = (channel: string, args?: unknown) =>
        new Promise<InvokeResult<unknown>>((resolve) => {
          const id = ++next;
          const onMessage = (data: WebSocket.RawData) => {
            const message = JSON.parse(data.toString()) as {
              t: string;
              id: number;
              result: InvokeResult<unknown>;
            };
            if (message.t !== 'result' || message.id !== id) return;
            ws.off('message', onMessage);
            said.push({ where: `bridge ${channel}`, text: JSON.stringify(message.result) });
            resolve(message.result);
          };
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ t: 'invoke', id, channel, args }));
        });
      expect(await rpc('app/info')).toMatchObject({ ok: true, value: { tokenStorage: 'memory' } });
      const saved = (await rpc('connection/save', {
        name: 'Acme in the browser',
        kind: 'pipedrive',
        baseUrl: proxy.url,
        token: TOKEN,
      })) as InvokeResult<{ id: string }>;
      const savedId = value(saved).id;
      expect(await rpc('connection/activate', { profileId: savedId })).toMatchObject({ ok: true });
      expect(await rpc('connection/list')).toMatchObject({ ok: true });
      ws.close();
    } finally {
      await bridge.close();
    }

    // ---- The scan. ------------------------------------------------------------------------------
    const { files, leaks } = await scanFolder(home, TOKEN);
    // The session really wrote what the issue lists: settings, journals, job specs, reports, exports.
    const names = files.map((f) => path.relative(home, f).split(path.sep).join('/'));
    for (const expected of [
      /^settings\.json$/,
      /^tokens\.json$/,
      /^jobs\/[^/]+\/job\.json$/,
      /^jobs\/[^/]+\/journal\.jsonl$/,
      /^jobs\/[^/]+\/reports\/.*failed.*\.(csv|xlsx)$/,
      /^jobs\/[^/]+\/reports\/backup-.*\.xlsx$/,
      /^exports\/app-orgs\.xlsx$/,
      /^exports\/cli-orgs\.xlsx$/,
      /^exports\/child\.csv$/,
      /^cli-child\/stderr\.txt$/,
    ]) {
      expect(
        names.some((n) => expected.test(n)),
        `${expected} among ${names.join(', ')}`,
      ).toBe(true);
    }
    // tokens.json (the safeStorage ciphertext) is scanned too: encrypted, it shows no form of the token.
    expect(leaks).toEqual([]);
    const spoken: Leak[] = said.flatMap((s) => findLeaks(s.where, s.text, TOKEN));
    expect(spoken).toEqual([]);
    expect(said.length).toBeGreaterThan(20);
    // The scanner itself can fail: the forms are really searched for.
    expect(findLeaks('probe', `x${encodeURIComponent(TOKEN).slice(-12)}x`, TOKEN)).not.toEqual([]);
    expect(leakForms(TOKEN).length).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('keeps the token in memory only where safeStorage has no real encryption (Linux basic_text)', async () => {
    const plainHome = path.join(tmp, 'basic-text-home');
    const weak = { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' };
    const core = await createAppCore({
      dataDir: plainHome,
      secrets: createDesktopSecretStore(weak as never, plainHome, 'linux'),
      version: 'test',
      restoreLastConnection: false,
    });
    try {
      expect(value(await call<{ tokenStorage: string }>(core, 'app/info')).tokenStorage).toBe('memory');
      const saved = value(
        await call<{ id: string; hasToken: boolean }>(core, 'connection/save', {
          name: 'Acme Ltd',
          kind: 'pipedrive',
          baseUrl: proxy.url,
          token: TOKEN,
        }),
      );
      expect(saved.hasToken).toBe(true);
      value(await call(core, 'connection/activate', { profileId: saved.id }));
    } finally {
      await core.close();
    }
    const { files, leaks } = await scanFolder(plainHome, TOKEN);
    expect(files.map((f) => path.basename(f))).toContain('settings.json');
    expect(files.map((f) => path.basename(f))).not.toContain(TOKENS_FILE);
    expect(leaks).toEqual([]);
  });
});
