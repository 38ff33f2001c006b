/**
 * The export screen's part of the renderer ↔ engine API: the saved Pipedrive filters it offers, and
 * the shape of the spec it starts an export job with. `ipc.ts` intersects {@link ExportChannels} into
 * the whole contract; the engine side is `electron/engine/app/export-handlers.ts`.
 */

/** A saved Pipedrive filter on organizations, usable as an export's `filterId`. */
export interface SavedFilter {
  readonly id: number;
  readonly name: string;
}

/** Where a CSV export separates its values: comma, semicolon (Excel in many European locales) or tab. */
export type CsvDelimiter = ',' | ';' | '\t';

/** The orders an export can list organizations in. */
export type ExportSortBy = 'id' | 'update_time' | 'add_time';

/**
 * The `spec` of `job/start` for `kind: 'export'`, as the renderer builds it. The engine checks it again
 * (`electron/engine/jobs/export/export-spec.ts`), and a compile-time check there keeps the two in step.
 */
export interface ExportRequestSpec {
  /** The file to write (from `file/save-dialog`). */
  readonly out: string;
  readonly format: 'xlsx' | 'csv';
  /** CSV only. */
  readonly delimiter?: CsvDelimiter;
  /** Field keys to export; the ID column is always written first. */
  readonly fields?: ReadonlyArray<string>;
  /** A saved filter; cannot be combined with `ownerId` (Pipedrive ignores the owner then). */
  readonly filterId?: number;
  readonly ownerId?: number;
  /** RFC 3339; inclusive. */
  readonly updatedSince?: string;
  /** RFC 3339; exclusive. */
  readonly updatedUntil?: string;
  readonly sortBy?: ExportSortBy;
  readonly sortDirection?: 'asc' | 'desc';
}

/** Export calls. */
export interface ExportChannels {
  /** The active company's saved organization filters, by name. */
  'filters/list': () => Promise<ReadonlyArray<SavedFilter>>;
}
