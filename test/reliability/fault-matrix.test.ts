/**
 * The fault matrix (issue 8, part 1): import (create, and upsert by name), export and delete, each run
 * through the engine against the sandbox under every fault Pipedrive can throw at it. For each cell:
 * the sandbox ends in the intended state, no row is lost or doubled, the job's reports say what the
 * sandbox holds, and the request count stays under a bound derived from the fault-free run — so a
 * client spinning in a retry loop fails the cell instead of passing slowly.
 *
 * The bound: every run of the job (the first, and each resume after a stop) may at worst repeat the
 * whole fault-free work (`runs × baseline`); every request that hit a fault may cost one repeat of it
 * (`2 × faulted`: the faulted request itself plus its retry); and the creates whose answer was lost
 * are looked for in at most 5 listings (the import's 5 rounds). The faulted requests are bounded in
 * turn: queued faults by how many were queued, and the stops (budget, 403 block) by the governor's 16
 * requests in flight — after the first such answer nothing new may be sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningSandbox, SandboxOptions } from '../../electron/engine/sandbox/index.ts';
import { resetConnectionStates } from '../../electron/engine/pipedrive/index.ts';
import {
  afterFirst,
  arrivalsAfterFirst,
  figures,
  markStart,
  runJob,
  startCell,
  writeTable,
  type BeforeResume,
  type Cell,
  type TableRow,
} from './fault-harness.ts';
import {
  prepareDelete,
  prepareJob,
  sandboxFor,
  workRequest,
  type MatrixJob,
  type PreparedJob,
} from './fault-jobs.ts';

/** The governor's most requests in flight: how many can still arrive after a stop was answered. */
const MAX_IN_FLIGHT = 16;
/**
 * What may still reach the server once a run is told to stop: the requests in flight, plus the one
 * listing a stopped delete makes to settle the group it cut short (settleCutGroup, bounded in time).
 */
const AFTER_STOP = MAX_IN_FLIGHT + 1;
/** Landed-check listings an import may make for creates whose answers were lost. */
const LANDED_ROUNDS = 5;

interface Baseline {
  requests: number;
  tokens: number;
}

/** One column of the matrix. */
interface Fault {
  readonly name: string;
  readonly sandbox?: SandboxOptions;
  /** Queues the fault; returns the most requests it can hit. */
  arm(sandbox: RunningSandbox, job: MatrixJob, baseline: Baseline): number;
  readonly beforeResume?: BeforeResume;
  /** How the runs end: one `done`, or a stop and then `done`. */
  readonly ends: string[];
}

/** A burst of queued faults: a few on export's three pages, more on the per-row requests. */
const burst = (job: MatrixJob): number => (job === 'export' ? 3 : 6);
/** Lets the first few work requests through, so the faults land mid-job. */
const midJob = (job: MatrixJob): ((method: string, path: string) => boolean) =>
  afterFirst(job === 'export' ? 1 : 5, workRequest(job));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const queued =
  (kind: 'serverError' | 'drop' | 'lostResponse' | 'rateLimit') =>
  (sandbox: RunningSandbox, job: MatrixJob): number => {
    const count = burst(job);
    // An export's pages come one after another, so a storm aimed mid-job would hit one page again and
    // again (a 2-s wait each); aimed at its start it hits the field and user requests sent together.
    const match = kind === 'rateLimit' && job === 'export' ? undefined : midJob(job);
    const storm = kind === 'rateLimit' && job === 'export' ? 2 : count;
    sandbox.control.injectFault({ kind, count: storm, status: 503, ...(match ? { match } : {}) });
    return storm;
  };

const FAULTS: ReadonlyArray<Fault> = [
  { name: 'none', arm: () => 0, ends: ['done'] },
  { name: '5xx burst', arm: queued('serverError'), ends: ['done'] },
  { name: 'connection resets', arm: queued('drop'), ends: ['done'] },
  { name: 'responses lost after the change', arm: queued('lostResponse'), ends: ['done'] },
  {
    name: 'slow responses (1 s)',
    arm(sandbox, job) {
      const count = job === 'export' ? 2 : 4;
      sandbox.control.injectFault({ kind: 'slow', delayMs: 1000, count, match: midJob(job) });
      // Slow is not a failure: nothing may be retried (the client waits 60 s for an answer).
      return 0;
    },
    ends: ['done'],
  },
  {
    name: '429 storm with Retry-After',
    sandbox: { retryAfter: true },
    arm: queued('rateLimit'),
    ends: ['done'],
  },
  { name: '429 storm without Retry-After', arm: queued('rateLimit'), ends: ['done'] },
  {
    name: 'HTML 403 after ignored 429s',
    sandbox: { cloudflareCoolOffMs: 1000 },
    arm(sandbox, job) {
      sandbox.control.injectFault({ kind: 'block', match: midJob(job) });
      return AFTER_STOP;
    },
    // The block lifts after its cool-off; the user resumes then.
    beforeResume: () => sleep(1100),
    ends: ['stopped:network', 'done'],
  },
  {
    name: 'daily budget exhausted, reset, resumed',
    arm(sandbox, _job, baseline) {
      const spent = sandbox.control.stats().tokensSpentToday;
      sandbox.control.setOptions({ dailyBudget: spent + Math.floor(baseline.tokens * 0.6) });
      return AFTER_STOP;
    },
    async beforeResume(cell) {
      cell.sandbox.control.resetDailyBudget();
      cell.sandbox.control.setOptions({ dailyBudget: 300_000 });
    },
    ends: ['stopped:budget', 'done'],
  },
];

const JOBS: ReadonlyArray<MatrixJob> = ['import create', 'import upsert', 'export', 'delete'];
const table: TableRow[] = [];
const baselines = new Map<MatrixJob, Baseline>();

afterAll(async () => {
  const file = await writeTable('fault-matrix.md', table);
  const width = (key: keyof TableRow): number =>
    Math.max(...table.map((r) => String(r[key]).length), key.length);
  const cols: Array<keyof TableRow> = [
    'job',
    'fault',
    'rows',
    'requests',
    'bound',
    'retries',
    'r429',
    'tokens',
    'result',
  ];
  const line = (r: Record<keyof TableRow, unknown>): string =>
    cols.map((c) => String(r[c]).padEnd(width(c))).join('  ');
  console.log(
    [
      line(Object.fromEntries(cols.map((c) => [c, c])) as Record<keyof TableRow, unknown>),
      ...table.map(line),
    ].join('\n') + `\n(written to ${file})`,
  );
});

/** Runs one cell: prepares the job, arms the fault, runs (and resumes) it, checks it, records figures. */
async function runCell(
  job: MatrixJob,
  fault: Pick<Fault, 'name' | 'beforeResume' | 'ends'> & { sandbox?: SandboxOptions },
  prepare: (cell: Cell) => Promise<PreparedJob>,
  arm: (cell: Cell) => number,
  bound: (runs: number, faulted: number) => number,
): Promise<void> {
  resetConnectionStates();
  const cell = await startCell({ ...sandboxFor(job), ...fault.sandbox });
  try {
    const prepared = await prepare(cell);
    markStart(cell);
    const mostFaulted = arm(cell);
    const runs = await runJob(cell, prepared.kind, prepared.spec, fault.beforeResume);
    const f = figures(cell);
    const limit = bound(runs.ends.length, f.faulted);
    table.push({
      job,
      fault: fault.name,
      rows: prepared.rows,
      requests: f.requests,
      bound: limit,
      retries: f.retries,
      r429: f.rateLimited + f.budgetLimited,
      tokens: `${runs.final.tokensSpent} / ${f.tokens}`,
      result: runs.ends.join(' → '),
    });
    expect(runs.ends).toEqual(fault.ends);
    await prepared.verify(runs.final);
    expect(f.faulted).toBeLessThanOrEqual(mostFaulted);
    // A 429 names a 2-s wait: within 1.5 s of the first, only requests already in flight may arrive.
    expect(arrivalsAfterFirst(f.log, 'rate-limited', 1500)).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(f.requests).toBeLessThanOrEqual(limit);
    // The job never under-reports what it cost.
    expect(runs.final.tokensSpent).toBeGreaterThanOrEqual(f.tokens);
  } finally {
    await cell.close();
  }
}

describe.each(JOBS)('%s', (job) => {
  for (const fault of FAULTS) {
    it(`under: ${fault.name}`, async () => {
      await runCell(
        job,
        fault,
        (cell) => prepareJob(cell, job),
        (cell) => {
          const baseline = baselines.get(job) ?? { requests: 0, tokens: 0 };
          return fault.arm(cell.sandbox, job, baseline);
        },
        (runs, faulted) => {
          const baseline = baselines.get(job);
          // The fault-free run sets the baseline; its own bound is what it did.
          return baseline ? runs * baseline.requests + 2 * faulted + LANDED_ROUNDS : Infinity;
        },
      );
      if (fault.name === 'none') {
        const last = table.at(-1);
        const tokens = Number(last?.tokens.split(' / ')[1]);
        baselines.set(job, { requests: last?.requests ?? 0, tokens });
        if (last) last.bound = last.requests;
      }
    });
  }
});

describe('delete: the v1 bulk endpoint vanishing mid-job', () => {
  it('between a bulk call whose answer was lost and its retry', async () => {
    await runCell(
      'delete',
      {
        name: 'v1 bulk gone after a lost answer',
        sandbox: { bulkDeleteEnabled: true, bulkDeleteCallsLeft: 1 },
        ends: ['done'],
      },
      async (cell) => prepareJob(cell, 'delete'),
      (cell) => {
        cell.sandbox.control.injectFault({
          kind: 'lostResponse',
          match: (m, p) => m === 'DELETE' && p === '/v1/organizations',
        });
        return 1;
      },
      (runs, faulted) => runs * (baselines.get('delete')?.requests ?? 0) + 2 * faulted + LANDED_ROUNDS,
    );
  });

  it('between two groups of 1,000', async () => {
    const ids = Array.from({ length: 1_040 }, (_, i) => i + 11);
    await runCell(
      'delete',
      {
        name: 'v1 bulk gone between groups',
        sandbox: { organizations: 1_060, bulkDeleteEnabled: true, bulkDeleteCallsLeft: 1 },
        ends: ['done'],
      },
      async (cell) => prepareDelete(cell, ids, false),
      () => 0,
      // Survey and backup list 100 IDs a request; fields and users; two v1 calls (the second finds
      // it gone); the 40 IDs of the second group one by one; and 3 to spare (account, recheck).
      () => 2 * Math.ceil(ids.length / 100) + 2 + 2 + (ids.length - 1000) + 3,
    );
  });
});
