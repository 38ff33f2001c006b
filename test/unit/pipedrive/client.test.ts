import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PipedriveClient,
  isPipedriveError,
  resetConnectionStates,
  type PipedriveEvent,
} from '../../../electron/engine/pipedrive/index.ts';
import { fail, ok, startStub, type Stub, type StubContext } from './stub-server.ts';

let stub: Stub | null = null;
beforeEach(() => resetConnectionStates());
afterEach(async () => {
  await stub?.close();
  stub = null;
});

async function client(handler: (ctx: StubContext) => void, onEvent?: (e: PipedriveEvent) => void) {
  stub = await startStub(handler);
  return new PipedriveClient(
    { baseUrl: `${stub.url}/`, auth: { kind: 'token', token: 'unit-test-token' } },
    { maxAttempts: 2, governor: { initialLimit: 1000, backoffBaseMs: 5, backoffCapMs: 10 }, onEvent },
  );
}

async function collect<T>(gen: AsyncGenerator<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of gen) out.push(...page.items);
  return out;
}

describe('listOrganizations', () => {
  it('follows next_cursor and sends every filter and sort', async () => {
    const c = await client((ctx) => {
      const cursor = ctx.req.url.searchParams.get('cursor');
      const page = cursor === null ? 0 : Number(cursor);
      ctx.json(
        200,
        ok([{ id: page + 1, name: `Org ${page + 1}` }], { next_cursor: page < 2 ? String(page + 1) : null }),
      );
    });
    const orgs = await collect(
      c.listOrganizations({
        ownerId: 3,
        updatedSince: new Date('2025-01-01T10:20:00.000Z'),
        updatedUntil: '2026-01-01T00:00:00Z',
        sortBy: 'update_time',
        sortDirection: 'desc',
        includeFields: ['people_count', 'website'],
        customFields: ['abc', 'def'],
        includeOptionLabels: true,
      }),
    );
    expect(orgs.map((o) => o.id)).toEqual([1, 2, 3]);
    const first = stub!.requests[0]!.url;
    expect(first.pathname).toBe('/api/v2/organizations');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      limit: '500',
      owner_id: '3',
      updated_since: '2025-01-01T10:20:00Z',
      updated_until: '2026-01-01T00:00:00Z',
      sort_by: 'update_time',
      sort_direction: 'desc',
      include_fields: 'people_count,website',
      custom_fields: 'abc,def',
      include_option_labels: 'true',
    });
    expect(stub!.requests.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '1', '2']);
    expect(c.usage()).toMatchObject({ requests: 3, tokensSpent: 30 });
  });

  it('splits ids into chunks of 100 and de-duplicates them', async () => {
    const c = await client((ctx) => {
      const ids = (ctx.req.url.searchParams.get('ids') ?? '').split(',').map(Number);
      ctx.json(
        200,
        ok(
          ids.map((id) => ({ id, name: `#${id}` })),
          { next_cursor: null },
        ),
      );
    });
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);
    const orgs = await collect(c.listOrganizations({ ids: [...ids, 5, 6] }));
    expect(orgs).toHaveLength(250);
    expect(stub!.requests.map((r) => (r.url.searchParams.get('ids') ?? '').split(',').length)).toEqual([
      100, 100, 50,
    ]);
  });

  it('refuses more than 15 custom fields, a bad limit and filter+ids before sending anything', async () => {
    const c = await client((ctx) => ctx.json(200, ok([])));
    const tooMany = Array.from({ length: 16 }, (_, i) => `k${i}`);
    await expect(collect(c.listOrganizations({ customFields: tooMany }))).rejects.toThrow(/at most 15/);
    await expect(collect(c.listOrganizations({ limit: 501 }))).rejects.toThrow(/limit/);
    await expect(collect(c.listOrganizations({ filterId: 1, ids: [1] }))).rejects.toThrow(/filterId/);
    expect(stub!.requests).toHaveLength(0);
  });
});

describe('single-organization calls', () => {
  it('get, create, update and delete hit the v2 paths with JSON bodies', async () => {
    const c = await client((ctx) => {
      if (ctx.req.method === 'DELETE') return ctx.json(200, ok({ id: 9 }));
      ctx.json(200, ok({ id: 9, name: ctx.req.body ? JSON.parse(ctx.req.body).name : 'Got' }));
    });
    expect((await c.getOrganization(9, { customFields: ['abc'] })).name).toBe('Got');
    expect((await c.createOrganization({ name: 'New' })).name).toBe('New');
    expect((await c.updateOrganization(9, { name: 'Renamed' })).name).toBe('Renamed');
    expect(await c.deleteOrganization(9)).toEqual({ id: 9, alreadyGone: false });
    const seen = stub!.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);
    expect(seen).toEqual([
      'GET /api/v2/organizations/9?custom_fields=abc',
      'POST /api/v2/organizations',
      'PATCH /api/v2/organizations/9',
      'DELETE /api/v2/organizations/9',
    ]);
    expect(stub!.requests[1]!.headers['content-type']).toBe('application/json');
    expect(c.usage().tokensSpent).toBe(1 + 5 + 5 + 3);
  });

  it('rejects ids that are not positive integers', async () => {
    const c = await client((ctx) => ctx.json(200, ok({})));
    await expect(c.getOrganization(0)).rejects.toSatisfy((e) => isPipedriveError(e, 'validation'));
    await expect(c.deleteOrganization(1.5)).rejects.toSatisfy((e) => isPipedriveError(e, 'validation'));
  });
});

describe('fields, users, search', () => {
  it('reads every page of organizationFields and normalises them', async () => {
    const c = await client((ctx) => {
      const second = ctx.req.url.searchParams.get('cursor') === 'p2';
      const fields = second
        ? [
            {
              field_code: 'a'.repeat(40),
              field_name: 'Tier',
              field_type: 'enum',
              is_custom_field: true,
              is_optional_response_field: false,
              options: [{ id: 1, label: 'Gold', color: 'yellow' }],
            },
            { field_code: 'weird', field_name: 'Weird', field_type: 'json', is_custom_field: true },
          ]
        : [
            { field_code: 'name', field_name: 'Name', field_type: 'varchar', is_custom_field: false },
            { field_code: 'add_time', field_name: 'Created', field_type: 'date', is_custom_field: false },
            {
              field_code: 'website',
              field_name: 'Website',
              field_type: 'varchar',
              is_custom_field: false,
              is_optional_response_field: true,
            },
          ];
      ctx.json(200, ok(fields, { next_cursor: second ? null : 'p2' }));
    });
    const fields = await c.listOrganizationFields();
    expect(fields.map((f) => [f.key, f.type, f.custom, f.writable, f.optionalResponse])).toEqual([
      ['name', 'varchar', false, true, false],
      ['add_time', 'date', false, false, false],
      ['website', 'varchar', false, true, true],
      ['a'.repeat(40), 'enum', true, true, false],
      ['weird', 'varchar', true, false, false],
    ]);
    expect(fields[3]?.options).toEqual([{ id: 1, label: 'Gold', color: 'yellow' }]);
    expect(fields[0]?.options).toBeNull();
    expect(stub!.requests.map((r) => r.url.searchParams.get('limit'))).toEqual(['500', '500']);
  });

  it('lists users and reads the current user from v1', async () => {
    const c = await client((ctx) =>
      ctx.req.url.pathname === '/v1/users/me'
        ? ctx.json(200, ok({ id: 1, name: 'Me', company_domain: 'acme' }))
        : ctx.json(200, ok([{ id: 1 }, { id: 2, active_flag: false }])),
    );
    expect(await c.listUsers()).toHaveLength(2);
    expect((await c.getCurrentUser()).company_domain).toBe('acme');
    expect(c.usage().tokensSpent).toBe(22);
  });

  it('returns one page of search hits with the next cursor', async () => {
    const c = await client((ctx) =>
      ctx.json(
        200,
        ok(
          {
            items: [
              { result_score: 0.5, item: { id: 4, name: 'Acme', address: 'Tallinn', owner: { id: 2 } } },
            ],
          },
          {
            next_cursor: 'n',
          },
        ),
      ),
    );
    const page = await c.searchOrganizations('ac', { fields: ['name'], exactMatch: false });
    expect(page).toEqual({
      items: [
        {
          result_score: 0.5,
          id: 4,
          name: 'Acme',
          address: 'Tallinn',
          visible_to: null,
          owner_id: 2,
          custom_fields: [],
          notes: [],
        },
      ],
      nextCursor: 'n',
    });
    expect(stub!.requests[0]!.url.search).toBe('?term=ac&fields=name&limit=100');
    await expect(c.searchOrganizations('a')).rejects.toThrow(/at least 2/);
  });
});

describe('bulkDeleteOrganizations', () => {
  it('uses v1 in chunks of 1000 and sorts ids into deleted and not found', async () => {
    const c = await client((ctx) => {
      const ids = (ctx.req.url.searchParams.get('ids') ?? '').split(',').map(Number);
      ctx.json(200, ok({ id: ids.filter((id) => id !== 3) }));
    });
    const ids = Array.from({ length: 1500 }, (_, i) => i + 1);
    const result = await c.bulkDeleteOrganizations(ids);
    expect(result.path).toBe('v1');
    expect(result.deleted).toHaveLength(1499);
    expect(result.notFound).toEqual([3]);
    expect(stub!.requests.map((r) => r.url.pathname)).toEqual(['/v1/organizations', '/v1/organizations']);
    expect(c.usage().tokensSpent).toBe(20);
  });

  it('reads a 404 after a 5xx on the v1 endpoint as the endpoint gone, not as ids already deleted', async () => {
    let v1Calls = 0;
    const c = await client((ctx) => {
      if (ctx.req.url.pathname === '/v1/organizations') {
        v1Calls += 1;
        return v1Calls === 1 ? ctx.json(503, fail('Service unavailable')) : ctx.json(404, fail('Not found'));
      }
      ctx.json(200, ok({ id: Number(ctx.req.url.pathname.split('/').pop()) }));
    });
    const result = await c.bulkDeleteOrganizations([1, 2]);
    expect(result.path).toBe('v2');
    expect(result.alreadyGone).toEqual([]);
    expect(result.deleted.sort()).toEqual([1, 2]);
  });

  it('falls back to v2 per-id deletes when v1 answers 410, and remembers it', async () => {
    const events: PipedriveEvent[] = [];
    const c = await client(
      (ctx) => {
        if (ctx.req.url.pathname === '/v1/organizations') return ctx.json(410, fail('Gone'));
        const id = Number(ctx.req.url.pathname.split('/').pop());
        if (id === 2) return ctx.json(404, fail('Entity was not found'));
        if (id === 3) return ctx.json(403, fail('You do not have permissions to do this.'));
        ctx.json(200, ok({ id }));
      },
      (e) => events.push(e),
    );
    const result = await c.bulkDeleteOrganizations([1, 2, 3, 4]);
    expect(result).toMatchObject({
      path: 'v2',
      notFound: [2],
      alreadyGone: [],
      notAttempted: [],
      stoppedBy: null,
    });
    expect(result.deleted.sort()).toEqual([1, 4]);
    expect(result.failed).toMatchObject([{ id: 3, kind: 'forbidden', maybeApplied: false }]);
    expect(events.filter((e) => e.type === 'bulk-delete-fallback')).toHaveLength(1);

    // A second client of the same identity skips the v1 attempt.
    const again = new PipedriveClient({
      baseUrl: stub!.url,
      auth: { kind: 'token', token: 'unit-test-token' },
    });
    const before = stub!.requests.length;
    await again.bulkDeleteOrganizations([5, 6]);
    expect(stub!.requests.slice(before).map((r) => r.url.pathname)).toEqual([
      '/api/v2/organizations/5',
      '/api/v2/organizations/6',
    ]);
  });

  it('stops at an exhausted budget and reports what was not attempted', async () => {
    const c = await client((ctx) =>
      ctx.json(429, fail('Request over limit: the daily API token budget of this company is used up'), {
        'x-ratelimit-limit': '40',
        'x-ratelimit-remaining': '39',
      }),
    );
    const ids = Array.from({ length: 1200 }, (_, i) => i + 1);
    const result = await c.bulkDeleteOrganizations(ids);
    expect(result.stoppedBy?.kind).toBe('budget_exhausted');
    expect(result.notAttempted).toHaveLength(1200);
    expect(stub!.requests).toHaveLength(1);
  });
});
