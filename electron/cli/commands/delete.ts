import { access, constants, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dataDir, dataPaths } from '../../engine/data-dir.ts';
import {
  describeFileProblems,
  describeJunk,
  formatPreviewText,
  IdSourceError,
  parsePastedIds,
  previewDelete,
  readIdsFromFile,
  type DeletePreview,
} from '../../engine/delete/index.ts';
import { REPORT_LABELS } from '../../engine/jobs/delete/delete-report.ts';
import type { DeleteSpecInput } from '../../engine/jobs/delete/delete-spec.ts';
import type { JobStore } from '../../engine/jobs/core/job-store.ts';
import type { CurrentUser } from '../../../shared/model.ts';
import { parseFlags, stringFlag, type Flags } from '../args.ts';
import { CONNECTION_HELP, CONNECTION_OPTIONS, openConnection, type CliConnection } from '../connection.ts';
import { EXIT, UsageError } from '../exit-codes.ts';
import { cliJobManager, followJob } from '../job-runtime.ts';
import type { CliIo } from '../main.ts';
import type { Command } from './types.ts';

/** `orgport delete`: preview, then (with --yes) back up and delete exactly the listed organizations. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'delete a list of organizations (preview first; backup before deleting)',
  usage: `Usage: orgport delete (--ids LIST | --from FILE [--column NAME]) [options] [connection]

Deletes exactly the organizations listed, nothing else. Without --yes it only prints the preview —
each ID with its name, owner, linked people and open deals, which IDs do not exist, the token cost
and where the backup will go — and deletes nothing. With --yes it writes the backup (an Excel file of
every field of those organizations), then deletes them, and prints where the report and backup are.
Deleted organizations can be restored in Pipedrive for 30 days.

  --ids LIST           IDs separated by commas, spaces or semicolons; #123 and organization links
                       (https://acme.pipedrive.com/organization/123) are accepted
  --from FILE          a .csv or .xlsx file with a column of IDs
  --column NAME        the column holding the IDs, by header or letter (default: the column named
                       like "ID", "Organization ID" or "Pipedrive ID", or the only column)
  --sheet NAME         XLSX: the sheet to read (default: the first one with data)
  --backup FILE        where to write the backup (.xlsx; must not exist yet; default: in the job's
                       reports folder)
  --skip-open-deals    leave out organizations that still have open deals
  --yes                really delete (after the backup); without it nothing is deleted
  --json               print the preview, or the job's summary, as JSON on stdout

${CONNECTION_HELP}

Examples:
  orgport delete --sandbox --ids 3,4,5
  orgport delete --from duplicates.xlsx --column "Organization ID" --skip-open-deals --yes`,
  async run(argv, io) {
    const { flags } = parseFlags(argv, {
      ...CONNECTION_OPTIONS,
      ids: { type: 'string' },
      from: { type: 'string' },
      column: { type: 'string' },
      sheet: { type: 'string' },
      backup: { type: 'string' },
      'skip-open-deals': { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    // Everything that can be wrong with the input is found before anything is sent.
    const input = await readIds(flags, io);
    const backupPath = await backupFlag(flags);
    const skipOpenDeals = flags['skip-open-deals'] === true;
    const json = flags.json === true;
    const connection = await openConnection(flags, io.env);
    try {
      const { client } = connection;
      const [me, preview] = await Promise.all([
        client.getCurrentUser(),
        previewDelete(client, input.ids, { includeCounts: true, skipOpenDeals }),
      ]);
      const account = accountLine(me, connection.label);
      const backupText = backupPath ?? defaultBackupText(io.env);
      if (flags.yes !== true) {
        io.out(
          json
            ? JSON.stringify(previewJson(preview, account, backupText), null, 2) + '\n'
            : formatPreviewText(preview, { account, backup: backupText }),
        );
        io.err(
          preview.idsToDelete.length > 0
            ? `Nothing was deleted. To delete these ${preview.idsToDelete.length} organizations, run the same command with --yes.\n`
            : 'Nothing was deleted, and there is nothing to delete.\n',
        );
        return EXIT.ok;
      }
      if (preview.idsToDelete.length === 0) {
        io.err(
          `Nothing to delete: none of the ${input.ids.length} IDs is an organization that can be deleted.\n`,
        );
        if (json) io.out(JSON.stringify(previewJson(preview, account, backupText), null, 2) + '\n');
        return EXIT.ok;
      }
      return await deleteConfirmed({
        preview,
        me,
        input,
        backupPath,
        backupText,
        skipOpenDeals,
        json,
        io,
        connection,
      });
    } finally {
      await connection.close();
    }
  },
};

/** What `deleteConfirmed` needs: the preview the user confirmed with --yes and how to connect. */
interface Confirmed {
  readonly preview: DeletePreview;
  readonly me: CurrentUser;
  readonly input: IdInput;
  readonly backupPath: string | undefined;
  readonly backupText: string;
  readonly skipOpenDeals: boolean;
  readonly json: boolean;
  readonly io: CliIo;
  readonly connection: CliConnection;
}

/** Runs the delete job for exactly the previewed `will-delete` IDs and follows it to its end. */
async function deleteConfirmed(c: Confirmed): Promise<number> {
  const { preview, io, connection } = c;
  const total = preview.totals;
  io.err(
    `${accountLine(c.me, connection.label)}\nDeleting ${total.willDelete} organizations (${total.notFound} not found, ` +
      `${total.skippedOpenDeals} skipped for open deals); backup first: ${c.backupText}\n`,
  );
  const spec: DeleteSpecInput = {
    ids: [...preview.idsToDelete],
    confirmedCount: preview.idsToDelete.length,
    skipOpenDeals: c.skipOpenDeals,
    ...(c.backupPath ? { backupPath: c.backupPath } : {}),
    excluded: preview.rows.flatMap((r) =>
      r.status === 'will-delete' ? [] : [{ id: r.id, status: r.status, name: r.name }],
    ),
    account: { companyId: c.me.company_id, companyName: c.me.company_name },
    source: c.input.source,
  };
  const manager = cliJobManager(io.env);
  let jobId: string | undefined;
  const code = await followJob(
    manager,
    async () => {
      const run = await manager.start({
        kind: 'delete',
        spec,
        title: `Delete ${total.willDelete} organizations`,
        connection: connection.label,
        env: { connection: connection.config, label: connection.label },
      });
      jobId = run.id;
      return run;
    },
    io,
    { json: c.json },
  );
  if (!c.json && jobId !== undefined) await printOutcome(manager.store, jobId, io);
  return code;
}

interface IdInput {
  readonly ids: number[];
  readonly source: string;
}

async function readIds(flags: Flags, io: CliIo): Promise<IdInput> {
  const idsFlag = stringFlag(flags, 'ids');
  const from = stringFlag(flags, 'from');
  if ((idsFlag === undefined) === (from === undefined)) {
    throw new UsageError('give the organizations to delete with either --ids LIST or --from FILE');
  }
  if (idsFlag !== undefined) {
    if (stringFlag(flags, 'column') !== undefined || stringFlag(flags, 'sheet') !== undefined) {
      throw new UsageError('--column and --sheet go with --from FILE');
    }
    const parsed = parsePastedIds(idsFlag);
    if (parsed.junk.length > 0) {
      throw new UsageError(
        `--ids: these are not organization IDs (nothing was sent):\n  ${describeJunk(parsed.junk).join('\n  ')}`,
      );
    }
    if (parsed.ids.length === 0) throw new UsageError('--ids: no IDs given');
    if (parsed.duplicates > 0)
      io.err(`${parsed.duplicates} repeated ID${parsed.duplicates === 1 ? '' : 's'} counted once.\n`);
    return { ids: parsed.ids, source: '--ids' };
  }
  const file = path.resolve(from ?? '');
  const column = stringFlag(flags, 'column');
  const sheet = stringFlag(flags, 'sheet');
  let read;
  try {
    read = await readIdsFromFile(file, { ...(column ? { column } : {}), ...(sheet ? { sheet } : {}) });
  } catch (error) {
    if (error instanceof IdSourceError) throw new UsageError(error.message);
    throw error;
  }
  if (read.problems.length > 0) {
    throw new UsageError(
      `${read.problems.length} cell${read.problems.length === 1 ? ' is' : 's are'} not organization IDs (nothing was sent); ` +
        `fix the file or choose another column with --column:\n  ${describeFileProblems(read.problems).join('\n  ')}`,
    );
  }
  if (read.ids.length === 0) throw new UsageError(`${read.fileName}: column "${read.column}" holds no IDs`);
  const notes = [
    read.duplicates > 0
      ? `${read.duplicates} repeated ID${read.duplicates === 1 ? '' : 's'} counted once`
      : null,
    read.blankCells > 0 ? `${read.blankCells} empty cell${read.blankCells === 1 ? '' : 's'} skipped` : null,
  ].filter((x): x is string => x !== null);
  io.err(
    `Read ${read.ids.length} IDs from ${read.fileName}, column "${read.column}"${notes.length ? ` (${notes.join(', ')})` : ''}.\n`,
  );
  return {
    ids: read.ids,
    source: `${read.fileName}${read.sheet ? `, sheet "${read.sheet}"` : ''}, column "${read.column}"`,
  };
}

/** `--backup FILE`: an .xlsx path in an existing, writable folder, not an existing file (never overwritten). */
async function backupFlag(flags: Flags): Promise<string | undefined> {
  const raw = stringFlag(flags, 'backup');
  if (raw === undefined) return undefined;
  const file = path.resolve(raw);
  if (!file.toLowerCase().endsWith('.xlsx'))
    throw new UsageError(`--backup: the backup is an Excel file; give a name ending in .xlsx, not "${raw}"`);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (exists)
    throw new UsageError(
      `--backup: ${file} already exists; choose a new file name (an earlier backup is never overwritten)`,
    );
  try {
    await access(path.dirname(file), constants.W_OK);
  } catch {
    throw new UsageError(`--backup: the folder ${path.dirname(file)} does not exist or cannot be written to`);
  }
  return file;
}

function accountLine(me: CurrentUser, label: string): string {
  return `${me.company_name} (company ${me.company_id}, ${me.company_domain}) — ${me.email} — via ${label}`;
}

function defaultBackupText(env: NodeJS.ProcessEnv): string {
  return path.join(dataPaths(dataDir({ env })).jobs, '<job id>', 'reports', 'backup-<job id>.xlsx');
}

function previewJson(preview: DeletePreview, account: string, backup: string): Record<string, unknown> {
  return { account, deleted: false, backup, ...preview };
}

/** Prints the job's summary (counts, cost, path taken, backup, report, the 30-day note). */
async function printOutcome(store: JobStore, jobId: string, io: CliIo): Promise<void> {
  const job = await store.load(jobId);
  const summary = job.summary.reports.find((r) => r.label === REPORT_LABELS.summary);
  const text = summary ? await readFile(summary.path, 'utf8').catch(() => null) : null;
  if (text !== null) io.out(`\n${text}`);
  else io.out(`\nJob ${jobId} (${job.summary.state}); its files are in ${job.paths.dir}\n`);
  for (const report of job.summary.reports)
    if (!text?.includes(report.path)) io.out(`${report.label}: ${report.path}\n`);
}
