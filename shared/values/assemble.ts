/**
 * `assembleWrite`: the converted cells of one row → the v2 POST/PATCH body. Compound fields are put
 * together here: monetary from amount and currency, ranges from start and until, the address from
 * its text and parts. What empty cells mean (leave alone, or clear) is decided here too.
 */
import type { MappingTarget } from '../mapping.ts';
import type { AddressPart, CustomFieldValue, OrgField, OrganizationWrite } from '../model.ts';
import { buildAddress, isAddressPart } from './address.ts';
import { bodyKey, valueType } from './fields.ts';
import type { AssembleError, MonetaryAmount, RangeCell } from './types.ts';

/** One converted cell of a row: its column's target and the value (`null` for an empty cell). */
export interface AssembleInput {
  readonly target: MappingTarget;
  readonly value: unknown;
}

/** What empty cells mean: `skip` leaves the field as it is, `clear` empties it. */
export interface AssembleMode {
  readonly emptyCells: 'skip' | 'clear';
}

/** The body to send and the problems that keep the row from being sent. */
export interface AssembleResult {
  readonly body: OrganizationWrite;
  readonly errors: AssembleError[];
}

/** A field's cells in one row: its own value and its parts'. Shared with the compiled assembler. */
export interface Slot {
  /** Present when a column is mapped to the field itself; `value` is null for an empty cell. */
  main?: { value: unknown };
  parts: Map<string, unknown>;
}

/** The parts of a slot without any (shared, never written to: a slot gets its own map on its first part). */
export const NO_PARTS: Map<string, unknown> = new Map();

/** True for what counts as an empty cell: nothing, empty text, an empty list. */
export function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function isMonetaryAmount(value: unknown): value is MonetaryAmount {
  return typeof value === 'object' && value !== null && 'amount' in value && typeof value.amount === 'number';
}

function isRangeCell(value: unknown): value is RangeCell {
  return typeof value === 'object' && value !== null && 'until' in value && typeof value.until === 'string';
}

/** True for the plain values coerceCell produces for simple fields; anything else is a caller's mistake. */
export function isScalarValue(value: unknown): value is string | number | boolean | number[] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return true;
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** A plain value as it goes into a body (a list copied), or undefined when it is no plain value. */
export function scalarValue(value: unknown): string | number | boolean | number[] | undefined {
  if (!isScalarValue(value)) return undefined;
  return Array.isArray(value) ? [...value] : value;
}

/** Where a field's value goes in the body: under `custom_fields` by its key, or at the top level. */
export interface PutKey {
  readonly custom: boolean;
  readonly key: string;
}

/** Where `field`'s value goes in a body. */
export function putKeyOf(field: OrgField): PutKey {
  return field.custom ? { custom: true, key: field.key } : { custom: false, key: bodyKey(field) };
}

/** A body being built, and the problems found building it. */
export class BodyBuilder {
  readonly body: OrganizationWrite = {};
  /** Null until the first problem: most rows have none, and need no array. */
  errors: AssembleError[] | null = null;

  put(field: OrgField, value: CustomFieldValue): void {
    if (field.custom) (this.body.custom_fields ??= {})[field.key] = value;
    // The value's shape was produced by coerceCell for this very field, so it fits the property.
    // (A plain assignment, as Object.assign would make, without a temporary object per cell.)
    else (this.body as Record<string, unknown>)[bodyKey(field)] = value;
  }

  /** `put` with the place worked out beforehand. */
  putAt(at: PutKey, value: CustomFieldValue): void {
    if (at.custom) (this.body.custom_fields ??= {})[at.key] = value;
    else (this.body as Record<string, unknown>)[at.key] = value;
  }

  fail(field: OrgField | string, message: string): void {
    (this.errors ??= []).push({ key: typeof field === 'string' ? field : field.key, message });
  }
}

/** Empties a field the way the API wants it emptied, or explains why it cannot be. */
export function clear(out: BodyBuilder, field: OrgField): void {
  if (field.custom) return out.put(field, null);
  switch (bodyKey(field)) {
    case 'name':
      return out.fail(field, `"${field.name}" is empty — an organization must have a name`);
    case 'owner_id':
    case 'visible_to':
      return; // cannot be emptied in Pipedrive; an empty cell leaves them as they are
    case 'label_ids':
      return out.put(field, []);
    default:
      return out.put(field, null);
  }
}

function assembleMonetary(out: BodyBuilder, field: OrgField, slot: Slot, clearing: boolean): void {
  const amount = slot.main?.value;
  const currency = slot.parts.get('currency');
  if (!slot.main) {
    if (!isEmpty(currency))
      out.fail(field, `"${field.name}": a currency column is mapped but no amount column`);
    return;
  }
  if (isEmpty(amount)) {
    if (clearing) clear(out, field);
    return;
  }
  if (!isMonetaryAmount(amount)) return out.fail(field, `"${field.name}": unexpected amount value`);
  const fromColumn = typeof currency === 'string' && currency !== '' ? currency : null;
  if (fromColumn && amount.currencyFromCell && amount.currency !== fromColumn) {
    return out.fail(
      field,
      `"${field.name}": the amount says ${amount.currency} but the currency column says ${fromColumn}`,
    );
  }
  const code = fromColumn ?? amount.currency;
  if (!code) {
    return out.fail(
      field,
      `"${field.name}": ${amount.amount} has no currency — map a currency column or choose a default currency`,
    );
  }
  out.put(field, { value: amount.amount, currency: code });
}

function assembleRange(out: BodyBuilder, field: OrgField, slot: Slot, clearing: boolean): void {
  const start = slot.main?.value;
  const until = slot.parts.get('until');
  const isDate = valueType(field) === 'daterange';
  if (isRangeCell(start)) {
    if (!isEmpty(until) && until !== start.until) {
      return out.fail(
        field,
        `"${field.name}": the cell says it ends ${start.until} but the end column says ${String(until)}`,
      );
    }
    return out.put(field, withZone({ value: start.value, until: start.until }, slot));
  }
  if (isEmpty(start) && isEmpty(until)) {
    if (clearing) clear(out, field);
    return;
  }
  if (typeof start !== 'string' || typeof until !== 'string' || start === '' || until === '') {
    return out.fail(field, `"${field.name}" needs both a start and an end${isDate ? ' date' : ' time'}`);
  }
  if (isDate && until < start)
    return out.fail(field, `"${field.name}" ends (${until}) before it starts (${start})`);
  out.put(field, withZone({ value: start, until }, slot));
}

/** A time (range) body with the time zone column's name, when one is mapped and filled. */
function withZone<T extends object>(body: T, slot: Slot): T | (T & { timezone_name: string }) {
  const zone = slot.parts.get('timezone');
  return typeof zone === 'string' && zone !== '' ? { ...body, timezone_name: zone } : body;
}

function assembleAddress(out: BodyBuilder, field: OrgField, slot: Slot, clearing: boolean): void {
  const parts: Partial<Record<AddressPart, string>> = {};
  let value = typeof slot.main?.value === 'string' ? slot.main.value : null;
  for (const [part, v] of slot.parts) {
    if (typeof v !== 'string' || v === '') continue;
    if (part === 'value') value = v;
    else if (isAddressPart(part)) parts[part] = v;
  }
  const address = buildAddress(value, parts);
  if (address) out.put(field, address);
  else if (clearing) clear(out, field);
}

/** Field lists are reused for every row of an import, so their key index is built once per list. */
const fieldIndexes = new WeakMap<ReadonlyArray<OrgField>, ReadonlyMap<string, OrgField>>();

/** The fields of a list by key (built once per list). */
export function fieldIndex(fields: ReadonlyArray<OrgField>): ReadonlyMap<string, OrgField> {
  let index = fieldIndexes.get(fields);
  if (!index) {
    index = new Map(fields.map((f) => [f.key, f]));
    fieldIndexes.set(fields, index);
  }
  return index;
}

/** Builds the v2 write body for one row from its converted cells. */
export function assembleWrite(
  values: ReadonlyArray<AssembleInput>,
  fields: ReadonlyArray<OrgField>,
  mode: AssembleMode,
): AssembleResult {
  const byKey = fieldIndex(fields);
  const slots = new Map<string, Slot>();
  for (const { target, value } of values) {
    if (target.kind === 'id') continue; // the ID finds the organization; it is never written
    let slot = slots.get(target.key);
    if (!slot) {
      slot = { parts: NO_PARTS };
      slots.set(target.key, slot);
    }
    if (target.kind === 'field') slot.main = { value };
    else {
      if (slot.parts === NO_PARTS) slot.parts = new Map<string, unknown>();
      slot.parts.set(target.part, value);
    }
  }
  const out = new BodyBuilder();
  const clearing = mode.emptyCells === 'clear';
  for (const [key, slot] of slots) {
    const field = byKey.get(key);
    assembleField(out, key, field, field ? valueType(field) : null, slot, clearing);
  }
  return { body: out.body, errors: out.errors ?? [] };
}

/** One field's slot into the body (the part of assembleWrite that runs per field and row). */
export function assembleField(
  out: BodyBuilder,
  key: string,
  field: OrgField | undefined,
  type: ReturnType<typeof valueType> | null,
  slot: Slot,
  clearing: boolean,
): void {
  if (!field || type === null) return out.fail(key, `"${key}" is not an organization field`);
  if (!field.writable)
    return out.fail(field, `"${field.name}" is read-only in Pipedrive and cannot be imported`);
  if (type === 'monetary') assembleMonetary(out, field, slot, clearing);
  else if (type === 'daterange' || type === 'timerange') assembleRange(out, field, slot, clearing);
  else if (type === 'address') assembleAddress(out, field, slot, clearing);
  else if (!slot.main)
    out.fail(
      field,
      type === 'time'
        ? `"${field.name}": a time zone column is mapped but no time column`
        : `"${field.name}" has no parts to map`,
    );
  else if (isEmpty(slot.main.value)) {
    if (clearing) clear(out, field);
  } else if (type === 'time') out.put(field, withZone({ value: String(slot.main.value) }, slot));
  else {
    const value = scalarValue(slot.main.value);
    if (value === undefined)
      out.fail(field, `"${field.name}": unexpected value ${JSON.stringify(slot.main.value)}`);
    else out.put(field, value);
  }
}

/** The problem with a body meant to create an organization: it must have a name. */
export function checkCreate(body: OrganizationWrite): AssembleError | null {
  return typeof body.name === 'string' && body.name.trim() !== ''
    ? null
    : {
        key: 'name',
        message: 'An organization needs a name to be created — the name cell is empty or not mapped',
      };
}
