/**
 * What every phase of one run of a delete job shares: the job context, the client, the ledger, and
 * `record`, the one way an outcome is written (ledger, then journal, then progress), so the three can
 * never disagree.
 */
import type { JobContext } from '../core/job-runner.ts';
import type { PipedriveClient, PipedriveConnection } from '../../pipedrive/index.ts';
import { DeleteLedger, type DeleteOutcome, type GroupIntentData, type ItemLine } from './delete-ledger.ts';
import type { DeleteSpec } from './delete-spec.ts';

/** What a delete job needs at run time: the live connection (never stored) and its label. */
export interface DeleteJobEnv {
  readonly connection: PipedriveConnection;
  readonly label: string;
}

/** The context of a delete job's worker. */
export type DeleteContext = JobContext<'delete', DeleteSpec, DeleteOutcome>;

/** One run of a delete job. */
export interface DeleteRun {
  readonly ctx: DeleteContext;
  readonly spec: DeleteSpec;
  readonly env: DeleteJobEnv;
  readonly client: PipedriveClient;
  readonly ledger: DeleteLedger;
  readonly title: string;
  /** The group being deleted right now (its intent written, not yet closed). */
  currentGroup: GroupIntentData | null;
  /** Writes an outcome: ledger, journal, progress. */
  record(line: ItemLine): Promise<void>;
  /**
   * Reports progress. The `backup` phase (checks and backup) counts backup rows written, once their
   * number is known; the `deleting` phase counts IDs with an outcome.
   */
  progress(phase: 'backup' | 'deleting', backup?: { rows: number; total: number }): void;
  /** Tokens spent by the job so far, all runs together. */
  tokensSpent(): number;
}

/** Sets up a run. */
export function createRun(ctx: DeleteContext, env: DeleteJobEnv, client: PipedriveClient): DeleteRun {
  const { spec } = ctx;
  const ledger = new DeleteLedger(spec, ctx.resumeFrom);
  const tokensBefore = ctx.previous.tokensSpent;
  const count = spec.ids.length;
  const title = `Deleting ${count.toLocaleString('en-US')} organization${count === 1 ? '' : 's'}`;
  const tokensSpent = (): number => tokensBefore + client.usage().tokensSpent;
  let phase: 'backup' | 'deleting' = 'backup';
  let backupRows = { rows: 0, total: null as number | null };
  const run: DeleteRun = {
    ctx,
    spec,
    env,
    client,
    ledger,
    title,
    currentGroup: null,
    async record(line) {
      ledger.record(line);
      await ctx.journal.append(line);
      run.progress(phase);
    },
    progress(next, backup) {
      phase = next;
      if (backup) backupRows = backup;
      const backingUp = phase === 'backup';
      ctx.progress.update({
        kind: 'delete',
        phase,
        current: backingUp ? backupRows.rows : ledger.resolved(),
        total: backingUp ? backupRows.total : ledger.total(),
        tokensSpent: tokensSpent(),
        title: backingUp
          ? `Backing up the organizations to delete (${count.toLocaleString('en-US')})`
          : title,
        counts: ledger.counts(),
      });
    },
    tokensSpent,
  };
  return run;
}
