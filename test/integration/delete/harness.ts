/**
 * Shared set-up of the delete integration tests: a sandbox on port 0, a data folder of its own, a job
 * manager with the delete job registered, and readers for the sandbox's state and the job's reports.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { JobSummary } from '../../../shared/jobs.ts';
import type { CliIo } from '../../../electron/cli/main.ts';
import { cliJobManager, type CliJobEnv } from '../../../electron/cli/job-runtime.ts';
import type { JobManager } from '../../../electron/engine/jobs/core/job-manager.ts';
import type { DeleteSpecInput } from '../../../electron/engine/jobs/delete/delete-spec.ts';
import { PipedriveClient, type PipedriveConnection } from '../../../electron/engine/pipedrive/index.ts';
import {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
} from '../../../electron/engine/sandbox/index.ts';

/** A sandbox, a data folder and a job manager for one test (or one file). */
export interface Harness {
  readonly sandbox: RunningSandbox;
  readonly home: string;
  readonly token: string;
  readonly connection: PipedriveConnection;
  readonly client: PipedriveClient;
  readonly manager: JobManager<CliJobEnv>;
  readonly env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * Starts a harness. Each gets its own token, so the identity's remembered bulk-delete path and rate
 * governor are its own; the governor backs off in milliseconds so fault tests stay quick.
 */
export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ organizations: 120, burst: 2000, ...options });
  const home = await mkdtemp(path.join(tmpdir(), 'orgport-delete-'));
  const token = `test-${randomUUID()}`;
  const connection: PipedriveConnection = { baseUrl: sandbox.url, auth: { kind: 'token', token } };
  // The first client of an identity sets its governor's tuning.
  const client = new PipedriveClient(connection, { governor: { backoffBaseMs: 10, backoffCapMs: 80 } });
  const env = { ORGPORT_HOME: home };
  return {
    sandbox,
    home,
    token,
    connection,
    client,
    manager: cliJobManager(env),
    env,
    async close() {
      await sandbox.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Runs a delete job to its end through the job manager and returns its final summary. */
export async function runDelete(h: Harness, spec: DeleteSpecInput): Promise<JobSummary> {
  const run = await h.manager.start({
    kind: 'delete',
    spec,
    title: 'Delete (test)',
    connection: 'Sandbox (test)',
    env: { connection: h.connection, label: 'Sandbox (test)' },
  });
  return run.done;
}

/** IDs of the sandbox's deleted organizations. */
export function deletedIds(sandbox: RunningSandbox): number[] {
  return sandbox.control
    .organizations({ includeDeleted: true })
    .filter((o) => o.is_deleted)
    .map((o) => o.id)
    .sort((a, b) => a - b);
}

/** IDs of the sandbox's live organizations. */
export function liveIds(sandbox: RunningSandbox): number[] {
  return sandbox.control.organizations().map((o) => o.id);
}

/** One row of a delete report CSV. */
export interface ReportRow {
  readonly ID: string;
  readonly Name: string;
  readonly Result: string;
  readonly Reason: string;
}

/** The report file of a job with this label. */
export function reportPath(summary: JobSummary, label: RegExp): string {
  const report = summary.reports.find((r) => label.test(r.label));
  if (!report) throw new Error(`no report ${label} among ${summary.reports.map((r) => r.label).join(', ')}`);
  return report.path;
}

/** Reads a delete report CSV. */
export async function readReport(summary: JobSummary): Promise<ReportRow[]> {
  const text = (await readFile(reportPath(summary, /report \(CSV\)/), 'utf8')).replace(/^\uFEFF/, '');
  return Papa.parse<ReportRow>(text, { header: true, skipEmptyLines: true }).data;
}

/** A CLI io that records what a command prints. */
export function recordingIo(env: NodeJS.ProcessEnv): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
    stderrIsTty: false,
    env,
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

/** Sum of the token costs the sandbox logged for requests made after `fromSeq`. */
export function loggedCost(sandbox: RunningSandbox, fromSeq = 0): number {
  return sandbox.control.requestLog.filter((e) => e.seq > fromSeq).reduce((n, e) => n + e.cost, 0);
}

/** The sequence number of the last logged request (0 before any). */
export function lastSeq(sandbox: RunningSandbox): number {
  return sandbox.control.requestLog.at(-1)?.seq ?? 0;
}
