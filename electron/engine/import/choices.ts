/**
 * The user's choices for an import (mapping, settings, mode, match key, empty cells) checked against
 * the fields and the file, and turned into what the converter and planner take. Problems that make
 * the import impossible are errors; things worth knowing are warnings.
 */
import { describeTarget } from '../../../shared/automap/index.ts';
import { formatTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { FieldType, OrgField } from '../../../shared/model.ts';
import { DEFAULT_COLUMN_SETTINGS } from '../../../shared/values/index.ts';
import type { ColumnSettings, DetectedSettings } from '../../../shared/values/index.ts';
import type { ColumnMap, EmptyCells, ImportMode } from './types.ts';

/** What the user chose; `settings` override the detected settings column by column. */
export interface ImportChoices {
  readonly mapping: ColumnMap;
  readonly settings?: Readonly<Record<string, Partial<ColumnSettings>>>;
  readonly mode: ImportMode;
  /** What update/upsert rows are matched by: `{kind:'id'}`, the name field, or another field. */
  readonly match?: MappingTarget | null;
  readonly emptyCells?: EmptyCells;
  /** Send updates even when they would change nothing (default: skip them and count them). */
  readonly updateUnchanged?: boolean;
}

/** A problem with the choices as a whole. */
export interface ChoiceIssue {
  readonly level: 'error' | 'warning';
  /** The column concerned, when there is one. */
  readonly column?: string;
  readonly message: string;
}

/** The choices after checking: what the converter and planner use. */
export interface ResolvedChoices {
  /** Only columns of the file; in create mode the ID column is dropped. */
  readonly mapping: ColumnMap;
  /** Effective settings of every mapped column (detected, then the user's overrides). */
  readonly settings: Readonly<Record<string, ColumnSettings>>;
  /** What was detected per mapped column, with notes. */
  readonly detected: Readonly<Record<string, DetectedSettings>>;
  readonly mode: ImportMode;
  readonly match: MappingTarget | null;
  readonly emptyCells: EmptyCells;
  readonly updateUnchanged: boolean;
  readonly issues: ReadonlyArray<ChoiceIssue>;
}

/** Field types rows can be matched by (the same list mapping profiles accept). */
export const MATCHABLE_TYPES: ReadonlyArray<FieldType> = [
  'varchar',
  'varchar_auto',
  'text',
  'phone',
  'double',
  'int',
];

/** Checks the choices; `detect` gives the detected settings of a mapped column. */
export function resolveChoices(
  headers: ReadonlyArray<string>,
  fields: ReadonlyArray<OrgField>,
  choices: ImportChoices,
  detect: (header: string, target: MappingTarget) => DetectedSettings | null,
): ResolvedChoices {
  const issues: ChoiceIssue[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const mapping: Record<string, MappingTarget | null> = {};
  const settings: Record<string, ColumnSettings> = {};
  const detected: Record<string, DetectedSettings> = {};
  const claimed = new Map<string, string>();
  const known = new Set(headers);
  for (const header of Object.keys(choices.mapping)) {
    if (!known.has(header) && choices.mapping[header] != null) {
      issues.push({ level: 'warning', column: header, message: `The file has no column "${header}"` });
    }
  }
  for (const header of headers) {
    const target = choices.mapping[header] ?? null;
    mapping[header] = null;
    if (target === null) continue;
    if (target.kind === 'id' && choices.mode === 'create') {
      issues.push({
        level: 'warning',
        column: header,
        message: 'Pipedrive IDs are not used when creating organizations; this column is ignored',
      });
      continue;
    }
    const field = target.kind === 'id' ? null : byKey.get(target.key);
    if (target.kind !== 'id' && !field) {
      issues.push({
        level: 'error',
        column: header,
        message: `"${target.key}" is not an organization field`,
      });
      continue;
    }
    if (field && !field.writable) {
      issues.push({ level: 'error', column: header, message: `"${field.name}" is read-only in Pipedrive` });
      continue;
    }
    const text = formatTarget(target);
    const other = claimed.get(text);
    if (other !== undefined) {
      issues.push({
        level: 'error',
        column: header,
        message: `Columns "${other}" and "${header}" are both mapped to ${describeTarget(target, fields)}; a field takes one column`,
      });
      continue;
    }
    claimed.set(text, header);
    mapping[header] = target;
    const found = detect(header, target);
    if (found) detected[header] = found;
    const { notes: _notes, ...base } = found ?? { ...DEFAULT_COLUMN_SETTINGS, notes: [] };
    settings[header] = { ...base, ...(choices.settings?.[header] ?? {}) };
  }
  const match = choices.mode === 'create' ? null : (choices.match ?? null);
  checkMatchAndName(choices.mode, match, claimed, byKey, fields, issues);
  return {
    mapping,
    settings,
    detected,
    mode: choices.mode,
    match,
    emptyCells: choices.emptyCells ?? 'skip',
    updateUnchanged: choices.updateUnchanged ?? false,
    issues,
  };
}

function checkMatchAndName(
  mode: ImportMode,
  match: MappingTarget | null,
  claimed: ReadonlyMap<string, string>,
  byKey: ReadonlyMap<string, OrgField>,
  fields: ReadonlyArray<OrgField>,
  issues: ChoiceIssue[],
): void {
  if (mode !== 'create') {
    if (match === null) {
      issues.push({
        level: 'error',
        message: `Choose what rows are matched by for ${mode}: the Pipedrive ID, the name, or a field`,
      });
    } else {
      const field = match.kind === 'field' ? byKey.get(match.key) : undefined;
      if (
        match.kind === 'part' ||
        (match.kind === 'field' && (!field || !MATCHABLE_TYPES.includes(field.type)))
      ) {
        issues.push({
          level: 'error',
          message: `${describeTarget(match, fields)} cannot be a match key: use the ID, the name, or a text or number field`,
        });
      } else if (!claimed.has(formatTarget(match))) {
        issues.push({
          level: 'error',
          message: `No column is mapped to ${describeTarget(match, fields)}, so rows cannot be matched by it`,
        });
      }
    }
  }
  if (mode !== 'update' && !claimed.has('name')) {
    issues.push({
      level: mode === 'create' ? 'error' : 'warning',
      message:
        mode === 'create'
          ? 'Map a column to Name: every organization needs a name to be created'
          : 'No column is mapped to Name, so rows that match nothing cannot be created',
    });
  }
}
