/**
 * The row converter's compiled paths (quick conversions, cached results, the compiled assembler,
 * shared empty arrays and states) against a plain reference: every cell through coerceCell and every
 * row through assembleWrite, as the converter worked before it was compiled. Rows are drawn from pools
 * of good, empty, odd and bad cells for every kind of column, so every path is taken many times.
 * `check` (convert without the body) is held to the same reference, body aside.
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
import type { AssembleInput, CellInput } from '../../../shared/values/index.ts';
import {
  createRowConverter,
  displayCell,
  type ConverterInput,
} from '../../../electron/engine/import/convert.ts';
import { matchKeyOf } from '../../../electron/engine/import/match-key.ts';
import { OrgIndex } from '../../../electron/engine/import/org-index.ts';
import { DuplicateGroups, planRow, type PlanContext } from '../../../electron/engine/import/plan.ts';
import type {
  CellError,
  CellNote,
  CellState,
  ConvertedRow,
  DeferredCell,
} from '../../../electron/engine/import/types.ts';
import { FIELDS, USERS } from '../shared/values/fixtures.ts';
import { COLUMNS, inputOf, random, type Column } from './convert-columns.ts';
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

/** Converts `count` random rows both ways and expects the very same rows, key order included. */
function expectSameRows(
  input: ConverterInput,
  columns: ReadonlyArray<Column>,
  seed: number,
  count: number,
): ConvertedRow[] {
  const next = random(seed);
  const compiled = createRowConverter(input);
  // Checks only, so nothing it gets right can come from a convert run just before on the same converter.
  const checker = createRowConverter(input);
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
    // check: everything convert gives but the body, the same (in and out of turn with convert).
    for (const checked of [checker.check(n + 2, cells), compiled.check(n + 2, cells)]) {
      expect(checked.body, JSON.stringify(cells)).toBeNull();
      const withBody = { ...checked, body: expected.body };
      expect(withBody, JSON.stringify(cells)).toEqual(expected);
      expect(JSON.stringify(withBody)).toBe(JSON.stringify(expected));
    }
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

  it('plans a checked row as the converted one before the organizations are known, and not after', () => {
    const next = random(21);
    // Without the columns that fail on every row (an unknown field or part, a read-only field).
    const columns = COLUMNS.filter((c) => !['Unknown', 'Created', 'Billing odd'].includes(c.header));
    for (const mode of ['create', 'update', 'upsert'] as const) {
      const match = mode === 'create' ? null : target('Name');
      const input = inputOf(columns, { emptyCells: 'clear', match, currency: 'EUR' });
      const converter = createRowConverter(input);
      const ctx = {
        mode,
        match,
        index: null,
        duplicates: new DuplicateGroups(),
        fields: FIELDS,
        updateUnchanged: false,
        matchColumn: match ? 'Name' : null,
      } satisfies PlanContext;
      const outcomes = new Set<string>();
      for (let n = 0; n < 300; n++) {
        const good = next() < 0.5;
        const cells = columns.map(
          (c) => (good ? c.cells[0] : c.cells[Math.floor(next() * c.cells.length)]) ?? null,
        );
        const planned = planRow(converter.check(n + 2, cells), ctx);
        expect(planned).toEqual(planRow(converter.convert(n + 2, cells), ctx));
        outcomes.add(planned.outcome);
      }
      expect([...outcomes].sort()).toEqual(mode === 'create' ? ['create', 'error'] : ['error', 'pending']);
    }
    // With the organizations a body is compared; a checked row forced past the types is refused.
    const index = new OrgIndex(target('Name'), FIELDS);
    // The name matched by is the last Name column's ("Name again").
    index.add({
      id: 9,
      name: 'Second',
      owner_id: 2,
      add_time: '2024-01-01T00:00:00Z',
      update_time: '2024-01-02T00:00:00Z',
      is_deleted: false,
      visible_to: 3,
      label_ids: [],
      address: null,
      custom_fields: {},
    });
    const indexed: PlanContext = {
      mode: 'update',
      match: target('Name'),
      index,
      duplicates: new DuplicateGroups(),
      fields: FIELDS,
      updateUnchanged: false,
      matchColumn: 'Name',
    };
    const converter = createRowConverter(inputOf(columns, { emptyCells: 'skip', match: target('Name') }));
    const cells = columns.map((c) => c.cells[0] ?? null);
    expect(planRow(converter.convert(2, cells), indexed).outcome).toBe('update');
    const checked = converter.check(2, cells);
    expect(() => planRow(checked as unknown as ConvertedRow, indexed)).toThrow(/no body/);
  });
});
