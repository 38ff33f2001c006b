/**
 * Fields (v1 offset pages and v2 cursor pages), users, the current user and saved filters
 * (reference §3.2, §3.3, §4).
 */
import { renderFieldsV1, renderFieldV1, renderFieldV2 } from './fields.ts';
import { ApiError, badRequest, type JsonResponse } from './http-util.ts';
import { decodeCursor, encodeCursor, parseLimit, parseList } from './query.ts';
import type { HandlerContext } from './router.ts';
import type { UserRecord } from './types.ts';

/** `GET /api/v2/organizationFields`: cursor pages of the v2 field objects. */
export function listFieldsV2(ctx: HandlerContext): JsonResponse {
  const include = new Set(parseList(ctx.params, 'include_fields') ?? []);
  for (const key of include) {
    if (!['ui_visibility', 'important_fields', 'required_fields'].includes(key)) {
      throw badRequest('"include_fields" must be one of [ui_visibility, important_fields, required_fields]');
    }
  }
  const limit = parseLimit(ctx.params, ctx.options.overLimit);
  const cursor = ctx.params.get('cursor');
  let offset = 0;
  if (cursor) {
    const decoded = decodeCursor(cursor);
    if (typeof decoded.offset !== 'number' || !Number.isInteger(decoded.offset) || decoded.offset < 0) {
      throw badRequest('"cursor" is invalid');
    }
    offset = decoded.offset;
  }
  const fields = ctx.state.account.fields;
  const page = fields.slice(offset, offset + limit).map((f) => renderFieldV2(f, include));
  const next = offset + limit < fields.length ? encodeCursor({ offset: offset + limit }) : null;
  return { status: 200, body: { success: true, data: page, additional_data: { next_cursor: next } } };
}

/** `GET /api/v2/organizationFields/{field_code}`. */
export function getFieldV2(ctx: HandlerContext): JsonResponse {
  const code = decodeURIComponent(ctx.match[1] ?? '');
  const def = ctx.state.field(code);
  if (!def) throw new ApiError(404, 'Field not found');
  return { status: 200, body: { success: true, data: renderFieldV2(def) } };
}

/** `GET /v1/organizationFields`: offset pages; subfields are separate entries. */
export function listFieldsV1(ctx: HandlerContext): JsonResponse {
  const rawStart = ctx.params.get('start');
  if (rawStart !== null && rawStart !== '' && !/^\d+$/.test(rawStart))
    throw badRequest('"start" must be a number');
  const start = rawStart ? Number(rawStart) : 0;
  const limit = parseLimit(ctx.params, ctx.options.overLimit);
  const all = renderFieldsV1(ctx.state.account.fields);
  const data = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return {
    status: 200,
    body: {
      success: true,
      data,
      additional_data: {
        pagination: {
          start,
          limit,
          more_items_in_collection: more,
          ...(more ? { next_start: start + limit } : {}),
        },
      },
    },
  };
}

/** `GET /v1/organizationFields/{id}`. */
export function getFieldV1(ctx: HandlerContext): JsonResponse {
  const raw = ctx.match[1] ?? '';
  if (!/^\d+$/.test(raw)) throw badRequest('"id" must be a number');
  const index = ctx.state.account.fields.findIndex((f) => f.v1Id === Number(raw));
  const def = ctx.state.account.fields[index];
  if (!def) throw new ApiError(404, 'Field not found');
  const [main] = renderFieldV1(def, index);
  return { status: 200, body: { success: true, data: main } };
}

function renderUser(user: UserRecord, me: number): Record<string, unknown> {
  return { ...structuredClone(user), is_you: user.id === me };
}

/** `GET /v1/users`: every user, unpaginated, including deactivated and deleted ones. */
export function listUsers(ctx: HandlerContext): JsonResponse {
  const me = ctx.state.currentUser().id;
  return {
    status: 200,
    body: { success: true, data: ctx.state.account.users.map((u) => renderUser(u, me)) },
  };
}

/** `GET /v1/users/{id}`. */
export function getUser(ctx: HandlerContext): JsonResponse {
  const raw = ctx.match[1] ?? '';
  const user = /^\d+$/.test(raw) ? ctx.state.user(Number(raw)) : undefined;
  if (!user) throw new ApiError(404, 'User not found or not accessible.');
  return { status: 200, body: { success: true, data: renderUser(user, ctx.state.currentUser().id) } };
}

/** `GET /v1/users/me`: the token's user plus the company. */
export function currentUser(ctx: HandlerContext): JsonResponse {
  const me = ctx.state.currentUser();
  const company = ctx.state.account.company;
  const [language_code = 'en', country_code = 'US'] = me.locale.split('_');
  return {
    status: 200,
    body: {
      success: true,
      data: {
        ...renderUser(me, me.id),
        company_id: company.id,
        company_name: company.name,
        company_domain: company.domain,
        company_country: company.country,
        company_industry: company.industry,
        language: { language_code, country_code },
      },
    },
  };
}

/** `GET /v1/filters?type=org`: the saved organization filters usable as filter_id. */
export function listFilters(ctx: HandlerContext): JsonResponse {
  const type = ctx.params.get('type');
  const filters = type && type !== 'org' ? [] : ctx.state.account.filters;
  return {
    status: 200,
    body: {
      success: true,
      data: filters.map((f) => ({
        id: f.id,
        name: f.name,
        active_flag: true,
        type: 'org',
        temporary_flag: false,
        user_id: ctx.state.currentUser().id,
        add_time: '2021-03-04 09:30:00',
        update_time: '2021-03-04 09:30:00',
        visible_to: '7',
        custom_view_id: null,
      })),
    },
  };
}
