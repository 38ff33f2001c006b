/**
 * The Organizations browser's and the bulk delete's calls: browsing sessions (`browse/*`), the ID
 * sources of a delete (`delete/parse-ids`, `delete/inspect-file`, `delete/read-file`), the preview
 * (`delete/preview`) and saved selections (`selection/*`). The delete itself is `job/start` with the
 * preview's exact IDs; these calls never change anything in Pipedrive.
 */
import type {
  DeleteChannels,
  DeletePreviewResult,
  DeleteRequestSpec,
  IdFileColumn,
  IdFileInfo,
  SavedSelectionSummary,
} from '../../../shared/ipc-delete.ts';
import {
  chooseColumn,
  IdSourceError,
  parseIdText,
  parsePastedIds,
  previewDelete,
  readIdsFromFile,
  SelectionNotFoundError,
  SelectionStore,
  selectionsDir,
  type SavedSelectionInfo,
} from '../delete/index.ts';
import { columnLetter, FileReadError, inspectFile, type CellInput } from '../files/read/index.ts';
import type { DeleteSpecInput } from '../jobs/delete/delete-spec.ts';
import type { PipedriveClient } from '../pipedrive/index.ts';
import { BrowseSessions } from './browse-cache.ts';
import type { ConnectionService } from './connections.ts';
import { ApiCallError } from './dispatch.ts';
import type { EventHub } from './event-hub.ts';
import type { HandlersOf } from './handlers.ts';

/**
 * Compiles only while every spec the renderer can build is one the delete job accepts, so the two
 * cannot drift apart unnoticed.
 */
export const DELETE_REQUEST_FITS_JOB_SPEC: DeleteRequestSpec extends Comparable<DeleteSpecInput>
  ? keyof DeleteRequestSpec extends keyof DeleteSpecInput
    ? true
    : false
  : false = true;

/** The job's input spec with its arrays read-only, as the renderer's contract declares them. */
type Comparable<T> = {
  readonly [K in keyof T]: T[K] extends ReadonlyArray<infer U> | undefined
    ? ReadonlyArray<U> | Extract<T[K], undefined>
    : T[K];
};

/** What the delete handlers need. */
export interface DeleteHandlerDeps {
  readonly connections: ConnectionService<PipedriveClient>;
  /** The app's data folder (saved selections live in its `selections/`). */
  readonly dataDir: string;
  /** When given, browsing sessions are dropped as soon as the connection changes. */
  readonly events?: EventHub;
}

/** The handlers, and a way to drop their browsing sessions when the app closes. */
export interface DeleteHandlerGroup {
  readonly handlers: HandlersOf<DeleteChannels>;
  close(): Promise<void>;
}

const SAMPLE_VALUES = 3;

/** Builds the `browse/*`, `delete/*` and `selection/*` handlers. */
export function deleteHandlers(deps: DeleteHandlerDeps): DeleteHandlerGroup {
  const { connections } = deps;
  const sessions = new BrowseSessions();
  const selections = new SelectionStore(selectionsDir(deps.dataDir));
  deps.events?.on('connection/changed', () => void sessions.closeAll());
  const client = (): PipedriveClient => connections.requireLive().client;

  const handlers: HandlersOf<DeleteChannels> = {
    'browse/open': async (request) => {
      const live = client();
      return sessions.open(live, request, async () => {
        const [fields, users] = await Promise.all([live.listOrganizationFields(), live.listUsers()]);
        return { fields, users };
      });
    },
    'browse/rows': ({ sessionId, offset, limit }) =>
      readable(() => sessions.get(sessionId, client()).window(offset, limit)),
    'browse/advance': ({ sessionId }) => readable(() => sessions.get(sessionId, client()).advance()),
    'browse/ids': ({ sessionId, from, to }) =>
      readable(() => sessions.get(sessionId, client()).ids(from, to)),
    'browse/close': ({ sessionId }) => sessions.close(sessionId),

    'delete/parse-ids': async ({ text }) => {
      const parsed = parsePastedIds(text);
      return {
        ids: parsed.ids,
        duplicates: parsed.duplicates,
        junk: parsed.junk.map(({ token, line, column, reason }) => ({ token, line, column, reason })),
      };
    },
    'delete/inspect-file': ({ path, sheet }) => fileCall(() => inspectIdFile(path, sheet)),
    'delete/read-file': ({ path, sheet, column }) =>
      fileCall(async () => {
        const read = await readIdsFromFile(path, {
          ...(sheet !== undefined ? { sheet } : {}),
          ...(column !== undefined ? { column } : {}),
        });
        return {
          fileName: read.fileName,
          column: read.column,
          sheet: read.sheet ?? null,
          ids: read.ids,
          duplicates: read.duplicates,
          rows: read.rows,
          blankCells: read.blankCells,
          problems: read.problems,
        };
      }),

    'delete/preview': async ({ ids, skipOpenDeals }) => {
      const live = connections.requireLive();
      const preview = await previewDelete(live.client, ids, { skipOpenDeals, includeCounts: true });
      const { company } = live.view.account;
      const result: DeletePreviewResult = {
        ...preview,
        account: { companyId: company.id, companyName: company.name },
      };
      return result;
    },

    'selection/list': async () => (await selections.list()).map(summary),
    'selection/save': ({ name, ids, source }) =>
      selectionCall(async () => {
        const saved = await selections.save(name, ids, source !== undefined ? { source } : {});
        return summary({ ...saved, count: saved.ids.length });
      }),
    'selection/load': ({ name }) =>
      selectionCall(async () => {
        const saved = await selections.load(name);
        return { ...summary({ ...saved, count: saved.ids.length }), ids: saved.ids };
      }),
    'selection/delete': ({ name }) =>
      selectionCall(async () => {
        if (!(await selections.remove(name))) {
          throw new ApiCallError('not_found', `There is no saved selection named "${name}".`);
        }
      }),
  };
  return { handlers, close: () => sessions.closeAll() };
}

/** A file's columns with a few sample values each, and the column that looks like the IDs. */
export async function inspectIdFile(path: string, sheet?: string): Promise<IdFileInfo> {
  let summary = await inspectFile(path, sheet !== undefined ? { sheet } : {});
  // A bare list of numbers has no header row, though detection may take its first ID for one.
  if (summary.headerRowSource === 'detected' && summary.headers.some((h) => parseIdText(h).ok)) {
    summary = await inspectFile(path, { ...(sheet !== undefined ? { sheet } : {}), headerRow: 0 });
  }
  const columns: IdFileColumn[] = summary.headers.map((header, index) => ({
    header,
    letter: columnLetter(index),
    samples: summary.sampleRows
      .map((row) => showValue(row.cells[index] ?? null))
      .filter((value) => value !== '')
      .slice(0, SAMPLE_VALUES),
  }));
  let suggested: string | null = null;
  try {
    suggested = summary.headers[chooseColumn(summary.fileName, summary.headers)] ?? null;
  } catch {
    // No column announces itself as the IDs: the user chooses.
  }
  return {
    fileName: summary.fileName,
    sheets: (summary.sheets ?? []).filter((s) => !s.hidden).map((s) => s.name),
    sheet: summary.sheet ?? null,
    columns,
    suggested,
    dataRows: summary.dataRows.count,
  };
}

function showValue(cell: CellInput): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function summary(info: SavedSelectionInfo): SavedSelectionSummary {
  return { name: info.name, count: info.count, updatedAt: info.updatedAt, source: info.source ?? null };
}

// The session's own errors ("still loading") are the user's to read, not internal failures.
async function readable<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiCallError || (error instanceof Error && 'kind' in error)) throw error;
    throw new ApiCallError('conflict', error instanceof Error ? error.message : String(error));
  }
}

// A file that cannot give IDs is a problem with the input, said in the reader's own words.
async function fileCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof FileReadError || error instanceof IdSourceError) {
      throw new ApiCallError('invalid_request', error.message);
    }
    throw error;
  }
}

async function selectionCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiCallError) throw error;
    if (error instanceof SelectionNotFoundError) throw new ApiCallError('not_found', error.message);
    // File-system failures keep their own kind; the store's other errors are about the name or IDs.
    if (error instanceof Error && 'code' in error) throw error;
    throw new ApiCallError('invalid_request', error instanceof Error ? error.message : String(error));
  }
}
