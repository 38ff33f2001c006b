/**
 * Everything a delete run does before its first delete: check it talks to the company the delete was
 * confirmed for, look up which of the remaining IDs still exist (one listing, 100 IDs a request),
 * settle the groups an interrupted run left open, and write the backup — an XLSX export of exactly the
 * organizations about to be deleted, all fields. If the backup cannot be written, nothing is deleted.
 */
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Organization } from '../../../../shared/model.ts';
import { fetchOrganizations } from '../../delete/preview.ts';
import { JobStoppedError, stopReasonOf } from '../core/job-errors.ts';
import { writeOrganizationsFile } from '../export/write-organizations.ts';
import { discardLeftoverTemps } from '../../files/write/temp-file.ts';
import type { BackupLine } from './delete-ledger.ts';
import type { DeleteRun } from './delete-run.ts';

/** The backup could not be written; the job fails before deleting anything. */
export class BackupFailedError extends Error {
  override readonly name = 'BackupFailedError';
}

/** The backup this run relies on. */
export interface BackupInfo {
  readonly path: string;
  readonly rows: number;
  /** Set when the backup was written again on resume (the first one was missing). */
  readonly note?: string;
}

/**
 * Stops the run, resumably, when the connection is to another company than the one the delete was
 * confirmed for: IDs are per company, so the same list would delete someone else's organizations.
 */
export async function checkAccount(run: DeleteRun): Promise<void> {
  const expected = run.spec.account;
  if (!expected) return;
  const me = await run.client.getCurrentUser(run.ctx.signal);
  if (me.company_id === expected.companyId) return;
  const wanted = expected.companyName
    ? `${expected.companyName} (company ${expected.companyId})`
    : `company ${expected.companyId}`;
  throw new JobStoppedError(
    'unauthorized',
    `This delete was confirmed for ${wanted}, but the connection is to ${me.company_name} (company ${me.company_id}). ` +
      'Nothing was deleted by this run; resume the job with a connection to the right company.',
  );
}

/**
 * Looks up the IDs that have no outcome yet and records what the lookup settles: gone IDs of a group
 * an earlier run left open were deleted by that run (its answer was lost); other gone IDs were not
 * found; with `skipOpenDeals`, organizations with open deals are skipped. Returns the live ones.
 */
export async function survey(run: DeleteRun): Promise<Map<number, Organization>> {
  const { ledger, spec } = run;
  const pending = ledger.pending();
  const include = spec.skipOpenDeals ? ['open_deals_count'] : [];
  const live = await fetchOrganizations(run.client, pending, include, run.ctx.signal);
  const openIds = ledger.openGroupIds();
  const openNames = ledger.openGroupNames();
  for (const id of pending) {
    const org = live.get(id);
    if (!org) {
      await run.record(
        openIds.has(id)
          ? { i: id, outcome: 'deleted', via: 'recheck', name: openNames.get(id) ?? null }
          : { i: id, outcome: 'not-found', reason: 'does not exist or is already deleted', name: null },
      );
      continue;
    }
    const openDeals = typeof org['open_deals_count'] === 'number' ? org['open_deals_count'] : 0;
    if (spec.skipOpenDeals && openDeals > 0) {
      const deals = `${openDeals} open deal${openDeals === 1 ? '' : 's'}`;
      await run.record({ i: id, outcome: 'skipped', reason: `has ${deals}`, name: org.name });
    }
  }
  // Every ID of those groups now has an outcome or is live again and goes into a new group.
  for (const key of ledger.openGroups.keys()) await run.ctx.journal.append({ i: key, outcome: 'closed' });
  ledger.openGroups.clear();
  return live;
}

/**
 * Writes the backup of the IDs still to delete, unless an earlier run of this job wrote it and it is
 * still there. Returns null when there is nothing left to delete (and so nothing to back up).
 */
export async function ensureBackup(
  run: DeleteRun,
  toDelete: ReadonlyArray<number>,
): Promise<BackupInfo | null> {
  const { ctx, ledger } = run;
  const earlier = ledger.backup;
  if (earlier && (await isFile(earlier.path))) {
    await ctx.addReport({ label: BACKUP_LABEL, path: earlier.path });
    return { path: earlier.path, rows: earlier.rows };
  }
  if (toDelete.length === 0) return null;
  const target = run.spec.backupPath ?? path.join(ctx.paths.reports, `backup-${ctx.id}.xlsx`);
  run.progress('backup', { rows: 0, total: toDelete.length });
  // Checked first: it is the common failure, and it is clearer said plainly than as a stream error.
  await access(path.dirname(target), constants.W_OK).catch(() => {
    throw new BackupFailedError(
      `The backup could not be written to ${target}: the folder does not exist or cannot be written to. Nothing was deleted.`,
    );
  });
  // A run killed while writing the backup left its partial file there; this run writes a new one.
  if (ctx.previous.state === 'stopped') await discardLeftoverTemps(target);
  let written: { path: string; rows: number };
  try {
    written = await writeOrganizationsFile({
      client: run.client,
      spec: { out: target, format: 'xlsx', ids: [...toDelete] },
      account: run.env.label,
      signal: ctx.signal,
      checkpoint: () => ctx.control.checkpoint(),
      onProgress: ({ rows }) => run.progress('backup', { rows, total: toDelete.length }),
    });
  } catch (error) {
    // A stop (network, budget) or a cancel is not a broken backup: the job resumes or ends as asked.
    if (ctx.signal.aborted || stopReasonOf(error)) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new BackupFailedError(
      `The backup could not be written to ${target} (${why}). Nothing was deleted.`,
    );
  }
  const line: BackupLine = { i: 'backup', outcome: 'written', path: written.path, rows: written.rows };
  await ctx.journal.append(line);
  // The backup must be on record before the first delete can be.
  await ctx.journal.flush();
  ledger.backup = line;
  await ctx.addReport({ label: BACKUP_LABEL, path: written.path });
  const note = earlier
    ? `The first backup (${earlier.path}) was missing when the job resumed; this one holds the ${written.rows} organizations not yet deleted then.`
    : undefined;
  return { path: written.path, rows: written.rows, ...(note ? { note } : {}) };
}

/** The report label of the backup file. */
export const BACKUP_LABEL = 'Backup of the organizations to delete (XLSX)';

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
