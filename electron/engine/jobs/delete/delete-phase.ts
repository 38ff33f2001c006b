/**
 * The deleting phase: the IDs go out in groups of up to 1,000, each announced by a synced journal
 * intent (delete-ledger.ts says why). A group is one v1 bulk call while that endpoint answers; once
 * it answers 404/405/410 (out of support since 2026-08-01) the client remembers that for the identity
 * and the job deletes per ID through v2, with `runBatch` at the rate governor's concurrency, so pause
 * and cancel act between single deletes and every outcome is journaled as it comes.
 *
 * A delete whose answer was lost for good (`maybeApplied`) is neither reported as failed nor sent
 * again blindly: the group's uncertain IDs are looked up in one listing at the end of the group.
 */
import type { Organization } from '../../../../shared/model.ts';
import { fetchOrganizations } from '../../delete/preview.ts';
import {
  connectionState,
  isPipedriveError,
  MAX_BULK_DELETE_IDS,
  type BulkDeleteResult,
} from '../../pipedrive/index.ts';
import { chunk } from '../../pipedrive/params.ts';
import { runBatch } from '../core/job-control.ts';
import { groupKey, type DeletedVia, type GroupIntentData } from './delete-ledger.ts';
import type { DeleteRun } from './delete-run.ts';

/** An ID whose delete may or may not have happened. */
interface Uncertain {
  readonly id: number;
  readonly via: Extract<DeletedVia, 'v1' | 'v2'>;
  readonly reason: string;
}

/**
 * IDs left to delete one by one. `mayBeGone`: a v1 call for them lost its answer before the endpoint
 * went away, so it may have deleted them — a 404 then means our delete landed.
 */
interface PerIdWork {
  readonly ids: ReadonlyArray<number>;
  readonly mayBeGone: boolean;
}

/** Deletes `ids` (all live and backed up), group by group. */
export async function deleteOrganizations(
  run: DeleteRun,
  ids: ReadonlyArray<number>,
  live: ReadonlyMap<number, Organization>,
): Promise<void> {
  const names = (id: number): string | null => live.get(id)?.name ?? null;
  for (const group of chunk(ids, MAX_BULK_DELETE_IDS)) {
    await run.ctx.control.checkpoint();
    await deleteGroup(run, group, names);
  }
}

async function deleteGroup(
  run: DeleteRun,
  ids: number[],
  names: (id: number) => string | null,
): Promise<void> {
  const key = groupKey(run.ledger.nextGroup++);
  const intent: GroupIntentData = { ids, names: ids.map(names) };
  await run.ctx.journal.intent(key, 'delete', intent);
  run.currentGroup = intent;
  const uncertain: Uncertain[] = [];
  let perId: PerIdWork = { ids, mayBeGone: false };
  if (connectionState(run.env.connection).bulkDeletePath !== 'v2') {
    perId = await viaBulk(run, ids, names, uncertain);
  }
  if (perId.ids.length > 0) await viaPerId(run, perId, names, uncertain);
  if (uncertain.length > 0) await recheck(run, uncertain, names);
  await run.ctx.journal.append({ i: key, outcome: 'closed' });
  run.currentGroup = null;
}

/**
 * After a cancel or stop cut a group short: deletes that were in flight may have landed. One listing
 * (not tied to the job's aborted signal, and bounded in time) finds those, so the report of a cancelled
 * job — which will never be resumed — says what really happened. If it cannot be done (network down,
 * budget gone), a resume does the same check anyway.
 */
export async function settleCutGroup(run: DeleteRun, timeoutMs = 15_000): Promise<void> {
  const group = run.currentGroup;
  if (!group) return;
  const names = new Map(group.ids.map((id, n) => [id, group.names[n] ?? null]));
  const pending = group.ids.filter((id) => !run.ledger.items.has(id));
  if (pending.length === 0) return;
  const alive = await fetchOrganizations(run.client, pending, [], AbortSignal.timeout(timeoutMs));
  for (const id of pending) {
    if (!alive.has(id))
      await run.record({ i: id, outcome: 'deleted', via: 'recheck', name: names.get(id) ?? null });
  }
}

/**
 * One v1 bulk call. Returns the IDs still to delete per ID: all of them when the endpoint turned out
 * to be gone. The client would then delete them per ID itself, in one block the job could neither
 * pause nor journal item by item; the job aborts that (the fallback event comes before any of those
 * requests is made, so none is sent) and does it through `runBatch` instead.
 *
 * Only the IDs the call lists as deleted are taken at its word. The rest — "gone after a retry" and
 * "not deleted" alike — are looked up: a vanished endpoint can answer a retry with a 404 that reads
 * like "already gone", and a bulk call may pass over an organization without saying why. Those still
 * there are deleted per ID, which either works or fails with a reason.
 */
async function viaBulk(
  run: DeleteRun,
  ids: number[],
  names: (id: number) => string | null,
  uncertain: Uncertain[],
): Promise<PerIdWork> {
  const fallback = new AbortController();
  let mayBeGone = false;
  const off = run.client.onEvent((event) => {
    if (event.type !== 'bulk-delete-fallback') return;
    mayBeGone = event.maybeApplied;
    fallback.abort();
  });
  let result: BulkDeleteResult;
  try {
    result = await run.client.bulkDeleteOrganizations(
      ids,
      AbortSignal.any([run.ctx.signal, fallback.signal]),
    );
  } finally {
    off();
  }
  for (const id of result.deleted)
    await run.record({ i: id, outcome: 'deleted', via: 'v1', name: names(id) });
  for (const failure of result.failed) {
    if (failure.maybeApplied) uncertain.push({ id: failure.id, via: 'v1', reason: failure.reason });
    else if (failure.kind !== 'cancelled') {
      await run.record({ i: failure.id, outcome: 'failed', reason: failure.reason, name: names(failure.id) });
    }
  }
  // Cancelled or stopped: what is known is recorded; the group stays open and a resume checks the rest.
  run.ctx.signal.throwIfAborted();
  if (result.stoppedBy && !fallback.signal.aborted) throw result.stoppedBy;
  const unconfirmed = [...result.alreadyGone, ...result.notFound];
  const stillThere = await fetchOrganizations(run.client, unconfirmed, [], run.ctx.signal);
  const gone = new Set(result.alreadyGone);
  for (const id of unconfirmed) {
    if (stillThere.has(id)) continue;
    await run.record(
      gone.has(id)
        ? { i: id, outcome: 'deleted', via: 'v1', name: names(id) }
        : {
            i: id,
            outcome: 'not-found',
            reason: 'already deleted when the delete was sent',
            name: names(id),
          },
    );
  }
  const again = [...stillThere.keys()];
  if (!fallback.signal.aborted) return { ids: again, mayBeGone: false };
  return { ids: [...again, ...result.notAttempted, ...cancelledIds(result)], mayBeGone };
}

// Failures the fallback's own abort caused: nothing was sent for them.
function cancelledIds(result: BulkDeleteResult): number[] {
  return result.failed.filter((f) => f.kind === 'cancelled' && !f.maybeApplied).map((f) => f.id);
}

async function viaPerId(
  run: DeleteRun,
  work: PerIdWork,
  names: (id: number) => string | null,
  uncertain: Uncertain[],
): Promise<void> {
  await runBatch(work.ids, (id, { signal }) => run.client.deleteOrganization(id, signal), {
    // The governor knows how many requests the account's burst limit allows in flight right now.
    concurrency: () => run.client.usage().concurrency,
    control: run.ctx.control,
    onSettled: async (settled) => {
      const id = settled.item;
      if (settled.status === 'fulfilled') {
        return run.record({ i: id, outcome: 'deleted', via: 'v2', name: names(id) });
      }
      const error = settled.reason;
      if (isPipedriveError(error, 'not_found') && work.mayBeGone) {
        // Live when the job looked, gone now: the v1 call whose answer was lost deleted it.
        return run.record({ i: id, outcome: 'deleted', via: 'v1', name: names(id) });
      }
      if (isPipedriveError(error, 'not_found')) {
        return run.record({
          i: id,
          outcome: 'not-found',
          reason: 'already deleted when the delete was sent',
          name: names(id),
        });
      }
      const reason = error instanceof Error ? error.message : String(error);
      if (isPipedriveError(error) && error.maybeApplied) uncertain.push({ id, via: 'v2', reason });
      else return run.record({ i: id, outcome: 'failed', reason, name: names(id) });
    },
  });
}

/** Looks the uncertain IDs up: gone means our delete landed; still there means it failed. */
async function recheck(
  run: DeleteRun,
  uncertain: ReadonlyArray<Uncertain>,
  names: (id: number) => string | null,
): Promise<void> {
  const alive = await fetchOrganizations(
    run.client,
    uncertain.map((u) => u.id),
    [],
    run.ctx.signal,
  );
  for (const { id, via, reason } of uncertain) {
    await run.record(
      alive.has(id)
        ? { i: id, outcome: 'failed', reason, name: names(id) }
        : { i: id, outcome: 'deleted', via, name: names(id) },
    );
  }
}
