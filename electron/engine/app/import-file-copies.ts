/**
 * The copies of import files kept in `<data>/import-files/` (see `keepFile` in import-handlers.ts) are
 * there only so that an unfinished job can read its file again after a restart. Once no unfinished job
 * needs a copy it is dead weight, and often a customer list the user would not expect us to keep.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { isFinalState } from '../../../shared/jobs.ts';
import type { StoredJob } from '../jobs/core/job-store.ts';

/** The folder under the data folder that holds the copies, one sub-folder per file content. */
export const IMPORT_FILES_FOLDER = 'import-files';

/**
 * A copy is made just before its job is created; one younger than this is never removed, so a prune
 * running at that moment cannot take the file from under the job being started.
 */
const GRACE_MS = 60 * 60 * 1000;

/** What `pruneImportFileCopies` needs. */
export interface PruneImportFilesOptions {
  readonly dataDir: string;
  /** Every job on disk (the job store's `list`). */
  readonly jobs: () => Promise<readonly StoredJob[]>;
  readonly now?: () => number;
}

/**
 * Removes the copy folders that no unfinished (queued, running, paused or stopped) job reads, and
 * returns the folders removed. A folder that cannot be removed is left for the next time.
 */
export async function pruneImportFileCopies(options: PruneImportFilesOptions): Promise<string[]> {
  const root = path.join(options.dataDir, IMPORT_FILES_FOLDER);
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  if (entries.length === 0) return [];

  const needed = new Set<string>();
  for (const job of await options.jobs()) {
    if (isFinalState(job.summary.state)) continue;
    const file = fileOf(job.job.spec);
    if (file === undefined) continue;
    const relative = path.relative(root, path.resolve(file));
    const folder = relative.split(path.sep)[0];
    if (folder && !relative.startsWith('..') && !path.isAbsolute(relative)) needed.add(folder);
  }

  const now = (options.now ?? Date.now)();
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || needed.has(entry.name)) continue;
    const folder = path.join(root, entry.name);
    const info = await stat(folder).catch(() => null);
    if (!info || now - info.mtimeMs < GRACE_MS) continue;
    try {
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Held open by another program (Windows) or not ours to remove: tried again at the next start.
    }
  }
  return removed;
}

function fileOf(spec: unknown): string | undefined {
  if (typeof spec !== 'object' || spec === null) return undefined;
  const file = (spec as { file?: unknown }).file;
  return typeof file === 'string' ? file : undefined;
}
