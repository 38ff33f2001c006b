import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PipedriveClient, resetConnectionStates } from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import type { Organization } from '../../../shared/model.ts';

let sandbox: RunningSandbox;
let client: PipedriveClient;

beforeAll(async () => {
  // Burst 120 (Ultimate plan) so the listings below are quick; pacing has its own test.
  sandbox = await startSandbox({ organizations: 2600, seed: 7, burst: 120 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  resetConnectionStates();
  client = new PipedriveClient({ baseUrl: sandbox.url, auth: { kind: 'token', token: 'pagination-token' } });
});

async function all(
  params: Parameters<PipedriveClient['listOrganizations']>[0] = {},
): Promise<Organization[]> {
  const out: Organization[] = [];
  for await (const page of client.listOrganizations(params)) out.push(...page.items);
  return out;
}

const ids = (orgs: Organization[]): number[] => orgs.map((o) => o.id);
const byId = (a: Organization, b: Organization): number => a.id - b.id;

describe('listOrganizations against the sandbox', () => {
  it('pages through a few thousand organizations, 500 at a time, in id order', async () => {
    const expected = sandbox.control.organizations();
    expect(expected.length).toBeGreaterThanOrEqual(2500);
    const pages: number[] = [];
    const seen: Organization[] = [];
    for await (const page of client.listOrganizations()) {
      pages.push(page.items.length);
      seen.push(...page.items);
    }
    expect(ids(seen)).toEqual(ids(expected));
    expect(pages.slice(0, -1).every((n) => n === 500)).toBe(true);
    expect(client.usage()).toMatchObject({ requests: pages.length, tokensSpent: 10 * pages.length });
    const log = sandbox.control.requestLog.filter((e) => e.path.startsWith('/api/v2/organizations'));
    expect(log.every((e) => e.path.includes('limit=500'))).toBe(true);
  });

  it('resumes from a returned cursor', async () => {
    const first = await client.listOrganizations({ limit: 100 }).next();
    const cursor = first.done ? null : first.value.nextCursor;
    expect(cursor).not.toBeNull();
    const rest = await all({ limit: 500, cursor });
    expect(rest[0]?.id).toBe(sandbox.control.organizations()[100]?.id);
  });

  it('filters by owner', async () => {
    const owner = sandbox.control.organizations()[0]!.owner_id;
    const expected = sandbox.control.organizations().filter((o) => o.owner_id === owner);
    expect(ids(await all({ ownerId: owner }))).toEqual(ids(expected));
  });

  it('filters by update time, inclusive since and exclusive until', async () => {
    const times = sandbox.control
      .organizations()
      .map((o) => o.update_time)
      .sort();
    const since = times[Math.floor(times.length / 3)]!;
    const until = times[Math.floor((times.length * 2) / 3)]!;
    const expected = sandbox.control
      .organizations()
      .filter((o) => o.update_time >= since && o.update_time < until);
    const got = await all({ updatedSince: since, updatedUntil: new Date(until) });
    expect(ids(got)).toEqual(ids(expected));
  });

  it('sorts by update_time desc and add_time asc', async () => {
    const desc = await all({ sortBy: 'update_time', sortDirection: 'desc' });
    expect(desc).toHaveLength(sandbox.control.organizations().length);
    for (let i = 1; i < desc.length; i++) expect(desc[i - 1]!.update_time >= desc[i]!.update_time).toBe(true);
    const asc = await all({ sortBy: 'add_time', sortDirection: 'asc', limit: 300 });
    for (let i = 1; i < asc.length; i++) expect(asc[i - 1]!.add_time <= asc[i]!.add_time).toBe(true);
    expect(new Set(ids(asc)).size).toBe(asc.length);
  });

  it('selects ids across several 100-id chunks, silently dropping unknown ones', async () => {
    const wanted = sandbox.control
      .organizations()
      .filter((_, i) => i % 7 === 0)
      .slice(0, 250)
      .map((o) => o.id);
    const got = await all({ ids: [...wanted, 99_999_999] });
    expect(ids(got.sort(byId))).toEqual([...wanted].sort((a, b) => a - b));
    const idRequests = sandbox.control.requestLog.filter((e) => e.path.includes('ids='));
    expect(idRequests).toHaveLength(3);
  });

  it('applies a saved filter', async () => {
    const filters = sandbox.control.filters();
    expect(filters.length).toBeGreaterThan(0);
    const germany = filters.find((f) => /germany/i.test(f.name)) ?? filters[0]!;
    const got = await all({ filterId: germany.id });
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(sandbox.control.organizations().length);
  });

  it('returns only the chosen custom fields, optional fields and option labels on request', async () => {
    const custom = sandbox.control.fields().filter((f) => f.custom);
    const enumField = custom.find((f) => f.type === 'enum')!;
    const textField = custom.find((f) => f.type === 'varchar')!;
    const page = await client
      .listOrganizations({
        limit: 50,
        customFields: [enumField.key, textField.key],
        includeFields: ['people_count', 'website'],
        includeOptionLabels: true,
      })
      .next();
    const orgs = page.done ? [] : page.value.items;
    expect(orgs).toHaveLength(50);
    for (const org of orgs) {
      expect(Object.keys(org.custom_fields).sort()).toEqual([enumField.key, textField.key].sort());
      expect(org).toHaveProperty('people_count');
      expect(org).toHaveProperty('website');
    }
    const labelled = orgs.map((o) => o.custom_fields[enumField.key]).find((v) => v !== null);
    expect(labelled).toMatchObject({ id: expect.any(Number), label: expect.any(String) });
  });
});
