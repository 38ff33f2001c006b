/**
 * The harness of the fault matrix: one sandbox, data folder and job manager per cell, a job run to
 * its end in this process (resumed after a stop when the cell says how), and the figures of the run
 * read from the sandbox's request log, so they count what reached "Pipedrive", not what the client
 * believes it sent.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobKind, JobSummary } from '../../shared/jobs.ts';
import { JobManager } from '../../electron/engine/jobs/core/job-manager.ts';
import { JobStore } from '../../electron/engine/jobs/core/job-store.ts';
import { deleteJobDefinition } from '../../electron/engine/jobs/delete/delete-job.ts';
import { exportJobDefinition } from '../../electron/engine/jobs/export/export-job.ts';
import { importJobDefinition } from '../../electron/engine/jobs/import/import-job.ts';
import {
  connectionState,
  PipedriveClient,
  type PipedriveConnection,
} from '../../electron/engine/pipedrive/index.ts';
import type { RequestLogEntry } from '../../electron/engine/sandbox/request-log.ts';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../electron/engine/sandbox/index.ts';

/** What a job started by the matrix gets at run time. */
export interface FaultJobEnv {
  readonly connection: PipedriveConnection;
  readonly label: string;
}

/** One cell's world: its own sandbox, data folder, identity (so its own governor) and job manager. */
export interface Cell {
  readonly sandbox: RunningSandbox;
  readonly dir: string;
  readonly connection: PipedriveConnection;
  readonly env: FaultJobEnv;
  readonly manager: JobManager<FaultJobEnv>;
  /** Sequence number of the last request before the job started (setup requests are not counted). */
  fromSeq: number;
  close(): Promise<void>;
}

/**
 * The governor's own backoff after a 5xx or a reset is shortened (20 ms doubling to 200 ms), so a cell
 * takes seconds; the waits a 429 names (Retry-After, x-ratelimit-reset) are left as they are.
 */
const QUICK_GOVERNOR = { backoffBaseMs: 20, backoffCapMs: 200 } as const;

/** Starts a cell. The sandbox's burst is high unless the cell sets it: pacing is not what is tested. */
export async function startCell(options: SandboxOptions = {}): Promise<Cell> {
  const sandbox = await startSandbox({ organizations: 0, burst: 100_000, ...options });
  const dir = await mkdtemp(path.join(tmpdir(), 'orgport-fault-'));
  const connection: PipedriveConnection = {
    baseUrl: sandbox.url,
    auth: { kind: 'token', token: `fault-${randomUUID()}` },
  };
  // The first client made for an identity sets its governor's tuning.
  new PipedriveClient(connection, { governor: QUICK_GOVERNOR });
  const manager = new JobManager<FaultJobEnv>(new JobStore(path.join(dir, 'jobs')));
  manager.register(importJobDefinition<FaultJobEnv>());
  manager.register(exportJobDefinition<FaultJobEnv>());
  manager.register(deleteJobDefinition<FaultJobEnv>());
  return {
    sandbox,
    dir,
    connection,
    env: { connection, label: 'Sandbox (fault matrix)' },
    manager,
    fromSeq: 0,
    async close() {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Marks "the job starts now": later figures count only the requests after this point. */
export function markStart(cell: Cell): void {
  cell.fromSeq = cell.sandbox.control.requestLog.at(-1)?.seq ?? 0;
  cell.sandbox.control.resetStats();
}

/** What the cell does between a stopped run and its resume (e.g. refill the budget, wait out a block). */
export type BeforeResume = (cell: Cell, stopped: JobSummary) => Promise<void>;

/** The runs of one job: the first, and the resumes after stops. */
export interface JobRuns {
  readonly final: JobSummary;
  /** The state (and stop reason) each run ended in, e.g. `['stopped:budget', 'done']`. */
  readonly ends: string[];
}

/** Most resumes a cell may need; a job that keeps stopping is a finding, not something to wait out. */
const MAX_RESUMES = 3;

/** Runs a job to its end; when it stops resumably and `beforeResume` is given, resumes it. */
export async function runJob(
  cell: Cell,
  kind: JobKind,
  spec: unknown,
  beforeResume?: BeforeResume,
): Promise<JobRuns> {
  const run = await cell.manager.start({
    kind,
    spec,
    title: `fault matrix ${kind}`,
    connection: cell.env.label,
    env: cell.env,
  });
  let summary = await run.done;
  const ends = [endOf(summary)];
  for (let i = 0; i < MAX_RESUMES && summary.state === 'stopped' && beforeResume; i++) {
    await beforeResume(cell, summary);
    const resumed = await cell.manager.resumeStopped(summary.id, cell.env);
    summary = await resumed.done;
    ends.push(endOf(summary));
  }
  return { final: summary, ends };
}

function endOf(summary: JobSummary): string {
  return summary.stopReason ? `${summary.state}:${summary.stopReason}` : summary.state;
}

/** Outcomes of requests that did not do their work (or whose answer never came). */
const FAULT_OUTCOMES = new Set<RequestLogEntry['outcome']>([
  'server-error',
  'dropped',
  'lost-response',
  'rate-limited',
  'budget-exhausted',
  'blocked',
]);

/** What the sandbox saw of a job (all its runs), and what the client says it did. */
export interface Figures {
  requests: number;
  /** Requests that hit a fault (5xx, reset, lost answer, 429, 403 block). */
  faulted: number;
  rateLimited: number;
  budgetLimited: number;
  blocked: number;
  /** Tokens the sandbox charged. */
  tokens: number;
  /** Retries the client made (all clients of the identity). */
  retries: number;
  /** The requests themselves, oldest first. */
  log: RequestLogEntry[];
}

/** The figures since {@link markStart}. */
export function figures(cell: Cell): Figures {
  const log = cell.sandbox.control.requestLog.filter((e) => e.seq > cell.fromSeq);
  const stats = cell.sandbox.control.stats();
  return {
    requests: log.length,
    faulted: log.filter((e) => FAULT_OUTCOMES.has(e.outcome)).length,
    rateLimited: log.filter((e) => e.outcome === 'rate-limited').length,
    budgetLimited: log.filter((e) => e.outcome === 'budget-exhausted').length,
    blocked: log.filter((e) => e.outcome === 'blocked').length,
    tokens: stats.tokensSpent,
    retries: connectionState(cell.connection).usage.snapshot().retries,
    log,
  };
}

/**
 * How many requests arrived within `ms` after the first one with `outcome`: after a 429 (which names a
 * 2-s wait) only the requests already in flight may still arrive; a client that ignored the 429 would
 * keep sending at full speed.
 */
export function arrivalsAfterFirst(
  log: ReadonlyArray<RequestLogEntry>,
  outcome: RequestLogEntry['outcome'],
  ms: number,
): number {
  const first = log.find((e) => e.outcome === outcome);
  if (!first) return 0;
  const t0 = Date.parse(first.time);
  return log.filter((e) => e.seq > first.seq && Date.parse(e.time) <= t0 + ms).length;
}

/** A `match` for queued faults that lets the first `skip` matching requests through: "mid-job". */
export function afterFirst(
  skip: number,
  matches: (method: string, path: string) => boolean,
): (method: string, path: string) => boolean {
  let seen = 0;
  return (method, path) => matches(method, path) && ++seen > skip;
}

/** One line of the printed table. */
export interface TableRow {
  job: string;
  fault: string;
  rows: number;
  requests: number;
  bound: number;
  retries: number;
  r429: number;
  tokens: string;
  result: string;
}

/** The matrix as a Markdown table. */
export function markdownTable(rows: ReadonlyArray<TableRow>): string {
  const head =
    '| Job | Fault | Rows | Requests (bound) | Retries | 429s | Tokens (job / sandbox) | Result |\n' +
    '|---|---|---:|---:|---:|---:|---:|---|\n';
  return (
    head +
    rows
      .map(
        (r) =>
          `| ${r.job} | ${r.fault} | ${r.rows} | ${r.requests} (≤ ${r.bound}) | ${r.retries} | ${r.r429} | ${r.tokens} | ${r.result} |`,
      )
      .join('\n') +
    '\n'
  );
}

/** Writes the table under test-results/ (git-ignored) for the README. */
export async function writeTable(name: string, rows: ReadonlyArray<TableRow>): Promise<string> {
  const dir = path.resolve('test-results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, markdownTable(rows), 'utf8');
  return file;
}
