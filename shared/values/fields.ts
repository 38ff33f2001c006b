/**
 * How the value module sees a field: its effective value type, where its value lives on an
 * organization, and which parts a mapping may target.
 */
import { ADDRESS_PARTS } from '../model.ts';
import type { FieldType, OrgField, Organization } from '../model.ts';

/** A field's value type as the value module handles it (`datetime` is add_time / update_time). */
export type ValueType = FieldType | 'datetime';

/**
 * System fields whose value shape is fixed by the API whatever `field_type` the field list reports
 * (the 2026 fields in particular are plain numbers and ids on the organization).
 */
const SYSTEM_TYPES: Readonly<Record<string, ValueType>> = {
  id: 'int',
  name: 'varchar',
  owner_id: 'user',
  visible_to: 'visible_to',
  label_ids: 'set',
  label: 'set',
  address: 'address',
  website: 'varchar',
  linkedin: 'varchar',
  industry: 'enum',
  annual_revenue: 'double',
  employee_count: 'int',
  add_time: 'datetime',
  update_time: 'datetime',
};

/** The value type used to read and write a field. */
export function valueType(field: OrgField): ValueType {
  if (!field.custom) {
    const fixed = SYSTEM_TYPES[field.key];
    if (fixed) return fixed;
  }
  return field.type;
}

/** The labels field may be listed as `label` or `label_ids`; on the organization it is always `label_ids`. */
export function isLabelField(field: OrgField): boolean {
  return !field.custom && (field.key === 'label_ids' || field.key === 'label');
}

/** The property a field's value has in a v2 write body (top level, or under `custom_fields`). */
export function bodyKey(field: OrgField): string {
  return isLabelField(field) ? 'label_ids' : field.key;
}

/** Reads a field's raw value from an organization, wherever the v2 shape keeps it. */
export function readRaw(org: Organization, field: OrgField): unknown {
  if (field.custom) return org.custom_fields[field.key] ?? null;
  return org[bodyKey(field)] ?? null;
}

/** The sub-parts a mapping target may name for a field of this type (`address.locality`, `x.currency`). */
export function partsOf(type: ValueType): ReadonlyArray<string> {
  switch (type) {
    case 'monetary':
      return ['currency'];
    case 'daterange':
      return ['until'];
    case 'time':
      return ['timezone'];
    case 'timerange':
      return ['until', 'timezone'];
    case 'address':
      return ['value', ...ADDRESS_PARTS];
    default:
      return [];
  }
}

/** True for types whose text is one line, so surrounding whitespace is trimmed. */
export function isSingleLine(type: ValueType): boolean {
  return type !== 'text';
}

/** The longest text the API accepts for a text-like type; null when the type is not text. */
export function maxLength(type: ValueType): number | null {
  switch (type) {
    case 'varchar':
    case 'varchar_auto':
    case 'phone':
      return 255;
    case 'text':
      return 65_535;
    default:
      return null;
  }
}
