/**
 * The import preview (issue 5 item 4, issue 6 item 2): every row of the file converted and planned
 * under the user's choices, summarised per column and per outcome with the token cost, served to the
 * UI a page at a time, and kept current when the user fixes a cell in place. The dry run prints the
 * same preview. Rows stay in the session's row store; the preview keeps a few bytes per row.
 */
import { describeTarget } from '../../../shared/automap/index.ts';
import { formatTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import { valueType } from '../../../shared/values/index.ts';
import type { CellInput, ColumnSettings, DetectedSettings, ValueType } from '../../../shared/values/index.ts';
import { needsUsers } from './catalog.ts';
import { resolveChoices, type ChoiceIssue, type ImportChoices, type ResolvedChoices } from './choices.ts';
import { createRowConverter, type RowConverter } from './convert.ts';
import { estimateCost, type TokenCost } from './cost.ts';
import type { OrgIndex } from './org-index.ts';
import { DuplicateGroups, planRow, type PlanContext } from './plan.ts';
import { passKey, PreviewPass, type PreviewPassResult } from './preview-pass.ts';
import { OUTCOMES, outcomeCode, outcomeOf, tallyRow, type PreviewState } from './preview-state.ts';
import { buildPreviewRow, type PreviewRow } from './preview-rows.ts';
import type { ImportSession } from './session.ts';
import { FAILING_OUTCOMES, type ImportMode, type PlannedOutcome } from './types.ts';

/** Options of {@link previewImport}. */
export interface PreviewOptions {
  /**
   * The organizations, indexed by the chosen match key (`loadOrgIndex`): without it update/upsert
   * rows stay `pending`, since whether they create, update or change nothing is not known yet.
   */
  readonly index?: OrgIndex | null;
  readonly signal?: AbortSignal;
  /** Rows converted so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The company's daily token budget, to show the cost as a share of it. */
  readonly dailyBudget?: number | null;
}

/** One column of the file in the preview. */
export interface ColumnSummary {
  readonly column: string;
  /** 0-based position in the file. */
  readonly index: number;
  readonly target: MappingTarget | null;
  /** "Name", "Address – City", "Pipedrive ID"; null when the column is not imported. */
  readonly targetLabel: string | null;
  /** The value type the column is read as (`id` for the Pipedrive ID). */
  readonly type: ValueType | 'id' | null;
  /** The settings used (detected, then the user's overrides). */
  readonly settings: ColumnSettings | null;
  /** What was detected, with notes explaining it. */
  readonly detected: DetectedSettings | null;
  /** True for the column rows are matched by. */
  readonly isMatch: boolean;
  /** Cells converted, empty, failed (all 0 for a column that is not imported). */
  readonly converted: number;
  readonly empty: number;
  readonly failed: number;
}

/** How many rows get each planned outcome. */
export type OutcomeCounts = Readonly<Record<PlannedOutcome, number>>;

/** The preview of an import under one set of choices. */
export interface ImportPreview {
  readonly rows: number;
  readonly mode: ImportMode;
  readonly match: MappingTarget | null;
  /** Every column of the file, in order. */
  readonly columns: ReadonlyArray<ColumnSummary>;
  /** Rows that would fail (bad cells, no or several matches, duplicates in the file). */
  readonly problemRows: number;
  /** Bad cells over all rows. */
  readonly cellErrors: number;
  readonly outcomes: OutcomeCounts;
  /** True when outcomes are planned against the organizations (always true for create). */
  readonly indexLoaded: boolean;
  readonly cost: TokenCost;
  /** Problems with the choices themselves (a column mapped twice, no match key…). */
  readonly issues: ReadonlyArray<ChoiceIssue>;
  /** True when nothing in the choices stops the import (rows may still fail). */
  readonly ready: boolean;
  /** Cells the user edited. */
  readonly edits: number;
}

/** One page of preview rows. */
export interface PreviewPage {
  /** Rows in the whole list (all rows, or the rows with problems). */
  readonly total: number;
  readonly offset: number;
  readonly rows: ReadonlyArray<PreviewRow>;
}

/**
 * Converts and plans every row under `choices` and remembers the result in the session (for paging
 * and edits). Streams over the rows; memory per row is two bytes and a match key.
 */
export async function previewImport(
  session: ImportSession,
  choices: ImportChoices,
  options: PreviewOptions = {},
): Promise<ImportPreview> {
  const generation = ++session.previewGeneration;
  const fields = session.catalog.fields;
  const resolved = resolveChoices(session.headers, fields, choices, (h, t) => session.detectedSettings(h, t));
  const converter = createRowConverter({
    catalog: session.catalog,
    source: session.file.format,
    headers: session.headers,
    mapping: resolved.mapping,
    settings: resolved.settings,
    emptyCells: resolved.emptyCells,
    match: resolved.match,
  });
  const index = resolved.mode === 'create' ? null : (options.index ?? null);
  if (index && resolved.match && formatTarget(index.match) !== formatTarget(resolved.match)) {
    throw new Error(
      `The organizations were indexed by "${formatTarget(index.match)}", not by the chosen match key ` +
        `"${formatTarget(resolved.match)}"; load the index again.`,
    );
  }
  const total = session.spool.count;
  const groups = new DuplicateGroups();
  const plan: PlanContext = {
    mode: resolved.mode,
    match: resolved.match,
    index,
    duplicates: groups,
    fields,
    updateUnchanged: resolved.updateUnchanged,
    matchColumn: converter.matchColumn?.header ?? null,
  };
  // The first preview of a file whose choices were known while it was read was run then, in the
  // reading worker (session.ts); otherwise every row is converted and planned now.
  let pass = takeEarlyPass(session, resolved, index);
  if (pass) options.onProgress?.(total, total);
  else pass = await scanRows(session, converter, plan, options);
  const state: PreviewState = {
    choices: resolved,
    converter,
    plan,
    groups,
    outcomes: pass.outcomes,
    badCells: pass.badCells,
    matchKeys: pass.matchKeys,
    tally: pass.tally,
    cellErrors: pass.cellErrors,
    problemRows: null,
    dailyBudget: options.dailyBudget ?? null,
    needsUsers: needsUsers(Object.values(resolved.mapping), fields),
  };
  if (state.matchKeys) {
    for (let i = 0; i < total; i++) groups.add(state.matchKeys[i] ?? null, session.spool.rowNumberAt(i));
    // planRow looks at bad cells first and duplicates next; a key shared by several rows marks them all.
    const duplicate = outcomeCode('duplicate');
    for (let i = 0; i < total; i++) {
      if (state.badCells[i] === 1) continue;
      if (groups.others(state.matchKeys[i] ?? null, session.spool.rowNumberAt(i)).length > 0)
        state.outcomes[i] = duplicate;
    }
  }
  // A preview started later (the user changed the mapping again meanwhile) wins: this one is only returned.
  if (session.previewGeneration === generation) session.preview = state;
  return summarize(session, state);
}

/** Converts and plans every stored row (with the user's edits), without duplicates. */
async function scanRows(
  session: ImportSession,
  converter: RowConverter,
  plan: PlanContext,
  options: PreviewOptions,
): Promise<PreviewPassResult> {
  const total = session.spool.count;
  // Duplicates are only known once every row is seen: the caller fixes those up after the pass.
  const pass = new PreviewPass(converter, { ...plan, duplicates: new DuplicateGroups() }, total);
  let done = 0;
  for await (const batch of session.spool.scan(options.signal)) {
    for (const row of batch) pass.add(row.rowNumber, session.edits.get(row.index) ?? row.cells);
    done += batch.length;
    options.onProgress?.(done, total);
  }
  return pass.result();
}

/**
 * The pass the reading worker ran while the file was read, if it was run under exactly these choices
 * (same fields and users, same resolved mapping and settings), nothing was edited since, and update
 * rows are not planned against the organizations (the worker had none). Used once.
 */
function takeEarlyPass(
  session: ImportSession,
  resolved: ResolvedChoices,
  index: OrgIndex | null,
): PreviewPassResult | null {
  const early = session.earlyPass;
  session.earlyPass = null;
  if (!early || index !== null || session.edits.size > 0) return null;
  if (early.catalog !== session.catalog || early.result.rows !== session.spool.count) return null;
  return early.key === passKey(resolved) ? early.result : null;
}

/** The preview's figures as they stand (after edits too). Throws if there is no preview yet. */
export function summarizePreview(session: ImportSession): ImportPreview {
  return summarize(session, requireState(session));
}

function summarize(session: ImportSession, state: PreviewState): ImportPreview {
  const { choices, converter } = state;
  // Counted by code first: a plain loop over the bytes, where a lookup by name per row cost 10 ms.
  const byCode = new Float64Array(256);
  const outcomes = state.outcomes;
  for (let i = 0; i < outcomes.length; i++) {
    const code = outcomes[i] as number;
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<PlannedOutcome, number>;
  byCode.forEach((n, code) => {
    if (n > 0) counts[outcomeOf(code)] += n;
  });
  const fields = session.catalog.fields;
  const columns: ColumnSummary[] = session.headers.map((column, index) => {
    const c = converter.columns.findIndex((m) => m.index === index);
    const mapped = converter.columns[c];
    const target = choices.mapping[column] ?? null;
    return {
      column,
      index,
      target,
      targetLabel: target === null ? null : describeTarget(target, fields),
      type: mapped === undefined ? null : mapped.field === null ? 'id' : valueType(mapped.field),
      settings: target === null ? null : (choices.settings[column] ?? null),
      detected: choices.detected[column] ?? null,
      isMatch: mapped?.isMatch ?? false,
      converted: mapped === undefined ? 0 : (state.tally.converted[c] ?? 0),
      empty: mapped === undefined ? 0 : (state.tally.empty[c] ?? 0),
      failed: mapped === undefined ? 0 : (state.tally.failed[c] ?? 0),
    };
  });
  const problemRows = [...FAILING_OUTCOMES].reduce((n, o) => n + counts[o], 0);
  const indexLoaded = choices.mode === 'create' || state.plan.index !== null;
  return {
    rows: session.spool.count,
    mode: choices.mode,
    match: choices.match,
    columns,
    problemRows,
    cellErrors: state.cellErrors,
    outcomes: counts,
    indexLoaded,
    cost: estimateCost({
      mode: choices.mode,
      creates: counts.create,
      updates: counts.update,
      pending: counts.pending,
      indexPages: state.plan.index?.pages ?? null,
      needsUsers: state.needsUsers,
      dailyBudget: state.dailyBudget,
    }),
    issues: choices.issues,
    ready: !choices.issues.some((i) => i.level === 'error'),
    edits: [...session.editedColumns.values()].reduce((n, set) => n + set.size, 0),
  };
}

/**
 * A page of rows for the grid: all rows, or (`problemsOnly`) only those that would fail, each with
 * its cells (edits applied), bad cells with reasons, and planned outcome.
 */
export async function getPreviewRows(
  session: ImportSession,
  offset: number,
  limit: number,
  options: { readonly problemsOnly?: boolean } = {},
): Promise<PreviewPage> {
  const count = Math.max(0, Math.min(limit, 1000));
  if (options.problemsOnly) {
    const problems = problemRowIndexes(session);
    const indexes = Array.from(problems.subarray(offset, offset + count));
    const rows = await session.spool.readAt(indexes);
    return { total: problems.length, offset, rows: rows.map((row) => buildPreviewRow(session, row)) };
  }
  const rows = await session.spool.read(offset, count);
  return { total: session.spool.count, offset, rows: rows.map((row) => buildPreviewRow(session, row)) };
}

/**
 * Fixes one cell in place (issue 5: "a cell can be edited in place to fix it"): `text` replaces the
 * cell ('' empties it, null restores the file's value). The row is converted and planned again, as are
 * rows whose duplicate status it changes; the figures are updated. The edit goes into the job's spec.
 */
export async function editCell(
  session: ImportSession,
  rowNumber: number,
  column: string,
  text: string | null,
): Promise<{ readonly row: PreviewRow; readonly preview: ImportPreview | null }> {
  const index = session.spool.indexOfRow(rowNumber);
  if (index < 0) throw new RangeError(`The file has no data row ${rowNumber}.`);
  const col = session.headers.indexOf(column);
  if (col < 0) throw new RangeError(`The file has no column "${column}".`);
  const [original] = await session.spool.read(index, 1);
  if (!original) throw new RangeError(`The file has no data row ${rowNumber}.`);
  const before = session.edits.get(index) ?? original.cells;
  const after = [...before];
  const edited = session.editedColumns.get(index) ?? new Set<number>();
  if (text === null) {
    after[col] = original.cells[col] ?? null;
    edited.delete(col);
  } else {
    after[col] = text.trim() === '' ? null : text;
    edited.add(col);
  }
  if (edited.size === 0) {
    session.edits.delete(index);
    session.editedColumns.delete(index);
  } else {
    session.edits.set(index, after);
    session.editedColumns.set(index, edited);
  }
  const state = session.preview;
  if (state) await replan(session, state, index, rowNumber, before, after);
  const row = buildPreviewRow(session, { ...original, cells: after });
  return { row, preview: state ? summarizePreview(session) : null };
}

async function replan(
  session: ImportSession,
  state: PreviewState,
  index: number,
  rowNumber: number,
  before: ReadonlyArray<CellInput>,
  after: ReadonlyArray<CellInput>,
): Promise<void> {
  const old = state.converter.convert(rowNumber, before);
  const now = state.converter.convert(rowNumber, after);
  state.cellErrors += tallyRow(state, old, -1) + tallyRow(state, now, 1);
  state.badCells[index] = now.cellErrors.length > 0 ? 1 : 0;
  const affected = new Set<number>([index]);
  if (state.matchKeys && state.matchKeys[index] !== now.matchKey) {
    const oldKey = state.matchKeys[index] ?? null;
    state.groups.remove(oldKey, rowNumber);
    state.groups.add(now.matchKey, rowNumber);
    state.matchKeys[index] = now.matchKey;
    for (const other of [...state.groups.rows(oldKey), ...state.groups.rows(now.matchKey)]) {
      affected.add(session.spool.indexOfRow(other));
    }
  }
  for (const i of affected) {
    const converted =
      i === index ? now : state.converter.convert(session.spool.rowNumberAt(i), await session.cellsAt(i));
    state.outcomes[i] = outcomeCode(planRow(converted, state.plan).outcome);
  }
  state.problemRows = null;
}

function problemRowIndexes(session: ImportSession): Int32Array {
  const state = requireState(session);
  if (state.problemRows) return state.problemRows;
  const failing = new Set([...FAILING_OUTCOMES].map(outcomeCode));
  let n = 0;
  for (const code of state.outcomes) if (failing.has(code)) n += 1;
  const list = new Int32Array(n);
  let k = 0;
  state.outcomes.forEach((code, i) => {
    if (failing.has(code)) list[k++] = i;
  });
  state.problemRows = list;
  return list;
}

function requireState(session: ImportSession): PreviewState {
  if (!session.preview) throw new Error('There is no preview yet: call previewImport first.');
  return session.preview;
}
