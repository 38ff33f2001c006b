/**
 * The delete job's reports, in its reports folder: a CSV with one row per ID (deleted with its name,
 * not found, skipped or failed with the reason) and a short summary — counts, token cost, which delete
 * path was taken, where the backup is, and that Pipedrive keeps deleted organizations restorable for
 * 30 days. Written at the end of every run, so a stopped job has an up-to-date report too.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openCsvWriter } from '../../files/write/csv-writer.ts';
import { discardLeftoverTemps } from '../../files/write/temp-file.ts';
import { OUTCOME_LABELS } from './delete-ledger.ts';
import type { DeleteRun } from './delete-run.ts';
import type { BackupInfo } from './prepare-phase.ts';

/** The note every delete report carries. */
export const RESTORE_NOTE =
  'Deleted organizations can be restored in Pipedrive for 30 days; after that Pipedrive deletes them ' +
  'permanently. The backup file can be imported (create mode) to recreate them at any time.';

/** The labels the reports are linked to the job with (the CLI finds the summary by its label). */
export const REPORT_LABELS = { csv: 'Delete report (CSV)', summary: 'Delete summary' } as const;

/** How the run that writes the report ended. */
export type ReportEnding = 'done' | 'stopped' | 'cancelled' | 'failed';

const UNPROCESSED: { readonly [E in Exclude<ReportEnding, 'done'>]: { row: string; status: string } } = {
  stopped: { row: 'the job stopped before this organization; resume it', status: 'resume the job to finish' },
  cancelled: { row: 'the job was cancelled before this organization', status: 'the job was cancelled' },
  failed: {
    row: 'the job ended with an error before this organization',
    status: 'the job ended with an error',
  },
};

/** Where the reports of a run went. */
export interface DeleteReportFiles {
  readonly csv: string;
  readonly summary: string;
  readonly summaryText: string;
}

const CSV_COLUMNS = [
  { header: 'ID', kind: 'number' },
  { header: 'Name', kind: 'text' },
  { header: 'Result', kind: 'text' },
  { header: 'Reason', kind: 'text' },
] as const;

/** Writes the CSV and the summary for the job as it stands, and links both to the job. */
export async function writeDeleteReports(
  run: DeleteRun,
  backup: BackupInfo | null,
  ending: ReportEnding,
): Promise<DeleteReportFiles> {
  const { ctx, ledger, spec } = run;
  const csv = path.join(ctx.paths.reports, `delete-report-${ctx.id}.csv`);
  // The job's own folder: a partial report there was left by a run killed while writing it.
  await discardLeftoverTemps(csv);
  const writer = await openCsvWriter(csv, CSV_COLUMNS);
  try {
    for (const id of spec.ids) {
      const line = ledger.items.get(id);
      if (line) {
        await writer.writeRow([
          id,
          line.name ?? null,
          OUTCOME_LABELS[line.outcome],
          reasonText(line.outcome, line.reason),
        ]);
      } else {
        const why = ending === 'done' ? 'not reached' : UNPROCESSED[ending].row;
        await writer.writeRow([id, null, 'not processed yet', why]);
      }
    }
    for (const e of spec.excluded) {
      const [result, reason] =
        e.status === 'not-found'
          ? [OUTCOME_LABELS['not-found'], 'not found when previewed']
          : [OUTCOME_LABELS.skipped, 'has open deals (left out in the preview)'];
      await writer.writeRow([e.id, e.name ?? null, result, reason]);
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  const summaryText = summaryLines(run, backup, ending, csv).join('\n') + '\n';
  const summary = path.join(ctx.paths.reports, `delete-summary-${ctx.id}.txt`);
  await writeFile(summary, summaryText, 'utf8');
  await ctx.addReport({ label: REPORT_LABELS.csv, path: csv });
  await ctx.addReport({ label: REPORT_LABELS.summary, path: summary });
  return { csv, summary, summaryText };
}

function reasonText(outcome: string, reason: string | undefined): string | null {
  if (outcome === 'deleted') return null;
  return reason ?? null;
}

function summaryLines(
  run: DeleteRun,
  backup: BackupInfo | null,
  ending: ReportEnding,
  csv: string,
): string[] {
  const { ledger, spec, ctx } = run;
  const counts = ledger.counts();
  const pending = ledger.pending().length;
  const n = (value: number): string => value.toLocaleString('en-US');
  const reasons = (outcome: 'skipped' | 'failed'): string => {
    const byReason = new Map<string, number>();
    for (const line of ledger.items.values()) {
      if (line.outcome === outcome)
        byReason.set(line.reason ?? '', (byReason.get(line.reason ?? '') ?? 0) + 1);
    }
    if (outcome === 'skipped') {
      const left = spec.excluded.filter((e) => e.status === 'skip-open-deals').length;
      if (left > 0) byReason.set('has open deals (left out in the preview)', left);
    }
    const parts = [...byReason]
      .slice(0, 5)
      .map(([reason, count]) => `${n(count)}: ${reason || 'no reason given'}`);
    return parts.length > 0 ? ` (${parts.join('; ')})` : '';
  };
  return [
    `Bulk delete of organizations — job ${ctx.id}`,
    `Account: ${spec.account?.companyName ? `${spec.account.companyName} (company ${spec.account.companyId}), via ` : ''}${run.env.label}`,
    ...(spec.source ? [`IDs from: ${spec.source}`] : []),
    ending === 'done'
      ? 'Status: finished'
      : `Status: not finished — ${n(pending)} not processed yet; ${UNPROCESSED[ending].status}`,
    '',
    `Deleted: ${n(counts.deleted)}`,
    `Not found / already deleted: ${n(counts.notFound)}`,
    `Skipped: ${n(counts.skipped)}${reasons('skipped')}`,
    `Failed: ${n(counts.failed)}${reasons('failed')}`,
    '',
    `Token cost: ${n(run.tokensSpent())} API tokens`,
    `Delete path: ${ledger.pathTaken()}`,
    backup
      ? `Backup: ${backup.path} (${n(backup.rows)} organizations, all fields)`
      : 'Backup: none (there was nothing to delete)',
    ...(backup?.note ? [`Note: ${backup.note}`] : []),
    `Report: ${csv}`,
    '',
    RESTORE_NOTE,
  ];
}
