/**
 * The preview's shortcut for clean rows (`RowConverter.cleanStates`, used by `PreviewPass.add`): a row
 * whose cells all convert without a problem or a note, with a pattern of empty cells already found
 * clean, is counted without being checked. Held against `check` on a converter of its own, row by
 * row, and the whole pass against planning every row with `check` and `planRow`.
 */
import { describe, expect, it } from 'vitest';
import type { CellInput } from '../../../shared/values/index.ts';
import { createRowConverter, type ConverterInput } from '../../../electron/engine/import/convert.ts';
import { planRow } from '../../../electron/engine/import/plan.ts';
import { PreviewPass, passPlan } from '../../../electron/engine/import/preview-pass.ts';
import { outcomeCode, tallyStates } from '../../../electron/engine/import/preview-state.ts';
import type { ImportMode } from '../../../electron/engine/import/types.ts';
import { target } from '../shared/values/helpers.ts';
import { COLUMNS, inputOf, random, type Column } from './convert-columns.ts';

/** Rows drawn from the columns' pools: most of them good (each pool starts with a good cell). */
function drawRows(columns: ReadonlyArray<Column>, seed: number, count: number): CellInput[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const good = next() < 0.7;
    return columns.map((c) => {
      // Good rows still leave a cell empty now and then, so several patterns of empty cells occur.
      if (good) return next() < 0.1 ? null : (c.cells[0] ?? null);
      return c.cells[Math.floor(next() * c.cells.length)] ?? null;
    });
  });
}

/** Some columns in a shuffled order; the name is kept in most sets, so many rows are clean. */
function pickColumns(next: () => number, pool: ReadonlyArray<Column>): Column[] {
  const name = pool.find((c) => c.header === 'Name') as Column;
  const others = pool.filter((c) => c !== name && next() < 0.3);
  return (next() < 0.8 ? [name, ...others] : others).sort(() => next() - 0.5);
}

/** Every row both ways; returns how many rows the shortcut took. */
function expectCleanStatesAgree(input: ConverterInput, rows: ReadonlyArray<CellInput[]>): number {
  const fast = createRowConverter(input);
  const reference = createRowConverter(input);
  let taken = 0;
  rows.forEach((cells, n) => {
    const clean = fast.cleanStates(cells);
    // As the pass does: a row the shortcut does not take is checked (which teaches it the pattern).
    const checked = fast.check(n + 2, cells);
    const expected = reference.check(n + 2, cells);
    expect(checked, JSON.stringify(cells)).toEqual(expected);
    if (clean === null) return;
    taken += 1;
    expect(clean, JSON.stringify(cells)).toEqual(expected.states);
    expect(
      {
        errors: expected.cellErrors,
        notes: expected.notes,
        deferred: expected.deferred,
        createError: expected.createError,
        matchKey: expected.matchKey,
      },
      JSON.stringify(cells),
    ).toEqual({ errors: [], notes: [], deferred: [], createError: null, matchKey: null });
  });
  return taken;
}

/**
 * Columns whose fields are put in as they are (no compound field, none read-only or unknown): with only
 * these, the shortcut is on.
 */
const PLAIN = COLUMNS.filter(
  (c) =>
    ![
      'Budget',
      'Budget currency',
      'Period',
      'Period end',
      'Call',
      'Call zone',
      'Created',
      'Unknown',
    ].includes(c.header),
);

describe('clean rows known by their pattern of empty cells', () => {
  for (const [pool, name] of [
    [COLUMNS, 'any columns'],
    [PLAIN, 'plain columns'],
  ] as const) {
    it(`gives exactly the states check gives, and only for rows check finds clean (${name})`, () => {
      const next = random(5);
      let taken = 0;
      let rows = 0;
      for (let n = 0; n < 60; n++) {
        const columns = pickColumns(next, pool);
        const emptyCells = next() < 0.5 ? 'skip' : 'clear';
        const input = inputOf(columns, { emptyCells, match: null, currency: next() < 0.5 ? 'EUR' : null });
        const drawn = drawRows(columns, n + 1, 150);
        taken += expectCleanStatesAgree(input, drawn);
        rows += drawn.length;
      }
      // Not vacuous: with plain columns the shortcut takes a good share of the rows.
      if (pool === PLAIN) expect(taken).toBeGreaterThan(rows / 10);
    });
  }

  it('agrees for typed spreadsheet cells, numbers and dates in text columns included', () => {
    const typed: ReadonlyArray<Column> = PLAIN.map((c) => ({
      ...c,
      cells: [...c.cells, 42, 0, -1.5, new Date(Date.UTC(2024, 0, 2)), true],
    }));
    const next = random(9);
    let taken = 0;
    for (let n = 0; n < 30; n++) {
      const columns = pickColumns(next, typed);
      const input = inputOf(columns, { emptyCells: 'skip', match: null, source: 'xlsx' });
      taken += expectCleanStatesAgree(input, drawRows(columns, 100 + n, 150));
    }
    expect(taken).toBeGreaterThan(0);
  });

  it('trusts a pattern only once check has found a row with it clean', () => {
    const columns = COLUMNS.filter((c) => ['Name', 'Website', 'Revenue'].includes(c.header));
    const converter = createRowConverter(inputOf(columns, { emptyCells: 'skip', match: null }));
    const good: CellInput[] = ['Acme', 'acme.example', '42'];
    expect(converter.cleanStates(good)).toBeNull();
    converter.check(2, good);
    expect(converter.cleanStates(['Beta', 'beta.example', '7'])).toEqual([1, 1, 1]);
    // Another pattern (no website) is new, and a row without a name is never clean.
    expect(converter.cleanStates(['Beta', null, '7'])).toBeNull();
    converter.check(3, [null, 'x.example', '1']);
    expect(converter.cleanStates([null, 'y.example', '2'])).toBeNull();
    // A bad cell or one with a note is never taken, whatever the pattern.
    expect(converter.cleanStates(['Beta', 'beta.example', '12x'])).toBeNull();
    expect(converter.cleanStates(['  Beta ', 'beta.example', '7'])).toEqual([1, 1, 1]);
  });

  it('is off when the verdict depends on more than empty cells: a match column or a compound field', () => {
    const byHeader = (headers: string[]): Column[] => COLUMNS.filter((c) => headers.includes(c.header));
    const cases: Array<[Column[], ConverterInput['match']]> = [
      [byHeader(['Name', 'Website']), target('Name')],
      [byHeader(['Name', 'Budget']), null],
      [byHeader(['Name', 'Call']), null],
    ];
    for (const [columns, match] of cases) {
      const converter = createRowConverter(inputOf(columns, { emptyCells: 'skip', match, currency: 'EUR' }));
      const cells = columns.map((c) => c.cells[0] ?? null);
      converter.check(2, cells);
      expect(converter.cleanStates(cells), columns.map((c) => c.header).join()).toBeNull();
    }
  });
});

describe('a preview pass with the shortcut', () => {
  const modes: ReadonlyArray<ImportMode> = ['create', 'update', 'upsert'];
  for (const mode of modes) {
    it(`plans and counts every row as check and planRow do (${mode})`, () => {
      const next = random(21);
      for (let n = 0; n < 12; n++) {
        const columns = pickColumns(next, COLUMNS);
        const match = mode === 'create' ? null : target('Name');
        const input = inputOf(columns, { emptyCells: 'skip', match, currency: 'EUR' });
        const rows = drawRows(columns, 300 + n, 400);
        const converter = createRowConverter(input);
        const plan = passPlan(converter, input.catalog.fields, mode, match, false);
        const pass = new PreviewPass(converter, plan, 16);
        rows.forEach((cells, i) => pass.add(i + 2, cells));
        const got = pass.result();

        const reference = createRowConverter(input);
        const referencePlan = passPlan(reference, input.catalog.fields, mode, match, false);
        const unindexed = { ...referencePlan, index: null };
        const width = reference.columns.length;
        const tally = {
          converted: new Int32Array(width),
          empty: new Int32Array(width),
          failed: new Int32Array(width),
        };
        const outcomes: number[] = [];
        const badCells: number[] = [];
        let cellErrors = 0;
        rows.forEach((cells, i) => {
          const checked = reference.check(i + 2, cells);
          outcomes.push(outcomeCode(planRow(checked, unindexed).outcome));
          badCells.push(checked.cellErrors.length > 0 ? 1 : 0);
          cellErrors += checked.cellErrors.length;
          tallyStates(tally, checked.states, 1);
        });
        expect([...got.outcomes]).toEqual(outcomes);
        expect([...got.badCells]).toEqual(badCells);
        expect(got.cellErrors).toBe(cellErrors);
        expect(got.tally).toEqual(tally);
      }
    });
  }
});
