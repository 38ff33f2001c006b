/**
 * One run of an import job, first or resumed: load the fields (and users), convert the file, index
 * the organizations when rows are matched, settle the creates an interrupted run left open, plan every
 * row not done yet, journal the rows that need no request, send the rest, and write the reports from
 * the journal — so a job run in several goes reports every row once. A run that ends early (cancel,
 * stop, failure) writes them too, with the rows it never got to in a "not attempted" report.
 */
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { loadCatalog, needsUsers } from '../../import/catalog.ts';
import { specMapping, specMatch, type ImportSpec } from '../../import/import-spec.ts';
import { indexListParams, loadOrgIndex, writtenKeys, type OrgIndex } from '../../import/org-index.ts';
import { DuplicateGroups, planRow, type PlanContext } from '../../import/plan.ts';
import type { ConvertedRow } from '../../import/types.ts';
import { PipedriveClient, type PipedriveConnection } from '../../pipedrive/index.ts';
import { classifyJobError } from '../core/job-errors.ts';
import type { JobContext, JobOutcome } from '../core/job-runner.ts';
import type { ProgressUpdate } from '../core/progress-throttle.ts';
import { countOutcomes, importOutcomes, type ImportOutcome } from './import-outcome.ts';
import { writeImportReports } from './import-reports.ts';
import { notAttemptedReason } from './not-attempted.ts';
import {
  adoptLanded,
  recordOutcome,
  sendRows,
  type ImportWriterInput,
  type WorkItem,
} from './import-writes.ts';
import { describeFile, prepareRows, type PreparedImport } from './prepare-rows.ts';

/** What an import needs at run time: the live connection (never stored) and its label. */
export interface ImportJobEnv {
  readonly connection: PipedriveConnection;
  readonly label: string;
}

/** Runs (or resumes) the import described by `spec`. */
export async function runImport(
  context: JobContext<'import', ImportSpec, ImportOutcome>,
  spec: ImportSpec,
  env: ImportJobEnv,
): Promise<JobOutcome<'import'>> {
  const { signal, control } = context;
  // Every request in flight listens to the job's signal (up to the governor's 16, plus the waiters):
  // more than Node's default of 10, and not a leak — they are removed as requests end.
  setMaxListeners(256, signal);
  // One client per job: it shares the connection's rate governor but counts its own tokens.
  const client = new PipedriveClient(env.connection);
  // Resuming is the user saying "try again": a budget stop remembered by this process must not block it.
  client.clearBudgetStop();
  const title = `Importing ${path.basename(spec.file)} (${spec.mode})`;
  const outcomes = importOutcomes(context.resumeFrom.outcomes);
  const counts = countOutcomes(outcomes.values());
  let total: number | null = null;
  let indexed = 0;
  const progress = (phase: 'indexing' | 'running'): ProgressUpdate<'import'> => ({
    kind: 'import',
    phase,
    current: phase === 'indexing' ? indexed : outcomes.size,
    total: phase === 'indexing' ? null : total,
    tokensSpent: context.previous.tokensSpent + client.usage().tokensSpent,
    title,
    counts: { ...counts },
  });
  context.progress.update(progress('indexing'));

  let prepared: PreparedImport | null = null;
  // Creates announced and not answered yet (and, on resume, those the last run left open).
  const announced = new Set<number>();
  try {
    await run();
  } catch (error) {
    try {
      await reportEarlyEnd(context, spec, outcomes, announced, prepared, error);
    } catch {
      // The reports are a courtesy here: the job's own ending (and its journal) must not be masked.
    }
    throw error;
  }
  await report(context, spec, prepared, outcomes);
  return progress('running');

  async function run(): Promise<void> {
    const mapping = specMapping(spec);
    const targets = Object.values(mapping);
    const catalog = await loadCatalog(client, {
      users: (fields) => needsUsers(targets, fields),
      defaultCurrency: spec.defaultCurrency ?? null,
      signal,
    });
    const fields = catalog.fields;
    prepared = await prepareRows(spec, catalog, { signal });
    total = prepared.rows.length;
    const match = spec.mode === 'create' ? null : specMatch(spec);
    const written = writtenKeys(targets);
    let index: OrgIndex | null = null;
    if (match !== null) {
      index = await loadOrgIndex(client, {
        match,
        fields,
        writtenKeys: written,
        signal,
        onPage: async (_pages, organizations) => {
          indexed = organizations;
          context.progress.update(progress('indexing'));
          await control.checkpoint();
        },
      });
    }

    const writer: ImportWriterInput = {
      client,
      journal: context.journal,
      control,
      fields,
      listParams: indexListParams(fields, written, match),
      outcomes,
      counts,
      onOutcome: () => context.progress.update(progress('running')),
      announced,
    };
    const byRow = new Map(prepared.rows.map((row) => [row.rowNumber, row]));
    // Creates the last run announced but never saw the end of: adopt those that landed.
    const open = [...context.resumeFrom.openIntents.values()].filter(
      (intent) => typeof intent.i === 'number' && !outcomes.has(intent.i) && byRow.has(intent.i),
    );
    for (const intent of open) announced.add(intent.i as number);
    await adoptLanded(
      writer,
      open.map((intent) => ({
        rowNumber: intent.i as number,
        body: byRow.get(intent.i as number)?.body ?? {},
        at: Date.parse(intent.at),
      })),
    );
    const work = await planAndJournal(writer, prepared.rows, {
      mode: spec.mode,
      match,
      index,
      duplicates: duplicatesOf(prepared.rows, match !== null),
      fields,
      updateUnchanged: spec.updateUnchanged ?? false,
      matchColumn: prepared.converter.matchColumn?.header ?? null,
    });
    context.progress.update(progress('running'));
    await sendRows(writer, work);
  }
}

type Context = JobContext<'import', ImportSpec, ImportOutcome>;

/** Writes the reports of a finished run and links them (unlinking those with no rows any more). */
async function report(
  context: Context,
  spec: ImportSpec,
  prepared: PreparedImport | null,
  outcomes: ReadonlyMap<number, ImportOutcome>,
  notAttempted?: (rowNumber: number) => string,
): Promise<void> {
  const written = await writeImportReports({
    spec,
    prepared: prepared ?? (await describeFile(spec)),
    outcomes,
    dir: context.paths.reports,
    ...(notAttempted ? { notAttempted } : {}),
  });
  for (const path of written.removed) await context.removeReport(path);
  for (const file of written.written) await context.addReport(file);
}

/** The reports of a run that ended before every row had an outcome. */
async function reportEarlyEnd(
  context: Context,
  spec: ImportSpec,
  outcomes: ReadonlyMap<number, ImportOutcome>,
  announced: ReadonlySet<number>,
  prepared: PreparedImport | null,
  error: unknown,
): Promise<void> {
  const ending = classifyJobError(error, context.signal);
  // A job that failed before reading the file (e.g. a file that changed) has nothing to report on.
  if (ending.state === 'failed' && prepared === null) return;
  const why = (rowNumber: number): string =>
    notAttemptedReason(ending, announced.has(rowNumber) || context.resumeFrom.openIntents.has(rowNumber));
  await report(context, spec, prepared, outcomes, why);
}

function duplicatesOf(
  rows: ReadonlyArray<{ rowNumber: number; matchKey: string | null }>,
  matching: boolean,
): DuplicateGroups {
  const groups = new DuplicateGroups();
  if (matching) for (const row of rows) groups.add(row.matchKey, row.rowNumber);
  return groups;
}

/** Plans every row without an outcome; journals those that need no request; returns the rest. */
async function planAndJournal(
  writer: ImportWriterInput,
  rows: ReadonlyArray<ConvertedRow>,
  plan: PlanContext,
): Promise<WorkItem[]> {
  const work: WorkItem[] = [];
  const pending: Array<Promise<void>> = [];
  for (const row of rows) {
    if (writer.outcomes.has(row.rowNumber)) continue;
    const decided = planRow(row, plan);
    const i = row.rowNumber;
    const reason = decided.reason;
    switch (decided.outcome) {
      case 'create':
        work.push({ row, kind: 'create' });
        break;
      case 'update':
        work.push({ row, kind: 'update', orgId: decided.orgId ?? 0, body: decided.body ?? row.body });
        break;
      case 'unchanged':
      case 'skip':
        pending.push(
          recordOutcome(writer, {
            i,
            outcome: decided.outcome === 'skip' ? 'skipped' : 'unchanged',
            ...(decided.orgId === null ? {} : { id: decided.orgId }),
            ...(reason === undefined ? {} : { reason }),
          }),
        );
        break;
      case 'pending':
        // Cannot happen: the index is loaded whenever rows are matched.
        throw new Error(`Row ${i} could not be planned: the organizations were not indexed.`);
      default:
        pending.push(
          recordOutcome(writer, { i, outcome: 'failed', reason: reason ?? 'The row cannot be imported' }),
        );
    }
    // The journal batches writes itself; awaiting in chunks keeps the number of open promises small.
    if (pending.length >= 1000) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return work;
}
