import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PipedriveClient,
  isPipedriveError,
  resetConnectionStates,
  type PipedriveError,
} from '../../../electron/engine/pipedrive/index.ts';
import { startSandbox, type RunningSandbox } from '../../../electron/engine/sandbox/index.ts';
import type { CustomFieldValue, OrgField } from '../../../shared/model.ts';

let sandbox: RunningSandbox;
let client: PipedriveClient;
let fields: OrgField[];

beforeAll(async () => {
  resetConnectionStates();
  sandbox = await startSandbox({ organizations: 30, seed: 3, burst: 120 });
  client = new PipedriveClient({ baseUrl: sandbox.url, auth: { kind: 'token', token: 'fields-token' } });
  fields = await client.listOrganizationFields();
});
afterAll(async () => {
  await sandbox.close();
});

async function caught(promise: Promise<unknown>): Promise<PipedriveError> {
  try {
    await promise;
  } catch (error) {
    if (isPipedriveError(error)) return error;
    throw error;
  }
  throw new Error('expected a PipedriveError');
}

/** A valid value for each custom field type, as the v2 API takes and returns it. */
function sample(field: OrgField, userId: number, orgId: number): CustomFieldValue {
  const option = (i: number): number => field.options?.[i]?.id ?? 0;
  switch (field.type) {
    case 'varchar':
    case 'varchar_auto':
      return 'Comma, "quotes" and =leading';
    case 'text':
      return 'Line one\nLine two, with ümlaut and 漢字';
    case 'phone':
      return '+372 5555 0199';
    case 'double':
      return 1234.5;
    case 'monetary':
      return { value: 2300, currency: 'EUR' };
    case 'date':
      return '2024-02-29';
    case 'daterange':
      return { value: '2024-01-01', until: '2024-02-01' };
    case 'time':
      return { value: '09:30:00', timezone_name: 'Europe/London' };
    case 'timerange':
      return { value: '09:00:00', until: '17:00:00', timezone_name: 'Europe/Tallinn' };
    case 'enum':
      return option(1);
    case 'set':
      return [option(0), option(2)];
    case 'user':
      return userId;
    case 'org':
      return orgId;
    case 'people':
      return 4242;
    case 'address':
      return { value: 'Viru väljak 4, 10111 Tallinn, Estonia', locality: 'Tallinn', country: 'Estonia' };
    default:
      throw new Error(`no sample for ${field.type}`);
  }
}

describe('custom fields through the client', () => {
  it('lists system and custom fields with options', () => {
    const custom = fields.filter((f) => f.custom);
    expect(custom.length).toBeGreaterThanOrEqual(15);
    expect(custom.every((f) => /^[0-9a-f]{40}$/.test(f.key))).toBe(true);
    expect(fields.find((f) => f.key === 'name')).toMatchObject({ custom: false, writable: true });
    expect(fields.find((f) => f.key === 'id')).toMatchObject({ writable: false });
    expect(fields.find((f) => f.key === 'label_ids')?.options?.length).toBeGreaterThan(0);
    expect(fields).toEqual(sandbox.control.fields());
  });

  it('round-trips every custom field type through create → get', async () => {
    const user = (await client.listUsers()).find((u) => u.active_flag && !u.is_deleted)!;
    const orgId = sandbox.control.organizations()[0]!.id;
    const custom = fields.filter((f) => f.custom && f.writable);
    const types = new Set(custom.map((f) => f.type));
    for (const t of [
      'varchar',
      'text',
      'double',
      'monetary',
      'date',
      'daterange',
      'time',
      'timerange',
      'enum',
      'set',
      'user',
      'org',
      'people',
      'address',
      'phone',
      'varchar_auto',
    ]) {
      expect(types.has(t as OrgField['type'])).toBe(true);
    }
    const values = Object.fromEntries(custom.map((f) => [f.key, sample(f, user.id, orgId)]));
    const created = await client.createOrganization({ name: 'Round Trip Ltd', custom_fields: values });
    const fetched = await client.getOrganization(created.id);
    expect(fetched.name).toBe('Round Trip Ltd');
    for (const field of custom) {
      const sent = values[field.key];
      const got = fetched.custom_fields[field.key];
      // Pipedrive fills in what it derives (time-zone ids, address parts left null), so compare what was sent.
      if (sent !== null && typeof sent === 'object' && !Array.isArray(sent)) {
        expect(got, field.type).toMatchObject(sent);
      } else {
        expect(got, field.type).toEqual(sent);
      }
    }
    const labelled = await client.getOrganization(created.id, { includeOptionLabels: true });
    const enumField = custom.find((f) => f.type === 'enum')!;
    const chosen = enumField.options!.find((o) => o.id === values[enumField.key])!;
    expect(labelled.custom_fields[enumField.key]).toEqual({ id: chosen.id, label: chosen.label });
  });

  it('updates and clears a value with PATCH', async () => {
    const text = fields.find((f) => f.custom && f.type === 'varchar')!;
    const created = await client.createOrganization({
      name: 'Patch Me',
      custom_fields: { [text.key]: 'before' },
    });
    const updated = await client.updateOrganization(created.id, { custom_fields: { [text.key]: null } });
    expect(updated.custom_fields[text.key]).toBeNull();
    expect(updated.name).toBe('Patch Me');
  });
});

describe('validation errors carry Pipedrive’s message', () => {
  it.each([
    ['a string in a number field', 'double', 'twelve'],
    ['an unknown option id', 'enum', 987654],
    ['an empty set', 'set', []],
    ['a malformed date', 'date', '29/02/2024'],
  ])('%s', async (_label, type, value) => {
    const field = fields.find((f) => f.custom && f.type === type)!;
    const error = await caught(
      client.createOrganization({ name: 'Bad', custom_fields: { [field.key]: value as never } }),
    );
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(400);
    expect(error.pipedriveMessage).toBeTruthy();
    expect(error.message).toContain(error.pipedriveMessage!);
    expect(error.pipedriveMessage).toContain(field.key);
  });

  it('names an unknown custom field key', async () => {
    const key = 'f'.repeat(40);
    const error = await caught(client.createOrganization({ name: 'Bad', custom_fields: { [key]: 'x' } }));
    expect(error).toMatchObject({ kind: 'validation', status: 400 });
    expect(error.pipedriveMessage).toContain(key);
  });

  it('requires a name on create and is not retried', async () => {
    const before = sandbox.control.requestLog.length;
    const error = await caught(client.createOrganization({}));
    expect(error.kind).toBe('validation');
    expect(error.pipedriveMessage).toMatch(/name/i);
    expect(sandbox.control.requestLog.length - before).toBe(1);
  });

  it('reports a missing organization as not_found', async () => {
    const error = await caught(client.getOrganization(88_888_888));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('reports a wrong token as unauthorized', async () => {
    const strict = await startSandbox({ organizations: 1, tokens: ['the-right-token'] });
    try {
      const wrong = new PipedriveClient({
        baseUrl: strict.url,
        auth: { kind: 'token', token: 'the-wrong-token' },
      });
      const error = await caught(wrong.getCurrentUser());
      expect(error).toMatchObject({
        kind: 'unauthorized',
        status: 401,
        pipedriveMessage: 'unauthorized access',
      });
      expect(JSON.stringify(error)).not.toContain('the-wrong-token');
    } finally {
      await strict.close();
    }
  });
});
