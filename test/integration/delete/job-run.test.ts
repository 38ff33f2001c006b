/**
 * The delete job run by the job manager against the sandbox: the two delete paths and their token
 * cost, faults, a row that fails, the account check, the budget stop, and pause / resume / cancel.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jobExitCode, type JobProgress } from '../../../shared/jobs.ts';
import { previewDelete } from '../../../electron/engine/delete/preview.ts';
import {
  deletedIds,
  lastSeq,
  loggedCost,
  readReport,
  reportPath,
  runDelete,
  startHarness,
} from './harness.ts';

const V1 = /^\/v1\/organizations\?/;
const V2 = /^\/api\/v2\/organizations\/\d+$/;

describe('bulk endpoint present and absent', () => {
  it('give the same result, and the token cost matches the path taken', async () => {
    const outcomes: unknown[] = [];
    for (const bulkDeleteEnabled of [true, false]) {
      // Same seed, same data: only the endpoint differs.
      const h = await startHarness({ organizations: 200, bulkDeleteEnabled });
      try {
        await h.client.deleteOrganization(8);
        const ids = [...Array.from({ length: 150 }, (_, i) => i + 10), 8, 99_999];
        const preview = await previewDelete(h.client, ids);
        expect(preview.idsToDelete).toHaveLength(150);
        const seq = lastSeq(h.sandbox);
        const account = { companyId: h.sandbox.control.currentUser().company_id };
        const summary = await runDelete(h, { ids: [...preview.idsToDelete], confirmedCount: 150, account });
        expect(summary).toMatchObject({ state: 'done', counts: { deleted: 150, notFound: 0, failed: 0 } });

        const log = h.sandbox.control.requestLog.filter((e) => e.seq > seq && e.method === 'DELETE');
        const v1 = log.filter((e) => V1.test(e.path));
        const v2 = log.filter((e) => V2.test(e.path));
        const summaryText = await readFile(reportPath(summary, /summary/), 'utf8');
        if (bulkDeleteEnabled) {
          expect(v1.map((e) => [e.status, e.cost])).toEqual([[200, 10]]);
          expect(v2).toEqual([]);
          expect(summary.tokensSpent).toBe(loggedCost(h.sandbox, seq));
          expect(summary.tokensSpent).toBe(preview.cost.totalV1);
          expect(summaryText).toMatch(/Delete path: v1 bulk delete/);
        } else {
          // One v1 attempt finds the endpoint gone (404, nothing charged), then every ID goes through v2.
          expect(v1.map((e) => [e.status, e.cost])).toEqual([[404, 0]]);
          expect(v2).toHaveLength(150);
          expect(v2.every((e) => e.status === 200 && e.cost === 3)).toBe(true);
          expect(loggedCost(h.sandbox, seq)).toBe(preview.cost.totalV2);
          // The client counts the refused v1 call at its listed cost (whether Pipedrive charges a 404
          // is unconfirmed, so the job never under-reports); that is the only difference.
          expect(summary.tokensSpent).toBe(preview.cost.totalV2 + 10);
          expect(summaryText).toMatch(/Delete path: v2 per-organization deletes/);
        }
        expect(summaryText).toContain(
          `Token cost: ${summary.tokensSpent.toLocaleString('en-US')} API tokens`,
        );
        const report = await readReport(summary);
        outcomes.push({
          deleted: deletedIds(h.sandbox),
          report: report.map((r) => [r.ID, r.Name, r.Result]),
        });
      } finally {
        await h.close();
      }
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
  });
});

describe('the v1 bulk delete', () => {
  it('takes at most 1,000 IDs a call, each call announced in the journal first', async () => {
    const h = await startHarness({ organizations: 1100 });
    try {
      const ids = Array.from({ length: 1040 }, (_, i) => i + 30);
      const seq = lastSeq(h.sandbox);
      const summary = await runDelete(h, { ids, confirmedCount: ids.length });
      expect(summary).toMatchObject({ state: 'done', counts: { deleted: 1040 } });
      const calls = h.sandbox.control.requestLog.filter((e) => e.seq > seq && V1.test(e.path));
      const sizes = calls.map((e) => new URLSearchParams(e.path.split('?')[1]).get('ids')?.split(',').length);
      expect(sizes).toEqual([1000, 40]);
      expect(deletedIds(h.sandbox)).toEqual(ids);
      const journal = (await readFile(h.manager.store.paths(summary.id).journal, 'utf8')).trim().split('\n');
      const groupLines = journal
        .map((l) => JSON.parse(l) as { i: unknown; intent?: string; outcome?: string })
        .filter((l) => String(l.i).startsWith('group:'));
      expect(groupLines.map((l) => [l.i, l.intent ?? l.outcome])).toEqual([
        ['group:0', 'delete'],
        ['group:0', 'closed'],
        ['group:1', 'delete'],
        ['group:1', 'closed'],
      ]);
    } finally {
      await h.close();
    }
  });
});

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('faults', () => {
  for (const bulkDeleteEnabled of [true, false]) {
    it(`5xx, dropped connections and lost responses (${bulkDeleteEnabled ? 'v1 bulk' : 'v2 per ID'}): every organization deleted once, none reported wrongly`, async () => {
      const h = await startHarness({
        organizations: 150,
        bulkDeleteEnabled,
        serverErrorRate: 0.07,
        dropRate: 0.07,
        lostResponseRate: 0.07,
        seed: bulkDeleteEnabled ? 3 : 4,
      });
      try {
        if (bulkDeleteEnabled) {
          // Few requests go out on this path, so the faults are also queued to be sure each kind hits:
          // a 503, then a bulk delete applied with its answer lost, and a listing dropped.
          const bulk = (method: string, path: string): boolean =>
            method === 'DELETE' && path === '/v1/organizations';
          h.sandbox.control.injectFault({ kind: 'serverError', status: 503, match: bulk });
          h.sandbox.control.injectFault({ kind: 'lostResponse', match: bulk });
          h.sandbox.control.injectFault({
            kind: 'drop',
            match: (method, path) => method === 'GET' && path === '/api/v2/organizations',
          });
        }
        const ids = range(20, 90);
        const summary = await runDelete(h, { ids, confirmedCount: ids.length });
        expect(summary).toMatchObject({
          state: 'done',
          counts: { deleted: 90, notFound: 0, skipped: 0, failed: 0 },
        });
        expect(deletedIds(h.sandbox)).toEqual(ids);
        const report = await readReport(summary);
        expect(report.map((r) => [Number(r.ID), r.Result])).toEqual(ids.map((id) => [id, 'deleted']));
        const stats = h.sandbox.control.stats();
        // The faults really happened (the sandbox's seeded sequence), so this run exercised the retries.
        expect(stats.serverErrors).toBeGreaterThan(0);
        expect(stats.dropped).toBeGreaterThan(0);
        expect(stats.lostResponses).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    });
  }

  it('a delete that keeps failing is reported with its reason; the others are deleted', async () => {
    const h = await startHarness({ organizations: 40, bulkDeleteEnabled: false });
    try {
      h.sandbox.control.injectFault({
        kind: 'serverError',
        status: 503,
        count: 50,
        match: (method, path) => method === 'DELETE' && path === '/api/v2/organizations/12',
      });
      const ids = [10, 11, 12, 13];
      const summary = await runDelete(h, { ids, confirmedCount: 4 });
      expect(summary).toMatchObject({ state: 'done', counts: { deleted: 3, failed: 1 } });
      expect(jobExitCode(summary)).toBe(1);
      expect(deletedIds(h.sandbox)).toEqual([10, 11, 13]);
      const failed = (await readReport(summary)).find((r) => r.ID === '12');
      expect(failed).toMatchObject({
        Result: 'failed',
        Reason: expect.stringMatching(/server error.*HTTP 503/),
      });
    } finally {
      await h.close();
    }
  });

  it('a vanished bulk endpoint whose first answer was a 5xx is not mistaken for a done delete', async () => {
    // The retry after the 503 gets the 404 of the missing endpoint, which alone reads like "already gone".
    const h = await startHarness({ organizations: 30, bulkDeleteEnabled: false });
    try {
      h.sandbox.control.injectFault({
        kind: 'serverError',
        status: 503,
        match: (method, path) => method === 'DELETE' && path === '/v1/organizations',
      });
      const ids = [3, 4, 5];
      const summary = await runDelete(h, { ids, confirmedCount: 3 });
      expect(summary).toMatchObject({ state: 'done', counts: { deleted: 3, failed: 0 } });
      expect(deletedIds(h.sandbox)).toEqual(ids);
    } finally {
      await h.close();
    }
  });

  it('refuses to delete in another company than the one the delete was confirmed for', async () => {
    const h = await startHarness({ organizations: 20 });
    try {
      const summary = await runDelete(h, {
        ids: [1, 2],
        confirmedCount: 2,
        account: { companyId: 42, companyName: 'Other Ltd' },
      });
      expect(summary.state).toBe('stopped');
      expect(summary.error?.message).toMatch(
        /confirmed for Other Ltd \(company 42\), but the connection is to Orgport Sandbox Ltd/,
      );
      expect(deletedIds(h.sandbox)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('stops resumably when the daily budget runs out, and resumes without redoing anything', async () => {
    const h = await startHarness({ organizations: 60, bulkDeleteEnabled: false });
    try {
      const ids = range(5, 40);
      // Enough for the checks, the backup and some deletes, not all of them.
      h.sandbox.control.setOptions({ dailyBudget: h.sandbox.control.stats().tokensSpentToday + 120 });
      const stopped = await runDelete(h, { ids, confirmedCount: ids.length });
      expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'budget' });
      const partly = deletedIds(h.sandbox);
      expect(partly.length).toBeGreaterThan(0);
      expect(partly.length).toBeLessThan(ids.length);
      expect((await readReport(stopped)).filter((r) => r.Result === 'not processed yet').length).toBe(
        ids.length - partly.length,
      );

      h.sandbox.control.resetDailyBudget();
      h.sandbox.control.setOptions({ dailyBudget: 300_000 });
      const seq = h.sandbox.control.requestLog.at(-1)?.seq ?? 0;
      const resumed = await h.manager.resumeStopped(stopped.id, {
        connection: h.connection,
        label: 'Sandbox (test)',
      });
      const done = await resumed.done;
      expect(done).toMatchObject({ state: 'done', counts: { deleted: 40, notFound: 0, failed: 0 } });
      expect(deletedIds(h.sandbox)).toEqual(ids);
      const again = h.sandbox.control.requestLog
        .filter((e) => e.seq > seq && e.method === 'DELETE')
        .map((e) => Number(e.path.split('/').pop()));
      expect(again.filter((id) => partly.includes(id))).toEqual([]);
      expect((await readReport(done)).every((r) => r.Result === 'deleted')).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('pause, resume and cancel', () => {
  it('pauses and resumes a delete, then cancels it; the report says exactly what was deleted', async () => {
    // A burst limit of 40 per 2 s paces the v2 deletes so there is time to act in the middle.
    const h = await startHarness({ organizations: 80, bulkDeleteEnabled: false, burst: 40 });
    try {
      const ids = Array.from({ length: 60 }, (_, i) => i + 10);
      const seen: JobProgress[] = [];
      let reached: (() => void) | undefined;
      let target = 5;
      h.manager.onProgress((_id, progress) => {
        seen.push(progress);
        if (progress.kind === 'delete' && progress.counts.deleted >= target) reached?.();
      });
      const atLeast = (n: number): Promise<void> =>
        new Promise((resolve) => {
          target = n;
          reached = resolve;
        });

      const firstFive = atLeast(5);
      const run = await h.manager.start({
        kind: 'delete',
        spec: { ids, confirmedCount: ids.length },
        title: 'Delete (test)',
        connection: 'Sandbox (test)',
        env: { connection: h.connection, label: 'Sandbox (test)' },
      });
      await firstFive;
      h.manager.pause(run.id);
      expect(run.summary.state).toBe('paused');
      const tenMore = atLeast(15);
      h.manager.resume(run.id);
      await tenMore;
      const summary = await h.manager.cancel(run.id);

      expect(summary.state).toBe('cancelled');
      const deleted = deletedIds(h.sandbox);
      expect(deleted.length).toBeGreaterThanOrEqual(15);
      expect(deleted.length).toBeLessThan(ids.length);
      const report = await readReport(summary);
      expect(report.filter((r) => r.Result === 'deleted').map((r) => Number(r.ID))).toEqual(deleted);
      expect(report.filter((r) => r.Result === 'not processed yet').length).toBe(ids.length - deleted.length);

      // Progress went backup → deleting, and never backwards within a phase.
      const phases = seen.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
      expect(phases).toEqual(['backup', 'deleting']);
      const deleting = seen.filter((p) => p.phase === 'deleting').map((p) => p.current);
      expect(deleting).toEqual([...deleting].sort((a, b) => a - b));
    } finally {
      await h.close();
    }
  });
});
