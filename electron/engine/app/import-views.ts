/**
 * The import engine's answers turned into what crosses to the renderer (`shared/ipc-import.ts`):
 * targets as profile texts, cells as the text the user sees, file facts in words. Pure mapping; the
 * handlers decide what to load and when.
 */
import { describeTarget, partsOf } from '../../../shared/automap/index.ts';
import type {
  ImportChoicesView,
  ImportColumnView,
  ImportFileView,
  ImportPreviewView,
  ImportRowView,
  ImportTargetOption,
} from '../../../shared/ipc-import.ts';
import { formatTarget, parseTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField } from '../../../shared/model.ts';
import { valueType } from '../../../shared/values/index.ts';
import {
  displayCell,
  MATCHABLE_TYPES,
  type ImportChoices,
  type ImportPreview,
  type ImportSession,
  type PreviewRow,
} from '../import/index.ts';

/** Non-empty sample values shown per column in the mapping table. */
const SAMPLES_SHOWN = 3;
/** Longest sample text shown. */
const SAMPLE_CHARS = 60;

/** Every target a column can be mapped to: the Pipedrive ID, each writable field, each part. */
export function targetOptions(fields: ReadonlyArray<OrgField>): ImportTargetOption[] {
  const out: ImportTargetOption[] = [
    {
      target: 'id',
      label: 'Pipedrive ID',
      fieldKey: '',
      custom: false,
      type: 'id',
      part: false,
      matchable: true,
    },
  ];
  for (const field of fields) {
    if (field.key === 'id' || !field.writable) continue;
    const type = valueType(field);
    const option = (target: MappingTarget, part: boolean): ImportTargetOption => ({
      target: formatTarget(target),
      label: describeTarget(target, fields),
      fieldKey: field.key,
      custom: field.custom,
      type,
      part,
      matchable: !part && MATCHABLE_TYPES.includes(field.type),
    });
    out.push(option({ kind: 'field', key: field.key }, false));
    for (const part of partsOf(field)) out.push(option({ kind: 'part', key: field.key, part }, true));
  }
  return out;
}

/** The file summary, with renamed headers and reader warnings in words. */
export function fileView(session: ImportSession): ImportFileView {
  const f = session.file;
  const notes = [
    ...f.headerNotes.map((note) =>
      note.reason === 'empty'
        ? `Column ${note.letter} has no header; it is called "${note.header}" here.`
        : `Column ${note.letter} repeats the header "${note.original}"; it is called "${note.header}" here.`,
    ),
    ...f.warnings.map((warning) => warning.message),
  ];
  if (f.reportColumns.length > 0) {
    notes.push(
      `This is an Orgport report: its ${f.reportColumns.map((c) => `"${c}"`).join(' and ')} column(s) are not imported.`,
    );
  }
  return {
    path: f.path,
    name: f.fileName,
    format: f.format,
    size: f.size,
    rows: f.rows,
    headers: f.headers,
    encoding: f.encoding?.name ?? null,
    encodingSource: f.encoding?.source ?? null,
    delimiter: f.delimiter ?? null,
    sheets: f.sheets?.map((s) => ({ name: s.name, hidden: s.hidden, empty: s.empty, rows: s.rows })) ?? null,
    sheet: f.sheet ?? null,
    headerRow: f.headerRow,
    headerRowDetected: f.headerRowSource === 'detected',
    notes,
    reportColumns: f.reportColumns,
  };
}

/** The auto-mapping, one entry per column, with a few sample values. */
export function columnViews(session: ImportSession): ImportColumnView[] {
  return session.autoMapping.map((mapping, index) => {
    const samples: string[] = [];
    for (const cell of session.samples[index] ?? []) {
      const text = displayCell(cell).trim();
      if (text === '' || samples.includes(text)) continue;
      samples.push(text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text);
      if (samples.length === SAMPLES_SHOWN) break;
    }
    return {
      column: mapping.column,
      samples,
      target: mapping.target === null ? null : formatTarget(mapping.target),
      confidence: mapping.confidence,
      method: mapping.method,
      ...(mapping.note === undefined ? {} : { note: mapping.note }),
    };
  });
}

/** The renderer's choices as the engine takes them. */
export function choicesOf(view: ImportChoicesView): ImportChoices {
  const mapping: Record<string, MappingTarget | null> = {};
  for (const [header, text] of Object.entries(view.mapping))
    mapping[header] = text === null ? null : parseTarget(text);
  return {
    mapping,
    settings: view.settings,
    mode: view.mode,
    match: view.mode === 'create' || view.match === null ? null : parseTarget(view.match),
    emptyCells: view.emptyCells,
    updateUnchanged: view.updateUnchanged,
  };
}

/** The preview's figures. */
export function previewView(
  preview: ImportPreview,
  budgetLeft: number | null,
  organizations: number | null,
): ImportPreviewView {
  return {
    rows: preview.rows,
    mode: preview.mode,
    columns: preview.columns.map((c) => ({
      column: c.column,
      target: c.target === null ? null : formatTarget(c.target),
      targetLabel: c.targetLabel,
      type: c.type,
      settings: c.settings,
      detected: c.detected,
      isMatch: c.isMatch,
      converted: c.converted,
      empty: c.empty,
      failed: c.failed,
    })),
    problemRows: preview.problemRows,
    cellErrors: preview.cellErrors,
    outcomes: preview.outcomes,
    matched: preview.indexLoaded,
    organizations: preview.mode === 'create' ? null : organizations,
    cost: {
      fields: preview.cost.fields,
      users: preview.cost.users,
      index: preview.cost.index,
      writes: preview.cost.writes,
      total: preview.cost.total,
      budgetLeft,
    },
    issues: preview.issues.map((issue) => ({
      level: issue.level,
      message: issue.message,
      ...(issue.column === undefined ? {} : { column: issue.column }),
    })),
    ready: preview.ready,
    edits: preview.edits,
  };
}

/** A grid row: cells as text, problems in words. */
export function rowView(row: PreviewRow): ImportRowView {
  let reason = row.reason ?? null;
  if (reason === null && row.candidates && row.candidates.length > 0) {
    reason = `Matches several organizations: ${row.candidates.join(', ')}`;
  }
  return {
    index: row.index,
    rowNumber: row.rowNumber,
    cells: row.cells.map((cell) => displayCell(cell)),
    edited: row.edited,
    errors: row.errors.map((error) => ({
      column: error.column,
      message: error.message,
      ...(error.suggestion === undefined ? {} : { suggestion: error.suggestion }),
    })),
    notes: [...row.notes.map((note) => `${note.column}: ${note.message}`), ...row.issues],
    outcome: row.outcome,
    orgId: row.orgId,
    reason,
  };
}
