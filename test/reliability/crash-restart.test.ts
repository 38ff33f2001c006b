/**
 * Crash and restart (issue 8): every job kind is killed with SIGKILL at drawn points of its run — a
 * child process run, killed, resumed in a new child, killed again… — and must end with nothing lost,
 * nothing done twice, reports that match the sandbox, a journal that is never damaged, and torn last
 * lines recovered. The sandbox lives in this process, so it outlives every kill and its state can be
 * compared with the intended one. `ORGPORT_CRASH_SEED` replays a run's draws.
 */
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unguardFormula } from '../../shared/formula-guard.ts';
import { readJournal } from '../../electron/engine/jobs/core/journal.ts';
import type { StoredJob } from '../../electron/engine/jobs/core/job-store.ts';
import { startSandbox, type RunningSandbox } from '../../electron/engine/sandbox/index.ts';
import { specFor, writeCsv } from '../integration/import/helpers.ts';
import { bundleChild, crashSeed, SeededRandom, type ChildBundle } from './crash-bundle.ts';
import { isPartial, killChain } from './crash-chain.ts';
import { PhaseTally, RequestTap, type JobChain } from './crash-harness.ts';
import { BETWEEN_PAGES, deleteStrategy, exportStrategy, importStrategy } from './crash-strategies.ts';

const KILLS_PER_KIND = 20;
// About a minute on an idle 2-core machine; the bound only keeps a machine loaded by other work from
// failing the test, it is no measure of speed.
const TIMEOUT_MS = 600_000;
const seed = crashSeed();
let bundle: ChildBundle;
let root: string;
const sandboxes: RunningSandbox[] = [];
let chains = 0;

beforeAll(async () => {
  console.log(`crash-restart: seed ${seed} (ORGPORT_CRASH_SEED=${seed} replays these draws)`);
  root = await mkdtemp(path.join(os.tmpdir(), 'orgport-crash-'));
  bundle = await bundleChild();
});

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
  await bundle?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A sandbox in this process: no pacing, a few milliseconds of latency so requests overlap kills. */
async function sandboxWith(organizations: number): Promise<{ sandbox: RunningSandbox; tap: RequestTap }> {
  const sandbox = await startSandbox({
    organizations,
    burst: 100_000,
    latencyMs: 1,
    latencyJitterMs: 6,
    seed,
  });
  sandboxes.push(sandbox);
  return { sandbox, tap: new RequestTap(sandbox) };
}

async function newChain(start: JobChain['start']): Promise<JobChain> {
  chains += 1;
  const home = path.join(root, `chain-${chains}`);
  await mkdir(home);
  return { home, token: `crash-token-${chains}`, start };
}

function report(kind: string, tally: PhaseTally, extra: string[] = []): void {
  console.log(
    [
      `crash-restart ${kind}: ${tally.kills} kills before the end, ${tally.torn} torn lines written and recovered, ${tally.tornByKills} torn by the kills`,
      ...tally.lines(),
      ...extra,
    ].join('\n'),
  );
}

async function readCsvObjects(file: string): Promise<Array<Record<string, string>>> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

function reportFile(job: StoredJob, label: RegExp): string {
  const found = job.summary.reports.find((r) => label.test(r.label));
  if (!found) throw new Error(`no report ${label} in ${job.summary.reports.map((r) => r.label).join(', ')}`);
  return found.path;
}

/** The journal at the end: intact, no torn tail left, every announced request settled. */
async function expectCleanJournal(job: StoredJob): Promise<void> {
  const journal = await readJournal(job.paths.journal);
  expect(journal.torn).toBeNull();
  expect([...journal.openIntents.keys()]).toEqual([]);
}

// The kinds run side by side (each child is one busy core; the test process mostly waits), each with
// its own sandbox, data folders and draws, so a kind's draws stay the same whatever the others do.
describe.concurrent('jobs killed (SIGKILL) at random points and resumed', () => {
  it(
    'import, create and upsert: every row in Pipedrive exactly once, reports match',
    async () => {
      const rng = new SeededRandom(seed ^ 0x1111);
      const { sandbox, tap } = await sandboxWith(0);
      const tallies = { create: new PhaseTally(), upsert: new PhaseTally() };
      const target = KILLS_PER_KIND / 2;
      const rows = 30;
      for (let n = 0; tallies.create.kills < target || tallies.upsert.kills < target; n += 1) {
        const mode =
          tallies.create.kills < target && (n % 2 === 0 || tallies.upsert.kills >= target)
            ? 'create'
            : 'upsert';
        const prefix = `${mode} ${n}:`;
        const dir = await mkdtemp(path.join(root, 'in-'));
        const wanted = Array.from({ length: rows }, (_, k) => ({
          name: `${prefix} org ${k + 1}`,
          count: (k + 1) * 10,
        }));
        // Upsert: every other row is there already (with other figures), and one organization is not in the file.
        const existing = mode === 'upsert' ? wanted.filter((_, k) => k % 2 === 0) : [];
        const seeded = sandbox.control.addOrganizations([
          ...existing.map((w) => ({ name: w.name, employee_count: 1 })),
          ...(mode === 'upsert' ? [{ name: `${prefix} untouched`, employee_count: 7 }] : []),
        ]);
        const file = await writeCsv(dir, 'orgs.csv', [
          ['Name', 'Number of employees'],
          ...wanted.map((w) => [w.name, w.count]),
        ]);
        const spec = await specFor(
          sandbox,
          file,
          mode === 'create' ? { mode } : { mode, match: { kind: 'field', key: 'name' } },
        );
        const chain = await newChain({ kind: 'import', spec, title: `Import ${prefix}` });
        const result = await killChain({
          bundle,
          tap,
          chain,
          rng,
          strategy: importStrategy(rows),
          tally: tallies[mode],
          maxKills: 8,
          tearChance: 0.35,
        });

        // The sandbox holds exactly the intended organizations, each once.
        const mine = sandbox.control.organizations().filter((o) => o.name.startsWith(prefix));
        expect(mine.map((o) => o.name).sort()).toEqual(
          [...wanted.map((w) => w.name), ...(mode === 'upsert' ? [`${prefix} untouched`] : [])].sort(),
        );
        for (const org of mine) {
          const intended = wanted.find((w) => w.name === org.name)?.count ?? 7;
          expect(org.employee_count, org.name).toBe(intended);
        }
        for (const org of seeded) expect(sandbox.control.getOrganization(org.id)?.name).toBe(org.name);
        // The job and its report say the same.
        const summary = result.job.summary;
        if (summary.kind !== 'import') throw new Error('not an import');
        expect(summary.state).toBe('done');
        expect(summary.counts.failed).toBe(0);
        expect(summary.counts.created).toBe(rows - existing.length);
        expect(summary.counts.updated + summary.counts.unchanged).toBe(existing.length);
        const succeeded = await readCsvObjects(reportFile(result.job, /^Succeeded rows$/));
        expect(succeeded.map((r) => r['Name']).sort()).toEqual(wanted.map((w) => w.name).sort());
        for (const row of succeeded) {
          expect(sandbox.control.getOrganization(Number(row['Pipedrive ID']))?.name).toBe(row['Name']);
        }
        expect((await readdir(result.job.paths.reports)).filter(isPartial)).toEqual([]);
        await expectCleanJournal(result.job);
      }
      report('import (create)', tallies.create);
      report('import (upsert)', tallies.upsert);
      expect(tallies.create.kills + tallies.upsert.kills).toBeGreaterThanOrEqual(KILLS_PER_KIND);
      expect(tallies.create.torn + tallies.upsert.torn).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'delete (v2 one by one, and the v1 bulk call): each ID deleted once, backup and report complete',
    async () => {
      const rng = new SeededRandom(seed ^ 0x2222);
      const { sandbox, tap } = await sandboxWith(400);
      const tally = new PhaseTally();
      const ids = 30;
      const allTargets: number[] = [];
      for (let n = 0; tally.kills < KILLS_PER_KIND; n += 1) {
        const bulk = n % 3 === 2;
        sandbox.control.setOptions({ bulkDeleteEnabled: bulk, bulkDeleteMsPerId: bulk ? 3 : 0 });
        const targets = Array.from({ length: ids }, (_, k) => 1 + n * (ids + 5) + k);
        allTargets.push(...targets);
        const names = new Map(targets.map((id) => [id, sandbox.control.getOrganization(id)?.name]));
        const chain = await newChain({
          kind: 'delete',
          spec: { ids: targets, confirmedCount: ids },
          title: `Delete ${n}`,
        });
        const result = await killChain({
          bundle,
          tap,
          chain,
          rng,
          strategy: deleteStrategy(ids, bulk),
          tally,
          maxKills: 8,
          tearChance: 0.35,
        });

        const deleted = sandbox.control
          .organizations({ includeDeleted: true })
          .filter((o) => o.is_deleted)
          .map((o) => o.id)
          .sort((a, b) => a - b);
        expect(deleted).toEqual([...allTargets].sort((a, b) => a - b));
        expect(result.job.summary).toMatchObject({
          state: 'done',
          counts: { deleted: ids, notFound: 0, failed: 0 },
        });
        const rows = await readCsvObjects(reportFile(result.job, /report \(CSV\)/));
        expect(rows.map((r) => [Number(r['ID']), r['Result']])).toEqual(targets.map((id) => [id, 'deleted']));
        // Names as written: the CSV's formula guard taken off.
        expect(rows.map((r) => unguardFormula(r['Name'] ?? ''))).toEqual(targets.map((id) => names.get(id)));
        // The backup holds every organization deleted, written before the first delete.
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(reportFile(result.job, /^Backup/));
        const backupIds: number[] = [];
        book.getWorksheet('Organizations')?.eachRow((row, r) => {
          if (r > 1) backupIds.push(Number(row.getCell(1).value));
        });
        expect(backupIds.sort((a, b) => a - b)).toEqual(targets);
        expect((await readdir(result.job.paths.reports)).filter(isPartial)).toEqual([]);
        await expectCleanJournal(result.job);
      }
      report('delete', tally);
      expect(tally.torn).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'export (XLSX and CSV): never a half file under the chosen name, a complete one at the end',
    async () => {
      const rng = new SeededRandom(seed ^ 0x3333);
      // More than two pages of 500, so kills land between pages as well as within one.
      const { sandbox, tap } = await sandboxWith(1_100);
      const expected = sandbox.control
        .organizations()
        .map((o) => o.id)
        .sort((a, b) => a - b);
      const tally = new PhaseTally();
      const checkFile = async (file: string): Promise<void> => {
        let ids: number[];
        if (file.endsWith('.csv')) {
          ids = (await readCsvObjects(file)).map((r) => Number(r['ID']));
        } else {
          const book = new ExcelJS.Workbook();
          await book.xlsx.readFile(file);
          ids = [];
          book.getWorksheet('Organizations')?.eachRow((row, r) => {
            if (r > 1) ids.push(Number(row.getCell(1).value));
          });
        }
        expect(ids, file).toEqual(expected);
      };
      // Until enough kills have landed, and at least one of them between two pages.
      for (let n = 0; tally.kills < KILLS_PER_KIND || (tally.count(BETWEEN_PAGES) === 0 && n < 60); n += 1) {
        const format = n % 2 === 0 ? 'xlsx' : 'csv';
        const dir = await mkdtemp(path.join(root, 'out-'));
        const out = path.join(dir, `organizations.${format}`);
        const chain = await newChain({ kind: 'export', spec: { out, format }, title: `Export ${n}` });
        const result = await killChain({
          bundle,
          tap,
          chain,
          rng,
          strategy: exportStrategy(out, checkFile),
          tally,
          maxKills: 12,
          tearChance: 0.3,
        });
        expect(result.job.summary).toMatchObject({ state: 'done', counts: { rows: expected.length } });
        await checkFile(out);
        // Nothing else is left beside it: no partial file of a killed run.
        expect(await readdir(dir)).toEqual([path.basename(out)]);
        await expectCleanJournal(result.job);
      }
      report('export', tally);
      expect(tally.count(BETWEEN_PAGES)).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
