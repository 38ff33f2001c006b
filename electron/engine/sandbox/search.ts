/**
 * `GET /api/v2/organizations/search` (reference §3.4): items wrapped as `{result_score, item}`, the
 * address as a plain string, matched custom values as an array, cursor pagination.
 */
import type { CustomFieldValue } from '../../../shared/model.ts';
import { badRequest, type JsonResponse } from './http-util.ts';
import { decodeCursor, encodeCursor, parseBool, parseLimit, parseList } from './query.ts';
import type { HandlerContext } from './router.ts';
import type { FieldDef, OrgRecord } from './types.ts';

const SEARCH_FIELDS = ['address', 'custom_fields', 'notes', 'name'] as const;

/** The text a custom value is searched as; null for values search does not look into. */
function searchableText(def: FieldDef, value: CustomFieldValue | undefined): string | null {
  if (value === undefined || value === null || !def.searchable) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (def.type === 'monetary' && typeof value === 'object' && 'currency' in value) return String(value.value);
  if (def.type === 'address' && typeof value === 'object' && 'value' in value) {
    return typeof value.value === 'string' ? value.value : null;
  }
  return null;
}

interface Hit {
  org: OrgRecord;
  score: number;
  matched: string[];
}

/** Scores one organization; null when nothing matches. */
function score(
  org: OrgRecord,
  needle: string,
  exact: boolean,
  fields: ReadonlySet<string>,
  custom: ReadonlyArray<FieldDef>,
): Hit | null {
  const matches = (text: string | null | undefined): boolean => {
    if (!text) return false;
    const hay = text.toLowerCase();
    return exact ? hay === needle : hay.includes(needle);
  };
  let best = 0;
  if (fields.has('name')) {
    const name = org.name.toLowerCase();
    if (name === needle) best = 1;
    else if (!exact && name.startsWith(needle)) best = 0.8;
    else if (!exact && name.includes(needle)) best = 0.5;
  }
  if (fields.has('address') && matches(org.address?.value)) best = Math.max(best, 0.3);
  const matched: string[] = [];
  if (fields.has('custom_fields')) {
    for (const def of custom) {
      const text = searchableText(def, org.custom_fields[def.key]);
      if (text !== null && matches(text)) matched.push(text);
    }
    if (matched.length > 0) best = Math.max(best, 0.2);
  }
  return best > 0 ? { org, score: best, matched } : null;
}

/** Runs a search over live organizations. */
export function searchOrganizations(ctx: HandlerContext): JsonResponse {
  const { params, state } = ctx;
  const term = params.get('term');
  const exact = parseBool(params, 'exact_match');
  if (term === null || term === '') throw badRequest('"term" is required');
  const min = exact ? 1 : 2;
  if (term.trim().length < min) throw badRequest(`"term" length must be at least ${min} characters long`);
  const fieldList = parseList(params, 'fields') ?? [...SEARCH_FIELDS];
  for (const f of fieldList) {
    if (!(SEARCH_FIELDS as ReadonlyArray<string>).includes(f)) {
      throw badRequest(`"fields" must be one of [${SEARCH_FIELDS.join(', ')}]`);
    }
  }
  const limit = parseLimit(params, ctx.options.overLimit);
  const cursor = params.get('cursor');
  let offset = 0;
  if (cursor) {
    const decoded = decodeCursor(cursor);
    if (typeof decoded.offset !== 'number' || !Number.isInteger(decoded.offset) || decoded.offset < 0) {
      throw badRequest('"cursor" is invalid');
    }
    offset = decoded.offset;
  }
  const needle = term.trim().toLowerCase();
  const fields = new Set(fieldList);
  const custom = state.account.fields.filter((f) => f.custom);
  const hits: Hit[] = [];
  for (const org of state.store.all(false)) {
    const hit = score(org, needle, exact, fields, custom);
    if (hit) hits.push(hit);
  }
  hits.sort((a, b) => b.score - a.score || a.org.id - b.org.id);
  const page = hits.slice(offset, offset + limit);
  const next = offset + limit < hits.length ? encodeCursor({ offset: offset + limit }) : null;
  return {
    status: 200,
    body: {
      success: true,
      data: {
        items: page.map((h) => ({
          result_score: h.score,
          item: {
            id: h.org.id,
            type: 'organization',
            name: h.org.name,
            address: h.org.address?.value ?? null,
            visible_to: h.org.visible_to,
            owner: { id: h.org.owner_id },
            custom_fields: h.matched,
            notes: [],
          },
        })),
      },
      additional_data: { next_cursor: next },
    },
  };
}
