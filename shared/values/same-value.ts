/**
 * `sameValue`: would sending this body change the organization at all? The import job skips rows
 * for which it would not, which saves API tokens and keeps update times honest.
 */
import type { OrgField, Organization, OrganizationWrite } from '../model.ts';
import { bodyKey, readRaw, valueType } from './fields.ts';
import type { ValueType } from './fields.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> | null {
  return isRecord(value) ? value : null;
}

/** Trimmed, with Windows line ends as `\n`: XLSX files and some tools change those, a person does not. */
function text(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : '';
}

/** A number, an option given as `{ id, label }`, or a numeric string → a number; empty → null. */
function num(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  const object = record(value);
  return object && typeof object.id === 'number' ? object.id : null;
}

function ids(value: unknown): string {
  const list = Array.isArray(value) ? value.map(num).filter((n): n is number => n !== null) : [];
  return [...new Set(list)].sort((a, b) => a - b).join(',');
}

/** `9:00` and `09:00:00` are the same time. */
function time(value: unknown): string {
  const t = text(value);
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t);
  return m ? `${(m[1] ?? '').padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` : t;
}

function sameMonetary(a: unknown, b: unknown): boolean {
  const x = record(a);
  const y = record(b);
  const xEmpty = !x || num(x.value) === null;
  const yEmpty = !y || num(y.value) === null;
  if (xEmpty || yEmpty) return xEmpty === yEmpty;
  return num(x.value) === num(y.value) && text(x.currency).toUpperCase() === text(y.currency).toUpperCase();
}

function sameRange(a: unknown, b: unknown, norm: (v: unknown) => string): boolean {
  const x = record(a);
  const y = record(b);
  return norm(x?.value) === norm(y?.value) && norm(x?.until) === norm(y?.until);
}

function sameTime(existing: unknown, sent: unknown, range: boolean): boolean {
  const x = record(existing);
  const y = record(sent);
  if (!y || !x) return !x === !y || (time(x?.value) === '' && time(y?.value) === '');
  if (time(x.value) !== time(y.value)) return false;
  if (range && time(x.until) !== time(y.until)) return false;
  // The time zone only matters when the body sets one; otherwise Pipedrive keeps the current one.
  if (
    y.timezone_name !== undefined &&
    y.timezone_name !== null &&
    text(x.timezone_name) !== text(y.timezone_name)
  )
    return false;
  return !(
    y.timezone_id !== undefined &&
    y.timezone_id !== null &&
    num(x.timezone_id) !== num(y.timezone_id)
  );
}

/** Compares only the parts the body sends: Pipedrive may have filled the others in from `value`. */
function sameAddress(existing: unknown, sent: unknown): boolean {
  const x = record(existing);
  const y = record(sent);
  if (!y) return !x || text(x.value) === '';
  if (!x) return text(y.value) === '';
  return Object.keys(y).every((part) => text(x[part]) === text(y[part]));
}

function samePlain(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Compares an existing value with the value a body would send, as the field's type sees them. */
export function sameFieldValue(type: ValueType, existing: unknown, sent: unknown): boolean {
  switch (type) {
    case 'varchar':
    case 'varchar_auto':
    case 'text':
    case 'phone':
    case 'date':
      return text(existing) === text(sent);
    case 'double':
    case 'int':
    case 'enum':
    case 'user':
    case 'org':
    case 'people':
    case 'visible_to':
      return num(existing) === num(sent);
    case 'set':
      return ids(existing) === ids(sent);
    case 'monetary':
      return sameMonetary(existing, sent);
    case 'daterange':
      return sameRange(existing, sent, text);
    case 'time':
      return sameTime(existing, sent, false);
    case 'timerange':
      return sameTime(existing, sent, true);
    case 'address':
      return sameAddress(existing, sent);
    case 'boolean':
      return (existing ?? null) === (sent ?? null);
    default:
      return samePlain(existing, sent);
  }
}

/** True when applying `body` to `existing` would change nothing. */
export function sameValue(
  existing: Organization,
  body: OrganizationWrite,
  fields: ReadonlyArray<OrgField>,
): boolean {
  const system = new Map(fields.filter((f) => !f.custom).map((f) => [bodyKey(f), f]));
  const custom = new Map(fields.filter((f) => f.custom).map((f) => [f.key, f]));
  for (const [key, sent] of Object.entries(body)) {
    if (key === 'custom_fields' || sent === undefined) continue;
    const field = system.get(key);
    const same = field
      ? sameFieldValue(valueType(field), readRaw(existing, field), sent)
      : samePlain(existing[key], sent);
    if (!same) return false;
  }
  for (const [key, sent] of Object.entries(body.custom_fields ?? {})) {
    const field = custom.get(key);
    const existingValue = existing.custom_fields[key] ?? null;
    if (field ? !sameFieldValue(valueType(field), existingValue, sent) : !samePlain(existingValue, sent))
      return false;
  }
  return true;
}
