/**
 * Validation of v2 organization POST/PATCH bodies, and applying a validated write to a record
 * (reference §2.5, §9.4, §9.5).
 */
import type { CustomFieldValue, OrganizationWrite } from '../../../shared/model.ts';
import { badRequest } from './http-util.ts';
import type { FieldDef, OrgRecord } from './types.ts';
import {
  checkAddress,
  checkCustomValue,
  checkInteger,
  checkNumber,
  checkOption,
  checkOptionSet,
  checkString,
  checkUser,
  isObject,
  MAX_VARCHAR,
  type ValueContext,
} from './validate-values.ts';

/** What write validation needs: value checks plus the field list. */
export interface WriteContext extends ValueContext {
  fields: ReadonlyMap<string, FieldDef>;
}

/** A validated write: only the properties that were sent. `custom_fields` holds only sent keys. */
export type OrgWrite = OrganizationWrite & { add_time?: number };

const COMMON_KEYS = [
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
  'custom_fields',
];
const CREATE_KEYS = new Set([...COMMON_KEYS, 'add_time', 'update_time']);
const UPDATE_KEYS = new Set(COMMON_KEYS);

/** visible_to values (reference §2.8). */
export const VISIBILITY_VALUES = [1, 3, 5, 7] as const;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const PIPEDRIVE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** Parses an RFC 3339 timestamp (or Pipedrive's "YYYY-MM-DD HH:MM:SS" UTC form) to epoch ms. */
export function parseTimestamp(path: string, value: unknown): number {
  const text = checkString(path, value, 40);
  const normalised = PIPEDRIVE_TIME.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const ms = RFC3339.test(normalised) ? Date.parse(normalised) : NaN;
  if (Number.isNaN(ms))
    throw badRequest(`"${path}" must be a valid RFC 3339 date-time, e.g. 2025-01-01T10:20:00Z`);
  return ms;
}

const nullable = <T>(value: unknown, check: () => T): T | null => (value === null ? null : check());

/** Validates a POST (create) or PATCH (update) body; throws a 400 ApiError with a specific message. */
export function validateOrgWrite(body: unknown, mode: 'create' | 'update', ctx: WriteContext): OrgWrite {
  const input = body === undefined ? {} : body;
  if (!isObject(input)) throw badRequest('"value" must be of type object');
  const allowed = mode === 'create' ? CREATE_KEYS : UPDATE_KEYS;
  for (const key of Object.keys(input)) {
    if (!allowed.has(key)) throw badRequest(`"${key}" is not allowed`);
  }
  const out: OrgWrite = {};
  if (input.name !== undefined) {
    const name = checkString('name', input.name, MAX_VARCHAR);
    if (name.trim() === '') throw badRequest('"name" is not allowed to be empty');
    out.name = name;
  } else if (mode === 'create') {
    throw badRequest('"name" is required');
  }
  if (input.owner_id !== undefined) out.owner_id = checkUser('owner_id', input.owner_id, ctx);
  if (input.visible_to !== undefined) {
    const v = checkInteger('visible_to', input.visible_to);
    if (!(VISIBILITY_VALUES as ReadonlyArray<number>).includes(v)) {
      throw badRequest(`"visible_to" must be one of [${VISIBILITY_VALUES.join(', ')}]`);
    }
    out.visible_to = v;
  }
  const fieldDef = (key: string): FieldDef => {
    const def = ctx.fields.get(key);
    if (!def) throw new Error(`sandbox field ${key} is missing`);
    return def;
  };
  if (input.label_ids !== undefined) {
    out.label_ids = checkOptionSet('label_ids', input.label_ids, fieldDef('label_ids'), true);
  }
  if (input.address !== undefined)
    out.address = nullable(input.address, () => checkAddress('address', input.address));
  if (input.website !== undefined)
    out.website = nullable(input.website, () =>
      emptyToNull(checkString('website', input.website, MAX_VARCHAR)),
    );
  if (input.linkedin !== undefined) {
    out.linkedin = nullable(input.linkedin, () =>
      emptyToNull(checkString('linkedin', input.linkedin, MAX_VARCHAR)),
    );
  }
  if (input.industry !== undefined)
    out.industry = nullable(input.industry, () =>
      checkOption('industry', input.industry, fieldDef('industry')),
    );
  if (input.annual_revenue !== undefined)
    out.annual_revenue = nullable(input.annual_revenue, () =>
      checkNumber('annual_revenue', input.annual_revenue),
    );
  if (input.employee_count !== undefined) {
    out.employee_count = nullable(input.employee_count, () => {
      const n = checkInteger('employee_count', input.employee_count);
      if (n < 0) throw badRequest('"employee_count" must be greater than or equal to 0');
      return n;
    });
  }
  if (input.add_time !== undefined) out.add_time = parseTimestamp('add_time', input.add_time);
  if (input.custom_fields !== undefined) out.custom_fields = checkCustomFields(input.custom_fields, ctx);
  return out;
}

const emptyToNull = (text: string): string | null => (text === '' ? null : text);

function checkCustomFields(value: unknown, ctx: WriteContext): Record<string, CustomFieldValue> {
  if (!isObject(value)) throw badRequest('"custom_fields" must be of type object');
  const out: Record<string, CustomFieldValue> = {};
  for (const [key, raw] of Object.entries(value)) {
    const def = ctx.fields.get(key);
    if (!def || !def.custom) {
      throw badRequest(
        `"custom_fields.${key}" is not allowed: there is no custom organization field with this key`,
      );
    }
    out[key] = checkCustomValue(`custom_fields.${key}`, def, raw, ctx);
  }
  return out;
}

/**
 * Applies a validated write to a record: only sent properties change, `address` and `label_ids` are
 * replaced whole, custom fields merge key by key (null clears one).
 */
export function applyOrgWrite(org: OrgRecord, write: OrgWrite): void {
  if (write.name !== undefined) org.name = write.name;
  if (write.owner_id !== undefined) org.owner_id = write.owner_id;
  if (write.visible_to !== undefined) org.visible_to = write.visible_to;
  if (write.label_ids !== undefined) org.label_ids = [...write.label_ids];
  if (write.address !== undefined) org.address = write.address;
  if (write.website !== undefined) org.website = write.website;
  if (write.linkedin !== undefined) org.linkedin = write.linkedin;
  if (write.industry !== undefined) org.industry = write.industry;
  if (write.annual_revenue !== undefined) org.annual_revenue = write.annual_revenue;
  if (write.employee_count !== undefined) org.employee_count = write.employee_count;
  if (write.custom_fields) {
    for (const [key, value] of Object.entries(write.custom_fields)) org.custom_fields[key] = value;
  }
}
