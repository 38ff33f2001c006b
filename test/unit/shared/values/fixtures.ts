/** Field definitions and users shared by the value and export tests: every field type once. */
import type { FieldOption, FieldType, OrgField, PipedriveUser } from '../../../../shared/model.ts';
import { createCoerceContext } from '../../../../shared/values/index.ts';
import type { CoerceContext, CoerceContextInput } from '../../../../shared/values/index.ts';

/** A 40-hex custom field key that starts with a recognisable digit pattern. */
export function hexKey(n: number): string {
  return (n.toString(16).padStart(6, '0') + 'abcdef0123456789'.repeat(3)).slice(0, 40);
}

function system(key: string, name: string, type: FieldType, extra: Partial<OrgField> = {}): OrgField {
  return { key, name, type, custom: false, options: null, optionalResponse: false, writable: true, ...extra };
}

function custom(n: number, name: string, type: FieldType, options: FieldOption[] | null = null): OrgField {
  return { key: hexKey(n), name, type, custom: true, options, optionalResponse: false, writable: true };
}

export const LABELS: FieldOption[] = [
  { id: 1, label: 'Hot' },
  { id: 2, label: 'Cold' },
  { id: 3, label: 'Food, drinks' },
  { id: 4, label: '=Top' },
  { id: 5, label: 'Café' },
  { id: 6, label: 'A;B' },
];

export const INDUSTRIES: FieldOption[] = [
  'Retail',
  'Manufacturing',
  'Software',
  'Real estate',
  'Healthcare',
  'Education',
  'Finance',
  'Logistics',
  'Energy',
  'Media',
  'Tourism',
  'Agriculture',
].map((label, i) => ({ id: 10 + i, label }));

export const REGIONS: FieldOption[] = [
  { id: 31, label: 'North' },
  { id: 32, label: 'South' },
  { id: 33, label: 'East, inland' },
  { id: 34, label: '東京' },
  { id: 35, label: '+Coast' },
];

export const TIERS: FieldOption[] = [
  { id: 41, label: 'Gold' },
  { id: 42, label: 'Silver' },
  { id: 43, label: 'Bronze' },
  { id: 44, label: '2024' },
];

export const FIELDS: OrgField[] = [
  system('id', 'ID', 'int', { writable: false }),
  system('name', 'Name', 'varchar'),
  system('owner_id', 'Owner', 'user'),
  system('visible_to', 'Visible to', 'visible_to'),
  system('label_ids', 'Labels', 'set', { options: LABELS }),
  system('address', 'Address', 'address'),
  system('website', 'Website', 'varchar', { optionalResponse: true }),
  system('linkedin', 'LinkedIn', 'varchar', { optionalResponse: true }),
  system('industry', 'Industry', 'enum', { optionalResponse: true, options: INDUSTRIES }),
  system('annual_revenue', 'Annual revenue', 'double', { optionalResponse: true }),
  system('employee_count', 'Employees', 'int', { optionalResponse: true }),
  system('add_time', 'Created', 'date', { writable: false }),
  system('update_time', 'Updated', 'date', { writable: false }),
  system('people_count', 'People', 'int', { writable: false, optionalResponse: true }),
  custom(1, 'Tagline', 'varchar'),
  custom(2, 'Segment code', 'varchar_auto'),
  custom(3, 'Notes', 'text'),
  custom(4, 'Phone', 'phone'),
  custom(5, 'Score', 'double'),
  custom(6, 'Seats', 'int'),
  custom(7, 'Budget', 'monetary'),
  custom(8, 'Renewal date', 'date'),
  custom(9, 'Contract period', 'daterange'),
  custom(10, 'Call time', 'time'),
  custom(11, 'Office hours', 'timerange'),
  custom(12, 'Tier', 'enum', TIERS),
  custom(13, 'Regions', 'set', REGIONS),
  custom(14, 'Account manager', 'user'),
  custom(15, 'Parent org', 'org'),
  custom(16, 'Main contact', 'people'),
  custom(17, 'Billing address', 'address'),
  custom(18, 'Active customer', 'boolean'),
  custom(19, 'Website', 'varchar'),
];

/** The field with this name (first match). */
export function fieldNamed(name: string): OrgField {
  const field = FIELDS.find((f) => f.name === name);
  if (!field) throw new Error(`no field ${name}`);
  return field;
}

export const USERS: PipedriveUser[] = [
  { id: 1, name: 'Alice Admin', email: 'alice@acme.com', active_flag: true },
  { id: 2, name: 'Bob Builder', email: 'Bob@Acme.com', active_flag: true },
  { id: 3, name: 'Carol Old', email: 'carol@acme.com', active_flag: false },
  { id: 4, name: 'Dan Gone', email: 'dan@acme.com', active_flag: true, is_deleted: true },
  { id: 5, name: 'John Smith', email: 'john.smith@acme.com', active_flag: true },
  { id: 6, name: 'John  smith', email: 'jsmith@other.com', active_flag: true },
  { id: 7, name: 'Émile Zola', email: 'emile@acme.com', active_flag: true },
];

/** A prepared coerce context over the fixture fields and users. */
export function testContext(extra: Partial<CoerceContextInput> = {}): CoerceContext {
  return createCoerceContext({ fields: FIELDS, users: USERS, defaultCurrency: 'EUR', ...extra });
}
