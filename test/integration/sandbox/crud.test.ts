import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import type { OrgField } from '../../../shared/model.ts';
import { call } from './http.ts';

let sb: RunningSandbox;
let custom: Map<string, OrgField>;
const key = (type: string): string => custom.get(type)?.key ?? '';

beforeAll(async () => {
  sb = await startSandbox({
    organizations: 200,
    burst: 100_000,
    manualClock: true,
    startTime: Date.UTC(2026, 5, 1, 9),
  });
  custom = new Map(
    sb.control
      .fields()
      .filter((f) => f.custom && f.name !== 'Website')
      .map((f) => [f.type, f]),
  );
});
afterAll(() => sb.close());

/** A value of every custom field type, in the v2 write format. */
function everyType(): Record<string, unknown> {
  const option = (type: string, i: number): number => custom.get(type)?.options?.[i]?.id ?? -1;
  return {
    [key('varchar')]: 'Comma, "quote" and =formula',
    [key('varchar_auto')]: 'AUTO-1',
    [key('text')]: 'Line 1\nLine 2\n\nÜnïcödé 東京',
    [key('phone')]: '+372 5555 0101',
    [key('double')]: -1234.5,
    [key('monetary')]: { value: 9999.99, currency: 'EUR' },
    [key('date')]: '2024-02-29',
    [key('daterange')]: { value: '2024-01-01', until: '2024-12-31' },
    [key('time')]: { value: '09:30:00', timezone_id: 318, timezone_name: 'Europe/London' },
    [key('timerange')]: {
      value: '08:00:00',
      until: '17:00:00',
      timezone_id: 289,
      timezone_name: 'Asia/Tokyo',
    },
    [key('enum')]: option('enum', 2),
    [key('set')]: [option('set', 0), option('set', 3)],
    [key('user')]: 2,
    [key('org')]: 5,
    [key('people')]: 4242,
    [key('address')]: {
      value: 'Mustamäe tee 3a, 10615 Tallinn',
      route: 'Mustamäe tee',
      street_number: '3a',
      subpremise: null,
      sublocality: null,
      locality: 'Tallinn',
      admin_area_level_1: 'Harju maakond',
      admin_area_level_2: null,
      country: 'Estonia',
      postal_code: '10615',
      formatted_address: 'Mustamäe tee 3a, 10615 Tallinn, Estonia',
    },
  };
}

describe('create → get round trip', () => {
  it('keeps every custom field type exactly, with defaults for owner and visibility', async () => {
    const values = everyType();
    const created = await call(sb, 'POST', '/api/v2/organizations', {
      body: { name: 'Round Trip Oy', custom_fields: values },
    });
    expect(created.status).toBe(200);
    const id = created.json.data.id;
    expect(created.json.data).toMatchObject({
      name: 'Round Trip Oy',
      owner_id: 1,
      visible_to: 3,
      is_deleted: false,
      label_ids: [],
    });
    expect(created.json.data.add_time).toBe('2026-06-01T09:00:00Z');
    const got = await call(sb, 'GET', `/api/v2/organizations/${id}`);
    for (const [k, v] of Object.entries(values))
      expect(got.json.data.custom_fields[k], custom.get(k)?.type).toEqual(v);
    // The website key shares a name with the system field and is untouched, so it reads as null.
    const website = sb.control.fields().find((f) => f.custom && f.name === 'Website');
    expect(got.json.data.custom_fields[website?.key ?? '']).toBeNull();
  });

  it('sets every unsent address part to null', async () => {
    const created = await call(sb, 'POST', '/api/v2/organizations', {
      body: { name: 'Addr', address: { value: 'Only text' } },
    });
    expect(created.json.data.address).toMatchObject({
      value: 'Only text',
      route: null,
      country: null,
      formatted_address: null,
    });
  });
});

describe('PATCH semantics', () => {
  it('changes only sent properties, replaces address and labels, merges custom fields, moves update_time', async () => {
    const created = await call(sb, 'POST', '/api/v2/organizations', {
      body: {
        name: 'Patch Me',
        label_ids: [1, 2],
        address: { value: 'A 1', locality: 'Tartu' },
        custom_fields: everyType(),
      },
    });
    const id = created.json.data.id;
    const before = created.json.data;
    const patched = await call(sb, 'PATCH', `/api/v2/organizations/${id}`, {
      body: {
        label_ids: [3],
        address: { value: 'B 2' },
        custom_fields: { [key('double')]: 7, [key('phone')]: null },
      },
    });
    expect(patched.status).toBe(200);
    const after = patched.json.data;
    expect(after.name).toBe('Patch Me');
    expect(after.label_ids).toEqual([3]);
    expect(after.address).toMatchObject({ value: 'B 2', locality: null });
    expect(after.custom_fields[key('double')]).toBe(7);
    expect(after.custom_fields[key('phone')]).toBeNull();
    expect(after.custom_fields[key('monetary')]).toEqual(before.custom_fields[key('monetary')]);
    // The clock is frozen, yet every write moves update_time forward.
    expect(after.update_time > before.update_time).toBe(true);
    const again = await call(sb, 'PATCH', `/api/v2/organizations/${id}`, { body: { visible_to: 7 } });
    expect(again.json.data.update_time > after.update_time).toBe(true);
    expect(again.json.data.add_time).toBe(before.add_time);
  });

  it('surfaces Pipedrive-style validation errors in the envelope and applies nothing', async () => {
    const id = 12;
    const before = sb.control.getOrganization(id);
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 5 }, /^"name" must be a string$/],
      [{ owner_id: 424242 }, /"owner_id"/],
      [
        { custom_fields: { [key('double')]: '12' } },
        new RegExp(`^"custom_fields\\.${key('double')}" must be a number$`),
      ],
      [{ custom_fields: { [key('set')]: [] } }, /must contain at least 1 items/],
      [{ custom_fields: { [key('enum')]: 1 } }, /invalid option id 1 for field "Customer tier"/],
      [{ custom_fields: { deadbeef: 1 } }, /"custom_fields\.deadbeef" is not allowed/],
      [{}, /at least 1 key/],
    ];
    for (const [body, message] of cases) {
      const reply = await call(sb, 'PATCH', `/api/v2/organizations/${id}`, { body });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.json).toMatchObject({ success: false, data: null, additional_data: null });
      expect(reply.json.error).toMatch(message);
      expect(reply.json.error_info).toMatch(/developers\.pipedrive\.com/);
    }
    expect(sb.control.getOrganization(id)).toEqual(before);
    expect((await call(sb, 'POST', '/api/v2/organizations', { body: '{"name":' })).json.error).toMatch(
      /Invalid JSON/,
    );
    expect((await call(sb, 'POST', '/api/v2/organizations', { body: {} })).json.error).toBe(
      '"name" is required',
    );
  });
});

describe('soft delete', () => {
  it('flags, hides, 404s on get/patch/repeat delete, and 404s unknown ids', async () => {
    const id = 20;
    const deleted = await call(sb, 'DELETE', `/api/v2/organizations/${id}`);
    expect(deleted.json).toEqual({ success: true, data: { id } });
    expect(sb.control.getOrganization(id)?.is_deleted).toBe(true);
    const notFound = { success: false, error: 'Organization not found', data: null, additional_data: null };
    expect((await call(sb, 'GET', `/api/v2/organizations/${id}`)).json).toMatchObject(notFound);
    expect((await call(sb, 'PATCH', `/api/v2/organizations/${id}`, { body: { name: 'x' } })).status).toBe(
      404,
    );
    expect((await call(sb, 'DELETE', `/api/v2/organizations/${id}`)).status).toBe(404);
    expect((await call(sb, 'GET', '/api/v2/organizations/987654')).json).toMatchObject(notFound);
    expect((await call(sb, 'GET', '/api/v2/organizations/abc')).status).toBe(400);
    sb.control.setOptions({ repeatDelete: 'ok' });
    expect((await call(sb, 'DELETE', `/api/v2/organizations/${id}`)).status).toBe(200);
    sb.control.setOptions({ repeatDelete: 'not-found' });
  });

  it('v1 bulk delete: ≤1000 ids, deleted ones listed, switchable off like a vanished endpoint', async () => {
    const reply = await call(sb, 'DELETE', '/v1/organizations?ids=30,31,999999');
    expect(reply.json).toEqual({ success: true, data: { id: [30, 31] } });
    expect(sb.control.getOrganization(31)?.is_deleted).toBe(true);
    const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1).join(',');
    expect((await call(sb, 'DELETE', `/api/v1/organizations?ids=${tooMany}`)).status).toBe(400);
    sb.control.setOptions({ bulkDeleteEnabled: false });
    const gone = await call(sb, 'DELETE', '/v1/organizations?ids=32');
    expect(gone.status).toBe(404);
    expect(gone.json.success).toBe(false);
    expect(sb.control.getOrganization(32)?.is_deleted).toBe(false);
    sb.control.setOptions({ bulkDeleteEnabled: true });
  });
});

describe('routes and auth', () => {
  it('answers 401 without a credential, and accepts header, bearer and (v1 only) the query token', async () => {
    const denied = await call(sb, 'GET', '/api/v2/organizations', { token: null });
    expect(denied.status).toBe(401);
    expect(denied.json).toEqual({ success: false, error: 'unauthorized access', errorCode: 401 });
    expect((await call(sb, 'GET', '/api/v2/organizations?limit=1', { bearer: 'oauth-token' })).status).toBe(
      200,
    );
    expect((await call(sb, 'GET', '/v1/users/me?api_token=q', { token: null })).status).toBe(200);
    expect((await call(sb, 'GET', '/api/v2/organizations?api_token=q', { token: null })).status).toBe(401);
  });

  it('serves v1 under /v1 and /api/v1, v2 only under /api/v2, and 404s unknown routes', async () => {
    expect((await call(sb, 'GET', '/api/v1/users')).status).toBe(200);
    expect((await call(sb, 'GET', '/v2/organizations')).status).toBe(404);
    const unknown = await call(sb, 'GET', '/api/v2/deals');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ success: false, data: null });
    expect((await call(sb, 'PUT', '/api/v2/organizations/1', { body: { name: 'x' } })).status).toBe(405);
  });

  it('answers 402 for a closed account and 403 with a code past the organization cap', async () => {
    sb.control.setOptions({ accountClosed: true });
    const closed = await call(sb, 'GET', '/api/v2/organizations/1');
    sb.control.setOptions({ accountClosed: false });
    expect(closed.status).toBe(402);
    expect(closed.json.success).toBe(false);
    sb.control.setOptions({ maxOrganizations: sb.control.stats().organizations });
    const capped = await call(sb, 'POST', '/api/v2/organizations', { body: { name: 'One too many' } });
    sb.control.setOptions({ maxOrganizations: null });
    expect(capped.status).toBe(403);
    expect(capped.json).toMatchObject({ success: false, code: 'feature_capping_organizations_limit' });
  });

  it('restricts tokens when a list is given', async () => {
    const strict = await startSandbox({ organizations: 1, tokens: ['good'] });
    try {
      expect((await call(strict, 'GET', '/v1/users/me', { token: 'good' })).status).toBe(200);
      expect((await call(strict, 'GET', '/v1/users/me', { token: 'bad' })).status).toBe(401);
    } finally {
      await strict.close();
    }
  });
});

describe('fields and users', () => {
  it('pages v1 fields by offset with subfield entries, and v2 fields by cursor', async () => {
    const first = await call(sb, 'GET', '/v1/organizationFields?start=0&limit=20');
    expect(first.json.additional_data.pagination).toEqual({
      start: 0,
      limit: 20,
      more_items_in_collection: true,
      next_start: 20,
    });
    const everything = await call(sb, 'GET', '/v1/organizationFields?limit=500');
    expect(everything.json.additional_data.pagination.more_items_in_collection).toBe(false);
    expect(everything.json.data.some((f: { is_subfield?: boolean }) => f.is_subfield)).toBe(true);
    const codes: string[] = [];
    let cursor = '';
    do {
      const page = await call(
        sb,
        'GET',
        `/api/v2/organizationFields?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      codes.push(...page.json.data.map((f: { field_code: string }) => f.field_code));
      cursor = page.json.additional_data.next_cursor ?? '';
    } while (cursor);
    expect(codes).toEqual(sb.control.fields().map((f) => f.key));
    const single = await call(sb, 'GET', `/api/v2/organizationFields/${key('monetary')}`);
    expect(single.json.data.subfields.map((s: { field_code: string }) => s.field_code)).toEqual([
      'value',
      'currency',
    ]);
  });

  it('lists all users unpaginated and describes the current user with the company', async () => {
    const users = await call(sb, 'GET', '/v1/users');
    expect(users.json.data.some((u: { active_flag: boolean }) => !u.active_flag)).toBe(true);
    expect(users.json.data.some((u: { is_deleted: boolean }) => u.is_deleted)).toBe(true);
    expect(users.json.additional_data).toBeUndefined();
    const me = await call(sb, 'GET', '/v1/users/me');
    expect(me.json.data).toMatchObject({
      id: 1,
      is_you: true,
      company_domain: 'orgport-sandbox',
      company_id: expect.any(Number),
    });
    expect((await call(sb, 'GET', '/v1/users/99')).json.error).toBe('User not found or not accessible.');
  });
});
