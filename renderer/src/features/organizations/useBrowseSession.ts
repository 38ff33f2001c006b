/**
 * The engine's browsing session behind the table: opened for the current filter, order and columns,
 * replaced (not re-read, where the engine can reuse its rows) when one of them changes, and closed
 * when the screen goes. Also drives the loading a sort by a column Pipedrive cannot sort by needs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowseProgress, BrowseSessionInfo } from '../../../../shared/ipc-delete.ts';
import { orgport, unwrap } from '../../api.ts';
import type { BrowseQueryState } from './browse-state.ts';

/** The open session and how far it has read. */
export interface BrowseSessionState {
  readonly session: BrowseSessionInfo | null;
  readonly progress: BrowseProgress | null;
  readonly error: unknown;
  /**
   * True while the list for the current filter is being opened: the session shown is still the one
   * before, so "select all matching" must wait rather than select the old list's matches.
   */
  readonly opening: boolean;
  /** Records progress reported by a row window or an advance. */
  readonly report: (sessionId: string, progress: BrowseProgress) => void;
}

/** Opens (and replaces) the session for `query` on the connection `connectionKey`. */
export function useBrowseSession(
  connectionKey: string,
  query: BrowseQueryState,
  columns: ReadonlyArray<string> | null,
): BrowseSessionState {
  const [session, setSession] = useState<BrowseSessionInfo | null>(null);
  const [progress, setProgress] = useState<BrowseProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  // The engine drops its sessions whenever the connection changes, even to the same company again.
  const [epoch, setEpoch] = useState(0);
  useEffect(() => orgport().onConnectionChanged(() => setEpoch((e) => e + 1)), []);
  const key = `${connectionKey}#${epoch}`;
  const current = useRef<{ id: string; connectionKey: string } | null>(null);
  const request = JSON.stringify({ criteria: query.criteria, sort: query.sort, columns });

  useEffect(() => {
    if (columns === null) return;
    let stale = false;
    const previous = current.current?.connectionKey === key ? current.current.id : undefined;
    setError(null);
    unwrap(
      orgport().openBrowse({
        criteria: query.criteria,
        sort: query.sort,
        columns,
        ...(previous !== undefined ? { previousSessionId: previous } : {}),
      }),
    ).then(
      (opened) => {
        if (stale) {
          void orgport().closeBrowse({ sessionId: opened.sessionId });
          return;
        }
        current.current = { id: opened.sessionId, connectionKey: key };
        setSession(opened);
        setProgress(opened);
        setOpenedFor(`${key}|${request}`);
      },
      (failure: unknown) => {
        if (!stale) setError(failure);
      },
    );
    return () => {
      stale = true;
    };
    // `request` stands for query and columns: a new object with the same content opens nothing.
  }, [key, request]);

  useEffect(
    () => () => {
      if (current.current) void orgport().closeBrowse({ sessionId: current.current.id });
    },
    [],
  );

  const report = useCallback((sessionId: string, next: BrowseProgress) => {
    if (current.current?.id !== sessionId) return;
    setProgress((old) =>
      old && old.loaded === next.loaded && old.complete === next.complete && old.scanned === next.scanned
        ? old
        : next,
    );
  }, []);

  // A sort Pipedrive cannot do needs every row: read on until the list is complete.
  const sessionId = session?.sessionId ?? null;
  const needsAll = session?.sortNeedsAll === true && progress?.complete === false;
  useEffect(() => {
    if (!sessionId || !needsAll) return;
    let stopped = false;
    void (async () => {
      try {
        for (;;) {
          const next = await unwrap(orgport().advanceBrowse({ sessionId }));
          if (stopped) return;
          report(sessionId, next);
          if (next.complete) return;
        }
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    })();
    return () => {
      stopped = true;
    };
  }, [sessionId, needsAll, report]);

  const opening = openedFor !== `${key}|${request}`;
  return { session, progress, error, opening, report };
}
