/**
 * The row converter's compiled paths (quick conversions, cached results, the compiled assembler,
 * shared empty arrays and states) against a plain reference: every cell through coerceCell and every
 * row through assembleWrite, as the converter worked before it was compiled. Rows are drawn from pools
 * of good, empty, odd and bad cells for every kind of column, so every path is taken many times.
 */
import { describe, expect, it } from 'vitest';
import type { MappingTarget } from '../../../shared/mapping.ts';
import { sameTarget } from '../../../shared/mapping.ts';
import {
  assembleWrite,
  checkCreate,
  coerceCell,
  createCoerceContext,
  DEFAULT_COLUMN_SETTINGS,
  valueType,
} from '../../../shared/values/index.ts';
import type { AssembleInput, CellInput, ColumnSettings } from '../../../shared/values/index.ts';
import {
  createRowConverter,
  displayCell,
  type ConverterInput,
} from '../../../electron/engine/import/convert.ts';
import { matchKeyOf } from '../../../electron/engine/import/match-key.ts';
import type {
  CellError,
  CellNote,
  CellState,
  ConvertedRow,
  DeferredCell,
} from '../../../electron/engine/import/types.ts';
import { FIELDS, USERS } from '../shared/values/fixtures.ts';
import { target } from '../shared/values/helpers.ts';

/** The converter as it was before compiling anything: the reference the compiled one must match. */
function referenceConverter(
  input: ConverterInput,
): (rowNumber: number, cells: ReadonlyArray<CellInput>) => ConvertedRow {
  const { catalog } = input;
  const context = createCoerceContext({
    fields: catalog.fields,
    users: catalog.users,
    ...(catalog.labels ? { labels: catalog.labels } : {}),
    defaultCurrency: catalog.defaultCurrency ?? null,
    source: input.source,
  });
  const columns = input.headers.flatMap((header, index) => {
    const t = input.mapping[header] ?? null;
    if (t === null) return [];
    const field = t.kind === 'id' ? null : (context.fieldByKey.get(t.key) ?? null);
    return [
      {
        index,
        header,
        target: t,
        settings: input.settings[header] ?? DEFAULT_COLUMN_SETTINGS,
        isMatch: input.match !== null && sameTarget(t, input.match),
        isUser: t.kind === 'field' && field !== null && valueType(field) === 'user',
      },
    ];
  });
  const columnOfKey = new Map<string, (typeof columns)[number]>();
  for (const column of columns) {
    if (column.target.kind === 'id') continue;
    const known = columnOfKey.get(column.target.key);
    if (!known || (known.target.kind === 'part' && column.target.kind === 'field'))
      columnOfKey.set(column.target.key, column);
  }
  const inactiveUser = (cell: CellInput) => {
    const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim() : '';
    if (text === '') return null;
    let user;
    if (/^#?\d+$/.test(text)) user = context.users.byId.get(Number(text.replace('#', '')));
    else if (text.includes('@')) user = context.users.byEmail.get(text.toLowerCase());
    else user = USERS.filter((u) => u.name.toLowerCase() === text.toLowerCase()).at(0);
    return user && (!user.active_flag || user.is_deleted === true) ? user : null;
  };
  return (rowNumber, cells) => {
    const inputs: AssembleInput[] = [];
    const cellErrors: CellError[] = [];
    const deferred: DeferredCell[] = [];
    const notes: CellNote[] = [];
    const states: CellState[] = columns.map(() => 0);
    let matchValue: string | number | null = null;
    columns.forEach((column, c) => {
      const cell = cells[column.index] ?? null;
      const result = coerceCell(cell, column.target, context, column.settings);
      if (result.kind === 'error') {
        const error: CellError = {
          column: column.header,
          value: displayCell(cell),
          message: result.message,
          ...(result.accepted === undefined ? {} : { accepted: result.accepted }),
          ...(result.suggestion === undefined ? {} : { suggestion: result.suggestion }),
        };
        const inactive = column.isUser ? inactiveUser(cell) : null;
        if (inactive && column.target.kind === 'field') {
          states[c] = 1;
          deferred.push({ column: column.header, key: column.target.key, userId: inactive.id, error });
        } else {
          states[c] = 2;
          cellErrors.push(error);
        }
        return;
      }
      if (result.kind === 'empty') return void inputs.push({ target: column.target, value: null });
      states[c] = 1;
      inputs.push({ target: column.target, value: result.value });
      if (result.note !== undefined) notes.push({ column: column.header, message: result.note });
      if (column.isMatch && (typeof result.value === 'string' || typeof result.value === 'number'))
        matchValue = result.value;
    });
    const assembled = assembleWrite(inputs, catalog.fields, { emptyCells: input.emptyCells });
    for (const problem of assembled.errors) {
      const column = columnOfKey.get(problem.key);
      if (column) states[columns.indexOf(column)] = 2;
      cellErrors.push({
        column: column?.header ?? problem.key,
        value: column ? displayCell(cells[column.index]) : '',
        message: problem.message,
      });
    }
    const createProblem = checkCreate(assembled.body);
    return {
      rowNumber,
      body: assembled.body,
      matchValue,
      matchKey: matchKeyOf(matchValue),
      cellErrors,
      deferred,
      createError: createProblem ? createProblem.message : null,
      notes,
      states,
    };
  };
}

/** A small deterministic generator, so the rows are the same on every run. */
function random(seed: number): () => number {
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

interface Column {
  readonly header: string;
  readonly target: MappingTarget | null;
  readonly cells: ReadonlyArray<CellInput>;
  readonly settings?: Partial<ColumnSettings>;
}

/** Every kind of column once (some twice), each with cells that take its paths. */
const COLUMNS: ReadonlyArray<Column> = [
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
function inputOf(
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

/** Converts `count` random rows both ways and expects the very same rows, key order included. */
function expectSameRows(
  input: ConverterInput,
  columns: ReadonlyArray<Column>,
  seed: number,
  count: number,
): ConvertedRow[] {
  const next = random(seed);
  const compiled = createRowConverter(input);
  const reference = referenceConverter(input);
  const rows: ConvertedRow[] = [];
  for (let n = 0; n < count; n++) {
    // Mostly good rows (the first cell of each pool is a good one), as in a real file.
    const good = next() < 0.5;
    const cells = columns.map(
      (c) => (good ? c.cells[0] : c.cells[Math.floor(next() * c.cells.length)]) ?? null,
    );
    const got = compiled.convert(n + 2, cells);
    const expected = reference(n + 2, cells);
    expect(got, JSON.stringify(cells)).toEqual(expected);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
    rows.push(got);
  }
  return rows;
}

describe('the compiled row converter', () => {
  const matches: ReadonlyArray<MappingTarget | null> = [
    null,
    target('Name'),
    target('ID'),
    target('Employees'),
  ];
  for (const emptyCells of ['skip', 'clear'] as const) {
    for (const match of matches) {
      it(`converts every row exactly as the reference does (${emptyCells}, match ${JSON.stringify(match)})`, () => {
        expectSameRows(inputOf(COLUMNS, { emptyCells, match, currency: 'EUR' }), COLUMNS, 11, 500);
      });
    }
  }

  it('matches the reference for any subset of the columns, in any order', () => {
    const next = random(5);
    for (let n = 0; n < 40; n++) {
      const columns = COLUMNS.filter(() => next() < 0.3).sort(() => next() - 0.5);
      const emptyCells = next() < 0.5 ? 'skip' : 'clear';
      const currency = next() < 0.5 ? 'EUR' : null;
      expectSameRows(inputOf(columns, { emptyCells, match: null, currency }), columns, n, 120);
    }
  });

  it('matches the reference for typed spreadsheet cells (xlsx)', () => {
    const typed: ReadonlyArray<Column> = COLUMNS.map((c) => ({
      ...c,
      cells: [
        ...c.cells,
        42,
        12.5,
        Number.NaN,
        true,
        new Date(Date.UTC(2024, 0, 2)),
        new Date(Date.UTC(2024, 0, 2, 9, 30)),
      ],
    }));
    for (const emptyCells of ['skip', 'clear'] as const)
      expectSameRows(inputOf(typed, { emptyCells, match: target('Name'), source: 'xlsx' }), typed, 3, 600);
  });

  it('shares frozen arrays between rows instead of making new ones per row', () => {
    const columns = COLUMNS.slice(0, 3);
    const rows = expectSameRows(inputOf(columns, { emptyCells: 'skip', match: null }), columns, 9, 200);
    const good = rows.filter(
      (r) => r.cellErrors.length === 0 && r.deferred.length === 0 && r.notes.length === 0,
    );
    expect(good.length).toBeGreaterThan(10);
    const [first, second] = good as [ConvertedRow, ConvertedRow];
    expect(Object.isFrozen(first.cellErrors)).toBe(true);
    expect(first.cellErrors).toBe(second.cellErrors);
    expect(Object.isFrozen(first.states)).toBe(true);
    // Rows with the same states share one array; a row's states never change after it is returned.
    const same = good.filter((r) => JSON.stringify(r.states) === JSON.stringify(first.states));
    expect(same.length).toBeGreaterThan(1);
    expect(new Set(same.map((r) => r.states)).size).toBe(1);
  });
});
