/**
 * Organization field definitions (system and custom) and their v1 and v2 wire renderings
 * (reference §3.2). Custom fields cover every type of §2.7, with 40-hex keys drawn from the seed.
 */
import { ADDRESS_PARTS, type FieldOption, type FieldType, type OrgField } from '../../../shared/model.ts';
import { Rng } from './prng.ts';
import type { FieldDef } from './types.ts';

/** Counters the v2 list can add through include_fields (reference §2.2), read-only. */
export const COUNTER_FIELDS: ReadonlyArray<readonly [key: string, name: string]> = [
  ['people_count', 'People'],
  ['open_deals_count', 'Open deals'],
  ['related_open_deals_count', 'Open deals (related)'],
  ['closed_deals_count', 'Closed deals'],
  ['related_closed_deals_count', 'Closed deals (related)'],
  ['won_deals_count', 'Won deals'],
  ['related_won_deals_count', 'Won deals (related)'],
  ['lost_deals_count', 'Lost deals'],
  ['related_lost_deals_count', 'Lost deals (related)'],
  ['email_messages_count', 'Email messages count'],
  ['activities_count', 'Total activities'],
  ['done_activities_count', 'Done activities'],
  ['undone_activities_count', 'Activities to do'],
  ['files_count', 'Files'],
  ['notes_count', 'Notes'],
  ['followers_count', 'Followers'],
  ['next_activity_id', 'Next activity'],
  ['last_activity_id', 'Last activity'],
];

/** The organization labels: the options of the `label_ids` field (there is no labels endpoint). */
export const LABEL_OPTIONS: ReadonlyArray<FieldOption> = [
  { id: 1, label: 'Customer', color: 'green' },
  { id: 2, label: 'Hot lead', color: 'red' },
  { id: 3, label: 'Partner', color: 'blue' },
  { id: 4, label: 'Churned', color: 'gray' },
  { id: 5, label: 'VIP, priority', color: 'yellow' },
  { id: 6, label: 'Zulieferer', color: 'purple' },
];

const VISIBILITY_OPTIONS: FieldOption[] = [
  { id: 1, label: 'Owner & followers' },
  { id: 3, label: 'Entire company' },
  { id: 5, label: "Owner's visibility group and sub-groups" },
  { id: 7, label: 'Entire company (all groups)' },
];

const INDUSTRIES = [
  'Agriculture',
  'Automotive',
  'Banking & finance',
  'Construction',
  'Consulting',
  'Education',
  'Energy & utilities',
  'Food & beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Information technology',
  'Logistics',
  'Manufacturing',
  'Media',
  'Non-profit',
  'Real estate',
  'Retail',
  'Telecommunications',
  'Other',
];

interface CustomSpec {
  name: string;
  type: FieldType;
  options?: string[];
}

/** The custom fields of the demo account: every type once, plus two names that test mapping. */
const CUSTOM_FIELDS: ReadonlyArray<CustomSpec> = [
  // Shares its display name with the system "Website" field; the design relies on that case existing.
  { name: 'Website', type: 'varchar' },
  { name: 'VAT number', type: 'varchar' },
  { name: 'Customer code', type: 'varchar_auto' },
  { name: 'Description', type: 'text' },
  { name: 'Support phone', type: 'phone' },
  { name: 'Credit score', type: 'double' },
  { name: 'Contract value', type: 'monetary' },
  { name: 'Founded', type: 'date' },
  { name: 'Contract period', type: 'daterange' },
  { name: 'Preferred call time', type: 'time' },
  { name: 'Office hours', type: 'timerange' },
  {
    name: 'Customer tier',
    type: 'enum',
    options: ['Gold', 'Silver', 'Bronze', 'Platinum, legacy', 'Über-Premium'],
  },
  {
    name: 'Sectors served',
    type: 'set',
    options: ['Retail', 'Manufacturing', 'Healthcare', 'Public sector', 'Education', 'Logistics', 'Software'],
  },
  { name: 'Account manager', type: 'user' },
  { name: 'Parent organization', type: 'org' },
  { name: 'Main contact', type: 'people' },
  { name: 'Billing address', type: 'address' },
  { name: 'Région / 地域', type: 'varchar' },
];

/** Custom types the v2 search looks into (reference §3.4). */
const SEARCHABLE_TYPES = new Set<FieldType>([
  'address',
  'varchar',
  'text',
  'varchar_auto',
  'double',
  'monetary',
  'phone',
]);

/** Builds the account's field list; custom keys and option ids depend only on the seed. */
export function buildFields(seed: number): FieldDef[] {
  const rng = new Rng(seed ^ 0x5eed_f1e1);
  let v1Id = 4000;
  const defs: FieldDef[] = [];
  const system = (
    key: string,
    name: string,
    type: FieldType,
    extra: Partial<
      Pick<FieldDef, 'options' | 'optionalResponse' | 'writable' | 'searchable' | 'mandatory'>
    > = {},
  ): void => {
    defs.push({
      key,
      name,
      type,
      custom: false,
      options: extra.options ?? null,
      optionalResponse: extra.optionalResponse ?? false,
      writable: extra.writable ?? true,
      v1Id: ++v1Id,
      searchable: extra.searchable ?? false,
      mandatory: extra.mandatory ?? false,
    });
  };
  system('id', 'ID', 'int', { writable: false });
  system('name', 'Name', 'varchar', { searchable: true, mandatory: true });
  system('owner_id', 'Owner', 'user');
  system('label_ids', 'Labels', 'set', { options: LABEL_OPTIONS.map((o) => ({ ...o })) });
  system('visible_to', 'Visible to', 'visible_to', { options: VISIBILITY_OPTIONS.map((o) => ({ ...o })) });
  system('address', 'Address', 'address', { searchable: true });
  system('add_time', 'Organization created', 'date', { writable: false });
  system('update_time', 'Update time', 'date', { writable: false });
  system('website', 'Website', 'varchar', { optionalResponse: true });
  system('linkedin', 'LinkedIn profile', 'varchar', { optionalResponse: true });
  system('industry', 'Industry', 'enum', {
    optionalResponse: true,
    options: INDUSTRIES.map((label, i) => ({ id: 101 + i, label })),
  });
  system('annual_revenue', 'Annual revenue', 'double', { optionalResponse: true });
  system('employee_count', 'Number of employees', 'int', { optionalResponse: true });
  for (const [key, name] of COUNTER_FIELDS)
    system(key, name, 'int', { optionalResponse: true, writable: false });
  system('smart_bcc_email', 'Smart BCC email', 'varchar', { optionalResponse: true, writable: false });

  let optionId = 200;
  v1Id = 9000;
  for (const spec of CUSTOM_FIELDS) {
    defs.push({
      key: rng.hex(40),
      name: spec.name,
      type: spec.type,
      custom: true,
      options: spec.options ? spec.options.map((label) => ({ id: ++optionId, label })) : null,
      optionalResponse: false,
      writable: true,
      v1Id: ++v1Id,
      searchable: SEARCHABLE_TYPES.has(spec.type),
      mandatory: false,
    });
  }
  return defs;
}

/** Keys of the fields a list can request through include_fields. */
export function includableKeys(fields: ReadonlyArray<FieldDef>): Set<string> {
  return new Set(fields.filter((f) => f.optionalResponse).map((f) => f.key));
}

/** v1 names of the address parts, as the Pipedrive UI labels them. */
const ADDRESS_PART_NAMES: Record<(typeof ADDRESS_PARTS)[number], string> = {
  street_number: 'House number',
  route: 'Street/road name',
  subpremise: 'Apartment/suite no',
  sublocality: 'District/sublocality',
  locality: 'City/town/village/locality',
  admin_area_level_1: 'State/county',
  admin_area_level_2: 'Region',
  country: 'Country',
  postal_code: 'ZIP/Postal code',
  formatted_address: 'Full/combined address',
};

interface Subfield {
  suffix: string;
  name: string;
  type: FieldType;
}

/** The parts a complex field splits into (v1: suffixed sibling keys; v2: `subfields`). */
export function subfieldsOf(type: FieldType): Subfield[] | null {
  switch (type) {
    case 'monetary':
      return [{ suffix: 'currency', name: 'Currency', type: 'varchar' }];
    case 'daterange':
      return [{ suffix: 'until', name: 'End date', type: 'date' }];
    case 'timerange':
      return [{ suffix: 'until', name: 'End time', type: 'time' }];
    case 'address':
      return ADDRESS_PARTS.map((part) => ({ suffix: part, name: ADDRESS_PART_NAMES[part], type: 'varchar' }));
    default:
      return null;
  }
}

/** A field in the v2 `/api/v2/organizationFields` shape. */
export function renderFieldV2(
  def: FieldDef,
  include: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const parts = subfieldsOf(def.type);
  const out: Record<string, unknown> = {
    field_name: def.name,
    field_code: def.key,
    field_type: def.type,
    is_custom_field: def.custom,
    is_optional_response_field: def.optionalResponse,
    options: def.options ? def.options.map((o) => ({ ...o })) : null,
    subfields: parts
      ? [
          {
            field_code: 'value',
            field_name: def.type === 'monetary' ? 'Value' : def.name,
            field_type: def.type,
          },
          ...parts.map((p) => ({ field_code: p.suffix, field_name: p.name, field_type: p.type })),
        ]
      : null,
  };
  if (include.has('ui_visibility')) {
    out.ui_visibility = {
      add_visible_flag: def.writable,
      details_visible_flag: true,
      list_visible_flag: true,
    };
  }
  if (include.has('important_fields')) out.important_fields = { enabled: false };
  if (include.has('required_fields')) out.required_fields = { enabled: def.mandatory };
  return out;
}

/** Fixed creation time of the demo account's fields, in the v1 "YYYY-MM-DD HH:MM:SS" form. */
const FIELD_TIME = '2021-03-04 09:12:00';

/** A field in the v1 `/v1/organizationFields` shape, followed by one entry per subfield. */
export function renderFieldV1(def: FieldDef, orderNr: number): Array<Record<string, unknown>> {
  const base = {
    order_nr: orderNr,
    json_column_flag: false,
    add_time: FIELD_TIME,
    update_time: FIELD_TIME,
    last_updated_by_user_id: def.custom ? 1 : null,
    created_by_user_id: def.custom ? 1 : null,
    active_flag: true,
    edit_flag: def.custom,
    index_visible_flag: true,
    details_visible_flag: true,
    add_visible_flag: def.writable,
    important_flag: false,
    bulk_edit_allowed: def.writable,
    searchable_flag: def.searchable,
    filtering_allowed: true,
    sortable_flag: true,
    mandatory_flag: def.mandatory,
  };
  const main: Record<string, unknown> = {
    id: def.v1Id,
    key: def.key,
    name: def.name,
    field_type: def.type,
    ...base,
    options: def.options ? def.options.map((o) => ({ ...o })) : null,
  };
  const subs = (subfieldsOf(def.type) ?? []).map((p) => ({
    id: null,
    key: `${def.key}_${p.suffix}`,
    name: `${def.name} - ${p.name}`,
    field_type: p.type,
    ...base,
    options: null,
    is_subfield: true,
    parent_id: def.v1Id,
    id_suffix: p.suffix,
  }));
  return [main, ...subs];
}

/** All fields in the v1 flat list (subfields inline), ready for offset pagination. */
export function renderFieldsV1(defs: ReadonlyArray<FieldDef>): Array<Record<string, unknown>> {
  return defs.flatMap((def, i) => renderFieldV1(def, i));
}

/** A field in the shared {@link OrgField} shape, for the control API. */
export function toOrgField(def: FieldDef): OrgField {
  return {
    key: def.key,
    name: def.name,
    type: def.type,
    custom: def.custom,
    options: def.options ? def.options.map((o) => ({ ...o })) : null,
    optionalResponse: def.optionalResponse,
    writable: def.writable,
  };
}
