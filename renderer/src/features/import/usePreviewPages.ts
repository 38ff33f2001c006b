/**
 * The rows the grid needs, fetched a page at a time: only the pages around what is on screen are
 * asked for, so a 100,000-row preview costs a few hundred rows of memory in the page.
 */
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import type { ImportRowView } from '../../../../shared/ipc-import.ts';
import { PAGE_SIZE, rowsPageQuery } from './queries.ts';

/** What the grid reads. */
export interface PreviewPages {
  /** The row at a position of the list, once its page is in. */
  rowAt(index: number): ImportRowView | undefined;
  /** Rows in the list according to the engine (null until a page answered). */
  readonly total: number | null;
  readonly error: unknown;
}

/** Fetches the pages covering positions `first`..`last` of the list. */
export function usePreviewPages(
  sessionId: string,
  stamp: number | null,
  problemsOnly: boolean,
  first: number,
  last: number,
): PreviewPages {
  const firstPage = Math.floor(Math.max(0, first) / PAGE_SIZE);
  const lastPage = Math.max(firstPage, Math.floor(Math.max(0, last) / PAGE_SIZE));
  const pages: number[] = [];
  for (let page = firstPage; page <= lastPage; page++) pages.push(page);
  const results = useQueries({
    queries: pages.map((page) => ({
      ...rowsPageQuery(sessionId, stamp ?? -1, problemsOnly, page),
      enabled: stamp !== null,
      // While a new preview is made the old rows stay on screen rather than blanking the grid.
      placeholderData: keepPreviousData,
    })),
  });
  const byPage = new Map<number, (typeof results)[number]['data']>();
  results.forEach((result, i) => byPage.set(pages[i] ?? -1, result.data));
  const total = results.find((r) => r.data && !r.isPlaceholderData)?.data?.total ?? null;
  return {
    rowAt: (index) => {
      const data = byPage.get(Math.floor(index / PAGE_SIZE));
      if (!data) return undefined;
      return data.rows[index - data.offset];
    },
    total,
    error: results.find((r) => r.error)?.error ?? null,
  };
}
