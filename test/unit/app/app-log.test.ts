import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../shared/jobs.ts';
import type { InvokeHandlers } from '../../../shared/ipc.ts';
import {
  AppLog,
  countsText,
  formatLogLine,
  jobStateLine,
  logPaths,
  startAppLog,
} from '../../../electron/engine/app/app-log.ts';
import { ApiCallError } from '../../../electron/engine/app/dispatch.ts';
import { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../../electron/engine/jobs/core/job-store.ts';
import { PipedriveClient, registerSecret } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox } from '../../../electron/engine/sandbox/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orgport-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const AT = new Date('2026-11-28T12:00:00.000Z');

function summary(patch: Partial<JobSummary> = {}): JobSummary {
  return {
    id: 'job-1',
    kind: 'import',
    state: 'running',
    title: 'Import from orgs.csv',
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    counts: { created: 0, updated: 0, unchanged: 0, failed: 0, skipped: 0 },
    current: 0,
    total: 10,
    tokensSpent: 0,
    reports: [],
    connection: 'Sandbox — demo@example.com',
    ...patch,
  } as JobSummary;
}

describe('log lines', () => {
  it('are one line each, with time and level, and carry no credential', () => {
    registerSecret('0123456789abcdef0123456789abcdef01234567');
    const line = formatLogLine(
      AT,
      'error',
      'GET /v1/users?api_token=leaked-by-hand failed\n  at x\nwith 0123456789abcdef0123456789abcdef01234567',
    );
    expect(line).toBe(
      '2026-11-28T12:00:00.000Z ERROR GET /v1/users?api_token=[redacted] failed | at x | with [redacted]\n',
    );
  });

  it('name the counts that are not zero', () => {
    expect(countsText({ created: 3, updated: 0, unchanged: 1, failed: 2, skipped: 0 })).toBe(
      'created 3, unchanged 1, failed 2',
    );
    expect(countsText({ deleted: 0, notFound: 4, skipped: 0, failed: 0 })).toBe('not found 4');
    expect(countsText({ pages: 0, rows: 0 })).toBe('nothing');
  });

  it('follow a job through its life: started, paused, resumed, stopped, finished, failed', () => {
    expect(jobStateLine(summary(), undefined)?.message).toBe(
      'job job-1 (import) started: "Import from orgs.csv" on Sandbox — demo@example.com',
    );
    expect(jobStateLine(summary(), 'running')).toBeNull();
    expect(jobStateLine(summary({ state: 'paused' }), 'running')?.message).toBe('job job-1 (import) paused');
    expect(jobStateLine(summary(), 'paused')?.message).toBe('job job-1 (import) resumed');
    // A job resumed from disk is first seen running, with work already done.
    expect(jobStateLine(summary({ current: 4 }), undefined)?.message).toBe('job job-1 (import) resumed');
    expect(
      jobStateLine(
        summary({
          state: 'stopped',
          stopReason: 'budget',
          error: { kind: 'budget', message: 'The daily budget is used up.' },
        }),
        'running',
      ),
    ).toEqual({
      level: 'warn',
      message: 'job job-1 (import) stopped (budget), can be resumed: The daily budget is used up.',
    });
    expect(
      jobStateLine(
        summary({
          state: 'done',
          tokensSpent: 55,
          counts: { created: 8, updated: 2, unchanged: 0, failed: 1, skipped: 0 },
        }),
        'running',
      ),
    ).toEqual({
      level: 'info',
      message: 'job job-1 (import) finished: created 8, updated 2, failed 1; 55 API tokens',
    });
    expect(
      jobStateLine(
        summary({ state: 'failed', error: { kind: 'unexpected', message: 'The file is gone.' } }),
        'running',
      ),
    ).toEqual({ level: 'error', message: 'job job-1 (import) failed: The file is gone.' });
  });
});

describe('the log file', () => {
  it('rotates at its cap, keeping exactly one predecessor', async () => {
    const { file, previous } = logPaths(dir);
    const log = new AppLog({ file, maxBytes: 200, now: () => AT });
    // Each line is 48 bytes: 4 fit in 200.
    const lineOf = (n: number): string => `line ${String(n).padStart(3, '0')} ${'x'.repeat(7)}`;
    expect(formatLogLine(AT, 'info', lineOf(1))).toHaveLength(48);
    for (let n = 1; n <= 10; n++) log.write('info', lineOf(n));
    await log.flush();

    const current = await readFile(file, 'utf8');
    const older = await readFile(previous, 'utf8');
    expect(
      current
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(31, 39)),
    ).toEqual(['line 009', 'line 010']);
    expect(
      older
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(31, 39)),
    ).toEqual(['line 005', 'line 006', 'line 007', 'line 008']);
    expect((await stat(file)).size).toBeLessThanOrEqual(200);
    expect((await stat(previous)).size).toBeLessThanOrEqual(200);
  });

  it('picks up an existing file’s size after a restart', async () => {
    const { file, previous } = logPaths(dir);
    const first = new AppLog({ file, maxBytes: 100, now: () => AT });
    first.write('info', 'x'.repeat(40));
    await first.flush();
    const second = new AppLog({ file, maxBytes: 100, now: () => AT });
    second.write('info', 'y'.repeat(40));
    await second.flush();
    expect(await readFile(previous, 'utf8')).toContain('x'.repeat(40));
    expect(await readFile(file, 'utf8')).not.toContain('x'.repeat(40));
  });

  it('logs failed calls and hands the error back unchanged', async () => {
    const { file } = logPaths(dir);
    const log = new AppLog({ file, now: () => AT });
    const refused = new ApiCallError('not_connected', 'Connect to a company first.');
    const handlers = {
      'job/list': async () => {
        throw refused;
      },
      'job/get': async () => {
        throw new TypeError('cannot read x of undefined');
      },
      'connection/list': async () => [],
    } as unknown as InvokeHandlers;
    const watched = log.watchHandlers(handlers);
    await expect(watched['job/list'](undefined)).rejects.toBe(refused);
    await expect(watched['job/get']({ jobId: 'a' })).rejects.toThrow('cannot read x');
    await expect(watched['connection/list'](undefined)).resolves.toEqual([]);
    await log.flush();
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('WARN  call job/list failed (not_connected): Connect to a company first.');
    expect(lines[1]).toMatch(/ERROR call job\/get failed \(internal\): cannot read x of undefined \| at /);
  });

  it('never receives the token a job was given, even from an error that quotes it', async () => {
    const token = 'log-test-token-5b1e90c2d7a34f68';
    const sandbox = await startSandbox({ organizations: 2, tokens: [token] });
    try {
      type Env = { readonly client: PipedriveClient; readonly token: string };
      const manager = new JobManager<Env>(new JobStore(path.join(dir, 'jobs')));
      manager.register({
        kind: 'export',
        parseSpec: (raw) => raw as { out: string },
        createWorker: (_spec, env) => ({
          run: async () => {
            await env.client.getCurrentUser();
            // A careless error message: the redaction must catch it on the way into the log.
            throw new Error(`gave up with token ${env.token} (api_token=${env.token})`);
          },
        }),
      });
      const log = startAppLog({ dataDir: dir, version: '9.9.9', manager });
      const client = new PipedriveClient({ baseUrl: sandbox.url, auth: { kind: 'token', token } });
      // As in the app: a connection is tested (its token registered for redaction) before a job runs.
      await client.getCurrentUser();
      const run = await manager.start({
        kind: 'export',
        spec: { out: path.join(dir, 'x.csv'), apiToken: token },
        // Titles and labels come from user input; one that quotes the token must not leak it either.
        title: `Export to ${token}.csv`,
        connection: 'Sandbox — demo',
        env: { client, token },
      });
      const ended = await run.done;
      expect(ended.state).toBe('failed');
      await log.close();

      const text = await readFile(logPaths(dir).file, 'utf8');
      expect(text).toContain('Orgport 9.9.9 started');
      expect(text).toContain(`job ${run.id} (export) started: "Export to [redacted].csv"`);
      expect(text).toContain(`job ${run.id} (export) failed: `);
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(token);
      expect(text).not.toContain(encodeURIComponent(token));
    } finally {
      await sandbox.close();
    }
  });
});
