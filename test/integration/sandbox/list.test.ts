import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import type { Organization } from '../../../shared/model.ts';
import { call, listAll } from './http.ts';

let sb: RunningSandbox;
let all: Organization[];

beforeAll(async () => {
  sb = await startSandbox({ organizations: 3000, seed: 11, burst: 100_000, searchBurst: 100_000 });
  // A few deleted organizations must stay out of every list.
  for (const id of [7, 1500, 2999])
    expect((await call(sb, 'DELETE', `/api/v2/organizations/${id}`)).status).toBe(200);
  all = sb.control.organizations();
});
afterAll(() => sb.close());

const ids = (rows: Array<Record<string, unknown>>): number[] => rows.map((r) => r.id as number);
const time = (o: Organization, field: 'add_time' | 'update_time' | 'id'): number =>
  field === 'id' ? o.id : Date.parse(o[field]);
function expected(
  rows: Organization[],
  field: 'id' | 'add_time' | 'update_time',
  direction: 'asc' | 'desc',
): number[] {
  const sorted = [...rows].sort((a, b) => time(a, field) - time(b, field) || a.id - b.id);
  return (direction === 'asc' ? sorted : sorted.reverse()).map((o) => o.id);
}

describe('v2 list pagination over 3,000 organizations', () => {
  it('pages with the default limit of 100 and an opaque base64url cursor, null on the last page', async () => {
    const first = await call(sb, 'GET', '/api/v2/organizations');
    expect(first.json.data).toHaveLength(100);
    const cursor: string = first.json.additional_data.next_cursor;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toMatchObject({
      field: 'id',
      sortDirection: 'asc',
    });
    const last = await call(sb, 'GET', `/api/v2/organizations?ids=1,2,3`);
    expect(last.json.additional_data.next_cursor).toBeNull();
  });

  for (const sortBy of ['id', 'update_time', 'add_time'] as const) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sort_by=${sortBy} sort_direction=${direction}: every live organization once, in order`, async () => {
        const rows = await listAll(sb, `limit=500&sort_by=${sortBy}&sort_direction=${direction}`);
        expect(ids(rows)).toEqual(expected(all, sortBy, direction));
      });
    }
  }

  it('filter_id 1 (has open deals) matches the open_deals_count counter', async () => {
    const withCounts = await listAll(sb, 'limit=500&include_fields=open_deals_count');
    const want = withCounts.filter((r) => (r.open_deals_count as number) > 0).map((r) => r.id);
    const got = ids(await listAll(sb, 'limit=500&filter_id=1'));
    expect(got).toEqual(want);
    expect(got.length).toBeGreaterThan(500);
  });

  it('filter_id 2 (one owner), 3 (a label) and 4 (a country) select what they say', async () => {
    const cases: Array<[number, (o: Organization) => boolean]> = [
      [2, (o) => o.owner_id === 2],
      [3, (o) => o.label_ids.includes(1)],
      [4, (o) => o.address?.country === 'Germany'],
    ];
    for (const [filterId, predicate] of cases) {
      const got = ids(
        await listAll(sb, `limit=500&filter_id=${filterId}&sort_by=update_time&sort_direction=desc`),
      );
      expect(got, `filter ${filterId}`).toEqual(expected(all.filter(predicate), 'update_time', 'desc'));
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('filter_id wins over owner_id and ids; an unknown filter is a 400', async () => {
    const got = ids(await listAll(sb, 'limit=500&filter_id=2&owner_id=3&ids=1,2'));
    expect(got).toEqual(all.filter((o) => o.owner_id === 2).map((o) => o.id));
    expect((await call(sb, 'GET', '/api/v2/organizations?filter_id=99')).status).toBe(400);
  });

  it('owner_id, updated_since (≥) and updated_until (<) combine', async () => {
    const pivot = all[1234] as Organization;
    const since = pivot.update_time;
    const until = all[2000]?.add_time as string;
    const [lo, hi] = [since, until].sort();
    const got = ids(await listAll(sb, `limit=500&owner_id=1&updated_since=${lo}&updated_until=${hi}`));
    const want = all.filter(
      (o) => o.owner_id === 1 && o.update_time >= (lo as string) && o.update_time < (hi as string),
    );
    expect(got).toEqual(want.map((o) => o.id));
    const exact = ids(
      await listAll(sb, `limit=500&updated_since=${pivot.update_time}&updated_until=${pivot.update_time}`),
    );
    expect(exact).toEqual([]);
  });

  it('ids: at most 100, unknown and deleted ones silently left out', async () => {
    const reply = await call(sb, 'GET', '/api/v2/organizations?ids=5,7,999999,6');
    expect(ids(reply.json.data)).toEqual([5, 6]);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    const tooMany = await call(sb, 'GET', `/api/v2/organizations?ids=${many}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error).toMatch(/"ids" must contain less than or equal to 100 items/);
  });

  it('clamps limit above 500 by default, or refuses it when configured', async () => {
    expect((await call(sb, 'GET', '/api/v2/organizations?limit=900')).json.data).toHaveLength(500);
    sb.control.setOptions({ overLimit: 'error' });
    try {
      const reply = await call(sb, 'GET', '/api/v2/organizations?limit=501');
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({
        success: false,
        error: '"limit" must be less than or equal to 500',
      });
    } finally {
      sb.control.setOptions({ overLimit: 'clamp' });
    }
    expect((await call(sb, 'GET', '/api/v2/organizations?limit=0')).status).toBe(400);
    expect((await call(sb, 'GET', '/api/v2/organizations?cursor=%%%')).status).toBe(400);
    expect((await call(sb, 'GET', '/api/v2/organizations?sort_by=name')).status).toBe(400);
  });
});

describe('v2 list render options', () => {
  it('adds counters and the 2026 system fields only when named in include_fields', async () => {
    const plain = (await call(sb, 'GET', '/api/v2/organizations?ids=10')).json.data[0];
    expect(Object.keys(plain)).toEqual([
      'id',
      'name',
      'owner_id',
      'add_time',
      'update_time',
      'visible_to',
      'label_ids',
      'is_deleted',
      'address',
      'custom_fields',
    ]);
    const rich = (
      await call(
        sb,
        'GET',
        '/api/v2/organizations/10?include_fields=people_count,website,industry,employee_count,smart_bcc_email',
      )
    ).json.data;
    expect(rich).toHaveProperty('people_count');
    expect(rich).toHaveProperty('website');
    expect(rich).toHaveProperty('industry');
    expect(rich).toHaveProperty('employee_count');
    expect(rich.smart_bcc_email).toMatch(/\+o10@pipedrivemail\.com$/);
    expect(rich).not.toHaveProperty('linkedin');
    expect((await call(sb, 'GET', '/api/v2/organizations?include_fields=bogus')).status).toBe(400);
  });

  it('returns only the custom fields named in custom_fields (at most 15)', async () => {
    const keys = sb.control
      .fields()
      .filter((f) => f.custom)
      .map((f) => f.key);
    const two = keys.slice(0, 2);
    const row = (await call(sb, 'GET', `/api/v2/organizations?ids=11&custom_fields=${two.join(',')}`)).json
      .data[0];
    expect(Object.keys(row.custom_fields)).toEqual(two);
    const reply = await call(sb, 'GET', `/api/v2/organizations?custom_fields=${keys.slice(0, 16).join(',')}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/less than or equal to 15/);
  });

  it('returns {id, label} objects for enum and set values with include_option_labels', async () => {
    const fields = sb.control.fields();
    const enumField = fields.find((f) => f.custom && f.type === 'enum');
    const setField = fields.find((f) => f.custom && f.type === 'set');
    const org = all.find(
      (o) => o.custom_fields[enumField?.key ?? ''] !== null && o.custom_fields[setField?.key ?? ''] !== null,
    );
    const row = (await call(sb, 'GET', `/api/v2/organizations/${org?.id}?include_option_labels=true`)).json
      .data;
    const value = row.custom_fields[enumField?.key ?? ''];
    expect(value).toEqual({ id: org?.custom_fields[enumField?.key ?? ''], label: expect.any(String) });
    expect(row.custom_fields[setField?.key ?? ''][0]).toMatchObject({
      id: expect.any(Number),
      label: expect.any(String),
    });
  });
});

describe('v2 search', () => {
  it('finds by name, wraps items with result_score, address as a string, and pages', async () => {
    const target = all.find((o) => o.address !== null && /^[A-Za-z]/.test(o.name)) as Organization;
    const term = encodeURIComponent(target.name.slice(0, 6));
    const reply = await call(sb, 'GET', `/api/v2/organizations/search?term=${term}&limit=2`);
    expect(reply.status).toBe(200);
    const item = reply.json.data.items[0];
    expect(item).toMatchObject({
      result_score: expect.any(Number),
      item: { type: 'organization', owner: { id: expect.any(Number) } },
    });
    expect(typeof item.item.address === 'string' || item.item.address === null).toBe(true);
    expect(reply.json.additional_data).toHaveProperty('next_cursor');
    const exact = await call(
      sb,
      'GET',
      `/api/v2/organizations/search?term=${encodeURIComponent(target.name)}&exact_match=true&fields=name`,
    );
    expect(exact.json.data.items.map((i: { item: { id: number } }) => i.item.id)).toContain(target.id);
  });

  it('never returns deleted organizations and validates the term', async () => {
    const deleted = sb.control.getOrganization(7);
    const reply = await call(
      sb,
      'GET',
      `/api/v2/organizations/search?term=${encodeURIComponent(deleted?.name ?? '')}&exact_match=true`,
    );
    expect(reply.json.data.items.map((i: { item: { id: number } }) => i.item.id)).not.toContain(7);
    expect((await call(sb, 'GET', '/api/v2/organizations/search?term=a')).json.error).toMatch(
      /at least 2 characters/,
    );
    expect((await call(sb, 'GET', '/api/v2/organizations/search?term=ab&fields=email')).status).toBe(400);
  });
});
