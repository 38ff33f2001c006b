/**
 * Bulk delete of organizations: the v1 `DELETE /v1/organizations?ids=` endpoint (≤1000 ids, 10 tokens
 * a call) while it still answers, else per-id `DELETE /api/v2/organizations/{id}` (3 tokens each).
 * The v1 endpoint is out of support since 2026-08-01; once it answers 404/405/410 the identity
 * remembers that and later bulk deletes go per id straight away.
 */
import pLimit from 'p-limit';
import { isPipedriveError, type PipedriveError, type PipedriveErrorKind } from './errors.ts';
import type { PipedriveEvent } from './events.ts';
import type { HttpRequest, HttpResult } from './http.ts';
import { chunk } from './params.ts';
import type { ConnectionState } from './registry.ts';

/** Most ids the v1 bulk delete takes per request. */
export const MAX_BULK_DELETE_IDS = 1000;

/** One id that could not be deleted, and why. */
export interface BulkDeleteFailure {
  id: number;
  kind: PipedriveErrorKind;
  reason: string;
  /** The delete may still have happened (its answer was lost); check before reporting it as kept. */
  maybeApplied: boolean;
}

/** What happened to every id of a bulk delete. */
export interface BulkDeleteResult {
  deleted: number[];
  /**
   * Gone when a retry looked, after an attempt of ours whose answer was lost: deleted by that attempt
   * (or, for the v1 endpoint, possibly never there; once deleted, no API call can tell the two apart).
   */
  alreadyGone: number[];
  /** Did not exist (or were already deleted) before we started. */
  notFound: number[];
  failed: BulkDeleteFailure[];
  /** Not tried because the run stopped (see `stoppedBy`). */
  notAttempted: number[];
  /** Why the run stopped early: budget exhausted, cancelled, credentials rejected, or blocked. */
  stoppedBy: PipedriveError | null;
  /** Which endpoint did the work. */
  path: 'v1' | 'v2' | 'v1+v2';
}

/** The client functions a bulk delete needs. */
export interface BulkDeleteTarget {
  request(req: HttpRequest): Promise<HttpResult>;
  deleteOrganization(id: number, signal?: AbortSignal): Promise<{ id: number; alreadyGone: boolean }>;
}

// Errors after which no further request of this run can succeed.
function stopsTheRun(error: unknown): error is PipedriveError {
  return (
    isPipedriveError(error, 'budget_exhausted', 'cancelled', 'unauthorized') ||
    (isPipedriveError(error) && error.blockedByCloudflare)
  );
}

function failure(id: number, error: unknown): BulkDeleteFailure {
  if (isPipedriveError(error)) {
    return { id, kind: error.kind, reason: error.message, maybeApplied: error.maybeApplied };
  }
  return {
    id,
    kind: 'unexpected',
    reason: error instanceof Error ? error.message : String(error),
    maybeApplied: false,
  };
}

/** Runs a bulk delete; never throws for per-id or per-chunk failures, only reports them. */
export async function bulkDelete(
  target: BulkDeleteTarget,
  state: ConnectionState,
  ids: ReadonlyArray<number>,
  signal: AbortSignal | undefined,
  emit: (event: PipedriveEvent) => void,
): Promise<BulkDeleteResult> {
  const result: BulkDeleteResult = {
    deleted: [],
    alreadyGone: [],
    notFound: [],
    failed: [],
    notAttempted: [],
    stoppedBy: null,
    path: 'v1',
  };
  const unique = [...new Set(ids)];
  let usedV1 = false;
  let usedV2 = false;
  const v2Queue: number[] = [];
  // IDs whose v1 call may have landed before the endpoint went away (its first answer was lost).
  const mayBeGone = new Set<number>();

  const chunks = chunk(unique, MAX_BULK_DELETE_IDS);
  for (let i = 0; i < chunks.length; i++) {
    const ids = chunks[i] ?? [];
    if (state.bulkDeletePath === 'v2') {
      v2Queue.push(...ids);
      continue;
    }
    try {
      const response = await target.request({
        method: 'DELETE',
        path: '/v1/organizations',
        query: { ids: ids.join(',') },
        signal,
      });
      usedV1 = true;
      state.bulkDeletePath = 'v1';
      const data = (response.json as { data?: { id?: unknown } } | null)?.data;
      const listed = new Set(Array.isArray(data?.id) ? data.id.map(Number) : []);
      for (const id of ids) {
        if (listed.has(id)) result.deleted.push(id);
        // Unlisted after a retry: the lost first attempt took them. Unlisted at once: never existed.
        else if (response.alreadyGone || response.attempts > 1) result.alreadyGone.push(id);
        else result.notFound.push(id);
      }
    } catch (error) {
      if (isPipedriveError(error, 'not_found') && [404, 405, 410].includes(error.status ?? 0)) {
        state.bulkDeletePath = 'v2';
        emit({ type: 'bulk-delete-fallback', status: error.status ?? 0, maybeApplied: error.maybeApplied });
        if (error.maybeApplied) for (const id of ids) mayBeGone.add(id);
        v2Queue.push(...ids);
        continue;
      }
      if (stopsTheRun(error)) {
        result.stoppedBy = error;
        result.notAttempted.push(...ids, ...chunks.slice(i + 1).flat());
        break;
      }
      for (const id of ids) result.failed.push(failure(id, error));
    }
  }

  if (v2Queue.length > 0 && !result.stoppedBy) {
    usedV2 = true;
    await deletePerId(target, v2Queue, signal, result, mayBeGone);
  } else {
    result.notAttempted.push(...v2Queue);
  }
  result.path = usedV1 && usedV2 ? 'v1+v2' : usedV2 ? 'v2' : 'v1';
  return result;
}

async function deletePerId(
  target: BulkDeleteTarget,
  ids: ReadonlyArray<number>,
  signal: AbortSignal | undefined,
  result: BulkDeleteResult,
  mayBeGone: ReadonlySet<number>,
): Promise<void> {
  // The governor decides how many really run at once; this only bounds the queue of open promises.
  const limit = pLimit(16);
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        if (result.stoppedBy) {
          result.notAttempted.push(id);
          return;
        }
        try {
          const outcome = await target.deleteOrganization(id, signal);
          (outcome.alreadyGone ? result.alreadyGone : result.deleted).push(id);
        } catch (error) {
          if (isPipedriveError(error, 'not_found'))
            (mayBeGone.has(id) ? result.alreadyGone : result.notFound).push(id);
          else if (stopsTheRun(error)) {
            result.stoppedBy ??= error;
            // Cancelled or budget-stopped while in flight: the delete may or may not have happened.
            if (error.maybeApplied) result.failed.push(failure(id, error));
            else result.notAttempted.push(id);
          } else result.failed.push(failure(id, error));
        }
      }),
    ),
  );
}
