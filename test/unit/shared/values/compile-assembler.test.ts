import { describe, expect, it } from 'vitest';
import { ADDRESS_PARTS } from '../../../../shared/model.ts';
import type { AddressPart } from '../../../../shared/model.ts';
import type { AssembleInput } from '../../../../shared/values/index.ts';
import {
  assembleWrite,
  buildAddress,
  compileAddressBuilder,
  compileAssembler,
} from '../../../../shared/values/index.ts';
import { FIELDS } from './fixtures.ts';
import { target } from './helpers.ts';

const cell = (name: string, value: unknown, part?: string): AssembleInput => ({
  target: target(name, part),
  value,
});
const amount = { amount: 12.5, currency: 'EUR', currencyFromCell: false };

/** Rows that take every branch of assembleWrite: compound fields, duplicates, clearing, failures. */
const ROWS: ReadonlyArray<ReadonlyArray<AssembleInput>> = [
  [cell('ID', 5), cell('Name', 'Acme'), cell('Owner', 2), cell('Labels', [1, 3]), cell('Employees', 40)],
  [cell('Tagline', 'We build'), cell('Call time', '09:00:00'), cell('Renewal date', '2024-12-31')],
  [cell('Name', null), cell('Owner', null), cell('Visible to', null), cell('Labels', null)],
  [cell('Website', null), cell('Regions', null), cell('Budget', null), cell('Contract period', null)],
  [cell('Address', null), cell('Address', null, 'locality'), cell('Tagline', { odd: true })],
  [cell('Budget', amount), cell('Budget', 'USD', 'currency')],
  [cell('Budget', { ...amount, currencyFromCell: true }), cell('Budget', 'USD', 'currency')],
  [cell('Budget', { amount: 3, currency: null, currencyFromCell: false })],
  [cell('Budget', 'USD', 'currency')],
  [cell('Contract period', '2024-01-01'), cell('Contract period', '2024-03-01', 'until')],
  [cell('Contract period', '2024-02-01'), cell('Contract period', '2024-01-01', 'until')],
  [cell('Contract period', '2024-01-01'), cell('Contract period', null, 'until')],
  [cell('Contract period', { value: '2024-01-01', until: '2024-02-01' })],
  [cell('Office hours', { value: '09:00:00', until: '17:00:00' })],
  [
    cell('Billing address', '12', 'street_number'),
    cell('Billing address', 'Avenue Gustave Eiffel', 'route'),
    cell('Billing address', null, 'subpremise'),
    cell('Billing address', '75007', 'postal_code'),
    cell('Billing address', 'Paris', 'locality'),
    cell('Billing address', 'France', 'country'),
  ],
  [cell('Address', 'HQ'), cell('Address', 'Paris', 'locality'), cell('Address', 'Main St 1', 'value')],
  // The same field twice: the last column wins, the first one's place in the body stays.
  [
    cell('Name', 'First'),
    cell('Tagline', 'x'),
    cell('Name', 'Second'),
    cell('Address', 'Berlin', 'locality'),
  ],
  [cell('Address', 'Rome', 'locality'), cell('Name', 'N'), cell('Address', 'Milan', 'locality')],
  [cell('Created', '2024-01-01'), { target: { kind: 'field', key: 'no_such_field' }, value: 'x' }],
  [cell('Name', 'N'), cell('Tagline', 'part', 'value')],
];

/** A small deterministic generator, so the combinations below are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** assembleWrite and the compiled assembler agree on `row`, key order included (twice, as slots are reused). */
function expectSame(row: ReadonlyArray<AssembleInput>, emptyCells: 'skip' | 'clear'): void {
  const expected = assembleWrite(row, FIELDS, { emptyCells });
  const assemble = compileAssembler(
    row.map((c) => c.target),
    FIELDS,
    { emptyCells },
  );
  const values = row.map((c) => c.value);
  for (let round = 0; round < 2; round++) {
    const got = assemble(values);
    expect(got, JSON.stringify(row)).toEqual(expected);
    expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
  }
}

const ADDRESS_COLUMNS = ['value', ...ADDRESS_PARTS, 'nonsense'] as const;
const ADDRESS_VALUES: ReadonlyArray<unknown> = ['Main St 1', '12', 'Paris', '', null, 7];

describe('compileAssembler', () => {
  for (const emptyCells of ['skip', 'clear'] as const) {
    it(`gives exactly what assembleWrite gives, key order included (${emptyCells})`, () => {
      for (const row of ROWS) expectSame(row, emptyCells);
    });

    it(`builds addresses as assembleWrite does, for any parts in any order (${emptyCells})`, () => {
      const next = random(emptyCells === 'skip' ? 1 : 2);
      const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T;
      for (const field of ['Address', 'Billing address']) {
        for (let n = 0; n < 400; n++) {
          const row: AssembleInput[] = [];
          // The field itself (or not), any parts (some twice), other fields around them.
          if (next() < 0.5) row.push(cell(field, pick(ADDRESS_VALUES)));
          const count = Math.floor(next() * 6);
          for (let i = 0; i < count; i++) row.push(cell(field, pick(ADDRESS_VALUES), pick(ADDRESS_COLUMNS)));
          if (next() < 0.3) row.splice(Math.floor(next() * row.length), 0, cell('Name', pick(['N', null])));
          if (next() < 0.3) row.push(cell('Tagline', pick(['T', '', null])));
          expectSame(row, emptyCells);
        }
      }
      // Every single part, and every part filled at once.
      for (const part of ADDRESS_COLUMNS) expectSame([cell('Address', 'x', part)], emptyCells);
      expectSame(
        ADDRESS_PARTS.map((part, i) => cell('Billing address', `p${i}`, part)).reverse(),
        emptyCells,
      );
    });

    it(`assembles compound and option fields as assembleWrite does (${emptyCells})`, () => {
      const next = random(emptyCells === 'skip' ? 3 : 4);
      const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(next() * items.length)] as T;
      const amount = (currency: string | null, fromCell: boolean) => ({
        amount: 9.5,
        currency,
        currencyFromCell: fromCell,
      });
      const columns: ReadonlyArray<() => AssembleInput> = [
        () =>
          cell('Budget', pick([amount('EUR', false), amount('USD', true), amount(null, false), null, 'x'])),
        () => cell('Budget', pick(['USD', 'EUR', '', null]), 'currency'),
        () =>
          cell(
            'Contract period',
            pick(['2024-01-01', '2024-05-01', null, { value: '2024-01-01', until: '2024-02-01' }]),
          ),
        () => cell('Contract period', pick(['2024-03-01', '2024-02-01', null, '']), 'until'),
        () => cell('Call time', pick(['09:00:00', null])),
        () => cell('Call time', pick(['Europe/Tallinn', null, '']), 'timezone'),
        () => cell('Office hours', pick([{ value: '09:00:00', until: '17:00:00' }, '08:00:00', null])),
        () => cell('Office hours', pick(['18:00:00', null]), 'until'),
        () => cell('Office hours', pick(['Europe/Paris', null]), 'timezone'),
        () => cell('Labels', pick([[1, 3], [], null])),
        () => cell('Regions', pick([[31], [], null, ['x']])),
        () => cell('Tier', pick([41, null])),
        () => cell('Active customer', pick([true, false, null])),
        () => cell('Owner', pick([2, null])),
        () => cell('Visible to', pick([3, null])),
        () => cell('Name', pick(['Acme', null, '', { odd: 1 }])),
        () => cell('Renewal date', pick(['2024-12-31', null])),
        () => cell('Notes', pick(['two\nlines', null])),
        () => cell('Created', pick(['2024-01-01', null])),
        () => cell('Score', pick([1.5, null]), 'nonsense'),
        () => ({ target: { kind: 'field', key: 'no_such_field' }, value: pick(['x', null]) }),
        () => cell('ID', pick([5, null])),
      ];
      for (let n = 0; n < 1500; n++) {
        const count = 1 + Math.floor(next() * 7);
        expectSame(
          Array.from({ length: count }, () => pick(columns)()),
          emptyCells,
        );
      }
    });
  }

  it('reuses nothing between rows: each row gets its own body', () => {
    const assemble = compileAssembler([target('Name'), target('Address', 'locality')], FIELDS, {
      emptyCells: 'clear',
    });
    const first = assemble(['A', 'Paris']);
    const second = assemble(['B', null]);
    expect(first.body).toEqual({ name: 'A', address: { value: 'Paris', locality: 'Paris' } });
    expect(second.body).toEqual(
      assembleWrite([cell('Name', 'B'), cell('Address', null, 'locality')], FIELDS, { emptyCells: 'clear' })
        .body,
    );
    // Labels cleared are a new empty list per row, never one shared list.
    const labels = compileAssembler([target('Labels')], FIELDS, { emptyCells: 'clear' });
    const a = labels([null]).body.label_ids;
    expect(a).toEqual([]);
    expect(labels([null]).body.label_ids).not.toBe(a);
  });
});

describe('compileAddressBuilder', () => {
  it('builds what buildAddress builds for every set of part columns, filled or not', () => {
    const next = random(6);
    // Every subset of the parts, its columns in a shuffled order among other columns.
    for (let mask = 0; mask < 1 << ADDRESS_PARTS.length; mask++) {
      const parts = ADDRESS_PARTS.filter((_, i) => (mask & (1 << i)) !== 0);
      const shuffled = [...parts].sort(() => next() - 0.5);
      const columns = shuffled.map((part, i) => ({ part, column: 2 * i + 1 }));
      const build = compileAddressBuilder(columns);
      for (let n = 0; n < 6; n++) {
        const values: unknown[] = Array.from({ length: 2 * parts.length + 1 }, () => 'other');
        const filled: Partial<Record<AddressPart, string>> = {};
        for (const { part, column } of columns) {
          const value = [`${part} x`, '', null, 3][Math.floor(next() * 4)];
          values[column] = value;
          if (typeof value === 'string' && value !== '') filled[part] = value;
        }
        for (const text of [null, '', 'Whole address']) {
          const expected = buildAddress(text, filled);
          const got = build(text, values);
          expect(got, JSON.stringify({ parts: shuffled, values, text })).toEqual(expected);
          expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
        }
      }
    }
  });
});
