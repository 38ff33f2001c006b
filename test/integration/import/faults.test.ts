import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipedriveClient, resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import type { RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import {
  connectionTo,
  fastSandbox,
  nameCounts,
  readCsv,
  reportPath,
  runImportJob,
  specFor,
  temp,
  writeCsv,
} from './helpers.ts';

let sandbox: RunningSandbox;
let home: string;
let dir: string;

beforeEach(async () => {
  resetConnectionStates();
  home = await temp.dir('orgport-home-');
  dir = await temp.dir();
});
afterEach(async () => {
  await sandbox.close();
  await temp.cleanup();
});

/** Short backoffs for this identity (the first client made for it sets the governor's tuning). */
function quickRetries(): void {
  new PipedriveClient(connectionTo(sandbox), { governor: { backoffBaseMs: 20, backoffCapMs: 200 } });
}

describe('an import under injected faults (5xx, dropped connections, responses lost after the change)', () => {
  it('creates every row exactly once, and the reports agree with Pipedrive', async () => {
    sandbox = await fastSandbox({ seed: 7, serverErrorRate: 0.04, dropRate: 0.04, lostResponseRate: 0.04 });
    quickRetries();
    const rows = Array.from({ length: 150 }, (_, i) => [`Faulty ${i + 1}`, String(i + 1)]);
    const file = await writeCsv(dir, 'faulty.csv', [['Name', 'Number of employees'], ...rows]);
    const summary = await runImportJob(home, sandbox, await specFor(sandbox, file, { mode: 'create' }));

    expect(summary.state).toBe('done');
    const stats = sandbox.control.stats();
    expect(stats.serverErrors + stats.dropped + stats.lostResponses).toBeGreaterThan(10);
    const names = nameCounts(sandbox);
    const succeeded = (await readCsv(reportPath(summary, 'Succeeded rows') ?? '')).slice(1);
    const failed = reportPath(summary, 'Failed rows');
    const failedRows = failed ? (await readCsv(failed)).slice(1) : [];
    expect(succeeded.length + failedRows.length).toBe(150);
    expect(summary.counts).toMatchObject({ created: succeeded.length });
    for (const [name, employees, id] of succeeded) {
      expect(names.get(name ?? '')).toBe(1);
      const org = sandbox.control.getOrganization(Number(id));
      expect(org?.name).toBe(name);
      expect(org?.employee_count).toBe(Number(employees));
    }
    for (const [name] of failedRows) expect(names.has(name ?? '')).toBe(false);
    expect(sandbox.control.organizations()).toHaveLength(succeeded.length);
    // Some creates were applied but their answer lost: found and adopted, not sent again.
    expect(succeeded.filter((r) => r[3]?.startsWith('created (confirmed')).length).toBeGreaterThan(0);
  });

  it('upserts: every existing row updated once, every new one created once', async () => {
    sandbox = await fastSandbox({ seed: 8, serverErrorRate: 0.05, dropRate: 0.04, lostResponseRate: 0.05 });
    sandbox.control.addOrganizations(
      Array.from({ length: 50 }, (_, i) => ({ name: `Existing ${i}`, employee_count: i })),
    );
    quickRetries();
    const rows = [
      ...Array.from({ length: 50 }, (_, i) => [`Existing ${i}`, String(1000 + i)]),
      ...Array.from({ length: 50 }, (_, i) => [`Fresh ${i}`, String(2000 + i)]),
    ];
    const file = await writeCsv(dir, 'upsert.csv', [['Name', 'Number of employees'], ...rows]);
    const spec = await specFor(sandbox, file, { mode: 'upsert', match: { kind: 'field', key: 'name' } });
    const summary = await runImportJob(home, sandbox, spec);

    expect(summary.state).toBe('done');
    expect(summary.counts).toMatchObject({ updated: 50, created: 50, failed: 0 });
    const orgs = sandbox.control.organizations();
    expect(orgs).toHaveLength(100);
    const byName = new Map(orgs.map((o) => [o.name, o]));
    for (const [name, employees] of rows)
      expect(byName.get(name ?? '')?.employee_count).toBe(Number(employees));
  });
});
