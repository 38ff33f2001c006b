/**
 * Strict v2 value checks, one per field type (reference §2.5, §2.7, §9.4). Like Pipedrive's Joi-based
 * validation: no string→number coercion, option ids must exist, sets are non-empty int arrays, and
 * every message names the offending property.
 */
import { ADDRESS_PARTS, type CustomFieldValue, type OrgAddress } from '../../../shared/model.ts';
import { badRequest } from './http-util.ts';
import { TIMEZONES } from './seed-words.ts';
import type { FieldDef, UserRecord } from './types.ts';

/** What value checks need to know about the account. */
export interface ValueContext {
  users: ReadonlyMap<number, UserRecord>;
  orgExists(id: number): boolean;
  /** The token user's time zone, the default for time values sent without one. */
  defaultTimezone: string;
}

/** Maximum lengths (reference §7). */
export const MAX_VARCHAR = 255;
/** Long-text limit (reference §7, "≤65k"). */
export const MAX_TEXT = 65_535;

const ADDRESS_KEYS = ['value', ...ADDRESS_PARTS] as const;

/** True for a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const q = (path: string): string => `"${path}"`;

/** A string no longer than `max`. */
export function checkString(path: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw badRequest(`${q(path)} must be a string`);
  if (value.length > max)
    throw badRequest(`${q(path)} length must be less than or equal to ${max} characters long`);
  return value;
}

/** A finite JSON number (strings such as "12" are refused, as in v2). */
export function checkNumber(path: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${q(path)} must be a number`);
  return value;
}

/** An integer JSON number. */
export function checkInteger(path: string, value: unknown): number {
  const n = checkNumber(path, value);
  if (!Number.isInteger(n)) throw badRequest(`${q(path)} must be an integer`);
  return n;
}

/** A user who may own or be assigned to things: exists, not deleted, not deactivated. */
export function checkUser(path: string, value: unknown, ctx: ValueContext): number {
  const id = checkInteger(path, value);
  const user = ctx.users.get(id);
  if (!user || user.is_deleted)
    throw badRequest(`${q(path)} must be the id of an existing user; user ${id} was not found`);
  if (!user.active_flag)
    throw badRequest(`${q(path)} refers to user ${id}, who is deactivated and cannot be assigned`);
  return id;
}

/** One option id of an option field. */
export function checkOption(path: string, value: unknown, def: FieldDef): number {
  const id = checkInteger(path, value);
  const options = def.options ?? [];
  if (!options.some((o) => o.id === id)) {
    throw badRequest(
      `${q(path)} contains an invalid option id ${id} for field "${def.name}"; valid ids: ${options.map((o) => o.id).join(', ')}`,
    );
  }
  return id;
}

/** A non-empty list of distinct option ids (clearing is done with null, never `[]`). */
export function checkOptionSet(path: string, value: unknown, def: FieldDef, allowEmpty: boolean): number[] {
  if (!Array.isArray(value)) throw badRequest(`${q(path)} must be an array`);
  if (value.length === 0 && !allowEmpty) throw badRequest(`${q(path)} must contain at least 1 items`);
  const seen = new Set<number>();
  return value.map((item, i) => {
    const id = checkOption(`${path}[${i}]`, item, def);
    if (seen.has(id)) throw badRequest(`${q(`${path}[${i}]`)} contains a duplicate value`);
    seen.add(id);
    return id;
  });
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** A calendar date in YYYY-MM-DD. */
export function checkDate(path: string, value: unknown): string {
  const text = checkString(path, value, 10);
  const m = DATE.exec(text);
  const ok = m !== null && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!ok) throw badRequest(`${q(path)} must be a valid date in YYYY-MM-DD format`);
  return text;
}

/** A time of day, HH:MM or HH:MM:SS, returned as HH:MM:SS. */
export function checkTime(path: string, value: unknown): string {
  const text = checkString(path, value, 8);
  const m = TIME.exec(text);
  if (!m) throw badRequest(`${q(path)} must be a valid time in HH:MM:SS format`);
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}`;
}

const validZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** Pipedrive's numeric id for a time zone: known ones from the table, others a stable derived number. */
export function timezoneId(name: string): number {
  const known = TIMEZONES.find(([n]) => n === name);
  if (known) return known[1];
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return 400 + (h % 600);
}

/** The time-zone part of a time or time-range value; defaults to the user's zone. */
function checkZone(
  path: string,
  obj: Record<string, unknown>,
  ctx: ValueContext,
): { timezone_id: number; timezone_name: string } {
  const rawName = obj.timezone_name;
  const rawId = obj.timezone_id;
  if (rawName !== undefined && rawName !== null) {
    const name = checkString(`${path}.timezone_name`, rawName, 64);
    if (!validZone(name))
      throw badRequest(`${q(`${path}.timezone_name`)} must be a valid IANA time zone name`);
    return { timezone_name: name, timezone_id: timezoneId(name) };
  }
  if (rawId !== undefined && rawId !== null) {
    const id = checkInteger(`${path}.timezone_id`, rawId);
    const known = TIMEZONES.find(([, tzId]) => tzId === id);
    if (!known) throw badRequest(`${q(`${path}.timezone_id`)} must be a known time zone id`);
    return { timezone_name: known[0], timezone_id: id };
  }
  return { timezone_name: ctx.defaultTimezone, timezone_id: timezoneId(ctx.defaultTimezone) };
}

/** Refuses keys an object value does not have. */
function onlyKeys(path: string, obj: Record<string, unknown>, allowed: ReadonlyArray<string>): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw badRequest(`${q(`${path}.${key}`)} is not allowed`);
  }
}

/** An address object: `value` required, the other parts optional and null when not sent. */
export function checkAddress(path: string, value: unknown): OrgAddress {
  if (!isObject(value)) throw badRequest(`${q(path)} must be of type object`);
  onlyKeys(path, value, ADDRESS_KEYS);
  if (value.value === undefined || value.value === null)
    throw badRequest(`${q(`${path}.value`)} is required`);
  const out: OrgAddress = { value: checkString(`${path}.value`, value.value, MAX_VARCHAR) };
  if (out.value === '') throw badRequest(`${q(`${path}.value`)} is not allowed to be empty`);
  for (const key of ADDRESS_KEYS) {
    if (key === 'value') continue;
    const part = value[key];
    out[key] = part === undefined || part === null ? null : checkString(`${path}.${key}`, part, MAX_VARCHAR);
  }
  return out;
}

/** Validates one custom-field value against its field's type; null (or "") clears the field. */
export function checkCustomValue(
  path: string,
  def: FieldDef,
  value: unknown,
  ctx: ValueContext,
): CustomFieldValue {
  if (value === null) return null;
  switch (def.type) {
    case 'varchar':
    case 'varchar_auto':
    case 'phone':
    case 'text': {
      const text = checkString(path, value, def.type === 'text' ? MAX_TEXT : MAX_VARCHAR);
      return text === '' ? null : text;
    }
    case 'double':
      return checkNumber(path, value);
    case 'int':
      return checkInteger(path, value);
    case 'monetary': {
      if (!isObject(value)) throw badRequest(`${q(path)} must be of type object`);
      onlyKeys(path, value, ['value', 'currency']);
      if (value.value === undefined) throw badRequest(`${q(`${path}.value`)} is required`);
      if (value.currency === undefined) throw badRequest(`${q(`${path}.currency`)} is required`);
      const amount = checkNumber(`${path}.value`, value.value);
      const currency = checkString(`${path}.currency`, value.currency, MAX_VARCHAR);
      if (!/^[A-Z]{3}$/.test(currency)) {
        throw badRequest(
          `${q(`${path}.currency`)} with value "${currency}" fails to match the required pattern: /^[A-Z]{3}$/`,
        );
      }
      return { value: amount, currency };
    }
    case 'date':
      return checkDate(path, value);
    case 'daterange': {
      if (!isObject(value)) throw badRequest(`${q(path)} must be of type object`);
      onlyKeys(path, value, ['value', 'until']);
      const start = checkDate(`${path}.value`, value.value);
      const until = checkDate(`${path}.until`, value.until);
      if (until < start)
        throw badRequest(`${q(`${path}.until`)} must be greater than or equal to "${path}.value"`);
      return { value: start, until };
    }
    case 'time': {
      if (!isObject(value)) throw badRequest(`${q(path)} must be of type object`);
      onlyKeys(path, value, ['value', 'timezone_id', 'timezone_name']);
      return { value: checkTime(`${path}.value`, value.value), ...checkZone(path, value, ctx) };
    }
    case 'timerange': {
      if (!isObject(value)) throw badRequest(`${q(path)} must be of type object`);
      onlyKeys(path, value, ['value', 'until', 'timezone_id', 'timezone_name']);
      const start = checkTime(`${path}.value`, value.value);
      const until = checkTime(`${path}.until`, value.until);
      return { value: start, until, ...checkZone(path, value, ctx) };
    }
    case 'enum':
      return checkOption(path, value, def);
    case 'set':
      return checkOptionSet(path, value, def, false);
    case 'user':
      return checkUser(path, value, ctx);
    case 'org': {
      const id = checkInteger(path, value);
      if (!ctx.orgExists(id))
        throw badRequest(`${q(path)} refers to organization ${id}, which does not exist`);
      return id;
    }
    case 'people': {
      const id = checkInteger(path, value);
      if (id < 1) throw badRequest(`${q(path)} must be a positive number`);
      return id;
    }
    case 'address':
      return checkAddress(path, value);
    default:
      throw badRequest(`${q(path)} cannot be written`);
  }
}
