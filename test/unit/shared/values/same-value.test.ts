import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../../shared/model.ts';
import { sameValue } from '../../../../shared/values/index.ts';
import { FIELDS, fieldNamed } from './fixtures.ts';

const key = (name: string): string => fieldNamed(name).key;
/** An option as v2 returns it with `include_option_labels=true`, a shape the shared model does not list. */
const withLabel = (id: number, label: string): number => ({ id, label }) as unknown as number;

const existing: Organization = {
  id: 9,
  name: 'Acme ',
  owner_id: 2,
  add_time: '2024-01-01T00:00:00Z',
  update_time: '2024-01-02T00:00:00Z',
  is_deleted: false,
  visible_to: 3,
  label_ids: [3, 1],
  address: { value: 'Av. Gustave Eiffel, Paris', locality: 'Paris', country: 'France', route: '' },
  annual_revenue: 1000,
  industry: null,
  custom_fields: {
    [key('Budget')]: { value: 1200.5, currency: 'EUR' },
    [key('Regions')]: [32, 31],
    [key('Tier')]: withLabel(41, 'Gold'),
    [key('Call time')]: { value: '09:00:00', timezone_id: 318, timezone_name: 'Europe/London' },
    [key('Office hours')]: { value: '09:00:00', until: '17:00:00', timezone_name: 'Europe/London' },
    [key('Contract period')]: { value: '2024-01-01', until: '2024-06-30' },
    [key('Active customer')]: false,
    [key('Notes')]: null,
  },
};

describe('sameValue', () => {
  it('is true for a body that restates every value, after normalising', () => {
    expect(
      sameValue(
        existing,
        {
          name: 'Acme',
          owner_id: 2,
          visible_to: 3,
          label_ids: [1, 3],
          address: { value: 'Av. Gustave Eiffel, Paris', locality: 'Paris' },
          annual_revenue: 1000,
          industry: null,
          custom_fields: {
            [key('Budget')]: { value: 1200.5, currency: 'eur' },
            [key('Regions')]: [31, 32],
            [key('Tier')]: 41,
            [key('Call time')]: { value: '9:00' },
            [key('Office hours')]: { value: '09:00:00', until: '17:00:00' },
            [key('Contract period')]: { value: '2024-01-01', until: '2024-06-30' },
            [key('Active customer')]: false,
            [key('Notes')]: '',
            [key('Tagline')]: null,
          },
        },
        FIELDS,
      ),
    ).toBe(true);
  });

  it('is true for an empty body', () => {
    expect(sameValue(existing, {}, FIELDS)).toBe(true);
  });

  it.each([
    ['name', { name: 'Acme Ltd' }],
    ['owner', { owner_id: 1 }],
    ['labels', { label_ids: [1] }],
    ['clearing labels', { label_ids: [] }],
    ['an address part', { address: { value: 'Av. Gustave Eiffel, Paris', locality: 'Lyon' } }],
    ['clearing the address', { address: null }],
    ['a new system value', { industry: 10 }],
    ['the amount', { custom_fields: { [key('Budget')]: { value: 1200.51, currency: 'EUR' } } }],
    ['the currency', { custom_fields: { [key('Budget')]: { value: 1200.5, currency: 'USD' } } }],
    ['a set', { custom_fields: { [key('Regions')]: [31] } }],
    ['an enum', { custom_fields: { [key('Tier')]: 42 } }],
    ['a time', { custom_fields: { [key('Call time')]: { value: '10:00:00' } } }],
    [
      'a time zone that is sent',
      { custom_fields: { [key('Call time')]: { value: '09:00:00', timezone_name: 'Europe/Paris' } } },
    ],
    [
      'a range end',
      { custom_fields: { [key('Contract period')]: { value: '2024-01-01', until: '2024-07-01' } } },
    ],
    ['a boolean', { custom_fields: { [key('Active customer')]: true } }],
    ['clearing a boolean', { custom_fields: { [key('Active customer')]: null } }],
    ['filling an empty text', { custom_fields: { [key('Notes')]: 'hello' } }],
  ])('is false when the body changes %s', (_what, body) => {
    expect(sameValue(existing, body, FIELDS)).toBe(false);
  });
});
