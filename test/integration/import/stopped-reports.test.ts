import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '../../../shared/jobs.ts';
import type { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import type { ImportJobEnv } from '../../../electron/engine/jobs/import/import-job.ts';
import { PipedriveClient, resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import { connectionTo, importManager, readCsv, specFor, temp, writeCsv } from './helpers.ts';

// A job that ends early (cancel, budget stop, pause then cancel, a fatal error) still writes its
// reports: every row of the file is in exactly one of failed / succeeded / not attempted, the
// succeeded rows carry the IDs the sandbox holds, and a create cut off on its way says it may exist.

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

const ROWS = 40;
/** Row 5 of the data (file row 6) has no name: it fails in the plan, before anything is sent. */
const NAMELESS_REF = 'R5';

async function fileOf(rows = ROWS): Promise<string> {
  const data = Array.from({ length: rows }, (_, i) => [i + 1 === 5 ? '' : `Stop Org ${i + 1}`, `R${i + 1}`]);
  return writeCsv(dir, 'stop.csv', [['Name', 'Ref'], ...data]);
}

interface Reports {
  failed: string[][];
  succeeded: string[][];
  notAttempted: string[][];
}

async function reportsOf(summary: JobSummary): Promise<Reports> {
  const read = async (label: string): Promise<string[][]> => {
    const file = summary.reports.find((r) => r.label === label)?.path;
    if (file === undefined) return [];
    expect(existsSync(file)).toBe(true);
    const [header, ...rows] = await readCsv(file);
    expect(header?.slice(0, 2)).toEqual(['Name', 'Ref']);
    return rows;
  };
  return {
    failed: await read('Failed rows'),
    succeeded: await read('Succeeded rows'),
    notAttempted: await read('Rows not attempted'),
  };
}

/** Every row in exactly one report; succeeded IDs are the sandbox's; sandbox extras are "may exist". */
function checkCoverage(reports: Reports, rows = ROWS): void {
  const refs = [...reports.failed, ...reports.succeeded, ...reports.notAttempted].map((r) => r[1]);
  expect(refs.sort()).toEqual(Array.from({ length: rows }, (_, i) => `R${i + 1}`).sort());
  expect(reports.failed.map((r) => r[1])).toEqual([NAMELESS_REF]);
  // Failed and not-attempted rows carry their file row number (data row n is file row n + 1).
  for (const row of [...reports.failed, ...reports.notAttempted]) {
    expect(row[2]).toBe(String(Number(row[1]?.slice(1)) + 1));
  }
  const orgs = new Map(sandbox.control.organizations().map((o) => [o.name, o.id]));
  for (const row of reports.succeeded) {
    expect(row[3]).toBe('created');
    expect(Number(row[2])).toBe(orgs.get(row[0] ?? ''));
  }
  const succeededNames = new Set(reports.succeeded.map((r) => r[0]));
  const mayExist = new Set(
    reports.notAttempted.filter((r) => /may already exist/.test(r[3] ?? '')).map((r) => r[0]),
  );
  for (const name of orgs.keys()) expect(succeededNames.has(name) || mayExist.has(name)).toBe(true);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function start(manager: JobManager<ImportJobEnv>, file: string, mode: 'create' | 'upsert' = 'create') {
  const spec = await specFor(sandbox, file, {
    mode,
    ...(mode === 'upsert' ? { match: { kind: 'field' as const, key: 'name' } } : {}),
  });
  return manager.start({
    kind: 'import',
    spec,
    title: 'stop test',
    connection: 'Sandbox',
    env: { connection: connectionTo(sandbox), label: 'Sandbox' },
  });
}

describe('reports of an import that ends early', () => {
  it('a cancelled job reports what it did and lists the rows it never sent', async () => {
    // 10 requests a second: the job is still sending when it is cancelled.
    sandbox = await startSandbox({ organizations: 0, burst: 20, latencyMs: 20 });
    const manager = importManager(home);
    const run = await start(manager, await fileOf());
    await waitFor(() => sandbox.control.organizations().length >= 8);
    const summary = await manager.cancel(run.id);
    expect(summary.state).toBe('cancelled');
    const reports = await reportsOf(summary);
    checkCoverage(reports);
    expect(reports.notAttempted.length).toBeGreaterThan(0);
    for (const row of reports.notAttempted) expect(row[3]).toMatch(/cancelled/);
    expect(
      reports.notAttempted.some((r) => /^Not attempted: the import was cancelled/.test(r[3] ?? '')),
    ).toBe(true);
  }, 60_000);

  it('a budget stop reports too; the finishing resume rewrites them and drops "not attempted"', async () => {
    sandbox = await startSandbox({ organizations: 0, burst: 100_000 });
    const manager = importManager(home);
    const file = await fileOf();
    const spec = await specFor(sandbox, file, { mode: 'create' });
    // The job's field list (10 tokens) and 12 creates (5 each), then the budget is gone.
    sandbox.control.setOptions({ dailyBudget: 70 });
    sandbox.control.resetDailyBudget();
    const env = { connection: connectionTo(sandbox), label: 'Sandbox' };
    const run = await manager.start({ kind: 'import', spec, title: 'budget', connection: 'Sandbox', env });
    const stopped = await run.done;
    expect(stopped).toMatchObject({ state: 'stopped', stopReason: 'budget' });
    const first = await reportsOf(stopped);
    checkCoverage(first);
    expect(first.succeeded).toHaveLength(12);
    expect(first.notAttempted).toHaveLength(ROWS - 13);
    for (const row of first.notAttempted) expect(row[3]).toMatch(/daily API token budget.*Resume the job/);
    const notAttemptedFile = stopped.reports.find((r) => r.label === 'Rows not attempted')?.path ?? '';

    sandbox.control.setOptions({ dailyBudget: 100_000 });
    sandbox.control.resetDailyBudget();
    const done = await (await manager.resumeStopped(run.id, env)).done;
    expect(done.state).toBe('done');
    expect(done.reports.map((r) => r.label).sort()).toEqual(['Failed rows', 'Succeeded rows']);
    expect(existsSync(notAttemptedFile)).toBe(false);
    const last = await reportsOf(done);
    checkCoverage(last);
    expect(last.succeeded).toHaveLength(ROWS - 1);
    expect(sandbox.control.organizations()).toHaveLength(ROWS - 1);
  }, 60_000);

  it('a paused job that is then cancelled reports the rows done before the pause', async () => {
    sandbox = await startSandbox({ organizations: 0, burst: 20, latencyMs: 20 });
    const manager = importManager(home);
    const run = await start(manager, await fileOf());
    await waitFor(() => sandbox.control.organizations().length >= 5);
    manager.pause(run.id);
    // Requests in flight at the pause finish and are journaled; then the cancel.
    let seen = -1;
    await waitFor(() => {
      const now = sandbox.control.organizations().length;
      const settled = now === seen;
      seen = now;
      return settled && run.summary.current === now + 1;
    });
    const summary = await manager.cancel(run.id);
    expect(summary.state).toBe('cancelled');
    const reports = await reportsOf(summary);
    checkCoverage(reports);
    // Nothing was on its way at the cancel: what the sandbox holds is exactly the succeeded report.
    expect(reports.succeeded).toHaveLength(sandbox.control.organizations().length);
    expect(reports.notAttempted).toHaveLength(ROWS - 1 - reports.succeeded.length);
  }, 60_000);

  it('a job that fails (organizations cannot be listed) lists every row as not attempted', async () => {
    sandbox = await startSandbox({ organizations: 0, burst: 100_000 });
    // Quick retries, so the 500s exhaust them fast (the first client of a connection sets the tuning).
    new PipedriveClient(connectionTo(sandbox), { governor: { backoffBaseMs: 5, backoffCapMs: 20 } });
    const manager = importManager(home);
    const file = await fileOf(10);
    const spec = await specFor(sandbox, file, { mode: 'upsert', match: { kind: 'field', key: 'name' } });
    sandbox.control.injectFault({
      kind: 'serverError',
      count: 1000,
      match: (method, path) => method === 'GET' && path === '/api/v2/organizations',
    });
    const run = await manager.start({
      kind: 'import',
      spec,
      title: 'fails',
      connection: 'Sandbox',
      env: { connection: connectionTo(sandbox), label: 'Sandbox' },
    });
    const summary = await run.done;
    expect(summary.state).toBe('failed');
    const reports = await reportsOf(summary);
    expect(reports.succeeded).toHaveLength(0);
    expect(reports.failed).toHaveLength(0);
    expect(reports.notAttempted.map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => `R${i + 1}`));
    for (const row of reports.notAttempted) expect(row[3]).toMatch(/^Not attempted: the import failed \(/);
    expect(sandbox.control.organizations()).toHaveLength(0);
  }, 60_000);
});
