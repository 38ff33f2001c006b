/**
 * The Pipedrive data Orgport works with, as plain shapes shared by the engine, the sandbox and the
 * renderer. Wire shapes follow the v2 API (`../shared/reference/pipedrive-api.md` §2.4, §3.2).
 */

/** A v2 organization address: only `value` is required on write; unsent parts become null. */
export interface OrgAddress {
  value: string | null;
  street_number?: string | null;
  route?: string | null;
  subpremise?: string | null;
  sublocality?: string | null;
  locality?: string | null;
  admin_area_level_1?: string | null;
  admin_area_level_2?: string | null;
  country?: string | null;
  postal_code?: string | null;
  formatted_address?: string | null;
}

/** The address parts in the order Pipedrive lists them; export writes one column per part. */
export const ADDRESS_PARTS = [
  'street_number',
  'route',
  'subpremise',
  'sublocality',
  'locality',
  'admin_area_level_1',
  'admin_area_level_2',
  'country',
  'postal_code',
  'formatted_address',
] as const;

/** One address part key. */
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** Monetary custom-field value in v2. */
export interface MonetaryValue {
  value: number;
  currency: string;
}
/** Date-range custom-field value in v2 (YYYY-MM-DD). */
export interface DateRangeValue {
  value: string;
  until: string;
}
/** Time custom-field value in v2 (HH:MM:SS). */
export interface TimeValue {
  value: string;
  timezone_id?: number | null;
  timezone_name?: string | null;
}
/** Time-range custom-field value in v2. */
export interface TimeRangeValue extends TimeValue {
  until: string;
}

/** Any value a v2 custom field can hold. */
export type CustomFieldValue =
  | string
  | number
  | boolean
  | ReadonlyArray<number>
  | MonetaryValue
  | DateRangeValue
  | TimeValue
  | TimeRangeValue
  | OrgAddress
  | null;

/** A v2 organization as `GET /api/v2/organizations` returns it. */
export interface Organization {
  id: number;
  name: string;
  owner_id: number;
  add_time: string;
  update_time: string;
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  address: OrgAddress | null;
  custom_fields: Record<string, CustomFieldValue>;
  /** 2026 system fields; present only when asked for through `include_fields`. */
  website?: string | null;
  linkedin?: string | null;
  industry?: number | null;
  annual_revenue?: number | null;
  employee_count?: number | null;
  /** Optional counters asked for through `include_fields` (e.g. people_count, open_deals_count). */
  [extra: string]: unknown;
}

/** Body of a v2 POST/PATCH of an organization. */
export interface OrganizationWrite {
  name?: string;
  owner_id?: number;
  visible_to?: number;
  label_ids?: number[];
  address?: OrgAddress | null;
  website?: string | null;
  linkedin?: string | null;
  industry?: number | null;
  annual_revenue?: number | null;
  employee_count?: number | null;
  custom_fields?: Record<string, CustomFieldValue>;
}

/** The `field_type`s organization fields can have (system and custom). */
export type FieldType =
  | 'varchar'
  | 'varchar_auto'
  | 'text'
  | 'phone'
  | 'double'
  | 'int'
  | 'monetary'
  | 'date'
  | 'daterange'
  | 'time'
  | 'timerange'
  | 'enum'
  | 'set'
  | 'user'
  | 'org'
  | 'people'
  | 'address'
  | 'visible_to'
  | 'boolean'
  | 'status'
  | 'picture';

/** One option of an enum/set field (the label field's options are the organization labels). */
export interface FieldOption {
  id: number;
  label: string;
  color?: string;
}

/**
 * An organization field as Orgport uses it, normalised from `GET /api/v2/organizationFields`
 * (field_code → key, field_name → name, is_custom_field → custom).
 */
export interface OrgField {
  key: string;
  name: string;
  type: FieldType;
  custom: boolean;
  options: ReadonlyArray<FieldOption> | null;
  /** True for fields the API returns only through `include_fields` (counters, 2026 system fields). */
  optionalResponse: boolean;
  /** False for read-only system fields (id, add_time, update_time, counters). */
  writable: boolean;
}

/** System field keys that are top-level properties of a v2 organization and can be written. */
export const WRITABLE_SYSTEM_KEYS = [
  'name',
  'owner_id',
  'visible_to',
  'label_ids',
  'address',
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
] as const;

/** 2026 system fields returned only when named in `include_fields`. */
export const OPTIONAL_SYSTEM_KEYS = [
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
] as const;

/** A company user (v1 `/users`). */
export interface PipedriveUser {
  id: number;
  name: string;
  email: string;
  active_flag: boolean;
  is_deleted?: boolean;
  is_you?: boolean;
  default_currency?: string;
  timezone_name?: string;
}

/** `/v1/users/me`: the user plus the company. */
export interface CurrentUser extends PipedriveUser {
  company_id: number;
  company_name: string;
  company_domain: string;
}

/** Visibility names as Pipedrive shows them (Lite/Growth wording; 5 and 7 exist on higher plans). */
export const VISIBILITY_NAMES: Readonly<Record<number, string>> = {
  1: 'Owner & followers',
  3: 'Entire company',
  5: "Owner's visibility group and sub-groups",
  7: 'Entire company (all groups)',
};
