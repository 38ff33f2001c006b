/**
 * Preview rows as the grid shows them: cells with the user's edits, each bad cell with its reason,
 * and the row's planned outcome. Built on demand for the rows of one page, from the same converter
 * and planner that produced the preview's figures.
 */
import type { CellInput } from '../../../shared/values/index.ts';
import { planRow } from './plan.ts';
import type { SpooledRow } from './row-spool.ts';
import type { ImportSession } from './session.ts';
import type { CellError, CellNote, PlannedOutcome } from './types.ts';

/** One row of the preview grid. */
export interface PreviewRow {
  /** 0-based position among the data rows. */
  readonly index: number;
  /** The row number a spreadsheet program shows. */
  readonly rowNumber: number;
  /** One cell per column, with the user's edits applied. */
  readonly cells: ReadonlyArray<CellInput>;
  /** Headers of the cells the user edited. */
  readonly edited: ReadonlyArray<string>;
  /** Bad cells, with what is wrong and what would be accepted. */
  readonly errors: ReadonlyArray<CellError>;
  /** Soft warnings (e.g. a two-digit year read as 20xx). */
  readonly notes: ReadonlyArray<CellNote>;
  /** What the reader noticed about the row (ragged, a formula error read as empty…). */
  readonly issues: ReadonlyArray<string>;
  readonly outcome: PlannedOutcome;
  /** The organization the row updates (update, unchanged, skip). */
  readonly orgId: number | null;
  /** Ambiguous: the organizations the match key fits. */
  readonly candidates?: ReadonlyArray<number>;
  /** Duplicate: the other rows with the same match key. */
  readonly duplicateRows?: ReadonlyArray<number>;
  /** Why the row fails, is skipped or unchanged. */
  readonly reason?: string;
}

/** Builds the grid row of a stored row (its cells may be edited ones). */
export function buildPreviewRow(session: ImportSession, row: SpooledRow): PreviewRow {
  const cells = session.edits.get(row.index) ?? row.cells;
  const editedColumns = session.editedColumns.get(row.index);
  const edited = editedColumns
    ? [...editedColumns].sort((a, b) => a - b).map((c) => session.headers[c] ?? '')
    : [];
  const base = {
    index: row.index,
    rowNumber: row.rowNumber,
    cells,
    edited,
    issues: row.issues ?? [],
  };
  const state = session.preview;
  if (!state) return { ...base, errors: [], notes: [], outcome: 'pending', orgId: null };
  const converted = state.converter.convert(row.rowNumber, cells);
  const plan = planRow(converted, state.plan);
  return {
    ...base,
    errors: converted.cellErrors,
    notes: converted.notes,
    outcome: plan.outcome,
    orgId: plan.orgId,
    ...(plan.candidates ? { candidates: plan.candidates } : {}),
    ...(plan.duplicateRows ? { duplicateRows: plan.duplicateRows } : {}),
    ...(plan.reason !== undefined ? { reason: plan.reason } : {}),
  };
}
