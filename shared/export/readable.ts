/**
 * Raw v2 values → what a person reads in a spreadsheet: option labels, user names, visibility names,
 * real dates. Values that point at deleted options or unknown users show their raw id instead of
 * failing (`#123 (deleted option)`).
 */
import { VISIBILITY_NAMES } from '../model.ts';
import type { FieldOption, PipedriveUser } from '../model.ts';

/** A value's option id, whether it came as a number or as `{ id, label }` (`include_option_labels`). */
export function optionId(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number')
    return value.id;
  return null;
}

/** Labels by option id, for one field. */
export function optionLabels(options: ReadonlyArray<FieldOption> | null): ReadonlyMap<number, string> {
  return new Map((options ?? []).map((o) => [o.id, o.label]));
}

/** One option's label, or its id marked as deleted. */
export function optionLabel(labels: ReadonlyMap<number, string>, value: unknown): string | null {
  const id = optionId(value);
  if (id === null) return value === null || value === undefined ? null : String(value);
  return labels.get(id) ?? `#${id} (deleted option)`;
}

/** Several options' labels joined with `; `, in the order stored. */
export function optionList(labels: ReadonlyMap<number, string>, value: unknown): string | null {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const shown = list.map((v) => optionLabel(labels, v)).filter((l): l is string => l !== null && l !== '');
  return shown.length > 0 ? shown.join('; ') : null;
}

/** A user's name or email, or the raw id when the user is unknown to this company. */
export function userText(
  users: ReadonlyMap<number, PipedriveUser>,
  value: unknown,
  what: 'name' | 'email',
): string | null {
  const id = optionId(value);
  if (id === null) return null;
  const user = users.get(id);
  return user ? user[what] : `#${id} (unknown user)`;
}

/** A visibility number as its name. */
export function visibilityText(value: unknown): string | null {
  const n = optionId(value);
  if (n === null) return null;
  return VISIBILITY_NAMES[n] ?? `#${n} (unknown visibility)`;
}

/** `YYYY-MM-DD` → a Date at UTC midnight (what XLSX writers store as a whole-day serial). */
export function dayValue(value: unknown): Date | string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return value;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** An RFC 3339 time (or v1's `YYYY-MM-DD HH:MM:SS`, which is UTC) → a Date. */
export function dateTimeValue(value: unknown): Date | string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const t = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? value : date;
}

/** A time value (`{ value: 'HH:MM:SS' }` in v2, a string in v1) → `HH:MM:SS`. */
export function timeText(value: unknown, part: 'value' | 'until' = 'value'): string | null {
  if (typeof value === 'string') return part === 'value' && value !== '' ? value : null;
  const inner = member(value, part);
  return typeof inner === 'string' && inner !== '' ? inner : null;
}

/** Reads `key` of an object value (`value`, `until`, `currency`, an address part), if it is one. */
export function member(value: unknown, key: string): unknown {
  if (!isRecord(value) || !Object.hasOwn(value, key)) return null;
  return value[key] ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
