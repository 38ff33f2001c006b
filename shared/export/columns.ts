/**
 * The export's columns: for each chosen field, one or more readable columns, each knowing how to
 * read its value from an organization and what the importer maps it back to. Export and import are
 * exact inverses, so an exported file re-imports as an update with no manual mapping.
 */
import type { MappingTarget } from '../mapping.ts';
import { ADDRESS_PARTS } from '../model.ts';
import type { OrgField, Organization, PipedriveUser } from '../model.ts';
import { ADDRESS_PART_LABELS } from '../values/address.ts';
import { readRaw, valueType } from '../values/fields.ts';
import { fieldHeaders, ID_HEADER, uniqueHeaders } from './headers.ts';
import {
  dateTimeValue,
  dayValue,
  member,
  optionId,
  optionLabel,
  optionLabels,
  optionList,
  timeText,
  userText,
  visibilityText,
} from './readable.ts';

/** What a column's values are, so each writer can store them its way (XLSX dates, CSV ISO text). */
export type ExportKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean';

/** A value as extracted for one cell. */
export type ExportValue = string | number | boolean | Date | null;

/** What extraction needs besides the organization: the users, by id. */
export interface ExportContext {
  readonly usersById: ReadonlyMap<number, PipedriveUser>;
}

/** One column of an export. */
export interface ExportColumn {
  /** The header text: the field name, made unique. */
  readonly header: string;
  /** A stable id: `id`, a field key, or `key.part` (`owner_id.email`, `address.locality`, `<key>.currency`). */
  readonly key: string;
  /** What the importer maps this column back to; null for read-only or informational columns. */
  readonly target: MappingTarget | null;
  readonly kind: ExportKind;
  /** A sensible column width in characters. */
  readonly width?: number;
  /** Reads this column's value from an organization. */
  extract(org: Organization, ctx: ExportContext): ExportValue;
}

/** Options for {@link buildExportColumns}. */
export interface ExportColumnOptions {
  /** Field keys to export (the ID is always first); default: every field except the counters. */
  readonly selection?: ReadonlyArray<string>;
}

/** Builds the extraction context once per export. */
export function createExportContext(users: ReadonlyArray<PipedriveUser>): ExportContext {
  return { usersById: new Map(users.map((u) => [u.id, u])) };
}

/** Counters and other fields only returned on request and never written are exported only when chosen. */
function isCounter(field: OrgField): boolean {
  return field.optionalResponse && !field.writable;
}

const field = (key: string): MappingTarget => ({ kind: 'field', key });
const part = (key: string, name: string): MappingTarget => ({ kind: 'part', key, part: name });
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const number = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : optionId(v));

function columnsOf(f: OrgField, header: string): ExportColumn[] {
  const type = valueType(f);
  const raw = (org: Organization): unknown => readRaw(org, f);
  const writable = f.writable;
  const main = (kind: ExportKind, width: number, extract: ExportColumn['extract']): ExportColumn => ({
    header,
    key: f.key,
    target: writable ? field(f.key) : null,
    kind,
    width,
    extract,
  });
  const sub = (
    name: string,
    title: string,
    kind: ExportKind,
    width: number,
    extract: ExportColumn['extract'],
  ): ExportColumn => ({
    header: title,
    key: `${f.key}.${name}`,
    target: writable ? part(f.key, name) : null,
    kind,
    width,
    extract,
  });
  // A time means little without its zone; the column imports back as the field's time zone.
  const zone = (): ExportColumn =>
    sub('timezone', `${header} time zone`, 'text', 18, (o) => text(member(raw(o), 'timezone_name')));
  switch (type) {
    case 'varchar':
    case 'varchar_auto':
    case 'phone':
      return [main('text', f.key === 'name' ? 32 : 24, (o) => text(raw(o)))];
    case 'text':
      return [main('text', 48, (o) => text(raw(o)))];
    case 'double':
    case 'int':
    case 'org':
    case 'people':
      return [main('number', 14, (o) => number(raw(o)))];
    case 'monetary':
      return [
        main('number', 14, (o) => number(member(raw(o), 'value'))),
        sub('currency', `${header} currency`, 'text', 10, (o) => text(member(raw(o), 'currency'))),
      ];
    case 'date':
      return [main('date', 12, (o) => dayValue(raw(o)))];
    case 'daterange':
      return [
        main('date', 12, (o) => dayValue(member(raw(o), 'value'))),
        sub('until', `${header} until`, 'date', 12, (o) => dayValue(member(raw(o), 'until'))),
      ];
    case 'time':
      return [main('text', 10, (o) => timeText(raw(o))), zone()];
    case 'timerange':
      return [
        main('text', 10, (o) => timeText(raw(o))),
        sub('until', `${header} until`, 'text', 10, (o) => timeText(raw(o), 'until')),
        zone(),
      ];
    case 'datetime':
      return [main('datetime', 20, (o) => dateTimeValue(raw(o)))];
    case 'enum': {
      const labels = optionLabels(f.options);
      return [main('text', 20, (o) => optionLabel(labels, raw(o)))];
    }
    case 'set': {
      const labels = optionLabels(f.options);
      return [main('text', 28, (o) => optionList(labels, raw(o)))];
    }
    case 'user':
      // The email is unique, so the importer maps it back to the user; the name is for reading only.
      return [
        { ...main('text', 22, (o, c) => userText(c.usersById, raw(o), 'name')), target: null },
        {
          ...sub('email', `${header} email`, 'text', 28, (o, c) => userText(c.usersById, raw(o), 'email')),
          target: writable ? field(f.key) : null,
        },
      ];
    case 'visible_to':
      return [main('text', 22, (o) => visibilityText(raw(o)))];
    case 'boolean':
      return [main('boolean', 10, (o) => bool(raw(o)))];
    case 'address':
      return [
        main('text', 40, (o) => text(member(raw(o), 'value'))),
        ...ADDRESS_PARTS.map((p) =>
          sub(p, `${header} - ${ADDRESS_PART_LABELS[p]}`, 'text', p === 'formatted_address' ? 40 : 18, (o) =>
            text(member(raw(o), p)),
          ),
        ),
      ];
    case 'status':
    case 'picture':
      return [{ ...main('text', 14, (o) => rawText(raw(o))), target: null }];
  }
}

function rawText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Every column the fields can give, with final headers. Headers are made unique over *all* fields,
 * whatever is selected, so a field's header never depends on which other fields were exported.
 */
function allColumns(
  fields: ReadonlyArray<OrgField>,
): Array<{ field: OrgField | null; column: ExportColumn }> {
  const exportable = fields.filter((f) => f.key !== 'id');
  const names = fieldHeaders(exportable);
  const drafts: Array<{ field: OrgField | null; column: ExportColumn }> = [
    {
      field: null,
      column: {
        header: ID_HEADER,
        key: 'id',
        target: { kind: 'id' },
        kind: 'number',
        width: 10,
        extract: (o) => o.id,
      },
    },
    ...exportable.flatMap((f) =>
      columnsOf(f, names.get(f.key) ?? f.name).map((column) => ({ field: f, column })),
    ),
  ];
  const headers = uniqueHeaders(drafts.map((d) => d.column.header));
  return drafts.map((d, i) => ({
    field: d.field,
    column: { ...d.column, header: headers[i] ?? d.column.header },
  }));
}

/**
 * The columns of an export, ID first, then the chosen fields in the field list's order. Throws on
 * a selection key that is not a field, so a typo in `--fields` is reported rather than dropped.
 */
export function buildExportColumns(
  fields: ReadonlyArray<OrgField>,
  options: ExportColumnOptions = {},
): ExportColumn[] {
  const known = new Set(fields.map((f) => f.key));
  const unknown = (options.selection ?? []).filter((k) => !known.has(k) && k !== 'id');
  if (unknown.length > 0) throw new Error(`Unknown organization field key(s): ${unknown.join(', ')}`);
  const chosen = options.selection ? new Set(options.selection) : null;
  return allColumns(fields)
    .filter(({ field: f }) => f === null || (chosen ? chosen.has(f.key) : !isCounter(f)))
    .map(({ column }) => column);
}

/**
 * Header → target for every column an export of these fields can have (counters included), so the
 * importer maps an exported file back exactly by header before any fuzzy matching.
 */
export function exportHeaderTargets(fields: ReadonlyArray<OrgField>): Map<string, MappingTarget | null> {
  return new Map(allColumns(fields).map(({ column }) => [column.header, column.target]));
}
