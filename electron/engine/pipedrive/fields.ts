/**
 * Normalising Pipedrive's v2 organization field definitions into the shared {@link OrgField} model.
 */
import {
  WRITABLE_SYSTEM_KEYS,
  type FieldOption,
  type FieldType,
  type OrgField,
} from '../../../shared/model.ts';

/** Every `field_type` the shared model knows; anything else is kept readable but not writable. */
const KNOWN_TYPES = new Set<string>([
  'varchar',
  'varchar_auto',
  'text',
  'phone',
  'double',
  'int',
  'monetary',
  'date',
  'daterange',
  'time',
  'timerange',
  'enum',
  'set',
  'user',
  'org',
  'people',
  'address',
  'visible_to',
  'boolean',
  'status',
  'picture',
] satisfies ReadonlyArray<FieldType>);

const WRITABLE_SYSTEM = new Set<string>(WRITABLE_SYSTEM_KEYS);

function isFieldType(value: string): value is FieldType {
  return KNOWN_TYPES.has(value);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function normalizeOptions(raw: unknown): FieldOption[] | null {
  if (!Array.isArray(raw)) return null;
  const options: FieldOption[] = [];
  for (const entry of raw) {
    const o = record(entry);
    const id = typeof o.id === 'number' ? o.id : Number(o.id);
    if (!Number.isFinite(id)) continue;
    const option: FieldOption = { id, label: typeof o.label === 'string' ? o.label : String(o.label ?? '') };
    if (typeof o.color === 'string' && o.color !== '') option.color = o.color;
    options.push(option);
  }
  return options;
}

/**
 * One field of `GET /api/v2/organizationFields` as an {@link OrgField}. Accepts the v1 names too
 * (`key`, `name`, `edit_flag`), so a v1 response normalises the same way. Returns null for an entry
 * without a key. A `field_type` outside the shared model becomes `varchar` and is never writable:
 * such fields (json, varchar_options, …) can be exported as text but not imported safely.
 */
export function normalizeOrgField(raw: unknown): OrgField | null {
  const f = record(raw);
  const key = typeof f.field_code === 'string' ? f.field_code : typeof f.key === 'string' ? f.key : null;
  if (!key) return null;
  const name = typeof f.field_name === 'string' ? f.field_name : typeof f.name === 'string' ? f.name : key;
  const rawType = typeof f.field_type === 'string' ? f.field_type : 'varchar';
  const known = isFieldType(rawType);
  const custom =
    typeof f.is_custom_field === 'boolean'
      ? f.is_custom_field
      : typeof f.edit_flag === 'boolean' && f.edit_flag;
  const optionalResponse = f.is_optional_response_field === true;
  return {
    key,
    name,
    type: known ? rawType : 'varchar',
    custom,
    options: normalizeOptions(f.options),
    optionalResponse,
    // id, add_time, update_time and the counters are system fields outside WRITABLE_SYSTEM_KEYS.
    writable: known && (custom || WRITABLE_SYSTEM.has(key)),
  };
}

/** Normalises a whole list, dropping entries without a key and keeping the API's order. */
export function normalizeOrgFields(raw: ReadonlyArray<unknown>): OrgField[] {
  const fields: OrgField[] = [];
  for (const entry of raw) {
    const field = normalizeOrgField(entry);
    if (field) fields.push(field);
  }
  return fields;
}
