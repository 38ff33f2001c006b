import { describe, expect, it } from 'vitest';
import {
  buildExportColumns,
  createExportContext,
  exportHeaderTargets,
  toCsvCell,
} from '../../../../shared/export/index.ts';
import type { ExportColumn } from '../../../../shared/export/index.ts';
import { formatTarget } from '../../../../shared/mapping.ts';
import type { OrgField, Organization } from '../../../../shared/model.ts';
import { FIELDS, fieldNamed, hexKey, USERS } from '../values/fixtures.ts';

const key = (name: string): string => fieldNamed(name).key;
/** An option as v2 returns it with `include_option_labels=true`, a shape the shared model does not list. */
const withLabel = (id: number, label: string): number => ({ id, label }) as unknown as number;
const customWebsite = FIELDS.find((f) => f.custom && f.name === 'Website')?.key ?? '';
const ctx = createExportContext(USERS);

const org: Organization = {
  id: 77,
  name: 'Acme',
  owner_id: 2,
  add_time: '2024-07-01T05:46:33Z',
  update_time: '2024-07-02 11:29:32',
  is_deleted: false,
  visible_to: 3,
  label_ids: [3, 99, 1],
  address: { value: 'Eiffel Tower, Paris', locality: 'Paris', postal_code: '75007', route: '' },
  industry: 10,
  employee_count: 40,
  people_count: 12,
  custom_fields: {
    [key('Budget')]: { value: 1200.5, currency: 'EUR' },
    [key('Renewal date')]: '2024-12-31',
    [key('Contract period')]: { value: '2024-01-01', until: '2024-06-30' },
    [key('Call time')]: { value: '09:00:00', timezone_name: 'Europe/London' },
    [key('Office hours')]: { value: '09:00:00', until: '17:00:00' },
    [key('Tier')]: withLabel(42, 'Silver'),
    [key('Regions')]: [34, 31],
    [key('Account manager')]: 404,
    [key('Parent org')]: 5,
    [key('Active customer')]: true,
    [key('Tagline')]: '=cmd',
  },
};

function column(columns: ReadonlyArray<ExportColumn>, header: string): ExportColumn {
  const found = columns.find((c) => c.header === header);
  if (!found) throw new Error(`no column ${header}; have ${columns.map((c) => c.header).join(' | ')}`);
  return found;
}

describe('buildExportColumns', () => {
  const columns = buildExportColumns(FIELDS);
  const value = (header: string): unknown => column(columns, header).extract(org, ctx);

  it('starts with the ID, mapped back to the ID', () => {
    expect(columns[0]).toMatchObject({ header: 'ID', key: 'id', target: { kind: 'id' }, kind: 'number' });
    expect(value('ID')).toBe(77);
  });

  it('names columns after fields, with part columns next to their field', () => {
    const headers = columns.map((c) => c.header);
    expect(headers.slice(0, 4)).toEqual(['ID', 'Name', 'Owner', 'Owner email']);
    expect(headers).toContain('Address - City');
    expect(headers).toContain('Address - Postal code');
    expect(headers.indexOf('Budget currency')).toBe(headers.indexOf('Budget') + 1);
    expect(headers.indexOf('Contract period until')).toBe(headers.indexOf('Contract period') + 1);
    expect(headers).toContain('Website');
    expect(headers).toContain('Website (custom)');
    expect(new Set(headers.map((h) => h.toLowerCase())).size).toBe(headers.length);
  });

  it('leaves counters out unless chosen, and read-only columns map to nothing', () => {
    expect(columns.map((c) => c.header)).not.toContain('People');
    const chosen = buildExportColumns(FIELDS, { selection: ['name', 'people_count', 'add_time'] });
    expect(chosen.map((c) => [c.header, c.target && formatTarget(c.target)])).toEqual([
      ['ID', 'id'],
      ['Name', 'name'],
      ['Created', null],
      ['People', null],
    ]);
    expect(chosen[3]?.extract(org, ctx)).toBe(12);
  });

  it('maps the owner back through the email, not the name', () => {
    expect(column(columns, 'Owner').target).toBeNull();
    expect(column(columns, 'Owner email')).toMatchObject({
      key: 'owner_id.email',
      target: { kind: 'field', key: 'owner_id' },
    });
    expect(value('Owner')).toBe('Bob Builder');
    expect(value('Owner email')).toBe('Bob@Acme.com');
  });

  it('shows labels, options, visibility and users by name, and raw ids for deleted ones', () => {
    expect(value('Labels')).toBe('Food, drinks; #99 (deleted option); Hot');
    expect(value('Industry')).toBe('Retail');
    expect(value('Tier')).toBe('Silver');
    expect(value('Regions')).toBe('東京; North');
    expect(value('Visible to')).toBe('Entire company');
    expect(value('Account manager')).toBe('#404 (unknown user)');
    expect(value('Account manager email')).toBe('#404 (unknown user)');
  });

  it('gives monetary amounts as numbers with a currency column', () => {
    expect(value('Budget')).toBe(1200.5);
    expect(value('Budget currency')).toBe('EUR');
    expect(column(columns, 'Budget currency')).toMatchObject({
      key: `${key('Budget')}.currency`,
      kind: 'text',
    });
  });

  it('gives dates as UTC-midnight dates, date-times as instants, and times as text', () => {
    expect(value('Renewal date')).toEqual(new Date(Date.UTC(2024, 11, 31)));
    expect(value('Contract period until')).toEqual(new Date(Date.UTC(2024, 5, 30)));
    expect(value('Created')).toEqual(new Date('2024-07-01T05:46:33Z'));
    expect(value('Updated')).toEqual(new Date('2024-07-02T11:29:32Z'));
    expect(value('Call time')).toBe('09:00:00');
    expect(value('Office hours until')).toBe('17:00:00');
    expect(column(columns, 'Created')).toMatchObject({ kind: 'datetime', target: null });
  });

  it('gives the address value and each part in its own column', () => {
    expect(value('Address')).toBe('Eiffel Tower, Paris');
    expect(value('Address - City')).toBe('Paris');
    expect(value('Address - Street')).toBeNull();
    expect(column(columns, 'Address - City').target).toEqual({
      kind: 'part',
      key: 'address',
      part: 'locality',
    });
  });

  it('gives empty cells for missing values and never throws on odd ones', () => {
    const bare: Organization = {
      ...org,
      address: null,
      label_ids: [],
      custom_fields: { [key('Budget')]: 'junk' },
    };
    for (const c of columns) expect(() => c.extract(bare, ctx)).not.toThrow();
    expect(column(columns, 'Labels').extract(bare, ctx)).toBeNull();
    expect(column(columns, 'Budget').extract(bare, ctx)).toBeNull();
    expect(column(columns, 'Address - City').extract(bare, ctx)).toBeNull();
  });

  it('rejects unknown field keys in the selection', () => {
    expect(() => buildExportColumns(FIELDS, { selection: ['name', 'nope'] })).toThrow(
      'Unknown organization field key(s): nope',
    );
  });
});

describe('headers of fields that share a name', () => {
  const customField = (n: number, name: string): OrgField => ({
    key: hexKey(n),
    name,
    type: 'varchar',
    custom: true,
    options: null,
    optionalResponse: false,
    writable: true,
  });

  it('keeps the system name, marks one custom twin, and numbers collisions with derived headers', () => {
    const fields = [
      ...FIELDS,
      customField(100, 'Region'),
      customField(101, 'region'),
      customField(102, 'ID'),
      customField(103, 'Owner email'),
    ];
    const headers = buildExportColumns(fields).map((c) => c.header);
    expect(headers).toContain('Region (000064)');
    expect(headers).toContain('region (000065)');
    expect(headers).toContain('ID (custom)');
    expect(headers).toContain('Owner email (2)');
  });

  it('gives a field the same header whatever else is selected', () => {
    const alone = buildExportColumns(FIELDS, { selection: [customWebsite] }).map((c) => c.header);
    expect(alone).toEqual(['ID', 'Website (custom)']);
  });

  it('lists every header with its import target', () => {
    const targets = exportHeaderTargets(FIELDS);
    expect(targets.get('ID')).toEqual({ kind: 'id' });
    expect(targets.get('Website (custom)')).toEqual({ kind: 'field', key: customWebsite });
    expect(targets.get('Owner')).toBeNull();
    expect(targets.get('People')).toBeNull();
    expect(targets.get('Budget currency')).toEqual({ kind: 'part', key: key('Budget'), part: 'currency' });
  });
});

describe('toCsvCell', () => {
  it('writes dates as ISO text, numbers and booleans plainly, and guards formula-like text', () => {
    expect(toCsvCell(new Date(Date.UTC(2024, 0, 5)), 'date')).toBe('2024-01-05');
    expect(toCsvCell(new Date('2024-07-01T05:46:33Z'), 'datetime')).toBe('2024-07-01T05:46:33Z');
    expect(toCsvCell(-1200.5, 'number')).toBe('-1200.5');
    expect(toCsvCell(true, 'boolean')).toBe('TRUE');
    expect(toCsvCell(null, 'text')).toBe('');
    expect(toCsvCell('=cmd', 'text')).toBe("'=cmd");
    expect(toCsvCell('-5', 'text')).toBe("'-5");
    expect(toCsvCell('plain', 'text')).toBe('plain');
  });
});
