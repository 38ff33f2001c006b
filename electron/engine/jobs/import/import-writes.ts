/**
 * Sending the rows: creates and updates through `runBatch`, as many in flight as the rate governor
 * allows, each outcome journaled as it comes. A create is announced in the journal (synced) before it
 * is sent. A create whose answer is lost is not sent again blindly: once the batch is through, the
 * lost ones are looked for among the newest organizations (landed-check.ts) and adopted if they are
 * there; only the others are sent again, up to three rounds.
 */
import type { OrgField, OrganizationWrite } from '../../../../shared/model.ts';
import type { ConvertedRow } from '../../import/types.ts';
import { normalizeMatchText } from '../../import/match-key.ts';
import {
  isPipedriveError,
  type ListOrganizationsParams,
  type PipedriveClient,
  type PipedriveError,
} from '../../pipedrive/index.ts';
import { JobStoppedError } from '../core/job-errors.ts';
import { runBatch, type JobControl, type SettledItem } from '../core/job-control.ts';
import type { Journal } from '../core/journal.ts';
import type { ImportOutcome, ImportOutcomeKind } from './import-outcome.ts';
import { findLanded, type UnsureCreate } from './landed-check.ts';

/** One row to send. */
export interface WorkItem {
  readonly row: ConvertedRow;
  readonly kind: 'create' | 'update';
  /** The organization to update. */
  readonly orgId?: number;
  /** What an update sends (only the changed fields); a create sends the row's whole body. */
  readonly body?: OrganizationWrite;
}

type ItemResult = { readonly line: ImportOutcome } | { readonly unsure: UnsureCreate };

/**
 * Rounds of "check, then send again" for creates whose answers keep getting lost. Each round resends
 * only the few still unsure and its check lists only the newest organizations, so rounds are cheap;
 * with 3, a 50,000-row soak at 3 % faults gave up on one healthy row (50,000 × 0.03³ ≈ 1.4 expected).
 */
const MAX_ROUNDS = 5;

/** What the writer works with. */
export interface ImportWriterInput {
  readonly client: PipedriveClient;
  readonly journal: Journal<ImportOutcome>;
  readonly control: JobControl;
  readonly fields: ReadonlyArray<OrgField>;
  /** List parameters returning the written fields (for the landed check). */
  readonly listParams: ListOrganizationsParams;
  /** Every row's outcome so far (all runs); the writer adds to it. */
  readonly outcomes: Map<number, ImportOutcome>;
  /** Counts of `outcomes`, kept up to date with it (recounting per row would be quadratic). */
  readonly counts: Record<ImportOutcomeKind, number>;
  /** Called after each recorded outcome. */
  readonly onOutcome: () => void;
  /**
   * Rows whose create was announced (may have reached Pipedrive) and has no outcome yet: if the job
   * ends now, these are the rows the reports must not call simply "not attempted".
   */
  readonly announced?: Set<number>;
}

/** Journals an outcome and remembers it. */
export async function recordOutcome(input: ImportWriterInput, line: ImportOutcome): Promise<void> {
  await input.journal.append(line);
  const before = input.outcomes.get(line.i);
  if (before) input.counts[before.outcome] -= 1;
  input.outcomes.set(line.i, line);
  input.announced?.delete(line.i);
  input.counts[line.outcome] += 1;
  input.onOutcome();
}

/** The organization IDs the journal already accounts for. */
export function claimedIds(outcomes: ReadonlyMap<number, ImportOutcome>): Set<number> {
  const ids = new Set<number>();
  for (const line of outcomes.values()) if (line.id !== undefined) ids.add(line.id);
  return ids;
}

/**
 * Looks for the landed creates among `unsure` and journals those found as created (adopted).
 * Returns the ones that did not land.
 */
export async function adoptLanded(
  input: ImportWriterInput,
  unsure: ReadonlyArray<UnsureCreate>,
): Promise<UnsureCreate[]> {
  if (unsure.length === 0) return [];
  const landed = await findLanded(input.client, unsure, {
    params: input.listParams,
    fields: input.fields,
    claimed: claimedIds(input.outcomes),
    signal: input.control.signal,
  });
  const rest: UnsureCreate[] = [];
  for (const create of unsure) {
    const org = landed.get(create.rowNumber);
    if (org)
      await recordOutcome(input, { i: create.rowNumber, outcome: 'created', id: org.id, adopted: true });
    else rest.push(create);
  }
  return rest;
}

/** Sends every item; returns when each has an outcome (or throws when the job stops). */
export async function sendRows(input: ImportWriterInput, items: ReadonlyArray<WorkItem>): Promise<void> {
  let unsure = await sendBatch(input, items);
  for (let round = 1; unsure.length > 0; round += 1) {
    const notLanded = await adoptLanded(input, unsure);
    if (round >= MAX_ROUNDS) {
      for (const create of notLanded) {
        await recordOutcome(input, {
          i: create.rowNumber,
          outcome: 'failed',
          reason:
            `The connection to Pipedrive was lost while creating this organization, ${MAX_ROUNDS} times; ` +
            'Orgport checked and it was not created. Import the row again.',
        });
      }
      return;
    }
    const byRow = new Map(items.map((item) => [item.row.rowNumber, item]));
    unsure = await sendBatch(
      input,
      notLanded.map((create) => byRow.get(create.rowNumber) ?? { row: rowOf(create), kind: 'create' }),
    );
  }
}

function rowOf(create: UnsureCreate): ConvertedRow {
  return {
    rowNumber: create.rowNumber,
    body: create.body,
    matchValue: null,
    matchKey: null,
    cellErrors: [],
    deferred: [],
    createError: null,
    notes: [],
    states: [],
  };
}

async function sendBatch(input: ImportWriterInput, items: ReadonlyArray<WorkItem>): Promise<UnsureCreate[]> {
  const unsure: UnsureCreate[] = [];
  const { client, control } = input;
  await runBatch(items, (item, { signal }) => send(input, item, signal), {
    // The governor's say: how many requests it lets be in flight right now.
    concurrency: () => Math.max(1, client.usage().concurrency),
    control,
    onSettled: async (result: SettledItem<WorkItem, ItemResult>) => {
      if (result.status === 'rejected') {
        await recordOutcome(input, {
          i: result.item.row.rowNumber,
          outcome: 'failed',
          reason: failureReason(result.reason),
        });
      } else if ('unsure' in result.value) {
        unsure.push(result.value.unsure);
      } else {
        await recordOutcome(input, result.value.line);
      }
    },
  });
  return unsure;
}

async function send(input: ImportWriterInput, item: WorkItem, signal: AbortSignal): Promise<ItemResult> {
  const { client, journal } = input;
  const rowNumber = item.row.rowNumber;
  if (item.kind === 'create') {
    const name = typeof item.row.body.name === 'string' ? normalizeMatchText(item.row.body.name) : '';
    input.announced?.add(rowNumber);
    await journal.intent(rowNumber, 'create', { name });
    const at = Date.now();
    try {
      const org = await client.createOrganization(item.row.body, signal);
      return { line: { i: rowNumber, outcome: 'created', id: org.id } };
    } catch (error) {
      if (isPipedriveError(error) && error.maybeApplied && !signal.aborted) {
        return { unsure: { rowNumber, body: item.row.body, at } };
      }
      throw stopInstead(error);
    }
  }
  const id = item.orgId as number;
  try {
    await client.updateOrganization(id, item.body ?? item.row.body, signal);
    return { line: { i: rowNumber, outcome: 'updated', id } };
  } catch (error) {
    if (isPipedriveError(error, 'not_found')) {
      return {
        line: {
          i: rowNumber,
          outcome: 'failed',
          id,
          reason: `The organization with ID ${id} no longer exists in Pipedrive (deleted while importing?)`,
        },
      };
    }
    throw stopInstead(error);
  }
}

/**
 * Errors that say "not now" rather than "not this row" stop the job resumably: an update that kept
 * failing on the network (updates are safe to redo), a rate limit that would not lift.
 */
function stopInstead(error: unknown): unknown {
  if (!isPipedriveError(error)) return error;
  if (error.kind === 'network') return new JobStoppedError('network', error.message);
  if (error.kind === 'rate_limited') {
    return new JobStoppedError('network', `Pipedrive kept answering "too many requests": ${error.message}`);
  }
  return error;
}

/** A failed row's reason, in plain language, from what Pipedrive said. */
export function failureReason(error: unknown): string {
  if (!isPipedriveError(error)) return error instanceof Error ? error.message : String(error);
  const e: PipedriveError = error;
  const said = e.pipedriveMessage ? `: ${e.pipedriveMessage}` : '';
  switch (e.kind) {
    case 'validation':
      return `Pipedrive rejected the row${said}${e.status ? ` (HTTP ${e.status})` : ''}`;
    case 'forbidden':
      return `Pipedrive refused the change${said}`;
    case 'server':
      return `Pipedrive answered with a server error (HTTP ${e.status ?? '5xx'}) ${e.attempts} time(s); import the row again later`;
    default:
      return e.message;
  }
}
