/**
 * What a preview remembers between calls, compactly: one byte per row for its planned outcome and
 * one for "has a bad cell", the match keys (for duplicate tracking when a cell is edited), per-column
 * counts, and the converter and planning context. Rows themselves stay in the session's row store.
 */
import type { ResolvedChoices } from './choices.ts';
import type { RowConverter } from './convert.ts';
import type { DuplicateGroups, PlanContext } from './plan.ts';
import type { CellState, ConvertedRow, PlannedOutcome } from './types.ts';

/** Outcome ↔ byte code. */
export const OUTCOMES: ReadonlyArray<PlannedOutcome> = [
  'pending',
  'create',
  'update',
  'unchanged',
  'skip',
  'error',
  'ambiguous',
  'duplicate',
  'not-found',
];

const CODE = new Map(OUTCOMES.map((o, i) => [o, i]));

/** The byte code of an outcome. */
export function outcomeCode(outcome: PlannedOutcome): number {
  return CODE.get(outcome) ?? 0;
}

/** The outcome of a byte code. */
export function outcomeOf(code: number): PlannedOutcome {
  return OUTCOMES[code] ?? 'pending';
}

/** Per mapped column: how many cells converted, were empty, failed. */
export interface ColumnTally {
  readonly converted: Int32Array;
  readonly empty: Int32Array;
  readonly failed: Int32Array;
}

/** The state of the last preview of a session. */
export interface PreviewState {
  readonly choices: ResolvedChoices;
  readonly converter: RowConverter;
  readonly plan: PlanContext;
  readonly groups: DuplicateGroups;
  /** One outcome code per row index. */
  readonly outcomes: Uint8Array;
  /** 1 where the row has at least one bad cell. */
  readonly badCells: Uint8Array;
  /** Match key per row index (update/upsert only). */
  readonly matchKeys: Array<string | null> | null;
  readonly tally: ColumnTally;
  /** Bad cells over all rows. */
  cellErrors: number;
  /** Row indexes with a failing outcome, ascending; null after an edit until asked for again. */
  problemRows: Int32Array | null;
  readonly dailyBudget: number | null;
  readonly needsUsers: boolean;
}

/** Adds (`sign` 1) or removes (`sign` -1) a converted row's cells from the column counts. */
export function tallyRow(
  state: Pick<PreviewState, 'tally'>,
  row: Pick<ConvertedRow, 'states' | 'cellErrors'>,
  sign: 1 | -1,
): number {
  tallyStates(state.tally, row.states, sign);
  return sign * row.cellErrors.length;
}

/** Adds `count` rows with these column states to the column counts (a negative count removes them). */
export function tallyStates(tally: ColumnTally, states: ReadonlyArray<CellState>, count: number): void {
  const { converted, empty, failed } = tally;
  for (let c = 0; c < states.length; c++) {
    const s = states[c];
    if (s === 1) converted[c] = (converted[c] ?? 0) + count;
    else if (s === 2) failed[c] = (failed[c] ?? 0) + count;
    else empty[c] = (empty[c] ?? 0) + count;
  }
}
