/**
 * v2 organization endpoints: list, get, create, update, delete (reference §2, §9.2, §9.5, §9.6).
 */
import { ApiError, badRequest, type JsonResponse } from './http-util.ts';
import { parseListQuery, parseRenderOptions, positionCursor } from './query.ts';
import { renderOrg } from './render.ts';
import type { HandlerContext } from './router.ts';
import { sec } from './seed-data.ts';
import type { OrgRecord } from './types.ts';
import { applyOrgWrite, parseTimestamp, validateOrgWrite } from './validate.ts';
import { isObject } from './validate-values.ts';

/** The 404 for an unknown or deleted organization. */
export function orgNotFound(): ApiError {
  return new ApiError(404, 'Organization not found');
}

/** Parses the `{id}` path segment. */
export function pathId(raw: string | undefined): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw badRequest('"id" must be a number');
  const id = Number(raw);
  if (id < 1 || !Number.isSafeInteger(id)) throw badRequest('"id" must be a positive number');
  return id;
}

/** `GET /api/v2/organizations`: cursor pages with filters, sort and render options. */
export function listOrganizations(ctx: HandlerContext): JsonResponse {
  const { state } = ctx;
  const query = parseListQuery(ctx.params, state.account, ctx.options.overLimit);
  const render = parseRenderOptions(ctx.params, state.account);
  const page = state.store.list(query);
  const rctx = state.renderContext();
  return {
    status: 200,
    body: {
      success: true,
      data: page.items.map((org) => renderOrg(org, rctx, render)),
      additional_data: { next_cursor: page.next ? positionCursor(page.next) : null },
    },
  };
}

/** `GET /api/v2/organizations/{id}`: a deleted organization is a 404 like an unknown one. */
export function getOrganization(ctx: HandlerContext): JsonResponse {
  const org = ctx.state.store.live(pathId(ctx.match[1]));
  if (!org) throw orgNotFound();
  const render = parseRenderOptions(ctx.params, ctx.state.account);
  return { status: 200, body: { success: true, data: renderOrg(org, ctx.state.renderContext(), render) } };
}

/** Builds and stores a new record from a create body; shared by POST and the control API. */
export function createRecord(
  ctx: Pick<HandlerContext, 'state' | 'now'>,
  body: unknown,
  id?: number,
): OrgRecord {
  const { state } = ctx;
  const write = validateOrgWrite(body, 'create', state.writeContext());
  const now = sec(ctx.now);
  const addTime = write.add_time !== undefined ? sec(write.add_time) : now;
  const rawUpdate = isObject(body) ? body.update_time : undefined;
  const updateTime =
    rawUpdate !== undefined ? sec(parseTimestamp('update_time', rawUpdate)) : Math.max(now, addTime);
  const org: OrgRecord = {
    id: id ?? state.store.nextId,
    name: '',
    owner_id: state.currentUser().id,
    add_time: addTime,
    update_time: updateTime,
    is_deleted: false,
    visible_to: 3,
    label_ids: [],
    address: null,
    website: null,
    linkedin: null,
    industry: null,
    annual_revenue: null,
    employee_count: null,
    custom_fields: Object.fromEntries(state.account.fields.filter((f) => f.custom).map((f) => [f.key, null])),
    stats: 0,
  };
  applyOrgWrite(org, write);
  state.store.insert(org);
  return org;
}

/** `POST /api/v2/organizations`: 200 (not 201) with the new organization. */
export function createOrganization(ctx: HandlerContext): JsonResponse {
  const cap = ctx.options.maxOrganizations;
  if (cap !== null && ctx.state.store.count() >= cap) {
    throw new ApiError(
      403,
      'You have reached the limit of organizations for your plan.',
      'Please upgrade your plan.',
      {
        code: 'feature_capping_organizations_limit',
      },
    );
  }
  const org = createRecord(ctx, ctx.body);
  return { status: 200, body: { success: true, data: renderOrg(org, ctx.state.renderContext()) } };
}

/** `PATCH /api/v2/organizations/{id}`: only sent properties change; update_time always moves. */
export function updateOrganization(ctx: HandlerContext): JsonResponse {
  const { state } = ctx;
  const id = pathId(ctx.match[1]);
  const org = state.store.live(id);
  if (!org) throw orgNotFound();
  if (isObject(ctx.body) && Object.keys(ctx.body).length === 0)
    throw badRequest('"value" must have at least 1 key');
  const write = validateOrgWrite(ctx.body, 'update', state.writeContext());
  applyOrgWrite(org, write);
  state.touch(org);
  return { status: 200, body: { success: true, data: renderOrg(org, state.renderContext()) } };
}

/** `DELETE /api/v2/organizations/{id}`: soft delete; a repeat is a 404 unless configured otherwise. */
export function deleteOrganization(ctx: HandlerContext): JsonResponse {
  const id = pathId(ctx.match[1]);
  const org = ctx.state.store.get(id);
  if (!org) throw orgNotFound();
  if (org.is_deleted) {
    if (ctx.options.repeatDelete === 'not-found') throw orgNotFound();
  } else {
    ctx.state.store.softDelete(org, sec(ctx.now));
  }
  return { status: 200, body: { success: true, data: { id } } };
}

/** `DELETE /v1/organizations?ids=1,2,3`: the deprecated bulk delete (≤1000 ids). */
export async function bulkDeleteOrganizations(ctx: HandlerContext): Promise<JsonResponse> {
  const raw = ctx.params.get('ids');
  if (raw === null || raw.trim() === '') throw badRequest('"ids" is required');
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((s) => !/^\d+$/.test(s)))
    throw badRequest('"ids" must be a comma-separated list of integers');
  const ids = [...new Set(parts.map(Number))];
  if (ids.length > 1000) throw badRequest('"ids" must contain less than or equal to 1000 items');
  const perId = ctx.options.bulkDeleteMsPerId;
  // Pipedrive processes these one by one; the wait comes before the answer, as the real call blocks.
  if (perId > 0) await new Promise((resolve) => setTimeout(resolve, perId * ids.length));
  const deleted: number[] = [];
  for (const id of ids) {
    const org = ctx.state.store.live(id);
    if (!org) continue;
    ctx.state.store.softDelete(org, sec(ctx.now));
    deleted.push(id);
  }
  return { status: 200, body: { success: true, data: { id: deleted } } };
}
