/**
 * Quitting mid-job (issue 8): closing the web page pauses a running job cleanly; stopping the web
 * bridge (what Ctrl-C on `orgport web` does) or quitting the desktop app stops it resumably, with the
 * journal flushed; and a job so paused or stopped, resumed later, ends with every row in Pipedrive
 * exactly once. The sandbox paces requests (burst 20 per 2 s), so a 40-row import is under way for
 * a few seconds.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SANDBOX_PROFILE_ID, type InvokeResult } from '../../shared/ipc.ts';
import type { JobSummary } from '../../shared/jobs.ts';
import { bridgeFileHandlers } from '../../electron/bridge/file-handlers.ts';
import { startWebBridge, type WebBridge } from '../../electron/bridge/index.ts';
import { createAppCore, MemorySecretStore, type SandboxProvider } from '../../electron/engine/app/index.ts';
import { JobStore } from '../../electron/engine/jobs/core/job-store.ts';
import { readJournal } from '../../electron/engine/jobs/core/journal.ts';
import { startSandbox, type RunningSandbox } from '../../electron/engine/sandbox/index.ts';
import { guardQuit, type QuittingApp } from '../../electron/main/quit-guard.ts';
import { specFor, writeCsv } from '../integration/import/helpers.ts';

const ROWS = 40;
let sandbox: RunningSandbox;
let root: string;
let renderer: string;

beforeAll(async () => {
  sandbox = await startSandbox({ organizations: 0, burst: 20, latencyMs: 20 });
  root = await mkdtemp(path.join(os.tmpdir(), 'orgport-quit-'));
  // The bridge serves a renderer; these tests only use its API socket.
  renderer = path.join(root, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<html><head></head><body></body></html>');
});

afterAll(async () => {
  await sandbox.close();
  await rm(root, { recursive: true, force: true });
});

const sandboxProvider: SandboxProvider = async () => ({
  url: sandbox.url,
  dailyBudget: null,
  close: async () => undefined,
});

/** A 40-row create import of organizations named `prefix …`, and its data folder. */
async function importJob(prefix: string): Promise<{ spec: Record<string, unknown>; dataDir: string }> {
  const dir = await mkdtemp(path.join(root, 'job-'));
  const rows = Array.from({ length: ROWS }, (_, i) => [`${prefix} ${i + 1}`, String(i + 1)]);
  const file = await writeCsv(dir, 'orgs.csv', [['Name', 'Number of employees'], ...rows]);
  const spec = await specFor(sandbox, file, { mode: 'create' });
  return { spec: spec as unknown as Record<string, unknown>, dataDir: path.join(dir, 'data') };
}

function named(prefix: string): string[] {
  return sandbox.control
    .organizations()
    .map((o) => o.name)
    .filter((name) => name.startsWith(`${prefix} `));
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function lastSeq(): number {
  return sandbox.control.requestLog.at(-1)?.seq ?? 0;
}

/** Nothing reaches the sandbox for half a second. */
async function expectQuiet(): Promise<void> {
  const before = lastSeq();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(lastSeq()).toBe(before);
}

async function storedJob(dataDir: string, jobId: string): Promise<JobSummary> {
  return (await new JobStore(path.join(dataDir, 'jobs')).load(jobId)).summary;
}

/**
 * The journal of a job that is no longer sending: every create the sandbox applied has its outcome
 * line, and no create is left announced without one.
 */
async function expectJournalSettled(dataDir: string, jobId: string, prefix: string): Promise<void> {
  const journal = await readJournal(path.join(dataDir, 'jobs', jobId, 'journal.jsonl'));
  expect(journal.torn).toBeNull();
  expect([...journal.openIntents.keys()]).toEqual([]);
  expect(journal.outcomes.size).toBe(named(prefix).length);
}

/** Every row in the sandbox exactly once, and the job says so. */
function expectComplete(prefix: string, summary: JobSummary): void {
  const names = named(prefix);
  expect(names.sort()).toEqual(Array.from({ length: ROWS }, (_, i) => `${prefix} ${i + 1}`).sort());
  expect(summary).toMatchObject({ state: 'done', counts: { created: ROWS, failed: 0 } });
}

/** A page of the web UI, as far as the API socket goes. */
class Page {
  private next = 1;

  private constructor(private readonly ws: WebSocket) {}

  static async open(bridge: WebBridge): Promise<Page> {
    const url = new URL(bridge.url);
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}${url.pathname}ws`, { origin: url.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Page(ws);
  }

  call<T>(channel: string, args?: unknown): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const message = JSON.parse(data.toString()) as { t: string; id?: number; result?: InvokeResult<T> };
        if (message.t !== 'result' || message.id !== id || !message.result) return;
        this.ws.off('message', onMessage);
        if (message.result.ok) resolve(message.result.value);
        else reject(new Error(`${channel}: ${message.result.error.message}`));
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ t: 'invoke', id, channel, args }));
    });
  }

  /** Closes the page (the tab closed, or the browser quit). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.close();
    await closed;
  }
}

async function startOnPage(page: Page, spec: Record<string, unknown>): Promise<string> {
  await page.call('connection/activate', { profileId: SANDBOX_PROFILE_ID });
  const started = await page.call<JobSummary>('job/start', { kind: 'import', spec });
  return started.id;
}

describe('the web bridge', () => {
  it('closing the page pauses a running import; resumed from a new page, it completes', async () => {
    const { spec, dataDir } = await importJob('Closed page');
    const bridge = await startWebBridge({
      dataDir,
      rendererDir: renderer,
      startSandbox: sandboxProvider,
      pauseJobsAfterMs: 300,
    });
    try {
      const page = await Page.open(bridge);
      const jobId = await startOnPage(page, spec);
      await waitFor(() => named('Closed page').length >= 6, 'the first creates');
      await page.close();

      await waitFor(async () => (await storedJob(dataDir, jobId)).state === 'paused', 'the job to pause');
      // The creates in flight at the pause finish and are journaled; then nothing more is sent.
      await waitFor(async () => {
        const journal = await readJournal(path.join(dataDir, 'jobs', jobId, 'journal.jsonl'));
        return journal.openIntents.size === 0 && journal.outcomes.size === named('Closed page').length;
      }, 'the creates in flight to be journaled');
      await expectQuiet();
      await expectJournalSettled(dataDir, jobId, 'Closed page');
      expect(named('Closed page').length).toBeLessThan(ROWS);

      const again = await Page.open(bridge);
      const listed = await again.call<JobSummary[]>('job/list');
      expect(listed.find((job) => job.id === jobId)?.state).toBe('paused');
      await again.call('job/resume', { jobId });
      await waitFor(async () => (await storedJob(dataDir, jobId)).state === 'done', 'the job to finish');
      expectComplete('Closed page', await storedJob(dataDir, jobId));
      await again.close();
    } finally {
      await bridge.close();
    }
  });

  it('a page reloaded within the grace period does not pause the job', async () => {
    const { spec, dataDir } = await importJob('Reloaded page');
    const bridge = await startWebBridge({
      dataDir,
      rendererDir: renderer,
      startSandbox: sandboxProvider,
      pauseJobsAfterMs: 1500,
    });
    try {
      const page = await Page.open(bridge);
      const jobId = await startOnPage(page, spec);
      await page.close();
      const reloaded = await Page.open(bridge);
      await waitFor(async () => (await storedJob(dataDir, jobId)).state === 'done', 'the job to finish');
      expectComplete('Reloaded page', await storedJob(dataDir, jobId));
      await reloaded.close();
    } finally {
      await bridge.close();
    }
  });

  it('stopping the bridge (Ctrl-C on orgport web) stops the job resumably; a new bridge finishes it', async () => {
    const { spec, dataDir } = await importJob('Stopped bridge');
    const first = await startWebBridge({ dataDir, rendererDir: renderer, startSandbox: sandboxProvider });
    const page = await Page.open(first);
    const jobId = await startOnPage(page, spec);
    await waitFor(() => named('Stopped bridge').length >= 6, 'the first creates');
    // `orgport web` calls exactly this when Ctrl-C (SIGINT) or SIGTERM arrives.
    await first.close();
    expect(await storedJob(dataDir, jobId)).toMatchObject({ state: 'stopped', stopReason: 'interrupted' });
    // Whatever was in flight has been answered (to no one) by now; the job sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectQuiet();
    const journal = await readJournal(path.join(dataDir, 'jobs', jobId, 'journal.jsonl'));
    expect(journal.torn).toBeNull();

    const second = await startWebBridge({ dataDir, rendererDir: renderer, startSandbox: sandboxProvider });
    try {
      const resumed = await Page.open(second);
      await resumed.call('connection/activate', { profileId: SANDBOX_PROFILE_ID });
      await resumed.call('job/resume', { jobId });
      await waitFor(async () => (await storedJob(dataDir, jobId)).state === 'done', 'the job to finish');
      expectComplete('Stopped bridge', await storedJob(dataDir, jobId));
      await resumed.close();
    } finally {
      await second.close();
    }
  });
});

/** Electron's `app`, as far as quitting goes: `quit()` emits before-quit, as Electron does. */
function fakeApp(): QuittingApp & { quitCalls: number; tryQuit(): boolean } {
  const listeners: Array<(event: { preventDefault(): void }) => void> = [];
  const app = {
    quitCalls: 0,
    on(_event: 'before-quit', listener: (event: { preventDefault(): void }) => void) {
      listeners.push(listener);
      return app;
    },
    /** Emits before-quit; true when no listener held the quit. */
    tryQuit(): boolean {
      let prevented = false;
      for (const listener of listeners) listener({ preventDefault: () => void (prevented = true) });
      return !prevented;
    },
    quit() {
      app.quitCalls += 1;
    },
  };
  return app;
}

describe('the desktop app (electron mocked)', () => {
  it('quitting mid-job waits until the job is stopped resumably; the next start finishes it', async () => {
    const { spec, dataDir } = await importJob('Quit app');
    const open = () =>
      createAppCore({
        dataDir,
        secrets: new MemorySecretStore(),
        version: 'test',
        startSandbox: sandboxProvider,
      });
    const core = await open();
    const handlers = core.handlers(bridgeFileHandlers({ saveFolder: root, openable: core.openable }), {
      saveMode: 'folder',
      saveFolder: root,
      canShowInFolder: false,
    });
    await handlers['connection/activate']({ profileId: SANDBOX_PROFILE_ID });
    const { id: jobId } = await handlers['job/start']({ kind: 'import', spec });
    await waitFor(() => named('Quit app').length >= 6, 'the first creates');

    const app = fakeApp();
    guardQuit(app, () => core.close());
    expect(app.tryQuit()).toBe(false); // held while the job stops
    expect(app.tryQuit()).toBe(false); // and held again if the user insists
    await waitFor(() => app.quitCalls === 1, 'the quit to go through');
    expect(app.tryQuit()).toBe(true); // the app.quit() that follows is let through
    expect(await storedJob(dataDir, jobId)).toMatchObject({ state: 'stopped', stopReason: 'interrupted' });
    const journal = await readJournal(path.join(dataDir, 'jobs', jobId, 'journal.jsonl'));
    expect(journal.torn).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectQuiet();

    const next = await open();
    try {
      const nextHandlers = next.handlers(bridgeFileHandlers({ saveFolder: root, openable: next.openable }), {
        saveMode: 'folder',
        saveFolder: root,
        canShowInFolder: false,
      });
      await nextHandlers['connection/activate']({ profileId: SANDBOX_PROFILE_ID });
      await nextHandlers['job/resume']({ jobId });
      await waitFor(async () => (await storedJob(dataDir, jobId)).state === 'done', 'the job to finish');
      expectComplete('Quit app', await storedJob(dataDir, jobId));
    } finally {
      await next.close();
    }
  });

  it('a close that never ends does not keep the app from quitting', async () => {
    vi.useFakeTimers();
    try {
      const app = fakeApp();
      guardQuit(app, () => new Promise<void>(() => undefined), { timeoutMs: 15_000 });
      expect(app.tryQuit()).toBe(false);
      await vi.advanceTimersByTimeAsync(15_000);
      expect(app.quitCalls).toBe(1);
      expect(app.tryQuit()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('quits at once when no app core is running yet', () => {
    const app = fakeApp();
    guardQuit(app, () => null);
    expect(app.tryQuit()).toBe(true);
    expect(app.quitCalls).toBe(0);
  });
});
