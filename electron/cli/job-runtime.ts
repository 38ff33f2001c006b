import { jobExitCode, type JobSummary } from '../../shared/jobs.ts';
import { dataDir, dataPaths } from '../engine/data-dir.ts';
import { JobManager } from '../engine/jobs/core/job-manager.ts';
import type { JobRun } from '../engine/jobs/core/job-runner.ts';
import { JobStore } from '../engine/jobs/core/job-store.ts';
import { deleteJobDefinition } from '../engine/jobs/delete/delete-job.ts';
import { exportJobDefinition } from '../engine/jobs/export/export-job.ts';
import { importJobDefinition } from '../engine/jobs/import/import-job.ts';
import type { PipedriveConnection } from '../engine/pipedrive/index.ts';
import { createProgressReporter } from './progress-reporter.ts';
import type { CliIo } from './main.ts';

/** What a job started from the command line gets at run time. */
export interface CliJobEnv {
  readonly connection: PipedriveConnection;
  readonly label: string;
}

/** The job store in the data folder the app uses too (ORGPORT_HOME overrides it). */
export function cliJobStore(env: NodeJS.ProcessEnv): JobStore {
  return new JobStore(dataPaths(dataDir({ env })).jobs);
}

/** A job manager with every job kind registered, on the shared job store. */
export function cliJobManager(env: NodeJS.ProcessEnv): JobManager<CliJobEnv> {
  const manager = new JobManager<CliJobEnv>(cliJobStore(env));
  manager.register(exportJobDefinition<CliJobEnv>());
  manager.register(importJobDefinition<CliJobEnv>());
  manager.register(deleteJobDefinition<CliJobEnv>());
  return manager;
}

/**
 * Follows one job to its end: progress on stderr, Ctrl-C stops it resumably (exit 3), and `--json`
 * prints the summary on stdout. Returns the exit code of design.md.
 */
export async function followJob(
  manager: JobManager<CliJobEnv>,
  start: () => Promise<JobRun>,
  io: CliIo,
  options: { json: boolean },
): Promise<number> {
  const reporter = createProgressReporter({ stream: { write: io.err, isTTY: io.stderrIsTty } });
  const offProgress = manager.onProgress((_id, progress) => reporter.progress(progress));
  const offState = manager.onStateChange((summary) => reporter.state(summary));
  try {
    const run = await start();
    let interrupted = false;
    void io.interrupted.then(() => {
      interrupted = true;
      io.err('\nStopping after the requests in flight; resume later with: orgport resume\n');
      void manager.stopAll();
    });
    const summary = await run.done;
    if (options.json) io.out(JSON.stringify(jsonSummary(summary), null, 2) + '\n');
    return interrupted && summary.state !== 'done' ? 3 : jobExitCode(summary);
  } finally {
    offProgress();
    offState();
  }
}

/** The machine-readable summary `--json` prints. */
export function jsonSummary(summary: JobSummary): Record<string, unknown> {
  return {
    jobId: summary.id,
    kind: summary.kind,
    state: summary.state,
    ...(summary.stopReason ? { stopReason: summary.stopReason } : {}),
    counts: summary.counts,
    tokensSpent: summary.tokensSpent,
    reports: summary.reports,
    ...(summary.error ? { error: summary.error } : {}),
  };
}
