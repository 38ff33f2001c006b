import { describe, expect, it } from 'vitest';
import type { AssembleInput } from '../../../../shared/values/index.ts';
import { assembleWrite, joinAddressParts } from '../../../../shared/values/index.ts';
import { FIELDS, fieldNamed } from './fixtures.ts';
import { target } from './helpers.ts';

const key = (name: string): string => fieldNamed(name).key;
const cell = (name: string, value: unknown, part?: string): AssembleInput => ({
  target: target(name, part),
  value,
});
const skip = { emptyCells: 'skip' } as const;
const clear = { emptyCells: 'clear' } as const;

describe('assembleWrite', () => {
  it('puts system fields at the top level and custom fields under custom_fields, never the ID', () => {
    const { body, errors } = assembleWrite(
      [
        cell('ID', 5),
        cell('Name', 'Acme'),
        cell('Owner', 2),
        cell('Labels', [1, 3]),
        cell('Industry', 10),
        cell('Employees', 40),
        cell('Tagline', 'We build'),
        cell('Tier', 41),
        cell('Regions', [31, 32]),
        cell('Active customer', false),
        cell('Call time', '09:00:00'),
        cell('Renewal date', '2024-12-31'),
      ],
      FIELDS,
      skip,
    );
    expect(errors).toEqual([]);
    expect(body).toEqual({
      name: 'Acme',
      owner_id: 2,
      label_ids: [1, 3],
      industry: 10,
      employee_count: 40,
      custom_fields: {
        [key('Tagline')]: 'We build',
        [key('Tier')]: 41,
        [key('Regions')]: [31, 32],
        [key('Active customer')]: false,
        [key('Call time')]: { value: '09:00:00' },
        [key('Renewal date')]: '2024-12-31',
      },
    });
  });

  it('leaves empty cells out with skip, and clears them the way the API wants with clear', () => {
    const row = [
      cell('Name', null),
      cell('Owner', null),
      cell('Visible to', null),
      cell('Labels', null),
      cell('Website', null),
      cell('Regions', null),
      cell('Budget', null),
      cell('Budget', null, 'currency'),
      cell('Contract period', null),
      cell('Contract period', null, 'until'),
      cell('Address', null),
      cell('Address', null, 'locality'),
    ];
    expect(assembleWrite(row, FIELDS, skip)).toEqual({ body: {}, errors: [] });
    const cleared = assembleWrite(row, FIELDS, clear);
    expect(cleared.body).toEqual({
      label_ids: [],
      website: null,
      address: null,
      custom_fields: { [key('Regions')]: null, [key('Budget')]: null, [key('Contract period')]: null },
    });
    expect(cleared.errors).toEqual([
      { key: 'name', message: '"Name" is empty — an organization must have a name' },
    ]);
  });

  it('builds monetary values from the amount and the currency column', () => {
    const amount = { amount: 1200.5, currency: 'EUR', currencyFromCell: false };
    const { body } = assembleWrite([cell('Budget', amount), cell('Budget', 'USD', 'currency')], FIELDS, skip);
    expect(body.custom_fields).toEqual({ [key('Budget')]: { value: 1200.5, currency: 'USD' } });
    const inline = assembleWrite([cell('Budget', { ...amount, currencyFromCell: true })], FIELDS, skip);
    expect(inline.body.custom_fields).toEqual({ [key('Budget')]: { value: 1200.5, currency: 'EUR' } });
  });

  it('reports monetary conflicts and missing currencies', () => {
    const inline = { amount: 5, currency: 'GBP', currencyFromCell: true };
    expect(
      assembleWrite([cell('Budget', inline), cell('Budget', 'USD', 'currency')], FIELDS, skip).errors,
    ).toEqual([
      { key: key('Budget'), message: '"Budget": the amount says GBP but the currency column says USD' },
    ]);
    const bare = { amount: 5, currency: null, currencyFromCell: false };
    expect(assembleWrite([cell('Budget', bare)], FIELDS, skip).errors[0]?.message).toBe(
      '"Budget": 5 has no currency — map a currency column or choose a default currency',
    );
    expect(assembleWrite([cell('Budget', 'USD', 'currency')], FIELDS, skip).errors[0]?.message).toBe(
      '"Budget": a currency column is mapped but no amount column',
    );
  });

  it('builds ranges from start and until, or from one cell, and checks both ends', () => {
    const two = assembleWrite(
      [cell('Contract period', '2024-01-01'), cell('Contract period', '2024-06-30', 'until')],
      FIELDS,
      skip,
    );
    expect(two.body.custom_fields).toEqual({
      [key('Contract period')]: { value: '2024-01-01', until: '2024-06-30' },
    });
    const one = assembleWrite([cell('Office hours', { value: '09:00:00', until: '17:00:00' })], FIELDS, skip);
    expect(one.body.custom_fields).toEqual({
      [key('Office hours')]: { value: '09:00:00', until: '17:00:00' },
    });
    expect(assembleWrite([cell('Contract period', '2024-01-01')], FIELDS, skip).errors[0]?.message).toBe(
      '"Contract period" needs both a start and an end date',
    );
    expect(
      assembleWrite(
        [cell('Contract period', '2024-02-01'), cell('Contract period', '2024-01-01', 'until')],
        FIELDS,
        skip,
      ).errors[0]?.message,
    ).toBe('"Contract period" ends (2024-01-01) before it starts (2024-02-01)');
    expect(
      assembleWrite(
        [
          cell('Contract period', { value: '2024-01-01', until: '2024-02-01' }),
          cell('Contract period', '2024-03-01', 'until'),
        ],
        FIELDS,
        skip,
      ).errors[0]?.message,
    ).toBe('"Contract period": the cell says it ends 2024-02-01 but the end column says 2024-03-01');
  });

  it('builds the address from one column', () => {
    const { body } = assembleWrite([cell('Address', 'Main St 1, Tallinn')], FIELDS, skip);
    expect(body).toEqual({ address: { value: 'Main St 1, Tallinn' } });
  });

  it('builds the address from part columns, joining them when there is no address column', () => {
    const { body } = assembleWrite(
      [
        cell('Billing address', '12', 'street_number'),
        cell('Billing address', 'Avenue Gustave Eiffel', 'route'),
        cell('Billing address', '75007', 'postal_code'),
        cell('Billing address', 'Paris', 'locality'),
        cell('Billing address', 'France', 'country'),
        cell('Billing address', null, 'subpremise'),
      ],
      FIELDS,
      skip,
    );
    expect(body.custom_fields?.[key('Billing address')]).toEqual({
      value: '12 Avenue Gustave Eiffel, 75007 Paris, France',
      street_number: '12',
      route: 'Avenue Gustave Eiffel',
      postal_code: '75007',
      locality: 'Paris',
      country: 'France',
    });
  });

  it('prefers the address column, then the formatted address, as the address value', () => {
    const withValue = assembleWrite(
      [cell('Address', 'HQ'), cell('Address', 'Paris', 'locality')],
      FIELDS,
      skip,
    );
    expect(withValue.body.address).toEqual({ value: 'HQ', locality: 'Paris' });
    const formatted = assembleWrite(
      [cell('Address', 'Paris', 'locality'), cell('Address', 'Paris, France', 'formatted_address')],
      FIELDS,
      skip,
    );
    expect(formatted.body.address).toEqual({
      value: 'Paris, France',
      locality: 'Paris',
      formatted_address: 'Paris, France',
    });
  });

  it('rejects read-only and unknown fields, and values of the wrong shape', () => {
    const { errors } = assembleWrite(
      [
        cell('Created', '2024-01-01'),
        { target: { kind: 'field', key: 'nope' }, value: 1 },
        cell('Tagline', { odd: true }),
      ],
      FIELDS,
      skip,
    );
    expect(errors.map((e) => e.message)).toEqual([
      '"Created" is read-only in Pipedrive and cannot be imported',
      '"nope" is not an organization field',
      '"Tagline": unexpected value {"odd":true}',
    ]);
  });
});

describe('joinAddressParts', () => {
  it('joins parts in reading order and skips empty ones', () => {
    expect(
      joinAddressParts({
        route: 'Main St',
        street_number: '5',
        locality: 'Springfield',
        admin_area_level_1: 'IL',
      }),
    ).toBe('5 Main St, Springfield, IL');
    expect(joinAddressParts({})).toBe('');
  });
});
