/**
 * An import session: a file opened for import. `openImport` reads the file once — its summary, every
 * row into the preview's row store, samples of each column — and proposes a mapping (with the one
 * used last time for the same headers). The reading happens in the reading worker (files/read
 * `copyRows`), so a big file never blocks the thread serving the window; only the summary, the
 * samples and the row store's index come back. In the same pass the worker converts and plans every
 * row for the first preview (`firstPreview`), once the first rows have proposed the mapping, so that
 * preview needs no second pass over the rows. The preview (preview.ts) works on the session;
 * `closeImport` deletes its temporary rows.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { autoMap } from '../../../shared/automap/index.ts';
import type { ColumnMapping, RememberedMapping } from '../../../shared/automap/index.ts';
import { formatTarget } from '../../../shared/mapping.ts';
import type { MappingTarget } from '../../../shared/mapping.ts';
import { detectColumnSettings } from '../../../shared/values/index.ts';
import type { CellInput, DetectedSettings } from '../../../shared/values/index.ts';
import { sharedReadWorker } from '../files/read/index.ts';
import type { EarlyRows, FileReading, FileSummary, ReadOptions } from '../files/read/index.ts';
import type { MappingMemoryStore } from './mapping-memory-store.ts';
import { reportColumnsOf } from './report-columns.ts';
import { makeSpoolDir, RowSpool, SPOOL_FILE } from './row-spool.ts';
import type { PreviewState } from './preview-state.ts';
import { createPreviewSink, passKey, type PreviewPassResult, type PreviewPassSpec } from './preview-pass.ts';
import { resolveChoices, type ImportChoices } from './choices.ts';
import type { ImportCatalog, ImportMode } from './types.ts';
import type { OrgField } from '../../../shared/model.ts';

/** Which sheet, header row, encoding and delimiter to read; absent ones are detected. */
export interface ImportReadOptions {
  readonly sheet?: string | number;
  readonly headerRow?: number;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly maxBytes?: number;
}

/** What `openImport` needs. */
export interface OpenImportOptions {
  readonly catalog: ImportCatalog;
  readonly read?: ImportReadOptions;
  /** The intended mode, for the auto-mapping (an ID column is no target when creating). */
  readonly mode?: ImportMode;
  /** Offers the mapping used last time for the same headers. */
  readonly memory?: MappingMemoryStore | null;
  readonly signal?: AbortSignal;
  /** Rows read so far, every few thousand rows. */
  readonly onProgress?: (rowsRead: number) => void;
  /** Where the temporary row store goes (default: the OS's temporary folder). */
  readonly tempDir?: string;
  /** Where the file is read (default: the shared reading worker; `localFileReading` reads in this thread). */
  readonly reader?: FileReading;
  /**
   * The preview that will be asked for first, so the reading worker converts and plans the rows while
   * it reads them and that preview needs no second pass (default: the proposed mapping in `mode`, or
   * create). `null` turns this off.
   */
  readonly firstPreview?: FirstPreview | null;
}

/** What the first rows of a file propose, for choosing the first preview's choices. */
export interface FirstProposal {
  readonly headers: ReadonlyArray<string>;
  /** The proposed mapping, one entry per column in column order (as `ImportSession.autoMapping`). */
  readonly autoMapping: ReadonlyArray<ColumnMapping>;
  /** The same as header → target (as `ImportSession.proposedMapping`). */
  readonly mapping: Record<string, MappingTarget | null>;
  /** Columns Orgport's own reports added (as `ImportFileInfo.reportColumns`). */
  readonly reportColumns: ReadonlyArray<string>;
}

/** How the first preview's choices are made from the proposed mapping (see `OpenImportOptions`). */
export interface FirstPreview {
  /** The choices, given what the first rows propose; null when no preview is wanted first. */
  readonly choices?: (proposal: FirstProposal) => ImportChoices | null;
  /**
   * The catalog to convert with (e.g. with the users loaded when a user column is mapped); it becomes
   * the session's catalog.
   */
  readonly catalog?: (choices: ImportChoices, catalog: ImportCatalog) => Promise<ImportCatalog>;
}

/** The first preview's pass, run by the reading worker under the choices with this key. @internal */
export interface EarlyPass {
  readonly key: string;
  readonly catalog: ImportCatalog;
  readonly result: PreviewPassResult;
}

/** The file summary the import screen shows (rows are counted exactly: the whole file was read). */
export type ImportFileInfo = Omit<FileSummary, 'dataRows'> & {
  /** Data rows (blank rows skipped). */
  readonly rows: number;
  /** Columns Orgport's own reports added ("Row", "Reason", "Action"); never imported. */
  readonly reportColumns: ReadonlyArray<string>;
};

/** Non-empty values kept per column for settings detection. */
const DETECT_SAMPLES = 1000;
/** Values per column shown to the auto-mapping. */
const AUTOMAP_SAMPLES = 30;

/** A file opened for import. Treat as opaque apart from the documented read-only properties. */
export class ImportSession {
  /** A random id, for the IPC layer to refer to the session. */
  readonly id = randomUUID();
  /** Row index → the row's cells after the user's edits. @internal */
  readonly edits = new Map<number, CellInput[]>();
  /** Row index → indexes of the edited columns. @internal */
  readonly editedColumns = new Map<number, Set<number>>();
  /** The last preview's state. @internal */
  preview: PreviewState | null = null;
  /** Counts `previewImport` calls, so an older one finishing last does not replace a newer one. @internal */
  previewGeneration = 0;
  /** The pass the reading worker made for the first preview, until that preview takes it. @internal */
  earlyPass: EarlyPass | null = null;
  private readonly detectCache = new Map<string, DetectedSettings | null>();
  private currentCatalog: ImportCatalog;

  constructor(
    /** The file, as read. */
    readonly file: ImportFileInfo,
    catalog: ImportCatalog,
    /** The proposed mapping, one entry per column in column order. */
    readonly autoMapping: ReadonlyArray<ColumnMapping>,
    /** The mapping used last time for a file with these headers, if any. */
    readonly previousMapping: RememberedMapping | null,
    /** The read options the session was opened with (what was chosen, not what was detected). */
    readonly readOptions: ImportReadOptions,
    /** @internal */
    readonly spool: RowSpool,
    /** Up to 1,000 non-empty values per column. @internal */
    readonly samples: ReadonlyArray<ReadonlyArray<CellInput>>,
  ) {
    this.currentCatalog = catalog;
  }

  /** The account's fields and users cells are converted with. */
  get catalog(): ImportCatalog {
    return this.currentCatalog;
  }

  /**
   * Replaces the fields and users (after the user reconnects, or once the users are loaded because a
   * user column got mapped). The current preview is dropped: call `previewImport` again.
   */
  updateCatalog(catalog: ImportCatalog): void {
    this.currentCatalog = catalog;
    this.detectCache.clear();
    this.preview = null;
    this.earlyPass = null;
  }

  /** The file's column headers. */
  get headers(): ReadonlyArray<string> {
    return this.file.headers;
  }

  /** The auto-mapping as a header → target map (the form `previewImport` takes). */
  get proposedMapping(): Record<string, MappingTarget | null> {
    return Object.fromEntries(this.autoMapping.map((m) => [m.column, m.target]));
  }

  /** The cells of the row at `index`, with the user's edits. @internal */
  async cellsAt(index: number): Promise<CellInput[]> {
    const edited = this.edits.get(index);
    if (edited) return edited;
    const [row] = await this.spool.read(index, 1);
    if (!row) throw new RangeError(`There is no row at position ${index}.`);
    return row.cells;
  }

  /**
   * The detected reading settings (date order, separators, currency, with notes saying what was
   * assumed) of the column `header` when mapped to `target`; null for unmapped and ID columns.
   */
  detectedSettings(header: string, target: MappingTarget | null): DetectedSettings | null {
    const column = this.headers.indexOf(header);
    const key = `${column}\u0000${target === null ? '' : formatTarget(target)}`;
    if (this.detectCache.has(key)) return this.detectCache.get(key) ?? null;
    const detected = detectSettings(this.headers, this.samples, this.catalog.fields, header, target);
    this.detectCache.set(key, detected);
    return detected;
  }
}

/** The detected settings of a column from its samples; null for unmapped, unknown and ID columns. */
function detectSettings(
  headers: ReadonlyArray<string>,
  samples: ReadonlyArray<ReadonlyArray<CellInput>>,
  fields: ReadonlyArray<OrgField>,
  header: string,
  target: MappingTarget | null,
): DetectedSettings | null {
  if (target === null || target.kind === 'id') return null;
  const field = fields.find((f) => f.key === target.key);
  const column = headers.indexOf(header);
  if (!field || column < 0) return null;
  return detectColumnSettings(samples[column] ?? [], field, target);
}

/** The proposed mapping, one entry per column in column order; report columns are never mapped. */
function proposeMapping(
  headers: ReadonlyArray<string>,
  samples: ReadonlyArray<ReadonlyArray<CellInput>>,
  fields: ReadonlyArray<OrgField>,
  mode: ImportMode | undefined,
  previous: RememberedMapping | null,
): ColumnMapping[] {
  const reportColumns = reportColumnsOf(headers);
  // Report columns are left out of the auto-mapping altogether, so they cannot take a field from a real column.
  const proposed = autoMap(
    headers
      .map((header, i) => ({ header, samples: (samples[i] ?? []).slice(0, AUTOMAP_SAMPLES) }))
      .filter((column) => !reportColumns.includes(column.header)),
    fields,
    { ...(mode ? { mode } : {}), ...(previous ? { previous } : {}) },
  );
  const byHeader = new Map(proposed.map((m) => [m.column, m]));
  return headers.map(
    (header) =>
      byHeader.get(header) ?? {
        column: header,
        target: null,
        confidence: 1,
        method: 'none',
        note: "Added by Orgport's import report; it is not imported.",
      },
  );
}

/**
 * Answers the reading worker's question after the first rows: the first preview's choices, resolved
 * from those rows' samples exactly as `previewImport` will resolve them from the whole file's, as the
 * spec of the pass the worker runs, with the key `previewImport` compares and the catalog used (null
 * when the caller wants no first preview).
 */
async function firstPass(
  rows: EarlyRows,
  options: OpenImportOptions,
  first: FirstPreview,
): Promise<{ spec: PreviewPassSpec; key: string; catalog: ImportCatalog } | null> {
  const { headers, format } = rows.summary;
  const previous = options.memory?.recall(headers) ?? null;
  const autoMapping = proposeMapping(headers, rows.samples, options.catalog.fields, options.mode, previous);
  const mapping = Object.fromEntries(autoMapping.map((m) => [m.column, m.target]));
  const proposal = { headers, autoMapping, mapping, reportColumns: reportColumnsOf(headers) };
  const choices = first.choices ? first.choices(proposal) : { mapping, mode: options.mode ?? 'create' };
  if (choices === null) return null;
  const catalog = first.catalog ? await first.catalog(choices, options.catalog) : options.catalog;
  const resolved = resolveChoices(headers, catalog.fields, choices, (h, t) =>
    detectSettings(headers, rows.samples, catalog.fields, h, t),
  );
  const spec: PreviewPassSpec = {
    converter: {
      catalog,
      source: format,
      headers,
      mapping: resolved.mapping,
      settings: resolved.settings,
      emptyCells: resolved.emptyCells,
      match: resolved.match,
    },
    mode: resolved.mode,
    updateUnchanged: resolved.updateUnchanged,
  };
  return { spec, key: passKey(resolved), catalog };
}

function readOptionsOf(read: ImportReadOptions, signal: AbortSignal | undefined): ReadOptions {
  return {
    ...(read.sheet === undefined ? {} : { sheet: read.sheet }),
    ...(read.headerRow === undefined ? {} : { headerRow: read.headerRow }),
    ...(read.encoding === undefined ? {} : { encoding: read.encoding }),
    ...(read.delimiter === undefined ? {} : { delimiter: read.delimiter }),
    ...(read.maxBytes === undefined ? {} : { maxBytes: read.maxBytes }),
    ...(signal ? { signal } : {}),
  };
}

/**
 * Opens a file for import: reads it whole (rows go to a temporary store, not memory), collects
 * samples, and proposes a mapping. Throws `FileReadError` for files that cannot be read.
 */
export async function openImport(filePath: string, options: OpenImportOptions): Promise<ImportSession> {
  const read = options.read ?? {};
  const readOptions = readOptionsOf(read, options.signal);
  const reader = options.reader ?? sharedReadWorker();
  const dir = await makeSpoolDir(options.tempDir);
  let spool: RowSpool | null = null;
  const first = options.firstPreview === null ? null : (options.firstPreview ?? {});
  let early: { key: string; catalog: ImportCatalog } | null = null;
  const onEarly = async (rows: EarlyRows): Promise<PreviewPassSpec | null> => {
    const answer = await firstPass(rows, options, first ?? {});
    if (answer === null) return null;
    early = { key: answer.key, catalog: answer.catalog };
    return answer.spec;
  };
  try {
    const copied = await reader.copyRows(filePath, {
      ...readOptions,
      storeFile: path.join(dir, SPOOL_FILE),
      samplesPerColumn: DETECT_SAMPLES,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(first ? { onEarly, makeSink: (spec: unknown) => createPreviewSink(spec as PreviewPassSpec) } : {}),
    });
    spool = await RowSpool.open(dir, copied.rows);
    const { summary, samples } = copied;
    const headers = summary.headers;
    const rows = copied.rows.count;
    options.onProgress?.(rows);
    const { dataRows: _dataRows, ...rest } = summary;
    const file: ImportFileInfo = { ...rest, rows, reportColumns: reportColumnsOf(headers) };
    const previous = options.memory?.recall(headers) ?? null;
    const mapping = proposeMapping(headers, samples, options.catalog.fields, options.mode, previous);
    const ran = early as { key: string; catalog: ImportCatalog } | null;
    const session = new ImportSession(
      file,
      ran?.catalog ?? options.catalog,
      mapping,
      previous,
      read,
      spool,
      samples,
    );
    if (ran && copied.sink) {
      session.earlyPass = { ...ran, result: copied.sink.result as PreviewPassResult };
    }
    return session;
  } catch (error) {
    if (spool) await spool.close();
    else await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Ends a session: deletes its temporary rows. The session must not be used afterwards. */
export async function closeImport(session: ImportSession): Promise<void> {
  session.preview = null;
  await session.spool.close();
}
