/**
 * The open browsing sessions of the Organizations screen. A few are kept (a screen replaces its
 * session on every filter, sort or column change and closes the old one; a second window may have its
 * own); the oldest goes when there are too many, and all go when the connection changes, because
 * their rows belong to the company they were read from.
 */
import { randomUUID } from 'node:crypto';
import type { BrowseOpenRequest, BrowseSessionInfo } from '../../../shared/ipc-delete.ts';
import type { PipedriveClient } from '../pipedrive/index.ts';
import { BrowseSession, type BrowseReference } from './browse-session.ts';
import { ApiCallError } from './dispatch.ts';

/** Sessions kept at most (each may hold up to every organization of the company). */
export const MAX_SESSIONS = 3;

/** The open sessions, by id. */
export class BrowseSessions {
  private readonly sessions = new Map<string, BrowseSession>();

  /**
   * Opens a session over `client`. The company's fields and users come from the session it replaces
   * when there is one for the same connection, else from `reference()`.
   */
  async open(
    client: PipedriveClient,
    request: BrowseOpenRequest,
    reference: () => Promise<BrowseReference>,
  ): Promise<BrowseSessionInfo> {
    const previous =
      request.previousSessionId === undefined ? undefined : this.sessions.get(request.previousSessionId);
    const sameClient = previous?.client === client ? previous : undefined;
    const data = sameClient?.reference ?? (await reference());
    let session: BrowseSession;
    try {
      session = new BrowseSession(randomUUID(), client, data, request, sameClient);
    } catch (error) {
      throw new ApiCallError('invalid_request', error instanceof Error ? error.message : String(error));
    }
    if (previous) await this.close(previous.id);
    this.sessions.set(session.id, session);
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      await this.close(oldest);
    }
    return {
      sessionId: session.id,
      columns: session.columns,
      sortNeedsAll: session.sortNeedsAll,
      ...session.progress(),
    };
  }

  /** The session `id` for a call made over `client`; a clear error when it is gone or stale. */
  get(id: string, client: PipedriveClient): BrowseSession {
    const session = this.sessions.get(id);
    if (!session || session.client !== client) {
      throw new ApiCallError(
        'not_found',
        'This list is no longer open (the connection changed or it was replaced); it is being reloaded.',
      );
    }
    return session;
  }

  /** Closes one session (nothing when it is not open). */
  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.close();
  }

  /** Closes every session. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }

  /** How many sessions are open (for tests). */
  get size(): number {
    return this.sessions.size;
  }
}
