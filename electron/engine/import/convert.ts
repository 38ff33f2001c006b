/**
 * The conversion pipeline: one row of cells + the mapping + the column settings → the v2 body, the
 * match key and every problem with a cell. The preview, the dry run and the import job all convert
 * through `createRowConverter`, so there is one implementation of "what this row means".
 */
import type { MappingTarget } from '../../../shared/mapping.ts';
import { sameTarget } from '../../../shared/mapping.ts';
import type { OrgField, PipedriveUser } from '../../../shared/model.ts';
import {
  assembleWrite,
  checkCreate,
  compileAssembler,
  compileCoerce,
  compileQuickCoerce,
  createCoerceContext,
  DEFAULT_COLUMN_SETTINGS,
  NOT_QUICK,
  valueType,
} from '../../../shared/values/index.ts';
import type {
  AssembleError,
  CellInput,
  CoerceContext,
  CoerceResult,
  ColumnSettings,
  CompiledAssembly,
} from '../../../shared/values/index.ts';
import { checkedByEmptiness, compileChecker } from '../../../shared/values/compile-assembler.ts';
import { cellText, looseKey, quote, stripInvisible } from '../../../shared/values/text.ts';
import { CoerceCache } from './coerce-cache.ts';
import { matchKeyOf } from './match-key.ts';
import { MAX_CODED_COLUMNS, StateShapes, stateCode } from './state-shapes.ts';
import type {
  CellError,
  CellNote,
  CellState,
  CheckedRow,
  ColumnMap,
  ConvertedRow,
  DeferredCell,
  EmptyCells,
  ImportCatalog,
  RowFindings,
} from './types.ts';

/** What a converter is built from; everything that decides what a row means. */
export interface ConverterInput {
  readonly catalog: ImportCatalog;
  /** CSV cells may carry the export's formula guard, which is removed; XLSX text is taken as is. */
  readonly source: 'csv' | 'xlsx';
  /** The file's headers, in column order. */
  readonly headers: ReadonlyArray<string>;
  readonly mapping: ColumnMap;
  /** Effective settings per header; columns without an entry use the defaults. */
  readonly settings: Readonly<Record<string, ColumnSettings>>;
  readonly emptyCells: EmptyCells;
  /** What rows are matched by (update/upsert); null in create mode. */
  readonly match: MappingTarget | null;
}

/** A mapped column as the converter walks it. */
export interface MappedColumn {
  /** Position in the file's columns. */
  readonly index: number;
  readonly header: string;
  readonly target: MappingTarget;
  /** The field written (null for the Pipedrive ID). */
  readonly field: OrgField | null;
  readonly settings: ColumnSettings;
  /** True for the column rows are matched by. */
  readonly isMatch: boolean;
  /** True for a column holding users (the owner or a custom user field). */
  readonly isUser: boolean;
}

/** Converts rows of one file under one set of choices. */
export interface RowConverter {
  /** The mapped columns in file order; `ConvertedRow.states` follows this order. */
  readonly columns: ReadonlyArray<MappedColumn>;
  readonly context: CoerceContext;
  /** The column rows are matched by, or null when the match key is not mapped. */
  readonly matchColumn: MappedColumn | null;
  convert(rowNumber: number, cells: ReadonlyArray<CellInput>): ConvertedRow;
  /**
   * `convert` without building the body: the same errors, notes, states, match key and create check.
   * For planning before the organizations are known, where the body is never looked at.
   */
  check(rowNumber: number, cells: ReadonlyArray<CellInput>): CheckedRow;
  /**
   * The column states of a clean row, worked out without building anything: every cell converts
   * without a problem or a note, and its pattern of empty cells is one `check` has already found clean.
   * Null for any other row, which `check` must then read. For a row it does not call null, `check`
   * gives exactly these states and no problem, note or match key.
   */
  cleanStates(cells: ReadonlyArray<CellInput>): ReadonlyArray<CellState> | null;
}

/** How a cell reads in a message: its text as the user sees it (empty as ""). */
export function displayCell(cell: CellInput | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'string' ? cell : cellText(cell);
}

/** A problem line that names the column and the value: `Column "Revenue", value "12,5x": …`. */
export function describeCellError(error: CellError): string {
  const value = error.value === '' ? 'empty' : `value ${quote(error.value)}`;
  return `Column "${error.column}" (${value}): ${error.message}`;
}

/** The arrays of a row that has none of them: shared, and frozen so nothing can be added to one. */
const NONE: ReadonlyArray<never> = Object.freeze([]);

const NAMED_EMAIL = /<\s*([^<>\s]+@[^<>\s]+)\s*>$/;

/** The deactivated or deleted user a cell names (by ID, email or unique name), if that is what it names. */
function inactiveUser(cell: CellInput, context: CoerceContext): PipedriveUser | null {
  const text =
    typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? stripInvisible(cell).trim() : '';
  if (text === '') return null;
  const users = context.users;
  let user: PipedriveUser | undefined;
  if (/^#?\d+$/.test(text)) user = users.byId.get(Number(text.replace('#', '')));
  else {
    const email = NAMED_EMAIL.exec(text)?.[1] ?? (text.includes('@') ? text : null);
    if (email !== null) user = users.byEmail.get(email.toLowerCase());
    else {
      const named = users.byName.get(looseKey(text)) ?? [];
      user = named.length === 1 ? named[0] : undefined;
    }
  }
  return user && (!user.active_flag || user.is_deleted === true) ? user : null;
}

/** Patterns of empty cells found clean; past this many, new ones are left to `check`. */
const MAX_CLEAN_PATTERNS = 4096;

/** The failed and deferred cells of a row (only rows with such a cell have this). */
interface RowFailures {
  /** Positions of the columns left out of the body. */
  readonly omitted: number[];
  readonly cellErrors: CellError[];
  readonly deferred: DeferredCell[];
}

/** Builds the converter; the coerce context (option and user indexes) is built once here. */
export function createRowConverter(input: ConverterInput): RowConverter {
  const { catalog, headers, mapping } = input;
  const context = createCoerceContext({
    fields: catalog.fields,
    users: catalog.users,
    ...(catalog.labels ? { labels: catalog.labels } : {}),
    defaultCurrency: catalog.defaultCurrency ?? null,
    source: input.source,
  });
  const columns: MappedColumn[] = [];
  headers.forEach((header, index) => {
    const target = mapping[header] ?? null;
    if (target === null) return;
    const field = target.kind === 'id' ? null : (context.fieldByKey.get(target.key) ?? null);
    columns.push({
      index,
      header,
      target,
      field,
      settings: input.settings[header] ?? DEFAULT_COLUMN_SETTINGS,
      isMatch: input.match !== null && sameTarget(target, input.match),
      isUser: target.kind === 'field' && field !== null && valueType(field) === 'user',
    });
  });
  const matchColumn = columns.find((c) => c.isMatch) ?? null;
  // assembleWrite reports problems by field key; the message goes to the column that field came from.
  const columnOfKey = new Map<string, number>();
  columns.forEach((column, c) => {
    if (column.target.kind === 'id') return;
    const known = columnOfKey.get(column.target.key);
    const knownTarget = known === undefined ? null : (columns[known] as MappedColumn).target;
    if (!knownTarget || (knownTarget.kind === 'part' && column.target.kind === 'field'))
      columnOfKey.set(column.target.key, c);
  });
  const fields = catalog.fields;
  const assembleMode = { emptyCells: input.emptyCells };
  // Rows without failed cells (nearly all) assemble every column, so that is worked out once.
  const targets = columns.map((column) => column.target);
  const assembleAll = compileAssembler(targets, fields, assembleMode);
  const checkAll = compileChecker(targets, fields, assembleMode);
  const width = columns.length;
  const cellAt = columns.map((column) => column.index);
  const isMatch = columns.map((column) => column.isMatch);
  // Per column: the quick conversion of its usual cells, and the full one (cached) for the rest.
  const quick = columns.map((column) => compileQuickCoerce(column.target, context, column.settings));
  const caches = columns.map(
    (column) => new CoerceCache(compileCoerce(column.target, context, column.settings)),
  );
  // Scratch space reused row after row: the columns' values and states (nothing keeps a reference).
  const values = new Array<unknown>(width).fill(null);
  const states = new Array<CellState>(width).fill(0);
  const shapes = new StateShapes();
  // When the checker's verdict on plain values depends only on which are empty, a clean row is known
  // by its pattern of empty cells: the first row with a pattern is checked in full, and when it is
  // clean, the rows after it with the same pattern need only their cells converted (cleanStates).
  const byEmptiness =
    matchColumn === null && width <= MAX_CODED_COLUMNS && checkedByEmptiness(targets, fields);
  const cleanPatterns = new Map<number, ReadonlyArray<CellState>>();
  // The name must be text that is not blank (checkCreate), which its pattern alone does not say.
  const isName = columns.map((column) => column.target.kind === 'field' && column.target.key === 'name');

  /** A cell that failed: an error, or deferred when it names an inactive user. */
  function fail(
    c: number,
    cell: CellInput,
    result: CoerceResult & { kind: 'error' },
    into: RowFailures,
  ): void {
    const column = columns[c] as MappedColumn;
    const error: CellError = {
      column: column.header,
      value: displayCell(cell),
      message: result.message,
      ...(result.accepted === undefined ? {} : { accepted: result.accepted }),
      ...(result.suggestion === undefined ? {} : { suggestion: result.suggestion }),
    };
    into.omitted.push(c);
    const inactive = column.isUser ? inactiveUser(cell, context) : null;
    if (inactive && column.target.kind === 'field') {
      states[c] = 1;
      into.deferred.push({ column: column.header, key: column.target.key, userId: inactive.id, error });
    } else {
      states[c] = 2;
      into.cellErrors.push(error);
    }
  }

  // What the last row read found besides its failures (reset by every readCells).
  let rowNotes: CellNote[] | null = null;
  let rowMatch: string | number | null = null;

  /** Converts a row's cells into `values` and `states`; returns its failed and deferred cells. */
  function readCells(cells: ReadonlyArray<CellInput>): RowFailures | null {
    let failures: RowFailures | null = null;
    let notes: CellNote[] | null = null;
    let matchValue: string | number | null = null;
    for (let c = 0; c < width; c++) {
      const cell = cells[cellAt[c] as number] ?? null;
      const quickly = quick[c];
      let value = quickly ? quickly(cell) : NOT_QUICK;
      if (value === NOT_QUICK) {
        const result = (caches[c] as CoerceCache).coerce(cell);
        if (result.kind === 'error') {
          fail(c, cell, result, (failures ??= { omitted: [], cellErrors: [], deferred: [] }));
          continue;
        }
        if (result.kind === 'empty') value = null;
        else {
          value = result.value;
          if (result.note !== undefined)
            (notes ??= []).push({ column: (columns[c] as MappedColumn).header, message: result.note });
        }
      }
      values[c] = value;
      states[c] = value === null ? 0 : 1;
      if (value !== null && isMatch[c] && (typeof value === 'string' || typeof value === 'number'))
        matchValue = value;
    }
    rowNotes = notes;
    rowMatch = matchValue;
    return failures;
  }

  /** A row with failed cells: assembled without them, so "clear empty cells" never clears their fields. */
  function assembleRest(failures: RowFailures): CompiledAssembly {
    const { omitted } = failures;
    const inputs = columns
      .map((column, c) => ({ target: column.target, value: values[c] }))
      .filter((_, c) => !omitted.includes(c));
    return assembleWrite(inputs, fields, assembleMode);
  }

  /** The row `readCells` read, with the assembler's problems and the create check added. */
  function finish<B>(
    rowNumber: number,
    cells: ReadonlyArray<CellInput>,
    failures: RowFailures | null,
    body: B,
    problems: ReadonlyArray<AssembleError>,
    createProblem: AssembleError | null,
  ): RowFindings & { readonly body: B } {
    let cellErrors: CellError[] | null =
      failures && failures.cellErrors.length > 0 ? failures.cellErrors : null;
    for (let p = 0; p < problems.length; p++) {
      const problem = problems[p] as AssembleError;
      const c = columnOfKey.get(problem.key);
      const column = c === undefined ? undefined : columns[c];
      if (c !== undefined) states[c] = 2;
      (cellErrors ??= []).push({
        column: column?.header ?? problem.key,
        value: column ? displayCell(cells[column.index]) : '',
        message: problem.message,
      });
    }
    return {
      rowNumber,
      body,
      matchValue: rowMatch,
      matchKey: matchKeyOf(rowMatch),
      cellErrors: cellErrors ?? NONE,
      deferred: failures && failures.deferred.length > 0 ? failures.deferred : NONE,
      createError: createProblem ? createProblem.message : null,
      notes: rowNotes ?? NONE,
      states: shapes.of(states),
    };
  }

  // Reads the cells as readCells does, without keeping values, failures or notes: its own loop, since
  // this one runs for nearly every row of a preview.
  function cleanStates(cells: ReadonlyArray<CellInput>): ReadonlyArray<CellState> | null {
    if (cleanPatterns.size === 0) return null;
    let code = 0;
    for (let c = 0; c < width; c++) {
      const cell = cells[cellAt[c] as number] ?? null;
      const quickly = quick[c];
      let value = quickly ? quickly(cell) : NOT_QUICK;
      if (value === NOT_QUICK) {
        const result = (caches[c] as CoerceCache).coerce(cell);
        if (result.kind === 'empty') value = null;
        else if (result.kind === 'value' && result.note === undefined) value = result.value;
        else return null;
      }
      if (value === null) {
        code *= 3;
        continue;
      }
      // Only strings and numbers are sure to pass as plain values, and only text as a name.
      if (typeof value === 'string') {
        if (isName[c] && value.trim() === '') return null;
      } else if (typeof value !== 'number' || isName[c]) return null;
      code = code * 3 + 1;
    }
    return cleanPatterns.get(code) ?? null;
  }

  return {
    columns,
    context,
    matchColumn,
    cleanStates,
    convert(rowNumber, cells) {
      const failures = readCells(cells);
      const assembled = failures === null ? assembleAll(values) : assembleRest(failures);
      const { body, errors } = assembled;
      return finish(rowNumber, cells, failures, body, errors, checkCreate(body));
    },
    check(rowNumber, cells) {
      const failures = readCells(cells);
      if (failures === null) {
        const checked = checkAll(values);
        const row = finish(rowNumber, cells, null, null, checked.errors, checked.createError);
        const clean = row.notes.length === 0 && row.cellErrors.length === 0 && row.createError === null;
        if (byEmptiness && clean && cleanPatterns.size < MAX_CLEAN_PATTERNS)
          cleanPatterns.set(stateCode(row.states), row.states);
        return row;
      }
      // Rows with failed cells are rare: they are assembled for real, exactly as convert does.
      const { body, errors } = assembleRest(failures);
      return finish(rowNumber, cells, failures, null, errors, checkCreate(body));
    },
  };
}
