import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main.ts';
import type { StoredJob } from '../../../electron/engine/jobs/core/job-store.ts';
import { deletedIds, lastSeq, readReport, recordingIo, startHarness, type Harness } from './harness.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

/** Starts `orgport delete --yes` in a child process against the harness's sandbox. */
function startChild(h: Harness, ids: ReadonlyArray<number>): ChildProcess {
  const args = [
    'bin/orgport.mjs',
    'delete',
    '--ids',
    ids.join(','),
    '--yes',
    '--base-url',
    h.sandbox.url,
    '--token',
    h.token,
  ];
  return spawn(process.execPath, args, {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', ORGPORT_HOME: h.home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** Waits until the job's journal has lines `enough` accepts, then returns them. */
async function waitForJournal(
  h: Harness,
  enough: (lines: Array<Record<string, unknown>>) => boolean,
): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const jobs = await readdir(path.join(h.home, 'jobs')).catch(() => []);
    const job = jobs[0];
    if (job !== undefined) {
      const text = await readFile(path.join(h.home, 'jobs', job, 'journal.jsonl'), 'utf8').catch(() => '');
      const lines = text
        .split('\n')
        .filter((l) => l.endsWith('}'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      if (enough(lines)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the child never got that far');
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

async function onlyJob(h: Harness): Promise<StoredJob> {
  const jobs = await h.manager.store.list();
  expect(jobs).toHaveLength(1);
  return jobs[0] as StoredJob;
}

async function resume(h: Harness): Promise<{ code: number; stderr: string }> {
  const io = recordingIo(h.env);
  const code = await main(['resume', '--base-url', h.sandbox.url, '--token', h.token], io);
  return { code, stderr: io.stderr };
}

describe('killed mid-delete (SIGKILL), then resumed', () => {
  it('v1: a bulk call that landed after the kill is found on resume, not sent again', async () => {
    // The sandbox takes 15 ms per ID to answer the bulk call, and applies it even if the caller is gone.
    const h = await startHarness({ organizations: 80, bulkDeleteMsPerId: 15 });
    try {
      const ids = range(10, 60);
      // A queued fault that never fires, used only to learn when the bulk call reaches the sandbox.
      let arrived = false;
      h.sandbox.control.injectFault({
        kind: 'serverError',
        match: (method, path) => {
          if (method === 'DELETE' && path === '/v1/organizations') arrived = true;
          return false;
        },
      });
      const child = startChild(h, ids);
      const until = Date.now() + 40_000;
      while (!arrived && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(arrived).toBe(true);
      await kill(child);
      const deadline = Date.now() + 20_000;
      while (deletedIds(h.sandbox).length < ids.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(deletedIds(h.sandbox)).toEqual(ids);

      const seq = lastSeq(h.sandbox);
      const resumed = await resume(h);
      expect(resumed.code).toBe(0);
      const sent = h.sandbox.control.requestLog.filter((e) => e.seq > seq && e.method === 'DELETE');
      expect(sent).toEqual([]);
      const job = await onlyJob(h);
      expect(job.summary).toMatchObject({ state: 'done', counts: { deleted: 60, notFound: 0, failed: 0 } });
      const report = await readReport(job.summary);
      expect(report.map((r) => [Number(r.ID), r.Result])).toEqual(ids.map((id) => [id, 'deleted']));
      expect(report.every((r) => r.Name !== '')).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('v2: what was deleted is not deleted again, and nothing is skipped', async () => {
    // A burst limit of 40 per 2 s paces the deletes, so the kill lands in the middle of them.
    const h = await startHarness({ organizations: 100, bulkDeleteEnabled: false, burst: 40 });
    try {
      const ids = range(5, 40);
      const child = startChild(h, ids);
      await waitForJournal(h, (lines) => lines.filter((l) => l['outcome'] === 'deleted').length >= 8);
      await kill(child);
      // Let the sandbox finish with whatever reached it before the kill.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = deletedIds(h.sandbox);
      expect(before.length).toBeGreaterThanOrEqual(8);
      expect(before.length).toBeLessThan(ids.length);

      const seq = lastSeq(h.sandbox);
      const resumed = await resume(h);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/Resuming/);
      expect(deletedIds(h.sandbox)).toEqual(ids);
      const sent = h.sandbox.control.requestLog
        .filter((e) => e.seq > seq && e.method === 'DELETE' && /^\/api\/v2\//.test(e.path))
        .map((e) => ({ id: Number(e.path.split('/').pop()), status: e.status }));
      // Only the ones still there were sent, each once, and each was there to delete.
      expect(sent.map((s) => s.id).sort((a, b) => a - b)).toEqual(ids.filter((id) => !before.includes(id)));
      expect(sent.every((s) => s.status === 200)).toBe(true);
      const job = await onlyJob(h);
      expect(job.summary).toMatchObject({ state: 'done', counts: { deleted: 40, notFound: 0, failed: 0 } });
      const report = await readReport(job.summary);
      expect(report.map((r) => [Number(r.ID), r.Result])).toEqual(ids.map((id) => [id, 'deleted']));
    } finally {
      await h.close();
    }
  });
});
