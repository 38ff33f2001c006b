/**
 * `import/*`: the import screens' calls. A file is opened into a session (read once, rows kept in a
 * temporary store), previewed under the user's choices — against the organizations when rows are
 * matched, loading them once per match key — served to the grid a page at a time, fixed cell by cell,
 * and finally turned into the import job's spec, which the renderer starts with `job/start`. Mapping
 * profiles are in `import-profile-handlers.ts`.
 */
import { copyFile, mkdir, realpath, rename, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { toRememberedMapping } from '../../../shared/automap/index.ts';
import type { ImportChannels, ImportChoicesView } from '../../../shared/ipc-import.ts';
import { firstChoicesView } from '../../../shared/import-first-choices.ts';
import { formatTarget } from '../../../shared/mapping.ts';
import { FileReadError } from '../files/read/index.ts';
import {
  buildImportSpec,
  editCell,
  getPreviewRows,
  loadOrgIndex,
  MappingMemoryStore,
  needsUsers,
  openImport,
  previewImport,
  writtenKeys,
  type ImportCatalog,
  type ImportSession,
  type ImportSpec,
} from '../import/index.ts';
import type { PipedriveClient } from '../pipedrive/index.ts';
import type { ConnectionService } from './connections.ts';
import { ApiCallError } from './dispatch.ts';
import type { HandlersOf } from './handlers.ts';
import { importProfileHandlers } from './import-profile-handlers.ts';
import { isInside } from './openable-paths.ts';
import { ImportSessions, type ImportSessionEntry } from './import-sessions.ts';
import { choicesOf, columnViews, fileView, previewView, rowView, targetOptions } from './import-views.ts';

/** What the import handlers need. */
export interface ImportFeatureDeps {
  readonly connections: ConnectionService<PipedriveClient>;
  /** The data folder (files to import that live in a temporary folder are kept here). */
  readonly dataDir: string;
  /** The data folder's `profiles/` (mapping profiles and the mapping memory). */
  readonly profilesDir: string;
  /** Where sessions keep their temporary rows (default: the OS's temporary folder). */
  readonly tempDir?: string;
}

/** The import feature: its handlers, and `close` for quitting (deletes temporary rows). */
export interface ImportFeature {
  readonly handlers: HandlersOf<ImportChannels>;
  close(): Promise<void>;
}

/** Builds the import feature over the app's connections and data folder. */
export function createImportFeature(deps: ImportFeatureDeps): ImportFeature {
  const sessions = new ImportSessions();
  let memory: Promise<MappingMemoryStore> | null = null;
  const openMemory = (): Promise<MappingMemoryStore> => {
    memory ??= MappingMemoryStore.open(deps.profilesDir);
    return memory;
  };
  const client = (): PipedriveClient => deps.connections.requireLive().client;

  const budgetLeft = async (): Promise<number | null> => {
    try {
      const live = client();
      const usage = live.connectionUsage?.() ?? live.usage();
      return await deps.connections.budgetLeft(usage.tokensSpent);
    } catch {
      return null;
    }
  };

  /** Loads the users when a user column is mapped, and the index when rows are matched. */
  const prepare = async (
    entry: ImportSessionEntry,
    view: ImportChoicesView,
    matchAgainstPipedrive: boolean,
    signal: AbortSignal,
  ): Promise<void> => {
    const { session } = entry;
    const choices = choicesOf(view);
    const targets = Object.values(choices.mapping);
    if (!entry.usersLoaded && needsUsers(targets, session.catalog.fields)) {
      const users = await client().listUsers(signal);
      session.updateCatalog({ ...session.catalog, users });
      entry.usersLoaded = true;
    }
    if (!matchAgainstPipedrive || choices.mode === 'create' || !choices.match) return;
    const written = writtenKeys(targets).sort();
    const key = `${formatTarget(choices.match)}|${written.join(',')}`;
    if (entry.indexKey === key && entry.index) return;
    entry.index = await loadOrgIndex(client(), {
      match: choices.match,
      fields: session.catalog.fields,
      writtenKeys: written,
      signal,
    });
    entry.indexKey = key;
  };

  const handlers: HandlersOf<ImportChannels> = {
    'import/open': async ({ path, read, mode, replaces }) => {
      const previous = replaces === undefined ? null : sessionOrNull(sessions, replaces);
      // Reading the same file again with other settings reuses the fields: no tokens spent twice.
      const catalog: ImportCatalog = previous
        ? { ...previous.catalog, users: [] }
        : { fields: await client().listOrganizationFields(), users: [] };
      const session = await readFile(path, {
        catalog,
        read: read ?? {},
        memory: await openMemory().catch(() => null),
        ...(mode ? { mode } : {}),
        ...(deps.tempDir ? { tempDir: deps.tempDir } : {}),
        // The screen's first preview is under firstChoicesView of the proposed targets (as the column
        // views below give them): the reading worker makes it while it reads the file, with the users
        // loaded first when a user column is mapped.
        firstPreview: {
          choices: (proposal) =>
            choicesOf(
              firstChoicesView(
                Object.fromEntries(
                  proposal.autoMapping.map((m) => [m.column, m.target && formatTarget(m.target)]),
                ),
                mode,
              ),
            ),
          catalog: async (choices, known) =>
            needsUsers(Object.values(choices.mapping), known.fields)
              ? { ...known, users: await client().listUsers() }
              : known,
        },
      });
      if (replaces !== undefined) await sessions.close(replaces);
      await sessions.add(session);
      if (session.catalog.users.length > 0) sessions.get(session.id).usersLoaded = true;
      return {
        sessionId: session.id,
        file: fileView(session),
        columns: columnViews(session),
        targets: targetOptions(catalog.fields),
        remembered: session.previousMapping !== null,
      };
    },

    'import/preview': ({ sessionId, choices, matchAgainstPipedrive }) =>
      sessions.preview(sessionId, async (entry, signal) => {
        await prepare(entry, choices, matchAgainstPipedrive, signal);
        const matched = matchAgainstPipedrive && choices.mode !== 'create';
        const preview = await previewImport(entry.session, choicesOf(choices), {
          index: matched ? entry.index : null,
          signal,
        });
        return previewView(preview, await budgetLeft(), matched ? (entry.index?.size ?? null) : null);
      }),

    'import/rows': ({ sessionId, offset, limit, problemsOnly }) =>
      sessions.run(sessionId, async ({ session }) => {
        requirePreview(session);
        const page = await getPreviewRows(session, offset, limit, { problemsOnly });
        return { total: page.total, offset: page.offset, rows: page.rows.map(rowView) };
      }),

    'import/edit-cell': ({ sessionId, rowNumber, column, text }) =>
      sessions.run(sessionId, async (entry) => {
        requirePreview(entry.session);
        try {
          const result = await editCell(entry.session, rowNumber, column, text);
          return {
            row: rowView(result.row),
            preview:
              result.preview &&
              previewView(
                result.preview,
                await budgetLeft(),
                result.preview.indexLoaded ? (entry.index?.size ?? null) : null,
              ),
          };
        } catch (error) {
          if (error instanceof RangeError) throw new ApiCallError('invalid_request', error.message);
          throw error;
        }
      }),

    'import/build-spec': ({ sessionId, choices }) =>
      sessions.run(sessionId, async ({ session }) => {
        let spec: ImportSpec;
        try {
          spec = await buildImportSpec(session, choicesOf(choices));
        } catch (error) {
          throw new ApiCallError('invalid_request', error instanceof Error ? error.message : String(error));
        }
        await remember(await openMemory().catch(() => null), session, choices);
        return { spec: await keepFile(spec, deps.dataDir) };
      }),

    'import/close': async ({ sessionId }) => {
      await sessions.close(sessionId);
    },

    ...importProfileHandlers({
      profilesDir: deps.profilesDir,
      session: (id) => sessions.get(id).session,
    }),
  };

  return { handlers, close: () => sessions.closeAll() };
}

function sessionOrNull(sessions: ImportSessions, id: string): ImportSession | null {
  try {
    return sessions.get(id).session;
  } catch {
    return null;
  }
}

function requirePreview(session: ImportSession): void {
  if (!session.preview) throw new ApiCallError('conflict', 'The preview is not ready yet.');
}

/** Opens a file, turning the reader's errors (which name the file and the problem) into user errors. */
async function readFile(path: string, options: Parameters<typeof openImport>[1]): Promise<ImportSession> {
  try {
    return await openImport(path, options);
  } catch (error) {
    if (error instanceof FileReadError) throw new ApiCallError('invalid_request', error.message);
    throw error;
  }
}

/**
 * A job reads its file again when it is resumed, maybe after a restart; a file in the temporary folder
 * (the browser version's uploads, an attachment opened from an email) may be gone by then. Such a file
 * is copied into the data folder, once per content, and the job reads the copy.
 */
async function keepFile(spec: ImportSpec, dataDir: string): Promise<ImportSpec> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => path.resolve(p));
  const [file, temp, data] = await Promise.all([real(spec.file), real(os.tmpdir()), real(dataDir)]);
  if (!isInside(temp, file) || isInside(data, file) || spec.fileHash === undefined) return spec;
  const folder = path.join(dataDir, 'import-files', spec.fileHash.slice(0, 16));
  const copy = path.join(folder, path.basename(file));
  const exists = await stat(copy).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(folder, { recursive: true });
    // Copied under another name first: a half-written copy must never pass for the file.
    await copyFile(file, `${copy}.part`);
    await rename(`${copy}.part`, copy);
  }
  return { ...spec, file: copy };
}

/** Remembers the mapping for these headers, so the next file like it is mapped the same way. */
async function remember(
  memory: MappingMemoryStore | null,
  session: ImportSession,
  choices: ImportChoicesView,
): Promise<void> {
  if (!memory) return;
  const columns = session.headers.map((column) => ({
    column,
    target: choicesOf(choices).mapping[column] ?? null,
  }));
  // The memory only offers suggestions: failing to write it must not stop the import.
  await memory.remember(session.headers, toRememberedMapping(columns)).catch(() => undefined);
}
