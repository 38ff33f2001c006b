/**
 * The matching index (issue 6, "bulk lookups, not per-row calls"): the organizations are paged once,
 * 500 a page, asking only for the fields the import needs, and indexed by their match key. Rows are
 * then matched by map lookups; nothing is searched per row. The index also keeps the stored values of
 * the mapped fields, so rows that would change nothing are recognised ("unchanged") and not sent.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField, Organization } from '../../../shared/model.ts';
import {
  MAX_CUSTOM_FIELDS,
  MAX_PAGE_LIMIT,
  type ListOrganizationsParams,
  type PipedriveClient,
} from '../pipedrive/index.ts';
import { matchField, orgMatchKey } from './match-key.ts';

/** The organizations of the company, indexed by match key. */
export class OrgIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly byId = new Map<number, Organization>();
  private readonly field: OrgField | null;

  constructor(
    /** What the index is keyed by. */
    readonly match: MappingTarget,
    fields: ReadonlyArray<OrgField>,
    /** Pages read to build it (10 tokens each). */
    public pages = 0,
  ) {
    this.field = matchField(match, fields);
  }

  /** Adds (or replaces) an organization. */
  add(org: Organization): void {
    if (this.byId.has(org.id)) this.remove(org.id);
    this.byId.set(org.id, org);
    const key = orgMatchKey(org, this.match, this.field);
    if (key === null) return;
    const list = this.byKey.get(key);
    if (list) list.push(org.id);
    else this.byKey.set(key, [org.id]);
  }

  /** The IDs of the organizations whose match key is `key` (none, one, or several: ambiguous). */
  lookup(key: string): ReadonlyArray<number> {
    return this.byKey.get(key) ?? [];
  }

  /** An indexed organization with the stored values of the mapped fields. */
  get(id: number): Organization | undefined {
    return this.byId.get(id);
  }

  /** How many organizations are indexed. */
  get size(): number {
    return this.byId.size;
  }

  private remove(id: number): void {
    const org = this.byId.get(id);
    if (!org) return;
    this.byId.delete(id);
    const key = orgMatchKey(org, this.match, this.field);
    const list = key === null ? undefined : this.byKey.get(key);
    if (!list || key === null) return;
    const rest = list.filter((other) => other !== id);
    if (rest.length > 0) this.byKey.set(key, rest);
    else this.byKey.delete(key);
  }
}

/**
 * The list parameters that fetch just what an import needs: the custom fields it writes or matches by
 * (when there are at most 15; all of them otherwise — the API cannot select more), the optional
 * system fields it writes, 500 a page. With no custom field needed one is still named, because an
 * absent `custom_fields` returns all of them and that is what makes pages heavy.
 */
export function indexListParams(
  fields: ReadonlyArray<OrgField>,
  writtenKeys: ReadonlyArray<string>,
  match: MappingTarget | null,
): ListOrganizationsParams {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const wanted = new Set(writtenKeys);
  if (match !== null && match.kind !== 'id') wanted.add(match.key);
  const custom = [...wanted].filter((key) => byKey.get(key)?.custom === true);
  const include = [...wanted].filter((key) => {
    const field = byKey.get(key);
    return field !== undefined && !field.custom && field.optionalResponse;
  });
  const firstCustom = fields.find((f) => f.custom)?.key;
  const customFields =
    custom.length > MAX_CUSTOM_FIELDS
      ? undefined
      : custom.length > 0
        ? custom
        : firstCustom === undefined
          ? undefined
          : [firstCustom];
  return {
    limit: MAX_PAGE_LIMIT,
    ...(customFields ? { customFields } : {}),
    ...(include.length > 0 ? { includeFields: include } : {}),
  };
}

/** What `loadOrgIndex` needs. */
export interface OrgIndexRequest {
  readonly match: MappingTarget;
  readonly fields: ReadonlyArray<OrgField>;
  /** Field keys the mapping writes: their stored values are kept for "unchanged" detection. */
  readonly writtenKeys: ReadonlyArray<string>;
  readonly signal?: AbortSignal;
  /** After each page. */
  readonly onPage?: (pages: number, organizations: number) => void | Promise<void>;
}

/** Pages through every organization once and indexes it by the match key. */
export async function loadOrgIndex(client: PipedriveClient, request: OrgIndexRequest): Promise<OrgIndex> {
  const index = new OrgIndex(request.match, request.fields);
  const params = indexListParams(request.fields, request.writtenKeys, request.match);
  for await (const page of client.listOrganizations(params, request.signal)) {
    for (const org of page.items) index.add(org);
    index.pages += 1;
    await request.onPage?.(index.pages, index.size);
  }
  return index;
}

/** The field keys a mapping writes (its targets, parts folded into their field). */
export function writtenKeys(targets: Iterable<MappingTarget | null>): string[] {
  const keys = new Set<string>();
  for (const target of targets) if (target !== null && target.kind !== 'id') keys.add(target.key);
  return [...keys];
}

/**
 * The index a preview of `choices` needs (the UI's "load the organizations" step): null in create
 * mode or while no match key is chosen, else the organizations indexed by the match key, with the
 * stored values of every mapped field.
 */
export async function loadIndexForChoices(
  client: PipedriveClient,
  fields: ReadonlyArray<OrgField>,
  choices: {
    readonly mode: 'create' | 'update' | 'upsert';
    readonly match?: MappingTarget | null;
    readonly mapping: Readonly<Record<string, MappingTarget | null>>;
  },
  options: Pick<OrgIndexRequest, 'signal' | 'onPage'> = {},
): Promise<OrgIndex | null> {
  if (choices.mode === 'create' || !choices.match) return null;
  return loadOrgIndex(client, {
    match: choices.match,
    fields,
    writtenKeys: writtenKeys(Object.values(choices.mapping)),
    ...options,
  });
}
