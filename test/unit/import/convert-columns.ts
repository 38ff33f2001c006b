/**
 * The columns the row-converter tests draw rows from: every kind of column, each with pools of good,
 * empty, odd and bad cells, and the converter input over a choice of them.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import { DEFAULT_COLUMN_SETTINGS } from '../../../shared/values/index.ts';
import type { CellInput, ColumnSettings } from '../../../shared/values/index.ts';
import type { ConverterInput } from '../../../electron/engine/import/convert.ts';
import { FIELDS, USERS } from '../shared/values/fixtures.ts';
import { target } from '../shared/values/helpers.ts';

/** A small deterministic generator, so the rows are the same on every run. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const TEXT: ReadonlyArray<CellInput> = [
  'Acme',
  '  Acme  GmbH ',
  'Łódź',
  '\u200bZürich',
  "'=1+1",
  '',
  '   ',
  null,
  'x'.repeat(300),
];
const NUMBER: ReadonlyArray<CellInput> = [
  '42',
  '37.25',
  '1,234.5',
  '12x',
  '',
  null,
  ' 7 ',
  '4.5',
  '1234567890123456',
];

export interface Column {
  readonly header: string;
  readonly target: MappingTarget | null;
  readonly cells: ReadonlyArray<CellInput>;
  readonly settings?: Partial<ColumnSettings>;
}

/** Every kind of column once (some twice), each with cells that take its paths. */
export const COLUMNS: ReadonlyArray<Column> = [
  { header: 'ID', target: target('ID'), cells: ['7', '#8', 'x', '', null, 12] },
  { header: 'Name', target: target('Name'), cells: [...TEXT, 'Acme', 'Beta'] },
  {
    header: 'Owner',
    target: target('Owner'),
    cells: [
      'alice@acme.com',
      'Bob Builder',
      '3',
      'carol@acme.com',
      'Dan Gone',
      'nobody@x.com',
      '',
      null,
      'John Smith',
    ],
  },
  {
    header: 'Manager',
    target: target('Account manager'),
    cells: ['alice@acme.com', 'carol@acme.com', '', 'zed'],
  },
  { header: 'Website', target: target('Website'), cells: TEXT },
  { header: 'Street', target: target('Address', 'route'), cells: ['Main St', '', null, ' 5th Ave '] },
  { header: 'City', target: target('Address', 'locality'), cells: ['Paris', 'São Paulo', '', null, '東京'] },
  { header: 'ZIP', target: target('Address', 'postal_code'), cells: ['75007', '00001', '', null] },
  { header: 'Full address', target: target('Address', 'value'), cells: ['1 Main St, Paris', '', null] },
  { header: 'Billing', target: target('Billing address'), cells: ['HQ', '', null] },
  { header: 'Billing country', target: target('Billing address', 'country'), cells: ['France', '', null] },
  { header: 'Billing odd', target: target('Billing address', 'nonsense'), cells: ['x', '', null] },
  { header: 'Revenue', target: target('Annual revenue'), cells: NUMBER },
  { header: 'Employees', target: target('Employees'), cells: NUMBER },
  { header: 'Budget', target: target('Budget'), cells: ['12.5', 'EUR 10', '$5', 'USD 3', 'abc', '', null] },
  { header: 'Budget currency', target: target('Budget', 'currency'), cells: ['USD', 'EUR', 'xx', '', null] },
  {
    header: 'Renewal',
    target: target('Renewal date'),
    cells: ['2024-12-31', '03/04/24', '31/12/2024', 'soon', '', null],
    settings: { dateOrder: 'dmy' },
  },
  {
    header: 'Period',
    target: target('Contract period'),
    cells: ['2024-01-01', '2024-01-01 - 2024-02-01', '', null, 'x'],
  },
  {
    header: 'Period end',
    target: target('Contract period', 'until'),
    cells: ['2024-03-01', '2023-01-01', '', null],
  },
  { header: 'Call', target: target('Call time'), cells: ['09:00', '9pm', '', null, 'x'] },
  {
    header: 'Call zone',
    target: target('Call time', 'timezone'),
    cells: ['europe/berlin', 'Mars/Base', '', null],
  },
  { header: 'Tier', target: target('Tier'), cells: ['Gold', 'gold', 'Goldd', '2024', '', null] },
  {
    header: 'Regions',
    target: target('Regions'),
    cells: ['North, South', 'North; East, inland', 'Nowhere', '', null],
  },
  { header: 'Labels', target: target('Labels'), cells: ['Hot', 'Hot, Cold', 'Café', 'Lukewarm', '', null] },
  { header: 'Visible', target: target('Visible to'), cells: ['Owner', 'Everyone', 'x', '', null] },
  { header: 'Notes', target: target('Notes'), cells: [' two\nlines ', '', null, 'x'.repeat(70_000)] },
  { header: 'Active', target: target('Active customer'), cells: ['yes', 'FALSE', 'maybe', '', null] },
  { header: 'Created', target: target('Created'), cells: ['2024-01-01', '', null] },
  { header: 'Ignored', target: null, cells: ['whatever', null] },
  { header: 'Name again', target: target('Name'), cells: ['Second', '', null] },
  { header: 'Unknown', target: { kind: 'field', key: 'no_such_field' }, cells: ['x', '', null] },
];

/** A converter input over `columns` (headers in the order given). */
export function inputOf(
  columns: ReadonlyArray<Column>,
  extra: Pick<ConverterInput, 'emptyCells' | 'match'> & { source?: 'csv' | 'xlsx'; currency?: string | null },
): ConverterInput {
  return {
    catalog: { fields: FIELDS, users: USERS, defaultCurrency: extra.currency ?? null },
    source: extra.source ?? 'csv',
    headers: columns.map((c) => c.header),
    mapping: Object.fromEntries(columns.map((c) => [c.header, c.target])),
    settings: Object.fromEntries(
      columns.flatMap((c) => (c.settings ? [[c.header, { ...DEFAULT_COLUMN_SETTINGS, ...c.settings }]] : [])),
    ),
    emptyCells: extra.emptyCells,
    match: extra.match,
  };
}
