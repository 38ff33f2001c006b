/**
 * The import sessions the window has open (a file read for import, with its preview), by id. Each
 * session's calls run one at a time — a page of rows must not be read while the preview it belongs to
 * is being rebuilt — and a newer preview cancels the one still running, so the user's last choice wins
 * quickly. The organizations index a preview matched against is kept per session, so paging, editing
 * and previewing again cost no tokens until the match key or the written fields change.
 */
import { closeImport, type ImportSession, type OrgIndex } from '../import/index.ts';
import { ApiCallError } from './dispatch.ts';

/** Sessions kept open at once; opening one more closes the one used least recently. */
export const MAX_OPEN_SESSIONS = 3;

/** One open session and what was loaded for it. */
export interface ImportSessionEntry {
  readonly session: ImportSession;
  /** The organizations, indexed for `indexKey`. */
  index: OrgIndex | null;
  indexKey: string | null;
  /** True once the users are in the session's catalog. */
  usersLoaded: boolean;
  /** The preview still running, cancelled by a newer one. */
  previewAbort: AbortController | null;
  /** The tail of the session's queue of calls. */
  queue: Promise<unknown>;
  lastUsed: number;
}

/** The registry. */
export class ImportSessions {
  private readonly entries = new Map<string, ImportSessionEntry>();
  private clock = 0;

  /** Adds a new session (closing the least recently used one past the limit). */
  async add(session: ImportSession): Promise<void> {
    this.entries.set(session.id, {
      session,
      index: null,
      indexKey: null,
      usersLoaded: false,
      previewAbort: null,
      queue: Promise.resolve(),
      lastUsed: ++this.clock,
    });
    while (this.entries.size > MAX_OPEN_SESSIONS) {
      const oldest = [...this.entries.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!oldest) break;
      await this.close(oldest.session.id);
    }
  }

  /** The entry of `id`, or a "no longer open" error the user can act on. */
  get(id: string): ImportSessionEntry {
    const entry = this.entries.get(id);
    if (!entry) {
      throw new ApiCallError(
        'not_found',
        'This import is no longer open (Orgport was restarted or another file was opened). Open the file again.',
      );
    }
    entry.lastUsed = ++this.clock;
    return entry;
  }

  /** Runs `work` after every earlier call on the same session has finished. */
  run<T>(id: string, work: (entry: ImportSessionEntry) => Promise<T>): Promise<T> {
    const entry = this.get(id);
    const next = entry.queue.then(
      () => work(entry),
      () => work(entry),
    );
    entry.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs a preview: cancels the one still running on the session (its caller gets a "superseded"
   * error), then queues this one with a signal of its own.
   */
  preview<T>(id: string, work: (entry: ImportSessionEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const entry = this.get(id);
    entry.previewAbort?.abort();
    const controller = new AbortController();
    entry.previewAbort = controller;
    return this.run(id, async (current) => {
      if (controller.signal.aborted) throw superseded();
      try {
        return await work(current, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) throw superseded();
        throw error;
      } finally {
        if (current.previewAbort === controller) current.previewAbort = null;
      }
    });
  }

  /** Closes a session and deletes its temporary rows; unknown ids are ignored (already closed). */
  async close(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    entry.previewAbort?.abort();
    await entry.queue;
    await closeImport(entry.session);
  }

  /** Closes every session (the app is quitting). */
  async closeAll(): Promise<void> {
    for (const id of [...this.entries.keys()]) await this.close(id);
  }
}

function superseded(): ApiCallError {
  return new ApiCallError('conflict', 'A newer preview replaced this one.');
}
