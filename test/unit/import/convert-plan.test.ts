import { beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../../shared/model.ts';
import {
  changedPart,
  createRowConverter,
  DuplicateGroups,
  estimateCost,
  OrgIndex,
  planRow,
  type ConverterInput,
  type ImportCatalog,
  type PlanContext,
} from '../../../electron/engine/import/index.ts';
import { customKey, demoCatalog } from './demo-catalog.ts';

let catalog: ImportCatalog;
let vat: string;
beforeAll(async () => {
  catalog = await demoCatalog();
  vat = customKey(catalog.fields, 'VAT number');
});

const headers = ['ID', 'Company', 'Owner', 'VAT', 'Employees'];

function converter(overrides: Partial<ConverterInput> = {}) {
  return createRowConverter({
    catalog,
    source: 'csv',
    headers,
    mapping: {
      ID: { kind: 'id' },
      Company: { kind: 'field', key: 'name' },
      Owner: { kind: 'field', key: 'owner_id' },
      VAT: { kind: 'field', key: vat },
      Employees: { kind: 'field', key: 'employee_count' },
    },
    settings: {},
    emptyCells: 'skip',
    match: { kind: 'field', key: 'name' },
    ...overrides,
  });
}

function org(id: number, name: string, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    owner_id: 1,
    add_time: '2024-01-01T00:00:00Z',
    update_time: '2024-01-01T00:00:00Z',
    is_deleted: false,
    visible_to: 3,
    label_ids: [],
    address: null,
    custom_fields: {},
    ...extra,
  };
}

function context(partial: Partial<PlanContext>): PlanContext {
  return {
    mode: 'update',
    match: { kind: 'field', key: 'name' },
    index: null,
    duplicates: new DuplicateGroups(),
    fields: catalog.fields,
    updateUnchanged: false,
    matchColumn: 'Company',
    ...partial,
  };
}

describe('converting a row', () => {
  it('builds the body, the normalised match key and per-column states', () => {
    const row = converter().convert(2, [
      '7',
      '  Acme   GmbH ',
      'maria.mueller@orgport-sandbox.example',
      "'=x",
      '1,200',
    ]);
    expect(row.body).toEqual({
      name: 'Acme   GmbH',
      owner_id: 2,
      custom_fields: { [vat]: '=x' },
      employee_count: 1200,
    });
    expect(row.matchKey).toBe('acme gmbh');
    expect(row.cellErrors).toEqual([]);
    expect(row.states).toEqual([1, 1, 1, 1, 1]);
  });

  it('reports each bad cell with its column, value and a reason, and a missing name for creates', () => {
    const row = converter().convert(3, ['x', null, 'nobody@example.com', null, 'many']);
    expect(row.cellErrors.map((e) => [e.column, e.value])).toEqual([
      ['ID', 'x'],
      ['Owner', 'nobody@example.com'],
      ['Employees', 'many'],
    ]);
    expect(row.cellErrors[1]?.message).toMatch(/not a user of this company/);
    expect(row.createError).toMatch(/needs a name/);
    expect(row.states).toEqual([2, 0, 2, 0, 2]);
  });

  it('keeps the formula guard of XLSX text (only CSV cells carry ours)', () => {
    const row = converter({ source: 'xlsx' }).convert(2, [null, "'=x", null, null, null]);
    expect(row.body.name).toBe("'=x");
  });

  it('defers a deactivated owner: fine where the organization has them already, an error elsewhere', () => {
    const row = converter().convert(2, [null, 'Acme', 'pat.obrien@orgport-sandbox.example', null, null]);
    expect(row.cellErrors).toEqual([]);
    expect(row.deferred.map((d) => d.userId)).toEqual([7]);
    const owned = new OrgIndex({ kind: 'field', key: 'name' }, catalog.fields);
    owned.add(org(10, 'acme', { owner_id: 7 }));
    expect(planRow(row, context({ index: owned })).outcome).toBe('update');
    const other = new OrgIndex({ kind: 'field', key: 'name' }, catalog.fields);
    other.add(org(10, 'Acme', { owner_id: 1 }));
    const plan = planRow(row, context({ index: other }));
    expect(plan.outcome).toBe('error');
    expect(plan.reason).toMatch(/deactivated/);
    expect(planRow(row, context({ mode: 'create', match: null })).outcome).toBe('error');
  });
});

describe('planning a row', () => {
  it('matches by normalised name, and spots unchanged, ambiguous, missing and empty keys', () => {
    const index = new OrgIndex({ kind: 'field', key: 'name' }, catalog.fields);
    index.add(org(1, 'ACME  GmbH', { employee_count: 1200 }));
    index.add(org(2, 'Twin'));
    index.add(org(3, ' twin '));
    const c = converter();
    const ctx = context({ index });
    expect(planRow(c.convert(2, [null, 'acme gmbh', null, null, '1200']), ctx)).toMatchObject({
      outcome: 'update',
      orgId: 1,
    });
    expect(planRow(c.convert(2, [null, 'ACME  GmbH', null, null, '1200']), ctx)).toMatchObject({
      outcome: 'unchanged',
      orgId: 1,
    });
    expect(
      planRow(c.convert(2, [null, 'ACME  GmbH', null, null, '1200']), { ...ctx, updateUnchanged: true })
        .outcome,
    ).toBe('update');
    expect(planRow(c.convert(2, [null, 'Twin', null, null, null]), ctx)).toMatchObject({
      outcome: 'ambiguous',
      candidates: [2, 3],
    });
    expect(planRow(c.convert(2, [null, 'Nobody', null, null, null]), ctx).outcome).toBe('not-found');
    expect(
      planRow(c.convert(2, [null, 'Nobody', null, null, null]), { ...ctx, mode: 'upsert' }).outcome,
    ).toBe('create');
    expect(planRow(c.convert(2, [null, null, null, 'V1', null]), ctx).reason).toMatch(
      /"Company" cell is empty/,
    );
    // Empty cells are skipped, so a row naming the organization exactly changes nothing.
    expect(planRow(c.convert(2, [null, 'ACME  GmbH', null, null, null]), ctx).outcome).toBe('unchanged');
  });

  it('flags every row of a match key used twice in the file, and leaves rows pending without an index', () => {
    const c = converter();
    const duplicates = new DuplicateGroups();
    const a = c.convert(2, [null, 'Acme', null, null, null]);
    const b = c.convert(3, [null, ' ACME', null, null, null]);
    duplicates.add(a.matchKey, 2);
    duplicates.add(b.matchKey, 3);
    const ctx = context({ duplicates });
    expect(planRow(a, ctx)).toMatchObject({ outcome: 'duplicate', duplicateRows: [3] });
    expect(planRow(b, ctx)).toMatchObject({ outcome: 'duplicate', duplicateRows: [2] });
    expect(planRow(c.convert(4, [null, 'Other', null, null, null]), ctx).outcome).toBe('pending');
  });

  it('matches by ID and by a custom field', () => {
    const byId = new OrgIndex({ kind: 'id' }, catalog.fields);
    byId.add(org(7, 'Seven'));
    const c = converter({ match: { kind: 'id' } });
    expect(
      planRow(
        c.convert(2, ['7', 'Seven new', null, null, null]),
        context({ index: byId, match: { kind: 'id' } }),
      ),
    ).toMatchObject({
      outcome: 'update',
      orgId: 7,
    });
    const byVat = new OrgIndex({ kind: 'field', key: vat }, catalog.fields);
    byVat.add(org(8, 'Eight', { custom_fields: { [vat]: 'DE 123' } }));
    const v = converter({ match: { kind: 'field', key: vat } });
    const plan = planRow(
      v.convert(2, [null, 'Eight', null, 'de  123', null]),
      context({ index: byVat, match: { kind: 'field', key: vat } }),
    );
    expect(plan).toMatchObject({ outcome: 'update', orgId: 8 });
  });

  it('clears empty cells when asked, but never the name, nor the field of a bad or deferred cell', () => {
    const c = converter({ emptyCells: 'clear' });
    const row = c.convert(2, [null, 'Acme', null, null, null]);
    expect(row.body).toEqual({ name: 'Acme', custom_fields: { [vat]: null }, employee_count: null });
    expect(c.convert(3, ['1', null, null, null, null]).cellErrors[0]?.message).toMatch(/must have a name/);
    const long = c.convert(4, [null, 'x'.repeat(300), null, null, null]);
    expect(long.cellErrors.map((e) => e.message)).toEqual([expect.stringMatching(/300 characters long/)]);
    const deferred = c.convert(5, [null, 'Acme', 'pat.obrien@orgport-sandbox.example', 'V', '1']);
    expect(deferred.body).toEqual({ name: 'Acme', custom_fields: { [vat]: 'V' }, employee_count: 1 });
  });
});

describe('what an update sends', () => {
  it('only the fields whose values differ from what Pipedrive holds', () => {
    const index = new OrgIndex({ kind: 'field', key: 'name' }, catalog.fields);
    index.add(org(1, 'Acme', { owner_id: 2, employee_count: 10, custom_fields: { [vat]: 'V1' } }));
    const row = converter().convert(2, [null, 'Acme', 'maria.mueller@orgport-sandbox.example', 'V2', '10']);
    const plan = planRow(row, context({ index }));
    expect(plan).toMatchObject({ outcome: 'update', orgId: 1 });
    expect(plan.body).toEqual({ custom_fields: { [vat]: 'V2' } });
    expect(planRow(row, context({ index, updateUnchanged: true })).body).toEqual(row.body);
    expect(
      changedPart(org(1, 'Other'), { name: 'Acme', custom_fields: { [vat]: null } }, catalog.fields),
    ).toEqual({
      name: 'Acme',
    });
  });
});

describe('the token cost', () => {
  it('counts 5 per write, 10 per index page, 10 for the fields and 20 for the users', () => {
    expect(
      estimateCost({
        mode: 'upsert',
        creates: 3,
        updates: 2,
        pending: 0,
        indexPages: 2,
        needsUsers: true,
        dailyBudget: 1000,
      }),
    ).toEqual({
      fields: 10,
      users: 20,
      index: 20,
      writes: 25,
      total: 75,
      dailyBudget: 1000,
      shareOfBudget: 0.075,
    });
    expect(
      estimateCost({
        mode: 'update',
        creates: 0,
        updates: 0,
        pending: 4,
        indexPages: null,
        needsUsers: false,
      }).total,
    ).toBe(null);
    expect(
      estimateCost({
        mode: 'create',
        creates: 4,
        updates: 0,
        pending: 0,
        indexPages: null,
        needsUsers: false,
      }).total,
    ).toBe(30);
  });
});
