/**
 * The sandbox's internal state shapes. Stored records are close to the v2 wire shape but keep times as
 * epoch milliseconds (sorting and windows) and omit everything that can be derived on demand.
 */
import type { CustomFieldValue, FieldOption, FieldType, OrgAddress } from '../../../shared/model.ts';

/** One organization as the sandbox stores it. */
export interface OrgRecord {
  id: number;
  name: string;
  owner_id: number;
  /** Epoch ms, whole seconds (the API shows second precision). */
  add_time: number;
  /** Epoch ms, whole seconds; for a deleted organization this is the delete time. */
  update_time: number;
  is_deleted: boolean;
  visible_to: number;
  label_ids: number[];
  address: OrgAddress | null;
  website: string | null;
  linkedin: string | null;
  industry: number | null;
  annual_revenue: number | null;
  employee_count: number | null;
  /** Every custom field key, in field order, null when empty (one shape for all records). */
  custom_fields: Record<string, CustomFieldValue>;
  /** Seed of the derived counters (deals, people…); 0 for organizations created through the API. */
  stats: number;
}

/** One organization field (system or custom), with what both the v1 and v2 renderings need. */
export interface FieldDef {
  key: string;
  name: string;
  type: FieldType;
  custom: boolean;
  options: FieldOption[] | null;
  /** Returned only when asked for through include_fields (counters, 2026 system fields). */
  optionalResponse: boolean;
  writable: boolean;
  /** The v1 numeric field id. */
  v1Id: number;
  /** Whether the v2 search looks into it (reference §3.4). */
  searchable: boolean;
  mandatory: boolean;
}

/** A company user, in the v1 `/users` shape. */
export interface UserRecord {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  default_currency: string;
  locale: string;
  lang: number;
  activated: boolean;
  last_login: string;
  created: string;
  modified: string | null;
  has_created_company: boolean;
  access: Array<{ app: string; admin: boolean; permission_set_id: string }>;
  active_flag: boolean;
  timezone_name: string;
  timezone_offset: string;
  role_id: number;
  icon_url: string | null;
  is_deleted: boolean;
}

/** The company the token belongs to (for `/users/me`). */
export interface CompanyInfo {
  id: number;
  name: string;
  domain: string;
  country: string;
  industry: string;
}

/** What a saved filter selects; kept declarative so it persists as plain JSON. */
export type FilterCondition =
  | { kind: 'open_deals' }
  | { kind: 'owner'; owner_id: number }
  | { kind: 'label'; label_id: number }
  | { kind: 'country'; country: string };

/** A saved organization filter usable as `filter_id`. */
export interface FilterDef {
  id: number;
  name: string;
  condition: FilterCondition;
}

/** Everything that describes the account apart from its organizations. */
export interface AccountData {
  company: CompanyInfo;
  users: UserRecord[];
  /** The user every accepted token acts as. */
  currentUserId: number;
  fields: FieldDef[];
  filters: FilterDef[];
}
