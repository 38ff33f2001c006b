/**
 * The rows the table draws, fetched from the engine's session in blocks of 100 as they come into view
 * (only those), and kept for the session's life. A block that came back short while more pages were
 * still to be read is asked for again the next time it is in view, which is how scrolling to the end
 * reads the next page.
 */
import { useCallback, useMemo, useState } from 'react';
import type { BrowseProgress, BrowseRow } from '../../../../shared/ipc-delete.ts';
import { orgport, unwrap } from '../../api.ts';

/** Rows per request. */
export const BLOCK_SIZE = 100;

/** Access to the rows of one session. */
export interface RowBlocks {
  /** The row at a display index, when its block has arrived. */
  row(index: number): BrowseRow | undefined;
  /** Fetches the blocks covering display indexes `first`…`last` that are missing or short. */
  ensure(first: number, last: number): void;
  /** Changes whenever a block arrives (an effect dependency for callers). */
  readonly version: number;
  readonly error: unknown;
}

interface Block {
  readonly rows: ReadonlyArray<BrowseRow>;
  readonly full: boolean;
}

/** Row blocks of the session `sessionId`; `report` receives each answer's progress. */
export function useRowBlocks(
  sessionId: string | null,
  report: (sessionId: string, progress: BrowseProgress) => void,
): RowBlocks {
  // A new session starts with an empty cache.
  const store = useMemo(
    () => ({ sessionId, blocks: new Map<number, Block>(), inflight: new Set<number>(), failed: false }),
    [sessionId],
  );
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<{ sessionId: string | null; error: unknown } | null>(null);

  const ensure = useCallback(
    (first: number, last: number) => {
      const id = store.sessionId;
      if (id === null || store.failed) return;
      for (let b = Math.floor(Math.max(0, first) / BLOCK_SIZE); b <= Math.floor(last / BLOCK_SIZE); b += 1) {
        if (store.blocks.get(b)?.full === true || store.inflight.has(b)) continue;
        store.inflight.add(b);
        unwrap(orgport().browseRows({ sessionId: id, offset: b * BLOCK_SIZE, limit: BLOCK_SIZE })).then(
          (window) => {
            store.inflight.delete(b);
            store.blocks.set(b, {
              rows: window.rows,
              full: window.rows.length === BLOCK_SIZE || window.complete,
            });
            report(id, window);
            setVersion((v) => v + 1);
          },
          (failure: unknown) => {
            store.inflight.delete(b);
            store.failed = true;
            setError({ sessionId: id, error: failure });
          },
        );
      }
    },
    [store, report],
  );

  const row = useCallback(
    (index: number) => store.blocks.get(Math.floor(index / BLOCK_SIZE))?.rows[index % BLOCK_SIZE],
    [store],
  );

  return {
    row,
    ensure,
    version,
    error: error && error.sessionId === sessionId ? error.error : null,
  };
}
