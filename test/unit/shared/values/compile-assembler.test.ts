import { describe, expect, it } from 'vitest';
import type { AssembleInput } from '../../../../shared/values/index.ts';
import { assembleWrite, compileAssembler } from '../../../../shared/values/index.ts';
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

describe('compileAssembler', () => {
  for (const emptyCells of ['skip', 'clear'] as const) {
    it(`gives exactly what assembleWrite gives, key order included (${emptyCells})`, () => {
      for (const row of ROWS) {
        const expected = assembleWrite(row, FIELDS, { emptyCells });
        const assemble = compileAssembler(
          row.map((c) => c.target),
          FIELDS,
          { emptyCells },
        );
        // Twice: the compiled slots are reused, so a second row must not see the first one's values.
        for (let round = 0; round < 2; round++) {
          const got = assemble(row);
          expect(got).toEqual(expected);
          expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
        }
      }
    });
  }

  it('reuses nothing between rows: each row gets its own body', () => {
    const assemble = compileAssembler([target('Name'), target('Address', 'locality')], FIELDS, {
      emptyCells: 'clear',
    });
    const first = assemble([cell('Name', 'A'), cell('Address', 'Paris', 'locality')]);
    const second = assemble([cell('Name', 'B'), cell('Address', null, 'locality')]);
    expect(first.body).toEqual({ name: 'A', address: { value: 'Paris', locality: 'Paris' } });
    expect(second.body).toEqual(
      assembleWrite([cell('Name', 'B'), cell('Address', null, 'locality')], FIELDS, { emptyCells: 'clear' })
        .body,
    );
  });
});
