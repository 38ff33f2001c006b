/** Rows' per-column states as base-3 codes, and one shared array per set of states (convert.ts). */
import type { CellState } from './types.ts';

/**
 * The per-column states of rows, shared between rows with the same states (nearly all rows of a file
 * have the same few): a row's states are worked out in a scratch array and looked up here by their
 * base-3 code, instead of a new array per row. The arrays handed out are frozen.
 */
export class StateShapes {
  private readonly shapes = new Map<number, ReadonlyArray<CellState>>();
  private lastCode = -1;
  private last: ReadonlyArray<CellState> = Object.freeze([]);

  /** The shared, frozen array holding the states in `scratch`. */
  of(scratch: ReadonlyArray<CellState>): ReadonlyArray<CellState> {
    if (scratch.length > MAX_CODED_COLUMNS) return scratch.slice();
    const code = stateCode(scratch);
    if (code === this.lastCode) return this.last;
    let shape = this.shapes.get(code);
    if (shape === undefined) {
      shape = Object.freeze(scratch.slice());
      if (this.shapes.size < 4096) this.shapes.set(code, shape);
    }
    this.lastCode = code;
    this.last = shape;
    return shape;
  }
}

/** 3^30 is still an exact integer; wider mappings get their own states array per row. */
export const MAX_CODED_COLUMNS = 30;

/** A row's column states as one base-3 number. */
export function stateCode(states: ReadonlyArray<CellState>): number {
  let code = 0;
  for (let c = 0; c < states.length; c++) code = code * 3 + (states[c] as number);
  return code;
}
