/**
 * The import screens' part of the renderer ↔ engine API (issue 5 items 4–5, issue 6): open a file for
 * import, preview it under the user's choices a page of rows at a time, fix cells in place, turn the
 * preview into the import job's spec, and keep named mapping profiles. `ipc.ts` merges these channels
 * into the whole contract; `ipc-import-schemas.ts` holds the checks made at the edge.
 *
 * Mapping targets travel as the text mapping profiles store (`id`, `name`, `address.locality`, a custom
 * field key), so what the UI sends is exactly what a profile saves. Cells travel as the text the user
 * sees, never as typed values (a Date would not survive the web bridge's JSON).
 */
import type { MatchMethod } from './automap/index.ts';
import type { ImportMode } from './mapping-profile.ts';
import type { ColumnSettings } from './values/index.ts';

// ---------------------------------------------------------------------------------------------------
// Payloads

/** How the file is read; each one given overrides what would be detected. */
export interface ImportReadChoice {
  /** XLSX: the sheet, by name. */
  readonly sheet?: string;
  /** 1-based row holding the headers. */
  readonly headerRow?: number;
  /** CSV: the text encoding (`utf-8`, `windows-1252`, …). */
  readonly encoding?: string;
  /** CSV: the field delimiter. */
  readonly delimiter?: string;
}

/** `import/open`: read a picked or dropped file (or a failed-rows report) for import. */
export interface ImportOpenRequest {
  readonly path: string;
  readonly read?: ImportReadChoice;
  readonly mode?: ImportMode;
  /** A session this one replaces (read again with other settings); it is closed. */
  readonly replaces?: string;
}

/** One sheet of a workbook. */
export interface ImportSheetView {
  readonly name: string;
  readonly hidden: boolean;
  readonly empty: boolean;
  /** Approximate. */
  readonly rows: number;
}

/** What the file summary shows. */
export interface ImportFileView {
  readonly path: string;
  readonly name: string;
  readonly format: 'csv' | 'xlsx';
  readonly size: number;
  /** Data rows (blank rows skipped). */
  readonly rows: number;
  readonly headers: ReadonlyArray<string>;
  /** CSV only. */
  readonly encoding: string | null;
  /** How the encoding was decided: `bom`, `chardet`, `option`… */
  readonly encodingSource: string | null;
  readonly delimiter: string | null;
  /** XLSX only: every sheet, in tab order. */
  readonly sheets: ReadonlyArray<ImportSheetView> | null;
  readonly sheet: string | null;
  readonly headerRow: number;
  readonly headerRowDetected: boolean;
  /** Renamed headers, ragged rows and the like, in words. */
  readonly notes: ReadonlyArray<string>;
  /** Columns Orgport's own reports added ("Row", "Reason"); never imported. */
  readonly reportColumns: ReadonlyArray<string>;
}

/** Something a column can be imported into, for the mapping table's dropdown. */
export interface ImportTargetOption {
  /** The target text (`id`, a field key, `key.part`). */
  readonly target: string;
  /** "Address – City", "Pipedrive ID". */
  readonly label: string;
  /** The field's key ('' for the Pipedrive ID). */
  readonly fieldKey: string;
  readonly custom: boolean;
  /** The value type the column is read as (`int`, `enum`, `date`, …; `id` for the Pipedrive ID). */
  readonly type: string;
  /** True for a part of a compound field (an address part, a currency, a range's end). */
  readonly part: boolean;
  /** True when rows can be matched by it (update / upsert). */
  readonly matchable: boolean;
}

/** One column of the file as the auto-mapping left it. */
export interface ImportColumnView {
  readonly column: string;
  /** A few non-empty values, as shown. */
  readonly samples: ReadonlyArray<string>;
  readonly target: string | null;
  /** 1 for exact matches and remembered mappings, lower for aliases and fuzzy matches, 0 for none. */
  readonly confidence: number;
  readonly method: MatchMethod;
  readonly note?: string;
}

/** What `import/open` answers. */
export interface ImportOpened {
  readonly sessionId: string;
  readonly file: ImportFileView;
  readonly columns: ReadonlyArray<ImportColumnView>;
  readonly targets: ReadonlyArray<ImportTargetOption>;
  /** True when the mapping used last time for a file with these headers was offered again. */
  readonly remembered: boolean;
}

/** The user's choices, as the preview and the job take them. */
export interface ImportChoicesView {
  /** Header → target text, or null (not imported). */
  readonly mapping: Readonly<Record<string, string | null>>;
  /** Per-column overrides of the detected reading settings. */
  readonly settings: Readonly<Record<string, Partial<ColumnSettings>>>;
  readonly mode: ImportMode;
  /** Target text rows are matched by (update / upsert); ignored when creating. */
  readonly match: string | null;
  readonly emptyCells: 'skip' | 'clear';
  readonly updateUnchanged: boolean;
}

/** `import/preview`: convert and plan every row under `choices`. */
export interface ImportPreviewRequest {
  readonly sessionId: string;
  readonly choices: ImportChoicesView;
  /** Page through the organizations to plan update/upsert rows (costs 10 tokens per 500). */
  readonly matchAgainstPipedrive: boolean;
}

/** The planned outcome of a row. */
export type ImportOutcomeName =
  'create' | 'update' | 'unchanged' | 'skip' | 'error' | 'ambiguous' | 'duplicate' | 'not-found' | 'pending';

/** One column in the preview: what it is read as and how its cells converted. */
export interface ImportColumnSummaryView {
  readonly column: string;
  readonly target: string | null;
  readonly targetLabel: string | null;
  readonly type: string | null;
  /** The settings used (detected, then the user's overrides). */
  readonly settings: ColumnSettings | null;
  /** What was detected and why, in words. */
  readonly detected: (ColumnSettings & { readonly notes: ReadonlyArray<string> }) | null;
  readonly isMatch: boolean;
  readonly converted: number;
  readonly empty: number;
  readonly failed: number;
}

/** What the whole import will cost in API tokens. */
export interface ImportCostView {
  readonly fields: number;
  readonly users: number;
  /** Null while unknown (update/upsert before matching against Pipedrive). */
  readonly index: number | null;
  readonly writes: number;
  readonly total: number | null;
  /** The daily budget left now, when known. */
  readonly budgetLeft: number | null;
}

/** A problem with the choices themselves (two columns on one field, no match key…). */
export interface ImportIssueView {
  readonly level: 'error' | 'warning';
  readonly column?: string;
  readonly message: string;
}

/** The preview's figures. */
export interface ImportPreviewView {
  readonly rows: number;
  readonly mode: ImportMode;
  readonly columns: ReadonlyArray<ImportColumnSummaryView>;
  /** Rows that would fail. */
  readonly problemRows: number;
  readonly cellErrors: number;
  readonly outcomes: Readonly<Record<ImportOutcomeName, number>>;
  /** True when update/upsert rows were planned against the organizations (always true for create). */
  readonly matched: boolean;
  /** Organizations the rows were matched against, when they were. */
  readonly organizations: number | null;
  readonly cost: ImportCostView;
  readonly issues: ReadonlyArray<ImportIssueView>;
  /** True when nothing in the choices stops the import. */
  readonly ready: boolean;
  /** Cells the user fixed. */
  readonly edits: number;
}

/** `import/rows`: one page of the grid. */
export interface ImportRowsRequest {
  readonly sessionId: string;
  readonly offset: number;
  readonly limit: number;
  readonly problemsOnly: boolean;
}

/** A bad cell and why. */
export interface ImportCellErrorView {
  readonly column: string;
  readonly message: string;
  readonly suggestion?: string;
}

/** One row of the grid. */
export interface ImportRowView {
  readonly index: number;
  readonly rowNumber: number;
  /** One cell per column, as shown (edits applied). */
  readonly cells: ReadonlyArray<string>;
  /** Headers of the cells the user edited. */
  readonly edited: ReadonlyArray<string>;
  readonly errors: ReadonlyArray<ImportCellErrorView>;
  /** Soft warnings (a two-digit year read as 20xx) and the reader's notes about the row. */
  readonly notes: ReadonlyArray<string>;
  readonly outcome: ImportOutcomeName;
  readonly orgId: number | null;
  /** Why the row fails, is skipped or unchanged (ambiguous candidates, duplicate rows…). */
  readonly reason: string | null;
}

/** A page of rows. */
export interface ImportRowsPage {
  /** Rows in the whole list (all rows, or the rows with problems). */
  readonly total: number;
  readonly offset: number;
  readonly rows: ReadonlyArray<ImportRowView>;
}

/** `import/edit-cell`: fix one cell (`text` '' empties it, null restores the file's value). */
export interface ImportEditRequest {
  readonly sessionId: string;
  readonly rowNumber: number;
  readonly column: string;
  readonly text: string | null;
}

/** The row after the edit, and the figures after it. */
export interface ImportEditResult {
  readonly row: ImportRowView;
  readonly preview: ImportPreviewView | null;
}

/** `import/build-spec`: the job spec of what the session previews; start it with `job/start`. */
export interface ImportSpecRequest {
  readonly sessionId: string;
  readonly choices: ImportChoicesView;
}

/** The spec, for `job/start` with kind `import`. */
export interface ImportSpecResult {
  readonly spec: Readonly<Record<string, unknown>>;
}

/** A saved mapping profile. */
export interface MappingProfileView {
  readonly id: string;
  readonly name: string;
  readonly updatedAt: string;
  readonly columns: number;
  readonly mode: ImportMode | null;
}

/** Every saved profile, and files in the profiles folder that are not valid profiles. */
export interface MappingProfileList {
  readonly profiles: ReadonlyArray<MappingProfileView>;
  readonly broken: ReadonlyArray<{ readonly id: string; readonly message: string }>;
}

/** `import-profile/save`: save the session's current mapping under a name. */
export interface MappingProfileSaveRequest {
  readonly name: string;
  /** Replace a profile of the same name. */
  readonly replace: boolean;
  readonly sessionId: string;
  readonly choices: ImportChoicesView;
}

/** A profile applied to the open file. */
export interface MappingProfileApplied {
  /** The profile's choices; `mode`, `match` and `emptyCells` fall back to `current` where it names none. */
  readonly choices: ImportChoicesView;
  /** Set when the profile reads another sheet or header row: open the file with these, then apply again. */
  readonly reread: ImportReadChoice | null;
  readonly warnings: ReadonlyArray<string>;
  readonly errors: ReadonlyArray<string>;
}

/** A session addressed by its id. */
export interface ImportSessionRef {
  readonly sessionId: string;
}

// ---------------------------------------------------------------------------------------------------
// Channels

/** `import/*` and `import-profile/*`. */
export interface ImportChannels {
  'import/open': (request: ImportOpenRequest) => Promise<ImportOpened>;
  'import/preview': (request: ImportPreviewRequest) => Promise<ImportPreviewView>;
  'import/rows': (request: ImportRowsRequest) => Promise<ImportRowsPage>;
  'import/edit-cell': (request: ImportEditRequest) => Promise<ImportEditResult>;
  'import/build-spec': (request: ImportSpecRequest) => Promise<ImportSpecResult>;
  'import/close': (ref: ImportSessionRef) => Promise<void>;
  'import-profile/list': () => Promise<MappingProfileList>;
  'import-profile/save': (request: MappingProfileSaveRequest) => Promise<MappingProfileView>;
  'import-profile/rename': (args: {
    readonly id: string;
    readonly name: string;
  }) => Promise<MappingProfileView>;
  'import-profile/delete': (args: { readonly id: string }) => Promise<void>;
  'import-profile/apply': (args: {
    readonly sessionId: string;
    readonly id: string;
    readonly current: ImportChoicesView;
  }) => Promise<MappingProfileApplied>;
}

/** The `window.orgport` method of each import channel. */
export const IMPORT_INVOKE_METHODS = {
  'import/open': 'openImport',
  'import/preview': 'previewImport',
  'import/rows': 'importRows',
  'import/edit-cell': 'editImportCell',
  'import/build-spec': 'buildImportSpec',
  'import/close': 'closeImport',
  'import-profile/list': 'listMappingProfiles',
  'import-profile/save': 'saveMappingProfile',
  'import-profile/rename': 'renameMappingProfile',
  'import-profile/delete': 'deleteMappingProfile',
  'import-profile/apply': 'applyMappingProfile',
} as const satisfies { readonly [C in keyof ImportChannels]: string };
