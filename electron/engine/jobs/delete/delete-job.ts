/**
 * The bulk delete job: deletes exactly the organizations the user confirmed, after writing a backup of
 * them, journaled so an interrupted run resumes without deleting anything twice or skipping anything.
 *
 * A run goes: account check → look up which remaining IDs still exist (and settle groups an earlier
 * run left open) → phase `backup` (not rewritten on resume if it is there) → phase `deleting` → the
 * report. Resuming runs the same steps over the IDs that have no outcome yet.
 */
import { classifyJobError } from '../core/job-errors.ts';
import type { JobDefinition } from '../core/job-manager.ts';
import type { JobOutcome, JobWorker } from '../core/job-runner.ts';
import { PipedriveClient } from '../../pipedrive/index.ts';
import type { DeleteOutcome } from './delete-ledger.ts';
import { deleteOrganizations, settleCutGroup } from './delete-phase.ts';
import { writeDeleteReports, type ReportEnding } from './delete-report.ts';
import { createRun, type DeleteJobEnv, type DeleteRun } from './delete-run.ts';
import { parseDeleteSpec, type DeleteSpec } from './delete-spec.ts';
import { checkAccount, ensureBackup, survey, type BackupInfo } from './prepare-phase.ts';

export type { DeleteJobEnv } from './delete-run.ts';

/** The delete job's definition, to register on a JobManager. */
export function deleteJobDefinition<E extends DeleteJobEnv>(): JobDefinition<
  'delete',
  DeleteSpec,
  DeleteOutcome,
  E
> {
  return {
    kind: 'delete',
    parseSpec: parseDeleteSpec,
    createWorker: (spec, env) => deleteWorker(spec, env),
  };
}

function deleteWorker(_spec: DeleteSpec, env: DeleteJobEnv): JobWorker<'delete', DeleteSpec, DeleteOutcome> {
  return {
    async run(ctx) {
      // One client per job: it shares the identity's rate governor, but counts its own tokens.
      const client = new PipedriveClient(env.connection);
      // A resumed job was stopped (perhaps by the budget); the user resuming says it may go on.
      client.clearBudgetStop();
      const run = createRun(ctx, env, client);
      run.progress('backup');
      await checkAccount(run);
      const live = await survey(run);
      const toDelete = run.ledger.pending().filter((id) => live.has(id));
      const backup = await ensureBackup(run, toDelete);
      try {
        run.progress('deleting');
        await deleteOrganizations(run, toDelete, live);
      } catch (error) {
        await reportQuietly(run, backup, classifyJobError(error, ctx.signal).state);
        throw error;
      }
      await writeDeleteReports(run, backup, 'done');
      return finalProgress(run);
    },
  };
}

// On a stop, cancel or error the report still says what was done; a failure to write it must not
// hide why the run ended.
async function reportQuietly(run: DeleteRun, backup: BackupInfo | null, ending: ReportEnding): Promise<void> {
  await settleCutGroup(run).catch(() => undefined);
  await writeDeleteReports(run, backup, ending).catch(() => undefined);
}

function finalProgress(run: DeleteRun): JobOutcome<'delete'> {
  return {
    kind: 'delete',
    phase: 'deleting',
    current: run.ledger.resolved(),
    total: run.ledger.total(),
    tokensSpent: run.tokensSpent(),
    title: run.title,
    counts: run.ledger.counts(),
  };
}
