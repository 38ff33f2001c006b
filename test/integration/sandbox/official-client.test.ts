import { v1, v2 } from 'pipedrive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';

/**
 * Pipedrive's own Node client, configured only with the sandbox URL as basePath, must work unchanged:
 * this is the check that paths, parameters and shapes are faithful.
 */
let sb: RunningSandbox;
let orgs: v2.OrganizationsApi;
let v2Config: v2.Configuration;
let v1Config: v1.Configuration;

beforeAll(async () => {
  sb = await startSandbox({ organizations: 1234, burst: 100_000 });
  v2Config = new v2.Configuration({ apiKey: 'anything', basePath: `${sb.url}/api/v2` });
  v1Config = new v1.Configuration({ apiKey: 'anything', basePath: `${sb.url}/v1` });
  orgs = new v2.OrganizationsApi(v2Config);
});
afterAll(() => sb.close());

describe('official pipedrive client (npm "pipedrive") against the sandbox', () => {
  it('lists all pages of organizations', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await orgs.getOrganizations({
        limit: 500,
        cursor,
        sort_by: 'update_time',
        sort_direction: 'desc',
      });
      expect(page.success).toBe(true);
      seen.push(...(page.data ?? []).map((o) => o.id ?? -1));
      cursor = page.additional_data?.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(1234);
  });

  it('adds, gets, updates and deletes an organization', async () => {
    const tier = sb.control.fields().find((f) => f.custom && f.type === 'enum');
    const added = await orgs.addOrganization({
      AddOrganizationRequest: {
        name: 'Client Library GmbH',
        visible_to: 3,
        label_ids: [1],
        address: { value: 'Unter den Linden 1, Berlin' },
        custom_fields: { [tier?.key ?? '']: tier?.options?.[0]?.id },
      },
    });
    const id = added.data?.id ?? -1;
    expect(added.data).toMatchObject({ name: 'Client Library GmbH', label_ids: [1], owner_id: 1 });

    const got = await orgs.getOrganization({ id, include_option_labels: true });
    expect(got.data?.custom_fields?.[tier?.key ?? '']).toEqual({ id: tier?.options?.[0]?.id, label: 'Gold' });

    const updated = await orgs.updateOrganization({
      id,
      UpdateOrganizationRequest: { name: 'Client Library AG', website: 'https://x.example' },
    });
    expect(updated.data?.name).toBe('Client Library AG');
    expect(sb.control.getOrganization(id)?.website).toBe('https://x.example');

    const deleted = await orgs.deleteOrganization({ id });
    expect(deleted).toEqual({ success: true, data: { id } });
    await expect(orgs.getOrganization({ id })).rejects.toMatchObject({
      success: false,
      error: 'Organization not found',
    });
  });

  it('reports a validation error as Pipedrive does (the client rejects with the envelope)', async () => {
    await expect(
      orgs.addOrganization({ AddOrganizationRequest: { name: 'Bad', visible_to: 2 } }),
    ).rejects.toMatchObject({ success: false, error: '"visible_to" must be one of [1, 3, 5, 7]' });
  });

  it('reads the fields through v2 and v1', async () => {
    const v2Fields = await new v2.OrganizationFieldsApi(v2Config).getOrganizationFields({ limit: 500 });
    expect(v2Fields.data?.map((f) => f.field_code)).toEqual(sb.control.fields().map((f) => f.key));
    expect(v2Fields.data?.find((f) => f.field_code === 'label_ids')?.options?.length).toBeGreaterThan(0);
    const v1Fields = await new v1.OrganizationFieldsApi(v1Config).getOrganizationFields({
      start: 0,
      limit: 500,
    });
    expect(v1Fields.success).toBe(true);
    expect(v1Fields.data?.some((f) => f.key === 'name' && f.edit_flag === false)).toBe(true);
  });

  it('reads the current user and the users', async () => {
    const users = new v1.UsersApi(v1Config);
    const me = await users.getCurrentUser();
    expect(me.data).toMatchObject({ id: 1, company_domain: 'orgport-sandbox' });
    const all = await users.getUsers();
    expect(all.data?.length).toBeGreaterThanOrEqual(8);
  });
});
