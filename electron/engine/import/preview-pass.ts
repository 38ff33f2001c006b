/**
 * One pass of the preview over the rows: each row converted and planned (without duplicates, which
 * are only known once every row is seen), its outcome, bad-cell flag and match key kept in compact
 * arrays, and the per-column counts. `previewImport` runs it over the row store; when the choices are
 * known while the file is read, the reading worker runs the same pass over the rows as it parses them
 * (`createPreviewSink`), so the first preview needs no second pass over the file.
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import type { OrgField } from '../../../shared/model.ts';
import type { CellInput } from '../../../shared/values/index.ts';
import type { ResolvedChoices } from './choices.ts';
import { createRowConverter, type ConverterInput, type RowConverter } from './convert.ts';
import { DuplicateGroups, planRow, type PlanContext, type UnindexedPlan } from './plan.ts';
import { outcomeCode, tallyStates, type ColumnTally } from './preview-state.ts';
import type { CellState, ImportMode, RowFindings, RowPlan } from './types.ts';

const CREATE_CODE = outcomeCode('create');

/** What the reading worker needs to run a pass: plain data, so it crosses a message port. */
export interface PreviewPassSpec {
  readonly converter: ConverterInput;
  readonly mode: ImportMode;
  readonly updateUnchanged: boolean;
}

/** The arrays a pass fills, one entry per row (or per mapped column for the counts). */
export interface PreviewPassResult {
  readonly rows: number;
  readonly outcomes: Uint8Array<ArrayBuffer>;
  readonly badCells: Uint8Array<ArrayBuffer>;
  /** Match key per row (update/upsert only). */
  readonly matchKeys: Array<string | null> | null;
  readonly tally: ColumnTally;
  readonly cellErrors: number;
}

/**
 * What decides a pass's result besides the file and the catalog: two passes with the same key over the
 * same rows give the same arrays.
 */
export function passKey(choices: ResolvedChoices): string {
  const { mode, match, emptyCells, updateUnchanged, mapping, settings } = choices;
  return JSON.stringify([mode, match, emptyCells, updateUnchanged, mapping, settings]);
}

/** The planning context of a pass: no organizations, no duplicates yet. */
export function passPlan(
  converter: RowConverter,
  fields: ReadonlyArray<OrgField>,
  mode: ImportMode,
  match: MappingTarget | null,
  updateUnchanged: boolean,
): PlanContext {
  return {
    mode,
    match,
    index: null,
    duplicates: new DuplicateGroups(),
    fields,
    updateUnchanged,
    matchColumn: converter.matchColumn?.header ?? null,
  };
}

/** Converts and plans rows one after another, in row order. */
export class PreviewPass {
  private outcomes: Uint8Array<ArrayBuffer>;
  private badCells: Uint8Array<ArrayBuffer>;
  private readonly matchKeys: Array<string | null> | null;
  private readonly tally: ColumnTally;
  /** The plan when it has no organizations: then rows are only checked, their bodies never built. */
  private readonly unindexed: UnindexedPlan | null;
  private cellErrors = 0;
  private count = 0;
  // Rows in a row with the same column states (the converter shares one array per set of states) are
  // counted here and added to the tally in one go: nearly every row of a file has the same states.
  private runStates: ReadonlyArray<CellState> | null = null;
  private runLength = 0;
  /** True when a clean row's plan is a create without looking at it: see `add`. */
  private readonly cleanCreates: boolean;

  constructor(
    private readonly converter: RowConverter,
    /** Planning without duplicates; its `index` decides whether update rows are planned or pending. */
    private readonly plan: PlanContext,
    /** Rows expected (the arrays grow past it). */
    capacity = 1024,
  ) {
    this.outcomes = new Uint8Array(Math.max(1, capacity));
    this.badCells = new Uint8Array(Math.max(1, capacity));
    this.matchKeys = plan.match === null ? null : [];
    this.unindexed = plan.index === null ? { ...plan, index: null } : null;
    // Without a match, planRow plans a clean row as a create (createPlan), and it has no match key.
    this.cleanCreates = this.unindexed !== null && plan.match === null;
    const width = converter.columns.length;
    this.tally = {
      converted: new Int32Array(width),
      empty: new Int32Array(width),
      failed: new Int32Array(width),
    };
  }

  /** Converts and plans the next row (cells as edited, when the user edited them). */
  add(rowNumber: number, cells: ReadonlyArray<CellInput>): void {
    const i = this.count++;
    if (i === this.outcomes.length) this.grow();
    if (this.cleanCreates) {
      // Nearly every row: known clean from its cells alone, so nothing is built for it.
      const clean = this.converter.cleanStates(cells);
      if (clean !== null) {
        this.countStates(clean);
        this.badCells[i] = 0;
        this.outcomes[i] = CREATE_CODE;
        return;
      }
    }
    const { unindexed } = this;
    let row: RowFindings;
    let planned: RowPlan;
    // Without the organizations the planner never reads a body, so none is built (a tenth of a preview).
    if (unindexed) {
      const checked = this.converter.check(rowNumber, cells);
      planned = planRow(checked, unindexed);
      row = checked;
    } else {
      const converted = this.converter.convert(rowNumber, cells);
      planned = planRow(converted, this.plan);
      row = converted;
    }
    this.countStates(row.states);
    this.cellErrors += row.cellErrors.length;
    this.badCells[i] = row.cellErrors.length > 0 ? 1 : 0;
    this.matchKeys?.push(row.matchKey);
    this.outcomes[i] = outcomeCode(planned.outcome);
  }

  /** The arrays, cut to the rows added. */
  result(): PreviewPassResult {
    this.tallyRun();
    const n = this.count;
    return {
      rows: n,
      outcomes: n === this.outcomes.length ? this.outcomes : this.outcomes.slice(0, n),
      badCells: n === this.badCells.length ? this.badCells : this.badCells.slice(0, n),
      matchKeys: this.matchKeys,
      tally: this.tally,
      cellErrors: this.cellErrors,
    };
  }

  /** Counts a row's states: into the current run when they are its states, else a new run. */
  private countStates(states: ReadonlyArray<CellState>): void {
    if (states !== this.runStates) {
      this.tallyRun();
      this.runStates = states;
    }
    this.runLength += 1;
  }

  /** Adds the current run of rows with the same states to the tally. */
  private tallyRun(): void {
    const states = this.runStates;
    if (states === null || this.runLength === 0) return;
    tallyStates(this.tally, states, this.runLength);
    this.runLength = 0;
  }

  private grow(): void {
    const outcomes = new Uint8Array(this.outcomes.length * 2);
    outcomes.set(this.outcomes);
    this.outcomes = outcomes;
    const badCells = new Uint8Array(this.badCells.length * 2);
    badCells.set(this.badCells);
    this.badCells = badCells;
  }
}

/** The buffers of a result that can be transferred instead of copied. */
export function passBuffers(result: PreviewPassResult): ArrayBuffer[] {
  const { tally } = result;
  return [
    result.outcomes.buffer,
    result.badCells.buffer,
    tally.converted.buffer as ArrayBuffer,
    tally.empty.buffer as ArrayBuffer,
    tally.failed.buffer as ArrayBuffer,
  ];
}

/** The reading worker's side: a pass built from its spec, fed row by row while the file is copied. */
export function createPreviewSink(spec: PreviewPassSpec): {
  add(rowNumber: number, cells: ReadonlyArray<CellInput>): void;
  finish(): { readonly result: PreviewPassResult; readonly transfer: ArrayBuffer[] };
} {
  const converter = createRowConverter(spec.converter);
  const pass = new PreviewPass(
    converter,
    passPlan(converter, spec.converter.catalog.fields, spec.mode, spec.converter.match, spec.updateUnchanged),
    // Small, so the arrays first grow while `add` is still being learnt: growing them first after it
    // was optimized would throw that code away (V8 had never seen the call) and optimize it again.
    256,
  );
  return {
    add: (rowNumber, cells) => pass.add(rowNumber, cells),
    finish: () => {
      const result = pass.result();
      return { result, transfer: passBuffers(result) };
    },
  };
}
