/**
 * One browsing session of the Organizations screen: the organizations matching a filter, read from the
 * API one page (500) at a time as the user scrolls, kept here so the renderer only ever holds the rows
 * on screen. Matching uses the delete engine's `organizationMatcher` with the same server parameters
 * as `resolveSelection`, so "select all N matching" is exactly the list the user is looking at.
 *
 * Order: Pipedrive pages by ID, update time or add time; a list shown in that order streams as it
 * loads. Any other order (name, owner, a custom field) needs every matching row first, then is sorted
 * here once — the renderer sees `sortNeedsAll` and drives the loading with `advance`.
 */
import type {
  BrowseCell,
  BrowseColumn,
  BrowseCriteria,
  BrowseProgress,
  BrowseRow,
  BrowseSort,
  BrowseWindow,
} from '../../../shared/ipc-delete.ts';
import { SERVER_SORT_KEYS } from '../../../shared/ipc-delete.ts';
import { buildExportColumns, createExportContext } from '../../../shared/export/index.ts';
import type { ExportColumn, ExportContext, ExportValue } from '../../../shared/export/index.ts';
import { OPTIONAL_SYSTEM_KEYS } from '../../../shared/model.ts';
import type { OrgField, Organization, PipedriveUser } from '../../../shared/model.ts';
import { organizationMatcher } from '../delete/index.ts';
import type { ListOrganizationsParams, OrganizationPage, PipedriveClient } from '../pipedrive/index.ts';
import { tokenCost } from '../pipedrive/index.ts';

/** Pages one call may read before it answers, so no call keeps the screen waiting long. */
export const PAGES_PER_CALL = 4;

const PAGE_SIZE = 500;
const PAGE_COST = tokenCost('GET', '/api/v2/organizations');

/** The company data a session formats rows with (fetched once per screen, reused by later sessions). */
export interface BrowseReference {
  readonly fields: ReadonlyArray<OrgField>;
  readonly users: ReadonlyArray<PipedriveUser>;
}

/** What a session shows. */
export interface BrowseSpec {
  readonly criteria: BrowseCriteria;
  readonly sort: BrowseSort;
  /** Field keys after the ID column. */
  readonly columns: ReadonlyArray<string>;
}

/** The rows read so far and the pager that reads more: what a follow-up session may take over. */
interface Loaded {
  readonly orgs: Organization[];
  /** IDs in `orgs`: an organization updated while the list is paged by update time comes twice. */
  readonly seen: Set<number>;
  pages: AsyncGenerator<OrganizationPage> | null;
  scanned: number;
  pagesRead: number;
  done: boolean;
  readonly paging: BrowseSort;
  readonly includeFields: ReadonlySet<string>;
  readonly controller: AbortController;
}

/** A browsing session; see the module comment. */
export class BrowseSession {
  readonly columns: ReadonlyArray<BrowseColumn>;
  private readonly extractors: ReadonlyArray<ExportColumn>;
  private readonly sortColumn: ExportColumn;
  private readonly context: ExportContext;
  private readonly matches: (org: Organization) => boolean;
  private readonly data: Loaded;
  private order: number[] | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private handedOver = false;

  constructor(
    readonly id: string,
    readonly client: PipedriveClient,
    readonly reference: BrowseReference,
    readonly spec: BrowseSpec,
    previous?: BrowseSession,
  ) {
    const { fields, users } = reference;
    this.context = createExportContext(users);
    this.extractors = mainColumns(fields, spec.columns);
    this.columns = this.extractors.map((c) => ({ key: c.key, header: c.header, kind: c.kind }));
    const sortColumn = mainColumns(fields, [spec.sort.key]).find((c) => c.key === spec.sort.key);
    if (!sortColumn) throw new Error(`There is no column "${spec.sort.key}" to sort by.`);
    this.sortColumn = sortColumn;
    this.matches = organizationMatcher(spec.criteria, criterionField(fields, spec.criteria));
    const wanted = includeFieldsFor(fields, spec);
    this.data = previous?.handOver(spec, wanted) ?? this.fresh(wanted);
  }

  /** True when rows come only once every page is read (see the module comment). */
  get sortNeedsAll(): boolean {
    const { paging } = this.data;
    return paging.key !== this.spec.sort.key || paging.direction !== this.spec.sort.direction;
  }

  /** How far the session has read. */
  progress(): BrowseProgress {
    const { orgs, done, scanned, pagesRead } = this.data;
    return { loaded: orgs.length, complete: done, scanned, tokensSpent: pagesRead * PAGE_COST };
  }

  /** Rows `offset`… in display order, reading a few more pages when they are not loaded yet. */
  window(offset: number, limit: number): Promise<BrowseWindow> {
    return this.locked(async () => {
      const wanted = offset + limit;
      for (let i = 0; i < PAGES_PER_CALL && !this.data.done; i += 1) {
        if (!this.sortNeedsAll && this.data.orgs.length >= wanted) break;
        await this.readPage();
      }
      const rows = this.rowsFor(offset, limit);
      return { offset, rows, ...this.progress() };
    });
  }

  /** Reads up to {@link PAGES_PER_CALL} more pages. */
  advance(): Promise<BrowseProgress> {
    return this.locked(async () => {
      for (let i = 0; i < PAGES_PER_CALL && !this.data.done; i += 1) await this.readPage();
      return this.progress();
    });
  }

  /** IDs of the loaded rows `from`…`to` in display order (every loaded row by default). */
  ids(from = 0, to = Number.POSITIVE_INFINITY): Promise<number[]> {
    return this.locked(async () => {
      if (this.sortNeedsAll && !this.data.done) {
        throw new Error(
          'The list is still loading every organization to sort it; try again when it is done.',
        );
      }
      const end = Math.min(to, this.data.orgs.length);
      const ids: number[] = [];
      for (let i = Math.max(0, from); i < end; i += 1) {
        const org = this.at(i);
        if (org) ids.push(org.id);
      }
      return ids;
    });
  }

  /** Stops reading; a session whose data was handed over leaves the pager to its successor. */
  async close(): Promise<void> {
    if (this.handedOver) return;
    this.data.controller.abort();
    await this.data.pages?.return(undefined).catch(() => undefined);
    this.data.pages = null;
  }

  /**
   * Gives this session's rows to a follow-up session when they fit it: the same filter, the optional
   * fields it needs already asked for, and either every page read or the same paging order.
   */
  private handOver(spec: BrowseSpec, includeFields: ReadonlySet<string>): Loaded | null {
    const data = this.data;
    if (!sameCriteria(spec.criteria, this.spec.criteria)) return null;
    if ([...includeFields].some((key) => !data.includeFields.has(key))) return null;
    const paging = wantedPaging(spec.sort);
    const samePaging = paging.key === data.paging.key && paging.direction === data.paging.direction;
    const pagingFits = samePaging || !SERVER_SORT_KEYS.includes(spec.sort.key);
    if (!data.done && !pagingFits) return null;
    this.handedOver = true;
    return data;
  }

  private fresh(includeFields: ReadonlySet<string>): Loaded {
    const paging = wantedPaging(this.spec.sort);
    const controller = new AbortController();
    const params = listParams(this.spec.criteria, paging, includeFields);
    return {
      orgs: [],
      seen: new Set(),
      pages: this.client.listOrganizations(params, controller.signal),
      scanned: 0,
      pagesRead: 0,
      done: false,
      paging,
      includeFields,
      controller,
    };
  }

  private async readPage(): Promise<void> {
    const data = this.data;
    if (data.done || !data.pages) return;
    const next = await data.pages.next();
    if (next.done) {
      data.done = true;
      data.pages = null;
      return;
    }
    data.pagesRead += 1;
    for (const org of next.value.items) {
      data.scanned += 1;
      if (org.is_deleted === true || data.seen.has(org.id) || !this.matches(org)) continue;
      data.seen.add(org.id);
      data.orgs.push(org);
    }
    if (next.value.nextCursor === null) {
      data.done = true;
      data.pages = null;
    }
    this.order = null;
  }

  private rowsFor(offset: number, limit: number): BrowseRow[] {
    if (this.sortNeedsAll && !this.data.done) return [];
    const rows: BrowseRow[] = [];
    for (let i = offset; i < Math.min(offset + limit, this.data.orgs.length); i += 1) {
      const org = this.at(i);
      if (org) rows.push({ id: org.id, cells: this.extractors.map((c) => cell(c, org, this.context)) });
    }
    return rows;
  }

  /** The row at display position `i`: load order when the API pages in the order shown, else sorted. */
  private at(i: number): Organization | undefined {
    if (!this.sortNeedsAll) return this.data.orgs[i];
    return this.data.orgs[this.sortedOrder()[i] ?? -1];
  }

  // Sorted once every row is in (the caller checks), and again only if rows were added since.
  private sortedOrder(): number[] {
    if (this.order && this.order.length === this.data.orgs.length) return this.order;
    const indexes = this.data.orgs.map((_, i) => i);
    const keys = this.data.orgs.map((org) => sortKey(this.sortColumn.extract(org, this.context)));
    const sign = this.spec.sort.direction === 'asc' ? 1 : -1;
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    indexes.sort((a, b) => {
      const byKey = compareKeys(keys[a] ?? null, keys[b] ?? null, sign, collator);
      return byKey !== 0 ? byKey : (this.data.orgs[a]?.id ?? 0) - (this.data.orgs[b]?.id ?? 0);
    });
    this.order = indexes;
    return indexes;
  }

  // One read at a time: the pager is a single cursor, and windows must see a consistent list.
  private locked<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task, task);
    this.lock = run.catch(() => undefined);
    return run;
  }
}

function criterionField(fields: ReadonlyArray<OrgField>, criteria: BrowseCriteria): OrgField | null {
  const key = criteria.field?.key;
  if (key === undefined) return null;
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`There is no organization field with the key "${key}" to filter by.`);
  return field;
}

/** True when two filters select the same organizations (property order aside). */
export function sameCriteria(a: BrowseCriteria, b: BrowseCriteria): boolean {
  return (
    a.nameContains === b.nameContains &&
    a.ownerId === b.ownerId &&
    a.labelId === b.labelId &&
    a.updatedSince === b.updatedSince &&
    a.filterId === b.filterId &&
    a.field?.key === b.field?.key &&
    a.field?.value === b.field?.value
  );
}

/** The order the API is asked to page in: the sort itself when Pipedrive can sort by it, else by ID. */
function wantedPaging(sort: BrowseSort): BrowseSort {
  return SERVER_SORT_KEYS.includes(sort.key) ? sort : { key: 'id', direction: 'asc' };
}

/** The list parameters of a filter; the same split between server and local checks as `resolveSelection`. */
function listParams(
  criteria: BrowseCriteria,
  paging: BrowseSort,
  includeFields: ReadonlySet<string>,
): ListOrganizationsParams {
  return {
    limit: PAGE_SIZE,
    sortBy: paging.key as NonNullable<ListOrganizationsParams['sortBy']>,
    sortDirection: paging.direction,
    ...(criteria.filterId !== undefined ? { filterId: criteria.filterId } : {}),
    // Pipedrive ignores owner_id next to filter_id, so with a saved filter the owner is checked here.
    ...(criteria.ownerId !== undefined && criteria.filterId === undefined
      ? { ownerId: criteria.ownerId }
      : {}),
    ...(criteria.updatedSince !== undefined ? { updatedSince: criteria.updatedSince } : {}),
    ...(includeFields.size > 0 ? { includeFields: [...includeFields] } : {}),
  };
}

/** Optional response fields the shown columns, the sort and the field criterion need. */
function includeFieldsFor(fields: ReadonlyArray<OrgField>, spec: BrowseSpec): ReadonlySet<string> {
  const keys = [...spec.columns, spec.sort.key, ...(spec.criteria.field ? [spec.criteria.field.key] : [])];
  const optional = new Set(
    fields
      .filter(
        (f) =>
          !f.custom &&
          (f.optionalResponse || (OPTIONAL_SYSTEM_KEYS as ReadonlyArray<string>).includes(f.key)),
      )
      .map((f) => f.key),
  );
  return new Set(keys.filter((key) => optional.has(key)).sort());
}

/** The ID column, then the main column of each chosen field in the order chosen. */
function mainColumns(fields: ReadonlyArray<OrgField>, keys: ReadonlyArray<string>): ExportColumn[] {
  const known = new Set(fields.map((f) => f.key));
  const chosen = [...new Set(keys.filter((key) => key !== 'id'))];
  const unknown = chosen.filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`Unknown organization field key(s): ${unknown.join(', ')}.`);
  const built = buildExportColumns(fields, { selection: chosen });
  const byKey = new Map(built.map((c) => [c.key, c]));
  return ['id', ...chosen].flatMap((key) => {
    const column = byKey.get(key);
    return column ? [column] : [];
  });
}

function cell(column: ExportColumn, org: Organization, context: ExportContext): BrowseCell {
  const value = column.extract(org, context);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return column.kind === 'date' ? iso.slice(0, 10) : iso;
  }
  return value;
}

/** Compares two sort keys in the direction `sign`; empty values go last whichever the direction. */
function compareKeys(
  a: string | number | null,
  b: string | number | null,
  sign: 1 | -1,
  collator: Intl.Collator,
): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b) * sign;
  return (a < b ? -1 : a > b ? 1 : 0) * sign;
}

function sortKey(value: ExportValue): string | number | null {
  if (value === null || value === '') return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
