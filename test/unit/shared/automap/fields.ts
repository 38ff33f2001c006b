/** A realistic organization field list (system fields plus custom fields of several types) for tests. */
import type { OrgField } from '../../../../shared/model.ts';

/** Keys of the custom fields below, 40-hex like Pipedrive's. */
export const KEYS = {
  website: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  contractValue: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
  contractPeriod: 'c3d4e5f60718293a4b5c6d7e8f90123456789012',
  tier: 'd4e5f60718293a4b5c6d7e8f9012345678901234',
  regions: 'e5f60718293a4b5c6d7e8f901234567890123456',
  phone: 'f60718293a4b5c6d7e8f90123456789012345678',
  vat: '0718293a4b5c6d7e8f9012345678901234567890',
  founded: '18293a4b5c6d7e8f901234567890123456789012',
  manager: '293a4b5c6d7e8f90123456789012345678901234',
  delivery: '3a4b5c6d7e8f9012345678901234567890123456',
  hours: '4b5c6d7e8f901234567890123456789012345678',
} as const;

function field(key: string, name: string, type: OrgField['type'], extra: Partial<OrgField> = {}): OrgField {
  return { key, name, type, custom: false, options: null, optionalResponse: false, writable: true, ...extra };
}
const custom = (key: string, name: string, type: OrgField['type'], extra: Partial<OrgField> = {}): OrgField =>
  field(key, name, type, { custom: true, ...extra });
const readOnly = { writable: false } as const;

/** System fields as the engine lists them, then custom fields. */
export const FIELDS: ReadonlyArray<OrgField> = [
  field('id', 'ID', 'int', readOnly),
  field('name', 'Name', 'varchar'),
  field('owner_id', 'Owner', 'user'),
  field('label_ids', 'Labels', 'set', {
    options: [
      { id: 1, label: 'Customer' },
      { id: 2, label: 'Hot lead' },
    ],
  }),
  field('visible_to', 'Visible to', 'visible_to'),
  field('address', 'Address', 'address'),
  field('website', 'Website', 'varchar', { optionalResponse: true }),
  field('linkedin', 'LinkedIn profile', 'varchar', { optionalResponse: true }),
  field('industry', 'Industry', 'enum', { optionalResponse: true, options: [{ id: 5, label: 'Software' }] }),
  field('annual_revenue', 'Annual revenue', 'double', { optionalResponse: true }),
  field('employee_count', 'Number of employees', 'int', { optionalResponse: true }),
  field('add_time', 'Organization created', 'date', readOnly),
  field('update_time', 'Update time', 'date', readOnly),
  field('people_count', 'People', 'int', { ...readOnly, optionalResponse: true }),
  field('open_deals_count', 'Open deals', 'int', { ...readOnly, optionalResponse: true }),
  custom(KEYS.website, 'Website', 'varchar'),
  custom(KEYS.contractValue, 'Contract value', 'monetary'),
  custom(KEYS.contractPeriod, 'Contract period', 'daterange'),
  custom(KEYS.tier, 'Customer tier', 'enum', {
    options: [
      { id: 11, label: 'Gold' },
      { id: 12, label: 'Silver' },
    ],
  }),
  custom(KEYS.regions, 'Regions', 'set', {
    options: [
      { id: 21, label: 'EMEA' },
      { id: 22, label: 'APAC' },
    ],
  }),
  custom(KEYS.phone, 'Phone', 'phone'),
  custom(KEYS.vat, 'VAT number', 'varchar'),
  custom(KEYS.founded, 'Founded', 'date'),
  custom(KEYS.manager, 'Account manager', 'user'),
  custom(KEYS.delivery, 'Delivery address', 'address'),
  custom(KEYS.hours, 'Opening hours', 'timerange'),
];
