import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main.ts';
import { deletedIds, lastSeq, readReport, recordingIo, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ organizations: 60 });
});
afterAll(() => h.close());

const connectionArgs = (): string[] => ['--base-url', h.sandbox.url, '--token', h.token];
const requestsSince = (seq: number): string[] =>
  h.sandbox.control.requestLog.filter((e) => e.seq > seq).map((e) => `${e.method} ${e.path.split('?')[0]}`);

describe('orgport delete', () => {
  it('without --yes prints the preview and deletes nothing', async () => {
    const io = recordingIo(h.env);
    const seq = lastSeq(h.sandbox);
    const code = await main(['delete', '--ids', '3, #4\n5 5 9999', ...connectionArgs()], io);
    expect(code).toBe(0);
    const name3 = h.sandbox.control.getOrganization(3)?.name ?? '?';
    expect(io.stdout).toMatch(/ID\s+NAME\s+OWNER\s+PEOPLE\s+OPEN DEALS\s+STATUS/);
    expect(io.stdout).toContain(name3.slice(0, 30));
    expect(io.stdout).toMatch(/9999\s+—.*not found \/ already deleted/);
    expect(io.stdout).toMatch(/4 IDs: 3 will be deleted, 1 not found or already deleted/);
    expect(io.stdout).toMatch(/Backup: .*backup-<job id>\.xlsx/);
    expect(io.stdout).toMatch(/restored in Pipedrive for 30 days/);
    expect(io.stderr).toMatch(
      /Nothing was deleted\. To delete these 3 organizations, run the same command with --yes/,
    );
    expect(io.stderr).toMatch(/1 repeated ID counted once/);
    expect(deletedIds(h.sandbox)).toEqual([]);
    expect(requestsSince(seq).filter((r) => r.startsWith('DELETE'))).toEqual([]);
  });

  it('refuses pasted IDs with junk, naming each bad token and where it is, before sending anything', async () => {
    const io = recordingIo(h.env);
    const seq = lastSeq(h.sandbox);
    const code = await main(
      ['delete', '--ids', '1,2,x7\n3,https://a.pipedrive.com/deal/4', '--yes', ...connectionArgs()],
      io,
    );
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/"x7" \(item 3, line 1, column 5\)/);
    expect(io.stderr).toMatch(
      /"https:\/\/a\.pipedrive\.com\/deal\/4" \(item 5, line 2, column 3\): a link to a deal/,
    );
    expect(requestsSince(seq)).toEqual([]);
    const none = recordingIo(h.env);
    expect(await main(['delete', '--yes', ...connectionArgs()], none)).toBe(2);
    expect(none.stderr).toMatch(/either --ids LIST or --from FILE/);
  });

  it('deletes from a file with existing, non-existent and already deleted IDs; those are reported, not failed', async () => {
    await h.client.deleteOrganization(20);
    const file = path.join(h.home, 'to-delete.csv');
    await writeFile(file, 'Name,Organization ID\nA,10\nB,11\nC,20\nD,777777\nE,12\nF,10\n');
    const io = recordingIo(h.env);
    const code = await main(['delete', '--from', file, '--yes', '--json', ...connectionArgs()], io);
    expect(io.stderr).toMatch(
      /Read 5 IDs from to-delete\.csv, column "Organization ID" \(1 repeated ID counted once\)/,
    );
    expect(code).toBe(0);
    const summary = JSON.parse(io.stdout) as {
      state: string;
      counts: Record<string, number>;
      jobId: string;
      reports: Array<{ label: string; path: string }>;
    };
    expect(summary).toMatchObject({
      state: 'done',
      counts: { deleted: 3, notFound: 2, skipped: 0, failed: 0 },
    });
    expect(deletedIds(h.sandbox)).toEqual([10, 11, 12, 20]);
    const job = await h.manager.store.load(summary.jobId);
    const report = await readReport(job.summary);
    expect(report.map((r) => [r.ID, r.Result])).toEqual([
      ['10', 'deleted'],
      ['11', 'deleted'],
      ['12', 'deleted'],
      ['20', 'not found / already deleted'],
      ['777777', 'not found / already deleted'],
    ]);
    expect(summary.reports.map((r) => r.label)).toEqual([
      'Backup of the organizations to delete (XLSX)',
      'Delete report (CSV)',
      'Delete summary',
    ]);
  });

  it('names the file, row and value of a cell that is not an ID, and sends nothing', async () => {
    const file = path.join(h.home, 'bad.csv');
    await writeFile(file, 'ID\n30\nthirty-one\n');
    const io = recordingIo(h.env);
    const seq = lastSeq(h.sandbox);
    expect(await main(['delete', '--from', file, '--yes', ...connectionArgs()], io)).toBe(2);
    expect(io.stderr).toContain('bad.csv, row 3, column "ID": "thirty-one" is not an organization ID');
    expect(requestsSince(seq)).toEqual([]);
  });

  it('with --yes prints the summary: counts, cost, path, backup, report and the 30-day note', async () => {
    const backup = path.join(h.home, 'my-backup.xlsx');
    const io = recordingIo(h.env);
    const code = await main(
      ['delete', '--ids', '40,41', '--backup', backup, '--yes', ...connectionArgs()],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/Deleted: 2\n/);
    expect(io.stdout).toMatch(/Token cost: \d+ API tokens/);
    expect(io.stdout).toMatch(/Delete path: v1 bulk delete/);
    expect(io.stdout).toContain(`Backup: ${backup} (2 organizations, all fields)`);
    expect(io.stdout).toMatch(/Report: .*delete-report-.*\.csv/);
    expect(io.stdout).toMatch(/restored in Pipedrive for 30 days/);
    // An existing backup is never overwritten.
    const again = recordingIo(h.env);
    expect(
      await main(['delete', '--ids', '42', '--backup', backup, '--yes', ...connectionArgs()], again),
    ).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(deletedIds(h.sandbox)).not.toContain(42);
  });
});
