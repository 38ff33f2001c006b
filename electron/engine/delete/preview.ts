/**
 * The delete preview: exactly the organizations a list of IDs names, as the confirmation shows them —
 * name, owner, the linked people and open deals the delete would orphan — which IDs do not exist (or
 * are already deleted), which are skipped for still having open deals, and what each way of deleting
 * costs in API tokens. The job then deletes exactly `idsToDelete`, nothing it looks up again.
 */
import type {
  DeletePreviewResult,
  DeletePreviewRow,
  DeletePreviewStatus,
} from '../../../shared/ipc-delete.ts';
import type { Organization, PipedriveUser } from '../../../shared/model.ts';
import { MAX_BULK_DELETE_IDS, MAX_IDS_PER_LIST, type PipedriveClient } from '../pipedrive/index.ts';

/** What will happen to one ID. */
export type PreviewStatus = DeletePreviewStatus;

/** One row of the preview, in the order the IDs were given (the wire shape the confirmation shows). */
export type PreviewRow = DeletePreviewRow;

/** Token costs of a delete of `count` organizations (reference §6.3): the job's reads, then each path. */
export type DeleteCostEstimate = DeletePreviewResult['cost'];

/**
 * Everything the confirmation shows; the app adds the account it was made against. One shape with
 * `delete/preview`'s result, so the engine and the wire cannot drift apart.
 */
export type DeletePreview = Omit<DeletePreviewResult, 'account'>;

/** Options of {@link previewDelete}. */
export interface PreviewOptions {
  /** Ask for linked people and open deals (`include_fields`; default true). */
  readonly includeCounts?: boolean;
  /** Leave out organizations that still have open deals (implies the counts). */
  readonly skipOpenDeals?: boolean;
  readonly signal?: AbortSignal;
  /** The company's users when the caller has them (saves a request). */
  readonly users?: ReadonlyArray<PipedriveUser>;
}

const COST = { listPage: 10, fields: 10, users: 20, accountCheck: 2, bulkCall: 10, perId: 3 } as const;

/**
 * The token cost of deleting `count` organizations by each path, with the job's reads. Fields are
 * assumed to fit one page (500 fields), as they do in any real company.
 */
export function estimateDeleteCost(
  count: number,
  options: { accountCheck?: boolean } = {},
): DeleteCostEstimate {
  const listings = Math.ceil(count / MAX_IDS_PER_LIST) * COST.listPage;
  const reads =
    count === 0
      ? 0
      : (options.accountCheck === false ? 0 : COST.accountCheck) + listings * 2 + COST.fields + COST.users;
  const v1Bulk = Math.ceil(count / MAX_BULK_DELETE_IDS) * COST.bulkCall;
  const v2PerId = count * COST.perId;
  return { reads, v1Bulk, v2PerId, totalV1: reads + v1Bulk, totalV2: reads + v2PerId };
}

/** Looks up exactly the given organizations (100 IDs a request) and says what a delete would do. */
export async function previewDelete(
  client: PipedriveClient,
  ids: ReadonlyArray<number>,
  options: PreviewOptions = {},
): Promise<DeletePreview> {
  const { signal } = options;
  const before = client.usage().tokensSpent;
  const counts = options.includeCounts !== false || options.skipOpenDeals === true;
  const unique = [...new Set(ids)];
  const [found, users] = await Promise.all([
    fetchOrganizations(client, unique, counts ? ['people_count', 'open_deals_count'] : [], signal),
    options.users ?? (unique.length > 0 ? client.listUsers(signal) : []),
  ]);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const rows = unique.map((id): PreviewRow => {
    const org = found.get(id);
    if (!org) {
      return {
        id,
        name: null,
        ownerId: null,
        owner: null,
        peopleCount: null,
        openDealsCount: null,
        status: 'not-found',
      };
    }
    const peopleCount = counts ? countOf(org, 'people_count') : null;
    const openDealsCount = counts ? countOf(org, 'open_deals_count') : null;
    const skip = options.skipOpenDeals === true && (openDealsCount ?? 0) > 0;
    return {
      id,
      name: org.name,
      ownerId: org.owner_id ?? null,
      owner: userNames.get(org.owner_id) ?? null,
      peopleCount,
      openDealsCount,
      status: skip ? 'skip-open-deals' : 'will-delete',
    };
  });
  const deleting = rows.filter((r) => r.status === 'will-delete');
  const sum = (pick: (r: PreviewRow) => number | null): number | null =>
    counts ? deleting.reduce((n, r) => n + (pick(r) ?? 0), 0) : null;
  return {
    rows,
    idsToDelete: deleting.map((r) => r.id),
    totals: {
      requested: rows.length,
      willDelete: deleting.length,
      notFound: rows.filter((r) => r.status === 'not-found').length,
      skippedOpenDeals: rows.filter((r) => r.status === 'skip-open-deals').length,
      peopleCount: sum((r) => r.peopleCount),
      openDealsCount: sum((r) => r.openDealsCount),
    },
    cost: estimateDeleteCost(deleting.length),
    previewTokens: client.usage().tokensSpent - before,
  };
}

/**
 * The organizations among `ids` that exist (deleted ones are not listed), by ID, through the v2 list
 * with `ids` — one request per 100 IDs, never one per organization.
 */
export async function fetchOrganizations(
  client: PipedriveClient,
  ids: ReadonlyArray<number>,
  includeFields: ReadonlyArray<string>,
  signal?: AbortSignal,
): Promise<Map<number, Organization>> {
  const found = new Map<number, Organization>();
  if (ids.length === 0) return found;
  const wanted = new Set(ids);
  const params = { ids, limit: 500, ...(includeFields.length > 0 ? { includeFields } : {}) };
  for await (const page of client.listOrganizations(params, signal)) {
    // A deleted organization is not listed; the check also guards against one that is flagged anyway.
    for (const org of page.items) if (wanted.has(org.id) && org.is_deleted !== true) found.set(org.id, org);
  }
  return found;
}

function countOf(org: Organization, key: string): number {
  const value = org[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
