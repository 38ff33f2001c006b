/**
 * The Organizations browser's and the bulk delete's part of the renderer ↔ engine API: a browsing
 * session over the company's organizations (the engine pages the API 500 at a time and serves row
 * windows), the ID sources of a delete (pasted text, a file column), the delete preview, and saved
 * selections. The delete itself is `job/start` with kind `delete` and a {@link DeleteRequestSpec}.
 * `ipc.ts` intersects {@link DeleteChannels} into the whole contract; the zod schemas are in
 * `ipc-delete-schemas.ts` (kept apart so the renderer bundle does not carry zod), the engine side is
 * `electron/engine/app/delete-handlers.ts`.
 */

// ---------------------------------------------------------------------------------------------------
// Browsing

/** What the Organizations list is narrowed to; every given criterion must hold. */
export interface BrowseCriteria {
  /** Name contains this text (case- and accent-insensitive). */
  readonly nameContains?: string;
  readonly ownerId?: number;
  readonly labelId?: number;
  /** Updated at or after this time (RFC 3339). */
  readonly updatedSince?: string;
  /** A saved Pipedrive filter (its own conditions apply on top of the others). */
  readonly filterId?: number;
  /** One field's value; option fields match by label or id, `null` means "is empty". */
  readonly field?: { readonly key: string; readonly value: string | number | boolean | null };
}

/** A column to sort by: `id` or a field key. */
export interface BrowseSort {
  readonly key: string;
  readonly direction: 'asc' | 'desc';
}

/** Columns Pipedrive itself can sort by; any other column is sorted once every row is loaded. */
export const SERVER_SORT_KEYS: ReadonlyArray<string> = ['id', 'update_time', 'add_time'];

/** `browse/open`: the list to show. */
export interface BrowseOpenRequest {
  readonly criteria: BrowseCriteria;
  readonly sort: BrowseSort;
  /** Field keys of the columns to show, after the ID (which is always first). */
  readonly columns: ReadonlyArray<string>;
  /**
   * The session this one replaces (a new sort, filter or column set). It is closed; its rows are
   * reused when they still fit, so re-sorting a fully loaded list costs no request.
   */
  readonly previousSessionId?: string;
}

/** How a column's cells are to be read. */
export type BrowseCellKind = 'text' | 'number' | 'date' | 'datetime' | 'boolean';

/** One column of the table. */
export interface BrowseColumn {
  /** `id` or the field key. */
  readonly key: string;
  readonly header: string;
  readonly kind: BrowseCellKind;
}

/** How far a session has paged through the organizations. */
export interface BrowseProgress {
  /** Matching organizations found so far. */
  readonly loaded: number;
  /** True once every page was read: `loaded` is then the number of matching organizations. */
  readonly complete: boolean;
  /** Organizations looked at so far (matches and not). */
  readonly scanned: number;
  /** Tokens this session has spent. */
  readonly tokensSpent: number;
}

/** An open browsing session. */
export interface BrowseSessionInfo extends BrowseProgress {
  readonly sessionId: string;
  readonly columns: ReadonlyArray<BrowseColumn>;
  /**
   * True when the sort needs every matching row first (a column Pipedrive cannot sort by, or a
   * different order than the one being paged): rows come once the session is complete.
   */
  readonly sortNeedsAll: boolean;
}

/** A cell as shown: text, a number, a boolean, or a date as `YYYY-MM-DD` / `YYYY-MM-DD HH:MM`. */
export type BrowseCell = string | number | boolean | null;

/** One row: the organization's ID and one cell per column (the first cell is the ID again). */
export interface BrowseRow {
  readonly id: number;
  readonly cells: ReadonlyArray<BrowseCell>;
}

/** `browse/rows`: a window of rows in display order. */
export interface BrowseWindowRequest {
  readonly sessionId: string;
  readonly offset: number;
  readonly limit: number;
}

/**
 * A window of rows. Fewer rows than asked come back when the list ends there, or when more pages are
 * still to be read (ask again: each call reads a few pages and returns, so none takes long).
 */
export interface BrowseWindow extends BrowseProgress {
  readonly offset: number;
  readonly rows: ReadonlyArray<BrowseRow>;
}

/** A session addressed by its id. */
export interface BrowseRef {
  readonly sessionId: string;
}

/** `browse/ids`: the IDs of rows `from` (inclusive) to `to` (exclusive) in display order; all by default. */
export interface BrowseIdsRequest {
  readonly sessionId: string;
  readonly from?: number;
  readonly to?: number;
}

// ---------------------------------------------------------------------------------------------------
// ID sources

/** A token of pasted text that is not an organization ID. */
export interface IdJunkItem {
  readonly token: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** What pasted text holds. */
export interface PastedIdsResult {
  /** Distinct IDs in the order first given. */
  readonly ids: ReadonlyArray<number>;
  /** Repeats dropped from `ids`. */
  readonly duplicates: number;
  readonly junk: ReadonlyArray<IdJunkItem>;
}

/** One column of a file, as offered for choosing the ID column. */
export interface IdFileColumn {
  readonly header: string;
  /** The column letter (`A`, `B`…). */
  readonly letter: string;
  /** The first few values, as text. */
  readonly samples: ReadonlyArray<string>;
}

/** `delete/inspect-file`: a file's columns, to choose the one holding the IDs. */
export interface IdFileInfo {
  readonly fileName: string;
  /** XLSX: every sheet; the one read is `sheet`. */
  readonly sheets: ReadonlyArray<string>;
  readonly sheet: string | null;
  readonly columns: ReadonlyArray<IdFileColumn>;
  /** The header of the column that looks like it holds the IDs, when one does. */
  readonly suggested: string | null;
  readonly dataRows: number;
}

/** `delete/read-file`: which file, sheet and column. */
export interface IdFileRequest {
  readonly path: string;
  readonly sheet?: string;
  /** Header or letter of the ID column; omitted: the one headed like an ID, or the only one. */
  readonly column?: string;
}

/** A cell of the ID column that is not an organization ID. */
export interface IdFileProblem {
  readonly row: number;
  readonly value: string;
  readonly message: string;
}

/** The IDs of one column of a file. */
export interface IdFileResult {
  readonly fileName: string;
  readonly column: string;
  readonly sheet: string | null;
  readonly ids: ReadonlyArray<number>;
  readonly duplicates: number;
  readonly rows: number;
  readonly blankCells: number;
  readonly problems: ReadonlyArray<IdFileProblem>;
}

// ---------------------------------------------------------------------------------------------------
// Preview and the job's spec

/** What the delete would do to one ID. */
export type DeletePreviewStatus = 'will-delete' | 'not-found' | 'skip-open-deals';

/** One row of the preview, in the order the IDs were given. */
export interface DeletePreviewRow {
  readonly id: number;
  /** Null when the organization does not exist (or is already deleted). */
  readonly name: string | null;
  readonly ownerId: number | null;
  readonly owner: string | null;
  readonly peopleCount: number | null;
  readonly openDealsCount: number | null;
  readonly status: DeletePreviewStatus;
}

/** `delete/preview`. */
export interface DeletePreviewRequest {
  readonly ids: ReadonlyArray<number>;
  readonly skipOpenDeals: boolean;
}

/** Everything the confirmation shows. */
export interface DeletePreviewResult {
  readonly rows: ReadonlyArray<DeletePreviewRow>;
  /** Exactly what the job will be asked to delete. */
  readonly idsToDelete: ReadonlyArray<number>;
  readonly totals: {
    readonly requested: number;
    readonly willDelete: number;
    readonly notFound: number;
    readonly skippedOpenDeals: number;
    readonly peopleCount: number | null;
    readonly openDealsCount: number | null;
  };
  /** Token costs of the delete by each path (v1 bulk, or v2 one by one), the job's reads included. */
  readonly cost: {
    readonly reads: number;
    readonly v1Bulk: number;
    readonly v2PerId: number;
    readonly totalV1: number;
    readonly totalV2: number;
  };
  readonly previewTokens: number;
  /** The company the preview was made against; the job refuses to run against another. */
  readonly account: { readonly companyId: number; readonly companyName: string };
}

/**
 * The `spec` of `job/start` for `kind: 'delete'`, as the renderer builds it from a preview. The engine
 * checks it again (`electron/engine/jobs/delete/delete-spec.ts`): `confirmedCount` must equal the
 * number of IDs, or nothing starts.
 */
export interface DeleteRequestSpec {
  readonly ids: ReadonlyArray<number>;
  /** The number the user typed. */
  readonly confirmedCount: number;
  readonly skipOpenDeals: boolean;
  readonly excluded: ReadonlyArray<{
    readonly id: number;
    readonly status: 'not-found' | 'skip-open-deals';
    readonly name: string | null;
  }>;
  readonly account: { readonly companyId: number; readonly companyName: string };
  /** Where the IDs came from, in words, for the report. */
  readonly source: string;
}

/** The most IDs one delete (and one preview) takes: what fits one message of the web version. */
export const MAX_DELETE_IDS = 100_000;

// ---------------------------------------------------------------------------------------------------
// Saved selections

/** A saved selection in a listing. */
export interface SavedSelectionSummary {
  readonly name: string;
  readonly count: number;
  readonly updatedAt: string;
  readonly source: string | null;
}

/** A saved selection with its IDs. */
export interface SavedSelectionList extends SavedSelectionSummary {
  readonly ids: ReadonlyArray<number>;
}

// ---------------------------------------------------------------------------------------------------
// Channels

/** Browsing, ID sources, preview, saved selections. */
export interface DeleteChannels {
  'browse/open': (request: BrowseOpenRequest) => Promise<BrowseSessionInfo>;
  'browse/rows': (request: BrowseWindowRequest) => Promise<BrowseWindow>;
  /** Reads a few more pages (for "select all matching" and sorts that need every row). */
  'browse/advance': (ref: BrowseRef) => Promise<BrowseProgress>;
  'browse/ids': (request: BrowseIdsRequest) => Promise<ReadonlyArray<number>>;
  'browse/close': (ref: BrowseRef) => Promise<void>;
  'delete/parse-ids': (args: { readonly text: string }) => Promise<PastedIdsResult>;
  'delete/inspect-file': (args: { readonly path: string; readonly sheet?: string }) => Promise<IdFileInfo>;
  'delete/read-file': (request: IdFileRequest) => Promise<IdFileResult>;
  'delete/preview': (request: DeletePreviewRequest) => Promise<DeletePreviewResult>;
  'selection/list': () => Promise<ReadonlyArray<SavedSelectionSummary>>;
  'selection/save': (args: {
    readonly name: string;
    readonly ids: ReadonlyArray<number>;
    readonly source?: string;
  }) => Promise<SavedSelectionSummary>;
  'selection/load': (args: { readonly name: string }) => Promise<SavedSelectionList>;
  'selection/delete': (args: { readonly name: string }) => Promise<void>;
}

/** The `window.orgport` method of each channel above; `ipc.ts` spreads it into its table. */
export const DELETE_INVOKE_METHODS = {
  'browse/open': 'openBrowse',
  'browse/rows': 'browseRows',
  'browse/advance': 'advanceBrowse',
  'browse/ids': 'browseIds',
  'browse/close': 'closeBrowse',
  'delete/parse-ids': 'parseDeleteIds',
  'delete/inspect-file': 'inspectIdFile',
  'delete/read-file': 'readIdFile',
  'delete/preview': 'previewDelete',
  'selection/list': 'listSelections',
  'selection/save': 'saveSelection',
  'selection/load': 'loadSelection',
  'selection/delete': 'deleteSelection',
} as const satisfies { readonly [C in keyof DeleteChannels]: string };
